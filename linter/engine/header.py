"""Compares a file's header row with its Table Schema and maps columns to fields.

Columns that are recognisable despite damage (wrong case, stray spaces) are still mapped to
their field, so the values below them get checked too: one renamed header should not hide
every other problem in the file.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import replace

from linter import baseline
from linter.engine.csvfile import ParsedFile
from linter.findings import Finding, Severity
from linter.registry import Basis, declare, finding
from linter.schemas import TableSpec

EXTENSION_PREFIX = "metadata."

_COURSES = baseline.header("courses.csv")
_COURSE_ROW = "alg1,,,y2026,Algebra I,MA101,09,sch,Math,"

P201 = declare(
    code="P201", name="missing-column", severity=Severity.ERROR, basis=Basis.STANDARD,
    clause="CSV Binding 1.2.1 §3: the header has exactly the columns of the file's table, in order", frictionless_error="missing-label",
    title="A column of the standard is missing",
    why="Consumers map columns by their exact names; a missing column is read as a broken file, or its values as empty.",
    fix="Add the column to the header in its standard place, even if all its cells are empty.",
    bad={"courses.csv": "sourcedId,status,dateLastModified,schoolYearSourcedId,title,courseCode,grades,orgSourcedId,subjects\nalg1,,,y2026,Algebra I,MA101,09,sch,Math\n"},
    good={"courses.csv": f"{_COURSES}\n{_COURSE_ROW}\n"},
)
P202 = declare(
    code="P202", name="unknown-column", severity=Severity.ERROR, basis=Basis.STANDARD,
    clause="CSV Binding 1.2.1 §3: extension columns are metadata columns after all the defined ones; no other column is allowed", frictionless_error="extra-label",
    title="A column is not part of the standard",
    why="Strict consumers reject files with columns they do not know. Extra data belongs in 'metadata.' columns after the standard ones.",
    fix="Remove the column, or rename it 'metadata.<name>' and place it after all the standard columns.",
    bad={"courses.csv": f"{_COURSES},credits\n{_COURSE_ROW},5\n"},
    good={"courses.csv": f"{_COURSES},metadata.credits\n{_COURSE_ROW},5\n"},
)
P203 = declare(
    code="P203", name="column-name-case", severity=Severity.ERROR, basis=Basis.STANDARD,
    clause="CSV Binding 1.2.1 §3: header names are case-sensitive", frictionless_error="incorrect-label",
    title="A column name differs from the standard in upper/lower case",
    why="Column names are case-sensitive: 'SourcedId' is not 'sourcedId', so the consumer does not find the column. Spreadsheets often capitalise names.",
    fix="Rename the column exactly as the standard spells it.",
    bad={"courses.csv": f"SourcedId{_COURSES[len('sourcedId'):]}\n{_COURSE_ROW}\n"},
    good={"courses.csv": f"{_COURSES}\n{_COURSE_ROW}\n"},
)
P204 = declare(
    code="P204", name="columns-out-of-order", severity=Severity.ERROR, basis=Basis.STANDARD,
    clause="CSV Binding 1.2.1 §3: header fields appear in exactly the order of the file's table", frictionless_error="incorrect-label",
    title="The columns are not in the standard order",
    why="Many consumers read columns by position, so reordered columns put values in the wrong fields.",
    fix="Put the columns back in the order the standard gives (see the file's reference page).",
    bad={"courses.csv": "sourcedId,status,dateLastModified,schoolYearSourcedId,courseCode,title,grades,orgSourcedId,subjects,subjectCodes\nalg1,,,y2026,MA101,Algebra I,09,sch,Math,\n"},
    good={"courses.csv": f"{_COURSES}\n{_COURSE_ROW}\n"},
)
P205 = declare(
    code="P205", name="duplicate-column", severity=Severity.ERROR, basis=Basis.STANDARD,
    clause="CSV Binding 1.2.1 §3: header names are unique within a file", frictionless_error="duplicate-label",
    title="A column name appears twice in the header",
    why="A consumer reads one of the two columns and silently drops the other.",
    fix="Remove or rename the duplicate column.",
    bad={"courses.csv": f"{_COURSES},title\n{_COURSE_ROW},Algebra\n"},
    good={"courses.csv": f"{_COURSES}\n{_COURSE_ROW}\n"},
)
P206 = declare(
    code="P206", name="blank-column-name", severity=Severity.ERROR, basis=Basis.STANDARD,
    clause="CSV Binding 1.2.1 §3: header names are exactly those of the file's table", frictionless_error="blank-label",
    title="A column has no name",
    why="Usually a trailing comma on the header or a spreadsheet column that was cleared but not deleted; consumers reject the extra column.",
    fix="Delete the unnamed column (and the trailing comma on every row).",
    bad={"courses.csv": f"{_COURSES},\n{_COURSE_ROW},\n"},
    good={"courses.csv": f"{_COURSES}\n{_COURSE_ROW}\n"},
)
P207 = declare(
    code="P207", name="column-name-whitespace", severity=Severity.ERROR, basis=Basis.STANDARD,
    clause="CSV Binding 1.2.1 §3: header names are exactly those of the file's table", frictionless_error="incorrect-label",
    title="A column name has spaces around it",
    why="'sourcedId ' with a trailing space is a different name from 'sourcedId' for a consumer.",
    fix="Remove the spaces around the column name.",
    bad={"courses.csv": f"sourcedId ,{_COURSES[len('sourcedId,'):]}\n{_COURSE_ROW}\n"},
    good={"courses.csv": f"{_COURSES}\n{_COURSE_ROW}\n"},
)
P208 = declare(
    code="P208", name="extension-column-misplaced", severity=Severity.ERROR, basis=Basis.STANDARD,
    clause="CSV Binding 1.2.1 §3: metadata extension columns go to the right of all the defined columns", frictionless_error="incorrect-label",
    title="A 'metadata.' column stands before a standard column",
    why="Extension columns are allowed only after all the standard columns; before them they shift the standard columns out of place.",
    fix="Move every 'metadata.' column to the end of the header.",
    bad={"courses.csv": "sourcedId,status,dateLastModified,metadata.credits,schoolYearSourcedId,title,courseCode,grades,orgSourcedId,subjects,subjectCodes\nalg1,,,5,y2026,Algebra I,MA101,09,sch,Math,\n"},
    good={"courses.csv": f"{_COURSES},metadata.credits\n{_COURSE_ROW},5\n"},
)


P209 = declare(
    code="P209", name="header-is-data", severity=Severity.ERROR, basis=Basis.STANDARD,
    clause="CSV Binding 1.2.1 §3: the first line of every file is its header row, the names of the file's columns",
    title="The first line is data, not the header row",
    why="A consumer reads the first line as column names: without the header it finds none of its columns and rejects the file, "
        "or takes the first person's cells for column names. The linter treats that line as the data it is and never prints it "
        "without --show-values.",
    fix="Export the file again with the header row (the column names) as its first line; the file's reference page lists them in order.",
    bad={"courses.csv": f"{_COURSE_ROW}\n"}, good={"courses.csv": f"{_COURSES}\n{_COURSE_ROW}\n"},
)

# Another delimiter inside one header cell still names columns (P202 says which delimiter to use).
_OTHER_DELIMITERS = re.compile(r"[;\t|]")


def looks_like_data(table: TableSpec, header: list[str]) -> bool:
    """True when fewer than half of the first line's cells name a column of the file, and they
    name fewer than half of its columns: the header row is missing (or belongs to another
    format), so its cells are data. A real header with many extra columns is still a header."""
    labels = [label.strip() for label in header if label.strip()]
    named = _named(table, labels)
    return bool(labels) and named * 2 < len(labels) and named * 2 < len(table.field_names)


def _named(table: TableSpec, labels: list[str]) -> int:
    known = {name.lower() for name in table.field_names}
    return sum(1 for label in labels if label.startswith(EXTENSION_PREFIX)
               or any(part.strip().lower() in known for part in _OTHER_DELIMITERS.split(label)))


def read_headless(table: TableSpec, file: ParsedFile) -> tuple[ParsedFile, dict[int, str], list[Finding]]:
    """A file whose first line is data: that line becomes row 1, and when it has exactly as many
    cells as the file has columns, the columns are read in the standard order so the values are
    still checked. One P209 finding says so; the line itself is only its value."""
    fields, width = list(table.field_names), len(file.header)
    some = "none" if _named(table, [label.strip() for label in file.header]) == 0 else "fewer than half"
    said = f"the first line is not the header row: {some} of its {width:,} cells name a column of {table.file}"
    first = finding("P209", table.file, row=1, value=",".join(file.header), message=said)
    if width != len(fields):  # the rows' widths were measured against a data row: no findings of their own
        unmeasured = [f for f in file.findings if f.code not in ("P104", "P105")]
        message = f"{said}; its {width:,} cells do not match the file's {len(fields)} columns, so the file was not read"
        return ParsedFile(file.header, file.frame, unmeasured, file.complete), {}, [replace(first, message=message)]
    return file.first_line_as_row(fields), dict(enumerate(fields)), [replace(first, message=f"{said}; the file was read as data, in the standard column order")]


def map_header(table: TableSpec, header: list[str]) -> tuple[dict[int, str], list[Finding]]:
    """Return {column position: schema field name} and the header's findings (row 1)."""
    file = table.file
    expected = list(table.field_names)
    by_folded = {name.lower(): name for name in expected}
    findings: list[Finding] = []
    mapping: dict[int, str] = {}
    seen: dict[str, int] = {}
    last_standard = -1
    for position, label in enumerate(header):
        stripped = label.strip()
        if not stripped:
            findings.append(finding("P206", file, row=1, message=f"column {position + 1} has no name"))
            continue
        if label in seen or stripped in mapping.values():
            findings.append(finding("P205", file, row=1, field=stripped, message=f"the column '{stripped}' appears more than once"))
            continue
        seen[label] = position
        if stripped.startswith(EXTENSION_PREFIX):
            continue
        name = by_folded.get(stripped.lower())
        if name is None:
            findings.append(_unknown(file, stripped, expected))
            continue
        if name in mapping.values():  # 'sourcedId' and a later 'SourcedId': one field, two columns
            findings.append(finding("P205", file, row=1, field=name, message=f"the column '{stripped}' repeats the column '{name}'"))
            continue
        if label != stripped:
            findings.append(finding("P207", file, row=1, field=name, message=f"the column '{name}' has spaces around its name"))
        elif stripped != name:
            findings.append(finding("P203", file, row=1, field=name, message=f"the column '{stripped}' should be spelled '{name}'"))
        mapping[position] = name
        last_standard = position
    for position, label in enumerate(header):
        if label.strip().startswith(EXTENSION_PREFIX) and position < last_standard:
            findings.append(finding("P208", file, row=1, field=label.strip(), message=f"'{label.strip()}' stands before standard columns"))
    present = list(mapping.values())
    for name in expected:
        if name not in present:
            findings.append(finding("P201", file, row=1, field=name, message=f"the column '{name}' is missing"))
    in_standard_order = [name for name in expected if name in present]
    if present != in_standard_order:
        findings.append(finding("P204", file, row=1, message="the columns are not in the standard order", hint=f"expected order: {', '.join(expected)}"))
    return mapping, findings


def _unknown(file: str, label: str, expected: list[str]) -> Finding:
    close = difflib.get_close_matches(label, expected, n=1, cutoff=0.75)
    hint = f"did you mean '{close[0]}'?" if close else None
    return finding("P202", file, row=1, field=label, message=f"'{label}' is not a column of {file}", hint=hint)
