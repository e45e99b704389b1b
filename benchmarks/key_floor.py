"""Read every CSV as raw_read.py does, then do the least that any key and reference check must do.

    python benchmarks/key_floor.py DIR

For each file with a primary key: count its distinct sourcedIds (one hash of the column).
For each single-valued reference the schemas declare (enrollments.classSourcedId ->
classes.sourcedId, ...): count the values missing from the referenced ids (one lookup of
the column). Nothing else: no structure proof, no field checks, no named rules, no report.

This is a floor under the check, not a rival to it: whatever the engine does, it cannot
prove keys unique and references resolved for less. run.py times it beside the raw read so
`key floor / raw read` shows how much of the check's time the work itself requires.
Prints, as JSON, the duplicate and dangling counts per file (a district with none gives zeros).
"""

from __future__ import annotations

import sys
from pathlib import Path

import polars as pl

sys.path.insert(0, str(Path(__file__).resolve().parent))  # sibling scripts, not a package
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the schemas, from this checkout

from raw_read import folder_main, read_package  # noqa: E402

from linter.schemas import load  # noqa: E402

VERSION = "1.1"  # the generated districts' version, as run.py's frictionless package


def key_and_reference_counts(folder: Path, version: str = VERSION) -> dict[str, dict[str, int]]:
    """Per file: rows whose sourcedId repeats, and per reference the values it cannot resolve.

    All queries go to polars at once, as the linter's probes do, so both cores work."""
    frames = read_package(folder)
    tables = {name: table for name, table in load(version).tables.items() if name in frames}
    queries: list[tuple[str, str, pl.LazyFrame]] = []
    for name, table in tables.items():
        frame = frames[name]
        if table.primary_key in frame.columns:
            queries.append((name, table.primary_key, frame.lazy().select(pl.len() - pl.col(table.primary_key).n_unique())))
        for field in table.fields:
            target = field.reference
            if target is None or field.name not in frame.columns or target.file not in frames or field.is_list:
                continue  # a list of ids (orgSourcedIds) is split before it is looked up: more work, not the floor
            ids = frames[target.file].get_column(target.field).implode()
            missing = pl.col(field.name).is_not_null() & ~pl.col(field.name).is_in(ids)
            queries.append((name, field.name, frame.lazy().select(missing.sum())))
    answers = pl.collect_all([query for _, _, query in queries])
    counts: dict[str, dict[str, int]] = {}
    for (name, column, _), answer in zip(queries, answers, strict=True):
        counts.setdefault(name, {})[column] = int(answer.item())
    return counts


def main(argv: list[str] | None = None) -> int:
    return folder_main(__doc__, key_and_reference_counts, argv)


if __name__ == "__main__":
    sys.exit(main())
