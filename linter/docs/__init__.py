"""The help site's generated pages, made from the very objects the linter uses: the schemas
(file reference), the rule registry and its examples (rule catalogue), the click commands
(CLI reference), the year-end data, the vendor profiles, the configuration's JSON Schema and
the repairs of `oneroster-lint fix`.

    pages() -> {docs path: markdown}     the mkdocs hook adds these to the site
    expand_nav(nav) -> nav               puts each generated section's pages under its index

pytest tests the pages without mkdocs; docs/hooks/reference.py only hands them to mkdocs.
"""

from __future__ import annotations

from typing import Any

from linter.catalogue import all_specs
from linter.docs import commands, configuration, files, profiles, repairs, rules, usage, yearend
from linter.docs.paths import NavItem


def pages(examples: usage.Examples | None = None) -> dict[str, str]:
    """Every generated page; `examples`, the bad examples' reports when they were run already."""
    found = usage.build(examples)
    return {**rules.pages(found), **files.pages(found), **commands.pages(), **yearend.pages(), **profiles.pages(), **configuration.pages(), **repairs.pages()}


def sections() -> dict[str, list[NavItem]]:
    """Navigation of the generated sections, keyed by the section's index page."""
    return {**rules.nav(all_specs()), **files.nav()}


def expand_nav(nav: list[Any] | None) -> list[Any] | None:
    """mkdocs.yml names a generated section by its index page (`- Rules: rules/index.md`);
    this replaces the index page by the whole section, so no generated page is listed by hand."""
    generated = sections()

    def walk(item: Any) -> Any:  # mkdocs.yml's nav, as YAML gives it
        if isinstance(item, list):
            return [walk(entry) for entry in item]
        if isinstance(item, dict):
            return {title: generated[value] if isinstance(value, str) and value in generated else walk(value) for title, value in item.items()}
        return item

    expanded: list[Any] | None = walk(nav)
    return expanded
