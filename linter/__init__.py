"""oneroster-lint: checks OneRoster CSV packages before a district uploads them.

    from linter import lint
    report = lint("export.zip")          # a Report; the library never prints or exits
    report = lint("export.zip", load_config())  # with the choices `check` would read
    report.findings                      # the findings as Finding objects, in report order
    report.table                         # the same findings as one polars DataFrame
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import Any

import polars as pl

from linter.config import Config, load_config
from linter.findings import Finding, Report, Severity, finding_table
from linter.registry import SelectorError
from linter.source import CannotLint, Limits

__version__ = "0.1.0"
RECORDED = "@recorded"  # `previous` that names the last upload recorded in the state folder
__all__ = ["CannotLint", "Config", "Finding", "Report", "SelectorError", "Severity", "lint", "load_config", "__version__"]


def lint(path: str | Path, config: Config | None = None, *, version: str | None = None, select: Iterable[str] | None = None,
         ignore: Iterable[str] | None = None, profile: str | None = None, custom_profiles: dict[str, dict[str, Any]] | None = None,
         progress: Callable[[int, int, str], None] | None = None, previous: str | Path | None = None, limits: Limits = Limits(),
         as_of: date | None = None, recorded: dict[str, dict[str, Any]] | None = None, state: str | Path | None = None) -> Report:
    """Check the package at `path` (a folder or a .zip); raise CannotLint if it cannot be read.

    `config` holds every choice about what to report (select, ignore, severity overrides,
    per-file ignores, the version, the profile), as `check` reads it from .oneroster-lint.toml;
    `load_config()` gives the nearest one. The keywords of the same names override it, as
    `check`'s flags do, so the library and `check` give the same findings for the same choices.
    A selector that names no code, prefix or rule raises SelectorError.

    `progress`, when given, is called with (steps done, steps in all, what was just done).
    With `previous` (the last upload), the year-end comparison's findings are added, judged on
    the day `as_of` (default today) and with the school statuses the district `recorded`.
    `previous` may be RECORDED: the last upload recorded in the `state` folder
    (`oneroster-lint record`), compared with this one protected the same way.
    `limits` caps what a folder or zip may hold (see linter.source.Limits)."""
    from linter.engine import lint as run
    from linter.engine import sort_table
    from linter.rules import RULES
    from linter.schemas import load

    config = (config or Config()).overridden(oneroster_version=version, select=select, ignore=ignore, profile=profile,
                                             profiles=custom_profiles, state=state)
    config.check()
    chosen = config.chosen_profile()
    last, key = None, None
    if previous == RECORDED:
        from linter.yearend.recorded import last_upload

        last, key = last_upload(config.state)
    elif previous is not None:
        from linter.yearend.snapshot import take_snapshot

        last = take_snapshot(previous, config.oneroster_version, limits)
    # A recorded upload holds hashed ids: a delta's references are resolved only against a real one.
    report, ctx = run(path, rules=RULES, version=config.oneroster_version, progress=progress, profile=chosen, limits=limits,
                      base=last.ctx if last and key is None else None)
    if last is not None:
        from linter.yearend.compare import compare_snapshots
        from linter.yearend.recorded import protect
        from linter.yearend.snapshot import Snapshot

        now = Snapshot(ctx if key is None else protect(ctx, key))  # the package as just checked: read once
        comparison = compare_snapshots(last, now, chosen, as_of, recorded)
        report.table = pl.concat([report.table, finding_table(comparison.findings)], how="vertical")
    report.table = sort_table(config.apply(report.table), load(report.version))
    return report
