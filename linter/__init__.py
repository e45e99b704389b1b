"""oneroster-lint: checks OneRoster CSV packages before a district uploads them.

    from linter import lint
    report = lint("export.zip")          # a Report; the library never prints or exits
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from linter.findings import Finding, Report, Severity
from linter.registry import matches
from linter.source import CannotLint

__version__ = "0.1.0"
__all__ = ["CannotLint", "Finding", "Report", "Severity", "lint", "__version__"]


def lint(path: str | Path, *, version: str = "auto", select: Iterable[str] = (), ignore: Iterable[str] = (),
         progress: Callable[[int, int, str], None] | None = None) -> Report:
    """Check the package at `path` (a folder or a .zip); raise CannotLint if it cannot be read.
    `progress`, when given, is called with (steps done, steps in all, what was just done)."""
    from linter.engine import lint as run

    report = run(path, version=version, progress=progress)
    select, ignore = list(select), list(ignore)
    report.findings = [
        f for f in report.findings
        if (not select or matches(f.code, select)) and not matches(f.code, ignore)
    ]
    return report
