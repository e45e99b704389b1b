"""oneroster-lint: checks OneRoster CSV packages before a district uploads them.

    from linter import lint
    report = lint("export.zip")          # a Report; the library never prints or exits
    report.findings                      # the findings as Finding objects, in report order
    report.table                         # the same findings as one polars DataFrame
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path

import polars as pl

from linter.findings import Finding, Report, Severity, finding_table
from linter.profiles import load_profile
from linter.registry import SelectorError, check_selectors, matches
from linter.source import CannotLint, Limits

__version__ = "0.1.0"
RECORDED = "@recorded"  # `previous` that names the last upload recorded in the state folder
__all__ = ["CannotLint", "Finding", "Report", "SelectorError", "Severity", "lint", "__version__"]


def lint(path: str | Path, *, version: str = "auto", select: Iterable[str] = (), ignore: Iterable[str] = (),
         progress: Callable[[int, int, str], None] | None = None, previous: str | Path | None = None,
         profile: str = "default", custom_profiles: dict[str, dict] | None = None, limits: Limits = Limits(),
         as_of: date | None = None, recorded: dict[str, dict] | None = None, state: str | Path | None = None) -> Report:
    """Check the package at `path` (a folder or a .zip); raise CannotLint if it cannot be read.
    `progress`, when given, is called with (steps done, steps in all, what was just done).
    With `previous` (the last upload), the year-end comparison's findings are added, judged on
    the day `as_of` (default today) and with the school statuses the district `recorded`.
    `previous` may be RECORDED: the last upload recorded in the `state` folder
    (`oneroster-lint record`), compared with this one protected the same way.
    `limits` caps what a folder or zip may hold (see linter.source.Limits). A selector that
    names no code, prefix or rule raises SelectorError."""
    from linter.engine import lint as run
    from linter.engine import sort_table
    from linter.schemas import load

    select, ignore = list(select), list(ignore)
    check_selectors(select, "select")
    check_selectors(ignore, "ignore")
    chosen = load_profile(profile, custom_profiles)
    last, key = None, None
    if previous == RECORDED:
        from linter.yearend.recorded import last_upload

        last, key = last_upload(state)
    elif previous is not None:
        from linter.yearend.snapshot import take_snapshot

        last = take_snapshot(previous, version, limits)
    # A recorded upload holds hashed ids: a delta's references are resolved only against a real one.
    report, ctx = run(path, version=version, progress=progress, profile=chosen, limits=limits, base=last.ctx if last and key is None else None)
    if last is not None:
        from linter.yearend.compare import compare_snapshots
        from linter.yearend.recorded import protect
        from linter.yearend.snapshot import Snapshot

        now = Snapshot(ctx if key is None else protect(ctx, key))  # the package as just checked: read once
        comparison = compare_snapshots(last, now, chosen, as_of, recorded)
        both = pl.concat([report.table, finding_table(comparison.findings)], how="vertical")
        report.table = sort_table(both, load(report.version))
    codes = report.table.get_column("code").unique().to_list()  # each code judged once, not each finding
    chosen_codes = [code for code in codes if (not select or matches(code, select)) and not matches(code, ignore)]
    if len(chosen_codes) < len(codes):
        report.table = report.table.filter(pl.col("code").is_in(chosen_codes))
    return report
