"""Repairs of a file's form: the byte-order mark, line endings, the header's spelling."""

from __future__ import annotations

import polars as pl

from linter.engine.csvfile import ROW
from linter.fix.registry import repair
from linter.fix.work import NEW, OLD, Change, FileWork, Work

CRLF = "\r\n"  # RFC 4180 §2, which the CSV binding adopts: each record ends with CRLF


def _codes(file: FileWork) -> set[str]:
    return {f.code for f in file.parsed.findings} if file.parsed is not None else set()


@repair(
    code="F001", name="strip-bom", fixes=("P102",),
    title="Removes the UTF-8 byte-order mark at the start of a file",
    why="The mark is three invisible bytes before the header, not part of any value: the file reads the same without it, "
        "and older importers no longer take it for part of the first column's name.",
    leaves="Nothing: a UTF-8 byte-order mark is always removed. A file in another encoding (P101) is left as it is.",
)
def strip_bom(work: Work) -> None:
    for file in work.files.values():
        if "P102" in _codes(file):
            file.strip_bom = True
            work.changes.append(Change(file.name, None, "F001", "P102"))


@repair(
    code="F002", name="crlf-line-endings", fixes=("P103",),
    title="Ends every line with CRLF, the line ending of RFC 4180",
    why="The CSV binding is RFC 4180, whose records end with CRLF. Only the breaks between records change; a line break "
        "inside a quoted cell is content and stays as it is.",
    leaves="A file whose rows cannot be read exactly as written (ragged rows, bad quoting) and that holds quotes: "
           "there fix cannot tell a record's end from a break inside a cell.",
)
def line_endings(work: Work) -> None:
    for file in work.files.values():
        if "P103" not in _codes(file):
            continue
        if file.blocked and b'"' in file.raw:
            work.leave(file.name, None, "P103", file.blocked)
            continue
        file.line_ending = CRLF
        file.changed = file.changed or not file.blocked
        work.changes.append(Change(file.name, None, "F002", "P103"))


@repair(
    code="F003", name="header-names", fixes=("P203", "P207"),
    title="Restores a column name's case and removes spaces around it",
    why="The linter already recognises 'SourcedId' and 'beginDate ' as the schema's sourcedId and beginDate (it reads the "
        "values below them as those columns); fix writes the name the schema spells, for exactly the columns the linter recognises.",
    leaves="Names that are not the schema's name in another case or with spaces (a misspelling, P202), repeated or blank "
           "columns, and columns out of order: which column was meant is a decision for a person.",
)
def header_names(work: Work) -> None:
    for file in work.data_files():
        renamed = [(position, label, file.mapping[position]) for position, label in enumerate(file.labels)
                   if position in file.mapping and label != file.mapping[position]]
        for position, label, name in renamed:
            code = "P207" if label != label.strip() else "P203"  # as map_header reports it
            if file.blocked:
                work.leave(file.name, name, code, file.blocked, [1])
                continue
            file.labels[position] = name
            file.changed = True
            rows = pl.DataFrame({ROW: [1], OLD: [label], NEW: [name]}, schema={ROW: pl.Int64, OLD: pl.String, NEW: pl.String})
            work.changes.append(Change(file.name, name, "F003", code, rows))
