"""The steps every format shares when polars writes its findings a slice at a time: whether a
slice is plain text, and cutting the lines polars built into pieces for the writer."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from itertools import islice

import polars as pl

from linter.findings import Report
from linter.report.escape import PLAIN

PIECE = 1_024  # findings per piece written: a few hundred kilobytes


def is_plain(part: pl.DataFrame, columns: list[str]) -> bool:
    """True when every cell of these columns is plain text (escape.PLAIN); an empty cell is."""
    return bool(part.select(pl.all_horizontal(pl.col(columns).fill_null("").str.contains(PLAIN)).all()).item())


def pieces(lines: pl.Series | Iterable[str], separator: str = "") -> Iterator[str]:
    """The lines PIECE at a time, each piece joined by `separator` (a caller that separates
    findings writes it between the pieces too); lines written in Python are taken as they come."""
    if not isinstance(lines, pl.Series):
        lines = iter(lines)
        while batch := list(islice(lines, PIECE)):
            yield separator.join(batch)
        return
    for start in range(0, lines.len(), PIECE):
        yield lines.slice(start, PIECE).str.join(separator).item()


def places(report: Report, locate: Callable[[str | None], tuple[str, str | None]]) -> dict[str | None, tuple[str, str | None]]:
    """Where each file of the report is (its path, and its member for a zip), asked once per file,
    of the name as the file system gave it."""
    return {file: locate(report.names.get(file, file) if file else file) for file in report.table.get_column("file").unique().to_list()}
