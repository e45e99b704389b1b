"""Probes: cheap yes/no questions asked of whole columns, all at once, in parallel.

A probe pairs a one-cell lazy query ("does this check fail anywhere?") with the function
that extracts the findings when it does. Valid data, the common case, costs one parallel
pass; rows are only pulled out for the checks that actually fail.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

import polars as pl

from linter.engine.csvfile import ROW
from linter.engine.emit import emit
from linter.findings import Found


@dataclass(frozen=True)
class Probe:
    fails: pl.LazyFrame  # one row, one boolean column
    extract: Callable[[], pl.DataFrame | list[Found]]  # a frame of findings (emit's), or findings


def run_probes(probes: Iterable[Probe]) -> list[Found]:
    probes = list(probes)
    if not probes:
        return []
    answers = pl.collect_all([probe.fails for probe in probes])
    findings: list[Found] = []
    for probe, answer in zip(probes, answers, strict=True):
        if answer.item():
            found = probe.extract()
            findings += [found] if isinstance(found, pl.DataFrame) else found
    return findings


def rows_probe(code: str | None, file: str, frame: pl.DataFrame, failing: pl.Expr, *, field: str | None, message: str,
               hint: str | None = None, show: str | None = None) -> Probe:
    """A probe for the rows of `frame` where `failing` holds; `show` names the column whose
    cell is the finding's value (kept apart from the message, printed only on request)."""

    def extract() -> pl.DataFrame:
        rows = frame.filter(failing)
        rows = rows.select(ROW, pl.col(show).alias("value")) if show else rows.select(ROW)
        return emit(code, file, rows, field=field, message=message, hint=hint)

    return Probe(frame.lazy().select(failing.any()), extract)


def combos_probe(code: str | None, file: str, frame: pl.DataFrame, columns: list[str], bad: Callable[[pl.LazyFrame], pl.LazyFrame], *,
                 field: str | None, message: str, hint: str | None = None) -> Probe:
    """A probe for the rows whose combination of `columns` is selected by `bad`.

    `bad` sees only the distinct combinations: two million enrollments hold a few hundred
    thousand user-school pairs, so a rule's question is asked once per combination."""
    combos = bad(frame.lazy().select(columns).unique()).select(columns)

    def extract() -> pl.DataFrame:
        rows = frame.join(combos.collect(), on=columns, how="semi").sort(ROW)
        return emit(code, file, rows.select(ROW), field=field, message=message, hint=hint)

    return Probe(combos.select(pl.len() > 0), extract)


def duplicates_probe(code: str | None, file: str, frame: pl.DataFrame, keys: list[pl.Expr], *, field: str, message: str,
                     hint: str | None = None, where: pl.Expr | None = None, show: str | None = None) -> Probe:
    """A probe for rows whose key an earlier row (among those `where` selects) already has.
    `{first}` in the message becomes that earlier row's number ("same sourcedId as row 4").

    The yes/no question compares the number of distinct 64-bit hashes with the number of
    rows, several times faster than comparing strings; a hash collision can only make the
    exact extraction run and find nothing, never report a false duplicate."""
    candidates = frame.lazy() if where is None else frame.lazy().filter(where)
    key = keys[0] if len(keys) == 1 else pl.struct(keys)

    def extract() -> pl.DataFrame:
        rows = candidates.with_columns(pl.col(ROW).min().over(key).alias("first")).filter(~key.is_first_distinct()).collect()
        before, _, after = message.partition("{first}")
        worded = pl.concat_str(pl.lit(before), pl.col("first").cast(pl.String), pl.lit(after)) if "{first}" in message else pl.lit(message)
        rows = rows.select(ROW, worded.alias("message"), *([pl.col(show).alias("value")] if show else []))
        return emit(code, file, rows, field=field, message=message, hint=hint)

    return Probe(candidates.select(key.hash().n_unique() < pl.len()), extract)
