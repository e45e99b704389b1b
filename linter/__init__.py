"""oneroster-lint: checks OneRoster CSV packages before a district uploads them.

    from linter import lint
    report = lint("export.zip")          # a Report; the library never prints or exits
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from linter.findings import Finding, Report, Severity
from linter.registry import matches
from linter.source import CannotLint

__version__ = "0.1.0"
__all__ = ["CannotLint", "Finding", "Report", "Severity", "lint", "__version__"]


def lint(path: str | Path, *, version: str = "auto", select: Iterable[str] = (), ignore: Iterable[str] = ()) -> Report:
    """Check the package at `path` (a folder or a .zip); raise CannotLint if it cannot be read."""
    from linter.engine import lint as run

    report = run(path, version=version)
    select, ignore = list(select), list(ignore)
    report.findings = [
        f for f in report.findings
        if (not select or matches(f.code, select)) and not matches(f.code, ignore)
    ]
    return report
