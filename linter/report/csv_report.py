"""CSV, one row per finding: the form vendors' own error reports take, for a spreadsheet.

Columns: file, row, field, code, severity, message, hint (and value with show_values).
Quoting is RFC 4180's, by the csv module; lines end in '\\n' (a text stream on Windows writes
'\\r\\n'), which every CSV reader accepts. A cell that a spreadsheet would run as a formula
(it starts with = + - @, a tab or a CR) gets a leading apostrophe (`escape.csv_cell`), so opening
the report is safe.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator

import polars as pl

from linter.findings import Report
from linter.report.escape import LEGACY, csv_cell
from linter.report.slices import is_plain, pieces

COLUMNS = ("file", "row", "field", "code", "severity", "message", "hint")


def render(report: Report, *, show_values: bool = False, **_: object) -> str:
    return "".join(stream(report, show_values=show_values))


def stream(report: Report, *, show_values: bool = False, **_: object) -> Iterator[str]:
    """The records in pieces: memory for the output does not grow with the number of findings.
    Slices whose every cell is plain text are written by polars; a slice with a line break, a
    control or another character `csv_cell` escapes is written record by record."""
    record = _Records()
    names = [*COLUMNS, *(("value",) if show_values else ())]
    yield record(names)
    line = _line(names)
    for part in report.table.iter_slices(SLICE):
        if is_plain(part, [name for name in names if name != "row"]):
            yield from pieces(part.select(line).to_series())
            continue
        for f in report.each(part):
            cells = [f.file, f.row, f.field, f.code, f.severity.value, f.message, f.hint]
            if show_values:
                cells.append(f.value)
            yield record([csv_cell(cell) for cell in cells])


SLICE = 65_536  # findings written by polars at a time


def _line(names: list[str]) -> pl.Expr:
    """One record as text, as csv.writer and csv_cell write a cell that is plain text."""
    return pl.concat_str([_cell(name) for name in names], separator=",") + pl.lit("\n")


def _cell(name: str) -> pl.Expr:
    if name == "row":
        return pl.col("row").cast(pl.String).fill_null("")
    text = pl.col(name).fill_null("").str.replace_all(LEGACY, "##\\x5b", literal=True)
    text = text.str.replace(r"^( *::)", "'$1")  # a line a CI log would run as a workflow command
    text = pl.when(text.str.contains(r"^[=+\-@]")).then(pl.lit("'") + text).otherwise(text)  # a formula
    needs_quotes = text.str.contains(r'[,"]')
    return pl.when(needs_quotes).then(pl.lit('"') + text.str.replace_all('"', '""', literal=True) + pl.lit('"')).otherwise(text)


class _Records:
    """One CSV record at a time, ending in '\\n'. The csv module quotes a cell that holds a
    character of its line terminator, so it is given '\\r\\n' (and the ending swapped after):
    with '\\n' alone, a bare CR in a name would be left unquoted and split the row for readers."""

    def __init__(self) -> None:
        self.buffer = io.StringIO()
        self.writer = csv.writer(self.buffer, lineterminator="\r\n")

    def __call__(self, cells: Iterable[object]) -> str:
        self.buffer.seek(0)
        self.buffer.truncate()
        self.writer.writerow(cells)
        return self.buffer.getvalue()[:-2] + "\n"
