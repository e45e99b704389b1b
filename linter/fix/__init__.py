"""`oneroster-lint fix`: repairs what is certain in a copy of the package, and lists the rest.

    result = fix_package("export.zip", "repaired.zip")   # a FixResult; the library never prints

The input is read through the same reader as `check` and never written. Each repair is
declared once (linter.fix.registry) beside the module that makes it; they run in the order of
PIPELINE, and the copy is then checked with the same `lint()` as `check`: any finding left
whose code a repair covers is listed as left alone, with the reason.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from linter.config import Config
from linter.findings import Report
from linter.fix import dates, layout, manifest, references, values  # noqa: F401  (importing declares the repairs)
from linter.fix.package import check_target, is_zip, load_work, serialise, write_package
from linter.fix.registry import REPAIRS, check_fixes, covered_codes
from linter.fix.work import Change, LeftAlone
from linter.paths import refuse_inputs
from linter.source import Limits

__all__ = ["PIPELINE", "Change", "FixResult", "LeftAlone", "fix_package"]

# Status before vocabulary (an 'Active' status in a bulk file is emptied, not recased); the
# manifest last, once every file is known.
PIPELINE = ("F001", "F002", "F003", "F007", "F004", "F005", "F006", "F009", "F008")
assert set(PIPELINE) == set(REPAIRS), "every declared repair runs once"
check_fixes()

CONTAINER = ("about the folder or zip itself: the repaired copy holds only the CSV files that were read, "
             "under the names they were read as, at its top level")


@dataclass
class FixResult:
    origin: str
    target: str
    dry_run: bool
    changes: list[Change]
    left: list[LeftAlone]
    remaining: Report  # the copy, checked as `check` checks it


def fix_package(package: str | Path, target: str | Path, *, version: str | None = None, config: Config | None = None,
                limits: Limits = Limits(), dry_run: bool = False, force: bool = False) -> FixResult:
    """Repair the package at `package` into `target` (a folder, or a zip when its name ends in
    .zip); with `dry_run` nothing is written at `target`. The copy is then checked with
    `config` (the version, when given, replaces its own), as `check` would check it.
    CannotLint when the package cannot be read or `target` cannot (or may not) be written."""
    from linter import lint

    config = (config or Config()).overridden(oneroster_version=version)
    version = config.oneroster_version

    package, target = Path(package), Path(target)
    check_target(package, target, force, dry_run)
    work = load_work(package, version, limits)
    for code in PIPELINE:
        run = REPAIRS[code].run
        assert run is not None  # @repair attaches the function of every repair in the pipeline
        run(work)
    for finding in work.container:
        work.leave(finding.file, finding.field, finding.code, CONTAINER)
    files = {name: serialise(file) for name, file in work.files.items()}
    if dry_run:
        with tempfile.TemporaryDirectory(prefix="oneroster-lint-fix-") as scratch:
            copy = Path(scratch) / ("package.zip" if is_zip(target) else "package")
            refuse_inputs(copy, (package,), "dry run's copy")
            write_package(files, copy, force=False)
            remaining = lint(copy, config, limits=limits)
    else:
        write_package(files, target, force)
        remaining = lint(target, config, limits=limits)
    return FixResult(str(package), str(target), dry_run, work.changes, work.left + unexplained(remaining, work.left), remaining)


def unexplained(report: Report, left: list[LeftAlone]) -> list[LeftAlone]:
    """Findings of the copy whose code a repair covers, and that no repair listed: each is a
    case fix does not repair (Yes in a boolean column, an impossible date), listed with its message."""
    covered = covered_codes()
    listed = {(entry.file, entry.code, entry.field, row) for entry in left for row in (entry.rows if entry.rows else [None])}
    found = []
    for f in report.findings:
        if f.code in covered and not {(f.file, f.code, f.field, f.row), (f.file, f.code, f.field, None)} & listed:
            found.append(LeftAlone(f.file, f.field, f.code, f"not a case fix repairs: {f.message}",
                                   [f.row] if f.row is not None else [], [f.value] if f.value is not None else []))
    return found
