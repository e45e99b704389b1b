"""Where each generated page lives in the site (docs paths; mkdocs serves rules/X001.md at rules/X001/)."""

from __future__ import annotations

# An entry of mkdocs' nav: a page's path, or {title: a page's path, or a list of entries}.
NavItem = str | dict[str, "str | list[NavItem]"]

RULES = "rules/index.md"
CLI = "reference/cli.md"
CONFIGURATION = "reference/configuration.md"
YEAREND = "year-end/index.md"
PROFILES = "reference/profiles.md"


def rule_page(code: str) -> str:
    return f"rules/{code}.md"


def files_index(version: str) -> str:
    return f"files/oneroster-{version}/index.md"


def file_page(version: str, file: str) -> str:
    return f"files/oneroster-{version}/{file.removesuffix('.csv')}.md"


def column_anchor(name: str) -> str:
    return name
