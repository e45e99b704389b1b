"""Where a finding points, for the formats that link to files and to the help site.

A folder package's CSV files are files in the user's repository: `origin/users.csv`.
A zip's members are not, so the formats that need a real file (SARIF, GitHub annotations)
point at the zip itself and name the member in the message.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache, lru_cache
from pathlib import Path, PurePath
from urllib.parse import quote

from linter.catalogue import all_specs
from linter.findings import Finding
from linter.registry import RuleSpec

# The help site; every rule has a page at <DOCS_URL>/rules/<CODE>/. The CLI may pass another.
DOCS_URL = "https://oneroster-lint.readthedocs.io/en/latest"


def rule_url(code: str, docs_url: str = DOCS_URL) -> str:
    return f"{docs_url.rstrip('/')}/rules/{code}/"


@cache
def _registry() -> dict[str, RuleSpec]:
    return {spec.code: spec for spec in all_specs()}


def spec_of(code: str) -> RuleSpec | None:
    """The registry's declaration of a code (None for a code it does not know)."""
    return _registry().get(code)


def rule_name(code: str) -> str:
    spec = spec_of(code)
    return spec.name if spec else ""


def is_archive(origin: str) -> bool:
    """True when the package was a zip (a file), False for a folder or no origin at all."""
    return bool(origin) and Path(origin).is_file()


def relative(path: str) -> str:
    """The path as given, in '/' form; an absolute path under the working folder is made relative to it."""
    pure = PurePath(path)
    if pure.is_absolute():
        try:
            pure = pure.relative_to(Path.cwd())
        except ValueError:
            pass
    text = pure.as_posix()
    return text[2:] if text.startswith("./") else text


def artifacts(origin: str) -> Callable[[str | None], tuple[str, str | None]]:
    """A function from a package's file name to (the file on disk, the zip member or None).

    In a folder that is origin/file (origin itself for a finding about the whole package);
    in a zip it is the zip, and the member is named beside it. The disk is asked once."""
    base = relative(origin) if origin else ""
    if is_archive(origin):
        return lambda file: (base, file)
    return lambda file: (f"{base}/{file}" if base and file else base or file or ".", None)


@lru_cache(maxsize=1024)
def uri(path: str) -> str:
    """A relative URI reference for a '/' path (spaces and the like percent-encoded)."""
    if PurePath(path).is_absolute():
        return Path(path).as_uri()
    # A name that is not UTF-8 keeps its very bytes (%FF): the URI still points at the file.
    return quote(path, safe="/", errors="surrogateescape")


def place(finding: Finding, *, member: str | None = None, row: bool = True) -> str:
    """'users.csv, row 5, email': the member (for zips), row and field, whichever apply."""
    parts = [member, f"row {finding.row}" if row and finding.row is not None else None, finding.field]
    return ", ".join(part for part in parts if part)
