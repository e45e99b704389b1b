"""The one shape every check reports in, and the report that collects them.

A check reports either `Finding` objects (a handful: a missing file, a bad header) or a frame
of many at once (one per offending row, straight from polars). The report holds them all as
one polars frame with the columns of `COLUMNS`, so selection, severity overrides, sorting and
the machine formats work on whole columns; `Report.findings` gives them as objects for the
few readers that want them one by one."""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

import polars as pl

from linter.utf8 import printable


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """Higher is worse; used for --fail-on and for ordering."""
        return RANKS[self.value]


RANKS = {"error": 2, "warning": 1, "info": 0}


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem at one place. `message` never holds the cell value: that is `value`,
    which can be personal data and is printed only when the user asks for it. Once in a report,
    bytes of a name that are not UTF-8 read as their visible text (\\xff) in the message, hint
    and value; `file` keeps the name as the file system gave it (Report.names)."""

    code: str
    severity: Severity
    message: str
    file: str | None
    row: int | None = None  # header = 1, first data row = 2
    field: str | None = None
    hint: str | None = None
    value: str | None = None

    def redacted(self) -> Finding:
        return replace(self, value=None) if self.value is not None else self


# The columns of a frame of findings, in Finding's order; severity holds Severity's value.
COLUMNS: dict[str, type[pl.DataType]] = {
    "code": pl.String, "severity": pl.String, "message": pl.String, "file": pl.String,
    "row": pl.Int64, "field": pl.String, "hint": pl.String, "value": pl.String,
}
SEVERITIES = {s.value: s for s in Severity}

Found = Finding | pl.DataFrame  # what a check reports: one finding, or a frame of them


def finding_table(found: Iterable[Found]) -> pl.DataFrame:
    """One frame of findings, in the order given, from findings and frames of them."""
    frames: list[pl.DataFrame] = []
    loose: list[Finding] = []
    for item in found:
        if isinstance(item, pl.DataFrame):
            if loose:
                frames.append(_frame_of(loose))
                loose = []
            frames.append(item.select(pl.col(name).cast(kind) for name, kind in COLUMNS.items()))
        elif isinstance(item, Finding):
            loose.append(item)
        else:
            raise TypeError(f"a check reported {type(item).__name__}, not a Finding or a frame of findings")
    if loose:
        frames.append(_frame_of(loose))
    return pl.concat(frames, how="vertical", rechunk=False) if frames else pl.DataFrame(schema=COLUMNS)


def _frame_of(findings: list[Finding]) -> pl.DataFrame:
    # A frame holds UTF-8 only: a file name's undecodable bytes become their visible \xNN here,
    # as every report shows them anyway.
    def text(value: str | None) -> str | None:
        return printable(value) if value else value

    columns = {
        "code": [f.code for f in findings],
        "severity": [f.severity.value for f in findings],
        "message": [text(f.message) for f in findings],
        "file": [text(f.file) for f in findings],
        "row": [f.row for f in findings],
        "field": [text(f.field) for f in findings],
        "hint": [text(f.hint) for f in findings],
        "value": [text(f.value) for f in findings],
    }
    return pl.DataFrame(columns, schema=COLUMNS)


def as_findings(table: pl.DataFrame, names: dict[str, str] | None = None) -> Iterator[Finding]:
    """The findings of a frame as objects, one slice at a time (memory stays flat); `names`
    gives back the file names the frame holds as their visible bytes (see Report.names)."""
    for piece in table.iter_slices(10_000):
        for code, severity, message, file, *rest in piece.select(list(COLUMNS)).iter_rows():
            yield Finding(code, SEVERITIES[severity], message, names.get(file, file) if names and file else file, *rest)


def undecodable_names(found: Iterable[Found]) -> dict[str, str]:
    """{the name as a frame holds it: the name as the file system gave it} for the file names
    whose bytes are not UTF-8: a report's locations (a SARIF URI) must still name the file."""
    return {printable(f.file): f.file for f in found if isinstance(f, Finding) and f.file and printable(f.file) != f.file}


class Report:
    """What one lint run found; the library returns it and never prints.
    `table` holds the findings in report order; `findings` gives them as objects."""

    __slots__ = ("_objects", "_table", "files", "names", "version")

    def __init__(self, findings: Iterable[Found] | pl.DataFrame = (), version: str | None = None,
                 files: dict[str, int] | None = None) -> None:
        found = findings if isinstance(findings, pl.DataFrame) else list(findings)
        self.names = {} if isinstance(found, pl.DataFrame) else undecodable_names(found)  # file names that are not UTF-8
        self.table = found if isinstance(found, pl.DataFrame) else finding_table(found)
        self.version = version
        self.files = files if files is not None else {}  # file name -> data rows

    @property
    def table(self) -> pl.DataFrame:
        return self._table

    @table.setter
    def table(self, table: pl.DataFrame) -> None:
        self._table = table
        self._objects: list[Finding] | None = None

    @property
    def findings(self) -> list[Finding]:
        if self._objects is None:
            self._objects = list(self.each())
        return self._objects

    @findings.setter
    def findings(self, found: Iterable[Found]) -> None:
        found = list(found)
        self.names = {**self.names, **undecodable_names(found)}
        self.table = finding_table(found)

    def each(self, table: pl.DataFrame | None = None) -> Iterator[Finding]:
        """The findings (or those of `table`, a part of this report's) as objects, a slice at a
        time: what the formats that write one finding at a time read."""
        return as_findings(self._table if table is None else table, self.names)

    def count(self, severity: Severity) -> int:
        return int(self._table.get_column("severity").eq(severity.value).sum())

    @property
    def rows(self) -> int:
        return sum(self.files.values())

    @property
    def worst(self) -> int:
        """The rank of the worst severity found, -1 when nothing was."""
        return max((RANKS[name] for name in self._table.get_column("severity").unique().to_list()), default=-1)

    def fails(self, threshold: Severity) -> bool:
        return self.worst >= threshold.rank
