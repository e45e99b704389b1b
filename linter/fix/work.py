"""What fix works on: every CSV file of the package, parsed as `check` parses it, with its
columns mapped to schema fields as `check` maps them, and the repairs made so far.

A repair changes whole columns (polars expressions or value mappings, never a loop over rows);
`FileWork.set_column` compares the old and new column and keeps the rows that changed, so the
report lists exactly what was written. A file whose rows could not be read exactly as written
(ragged rows, bad quoting, another encoding) is never rewritten: its repairs are listed as left
alone instead.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

import polars as pl

from linter.engine.context import Context
from linter.engine.csvfile import ROW, ParsedFile
from linter.findings import Finding, Found
from linter.schemas import FieldSpec, TableSpec

OLD, NEW = "old", "new"
# Findings of the parser after which the cells are still exactly what the file holds.
CLEAN_PARSE = {"P102", "P103", "P110", "P111"}


@dataclass
class Change:
    """One repair in one column of one file: the rows it changed, with the old and new values."""

    file: str
    field: str | None
    repair: str  # F code
    fixes: str  # the finding code it repairs
    rows: pl.DataFrame | None = None  # ROW, OLD, NEW; None for a change of the whole file (a BOM, line endings)

    @property
    def count(self) -> int:
        return 0 if self.rows is None else self.rows.height


@dataclass
class LeftAlone:
    """A case fix could not repair with certainty: which finding stays, where, and why."""

    file: str | None
    field: str | None
    code: str  # the finding code that stays
    reason: str  # the linter's own words, never a cell value
    # dataclasses.field: a bare `field` here would be read as the attribute above
    rows: list[int] = dataclasses.field(default_factory=list)
    values: list[str] = dataclasses.field(default_factory=list)  # shown only with --show-values
    notes: dict[str, str] = dataclasses.field(default_factory=dict)  # value -> what it could mean, shown beside it


@dataclass
class FileWork:
    name: str
    raw: bytes
    parsed: ParsedFile | None  # None: a file fix keeps as it is (headless, empty)
    table: TableSpec | None
    mapping: dict[int, str]  # column position -> field name
    frame: pl.DataFrame  # ROW plus the mapped fields, as repaired so far
    labels: list[str]  # the header as it will be written
    blocked: str | None = None  # why the cells cannot be rewritten, if they cannot
    strip_bom: bool = False  # set when the byte-order mark is removed
    line_ending: str | None = None  # set when the file's line endings are repaired
    changed: bool = False  # cells or header repaired: the file is written anew

    @property
    def fields(self) -> tuple[FieldSpec, ...]:
        """The fields of the file's table; none for a file that is not a table of the version."""
        return self.table.fields if self.table is not None else ()

    def column(self, name: str) -> bool:
        return name in self.frame.columns

    def set_column(self, work: Work, name: str, new: pl.Expr, repair: str, fixes: str) -> None:
        """Replace a column by `new`; record the rows that change (or, in a file that cannot be
        rewritten, list them as left alone)."""
        changed = (self.frame.select(ROW, pl.col(name).alias(OLD), new.alias(NEW))
                   .filter(pl.col(OLD) != pl.col(NEW)))
        if changed.is_empty():
            return
        if self.blocked:
            work.leave(self.name, name, fixes, self.blocked, changed.get_column(ROW).to_list(), changed.get_column(OLD).unique().to_list())
            return
        self.frame = self.frame.with_columns(new.alias(name))
        self.changed = True
        work.changes.append(Change(self.name, name, repair, fixes, changed))


@dataclass
class Work:
    """The whole package under repair."""

    ctx: Context  # the package as check reads it (version, modes, damaged files), before any repair
    files: dict[str, FileWork]
    requested_version: str
    container: list[Finding] = field(default_factory=list)  # the findings about the folder or zip itself
    loaded: list[Found] = field(default_factory=list)  # the findings of reading the package as check does (no value checks)
    changes: list[Change] = field(default_factory=list)
    left: list[LeftAlone] = field(default_factory=list)
    manifest: list[tuple[str, str]] | None = None  # the manifest's lines, when it is rewritten

    def leave(self, file: str | None, column: str | None, code: str, reason: str, rows: list[int] | None = None,
              values: list[str] | None = None, notes: dict[str, str] | None = None) -> None:
        self.left.append(LeftAlone(file, column, code, reason, sorted(rows or []), sorted(values or []), notes or {}))

    def data_files(self) -> list[FileWork]:
        """Files with a table of the version, in the package's order."""
        return [f for f in self.files.values() if f.table is not None and f.parsed is not None]


def distinct(frame: pl.DataFrame, column: str) -> list[str]:
    """The distinct non-empty values of a column: a handful, whatever the rows."""
    return frame.select(pl.col(column).filter(pl.col(column) != "").unique()).get_column(column).to_list()


def rows_where(frame: pl.DataFrame, condition: pl.Expr) -> list[int]:
    return frame.filter(condition).get_column(ROW).to_list()
