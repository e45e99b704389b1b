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
from collections.abc import Iterator

from linter.findings import Report, as_findings
from linter.report.escape import csv_cell

COLUMNS = ("file", "row", "field", "code", "severity", "message", "hint")


def render(report: Report, *, show_values: bool = False, **_: object) -> str:
    return "".join(stream(report, show_values=show_values))


def stream(report: Report, *, show_values: bool = False, **_: object) -> Iterator[str]:
    """One record at a time: memory for the output does not grow with the number of findings."""
    record = _Records()
    yield record(COLUMNS + (("value",) if show_values else ()))
    for f in as_findings(report.table):
        cells = [f.file, f.row, f.field, f.code, f.severity.value, f.message, f.hint]
        if show_values:
            cells.append(f.value)
        yield record([csv_cell(cell) for cell in cells])


class _Records:
    """One CSV record at a time, ending in '\\n'. The csv module quotes a cell that holds a
    character of its line terminator, so it is given '\\r\\n' (and the ending swapped after):
    with '\\n' alone, a bare CR in a name would be left unquoted and split the row for readers."""

    def __init__(self) -> None:
        self.buffer = io.StringIO()
        self.writer = csv.writer(self.buffer, lineterminator="\r\n")

    def __call__(self, cells) -> str:
        self.buffer.seek(0)
        self.buffer.truncate()
        self.writer.writerow(cells)
        return self.buffer.getvalue()[:-2] + "\n"
