"""The project's own addresses, declared once in pyproject.toml ([project.urls]).

In a source checkout pyproject.toml sits beside the package and is read directly, so an edit
shows at once; an installed copy reads the same table from its package metadata."""

from __future__ import annotations

import re
import sys
from functools import cache
from importlib import metadata
from pathlib import Path

DISTRIBUTION = "oneroster-lint"
PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"
# What a workflow may name: https://github.com/OWNER/REPO, nothing a shell or YAML would read.
GITHUB_REPOSITORY = re.compile(r"https://github\.com/([A-Za-z0-9-]+)/([A-Za-z0-9._-]+)")


@cache
def urls() -> dict[str, str]:
    """{label: url} of [project.urls]."""
    if PYPROJECT.is_file():
        if sys.version_info >= (3, 11):
            import tomllib
        else:  # pragma: no cover  (Python 3.10)
            import tomli as tomllib
        project = tomllib.loads(PYPROJECT.read_text(encoding="utf-8")).get("project", {})
        if project.get("name") == DISTRIBUTION:
            return dict(project.get("urls", {}))
    try:
        return from_metadata(metadata.metadata(DISTRIBUTION).get_all("Project-URL") or [])
    except metadata.PackageNotFoundError:
        return {}


def from_metadata(entries: list[str]) -> dict[str, str]:
    """{label: url} of a distribution's `Project-URL: label, url` lines."""
    return dict(entry.split(", ", 1) for entry in entries if ", " in entry)


def repository() -> str:
    """The project's GitHub repository, https://github.com/OWNER/REPO."""
    url = urls().get("Repository", "")
    if not GITHUB_REPOSITORY.fullmatch(url):
        raise LookupError(f"[project.urls] Repository is {url!r}, not https://github.com/OWNER/REPO")
    return url


def action() -> str:
    """OWNER/REPO, as a workflow's `uses:` names the project's GitHub Action."""
    match = GITHUB_REPOSITORY.fullmatch(repository())
    assert match is not None  # repository() has matched it already
    owner, name = match.groups()
    return f"{owner}/{name}"
