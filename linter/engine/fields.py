"""Schema-derived checks on cell values, compiled from each field's Table Schema.

Every check is a polars expression over a whole column; cells that fail become findings.
A damaged cell gets one finding: the most specific one (an Excel-reformatted date is
reported as such, not also as a plain type error).
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

import polars as pl

from linter import baseline
from linter.engine.csvfile import ROW
from linter.engine.emit import emit
from linter.engine.probe import Probe
from linter.findings import Severity
from linter.registry import Basis, declare
from linter.schemas import FieldSpec, TableSpec

_ENROLL = baseline.header("enrollments.csv")
_USERS = baseline.header("users.csv")
_SESSIONS = baseline.header("academicSessions.csv")
_YEAR = "y2026,,,2025-2026,schoolYear,2025-08-15,2026-06-12,,2026"


def _enrollments(*rows: str) -> str:
    return "\n".join((_ENROLL, *rows)) + "\n"


def _users(*rows: str) -> str:
    return "\n".join((_USERS, *rows)) + "\n"


def _sessions(*rows: str) -> str:
    return "\n".join((_SESSIONS, _YEAR, *rows)) + "\n"


S001 = declare(
    code="S001", name="required-value-missing", severity=Severity.ERROR, basis=Basis.STANDARD,
    clause="CSV Binding 1.2.1 §3.2 to §3.22: a column marked Required holds a value in every row", frictionless_error="constraint-error",
    title="A required value is empty",
    why="The standard requires this column in every row; consumers reject the row (and often everything that refers to it).",
    fix="Fill in the value in the SIS and export again.",
    bad={"users.csv": _users("t1,,,true,sch,teacher,mrivera,,,Rivera,,T100,,,,,,", "s1,,,true,sch,student,aokafor,,Ada,Okafor,,S200,,,,p1,09,", "s2,,,true,sch,student,lchen,,Li,Chen,,S201,,,,,09,", "p1,,,true,dist,parent,nokafor,,Ngozi,Okafor,,,,,,s1,,")},
    good={},
)
S002 = declare(
    code="S002", name="invalid-type", severity=Severity.ERROR, basis=Basis.STANDARD,
    clause="CSV Binding 1.2.1 §3, data types: Date YYYY-MM-DD, DateTime YYYY-MM-DDTHH:MM:SS.sssZ, Boolean true or false, Integer, Float", frictionless_error="type-error",
    title="A value is not of the column's type",
    why="Dates must be real YYYY-MM-DD dates, date-times ISO 8601 in UTC, booleans exactly 'true' or 'false'; consumers reject anything else.",
    fix="Write the value in the form the column's reference gives (dates 2025-08-15, booleans true/false).",
    bad={"academicSessions.csv": _sessions("fall,,,Fall 2025,semester,2025-08-15,2025-02-30,y2026,2026")},
    good={"academicSessions.csv": _sessions("fall,,,Fall 2025,semester,2025-08-15,2025-12-19,y2026,2026")},
)
S003 = declare(
    code="S003", name="value-not-allowed", severity=Severity.ERROR, basis=Basis.STANDARD,
    clause="CSV Binding 1.2.1 §3.2 to §3.22, enumerations; §3: values are case-sensitive", frictionless_error="constraint-error",
    title="A value is not one of the allowed values",
    why="Columns such as role, type and classType take a fixed vocabulary, spelled exactly (case-sensitive); consumers reject other values.",
    fix="Use one of the allowed values listed in the hint, spelled exactly.",
    bad={"enrollments.csv": _enrollments("e1,,,alg1-p1,sch,t1,Teacher,true,,", "e2,,,alg1-p1,sch,s1,student,false,,", "e3,,,alg1-p1,sch,s2,student,false,,")},
    good={},
)
S004 = declare(
    code="S004", name="pattern-mismatch", severity=Severity.ERROR, basis=Basis.STANDARD,
    clause="CSV Binding 1.2.1 §3.2 schoolYear (YYYY) and §3.22 userIds ({type:identifier})", frictionless_error="constraint-error",
    title="A value does not have the required format",
    why="Some columns have a fixed format (a school year like 2026, userIds like {LDAP:jsmith}); consumers cannot read other forms.",
    fix="Write the value in the format the column's reference gives.",
    bad={"academicSessions.csv": _sessions("fall,,,Fall 2025,semester,2025-08-15,2025-12-19,y2026,2025-26")},
    good={},
)
S006 = declare(
    code="S006", name="invalid-list-item", severity=Severity.ERROR, basis=Basis.STANDARD,
    clause="CSV Binding 1.2.1 §3, lists; OneRoster 1.1: grades from the CEDS Entry Grade Level list (1.2 removed it)",
    title="An item of a list is not allowed",
    why="Lists such as grades hold items from a fixed vocabulary (grades are two-character codes: 09, not 9).",
    fix="Correct the item named in the message; separate items with commas inside one quoted cell.",
    bad={"users.csv": _users("t1,,,true,sch,teacher,mrivera,,María,Rivera,,T100,,,,,,", "s1,,,true,sch,student,aokafor,,Ada,Okafor,,S200,,,,p1,9,", "s2,,,true,sch,student,lchen,,Li,Chen,,S201,,,,,09,", "p1,,,true,dist,parent,nokafor,,Ngozi,Okafor,,,,,,s1,,")},
    good={},
)
S007 = declare(
    code="S007", name="invalid-identifier", severity=Severity.ERROR, basis=Basis.STANDARD,
    clause="CSV Binding 1.2.1 §3, GUID and GUID Reference: fewer than 256 characters, only 0-9 a-z A-Z . - _ / @", versions=("1.2",),
    title="A sourcedId or reference is too long or holds characters the binding does not allow",
    why="OneRoster 1.2 identifiers (sourcedId and every reference to one) are fewer than 256 characters of letters, digits and . - _ / @. "
        "Consumers reject, or silently alter, an id with a space, an accent or a comma, and every reference to it breaks with it.",
    fix="Give the row an id of letters, digits and . - _ / @ only, under 256 characters, and use the same id wherever it is referenced.",
    bad={"enrollments.csv": baseline.edit("enrollments.csv", {"e3": {"sourcedId": "e 3"}}, version="1.2")},
    good={"enrollments.csv": baseline.edit("enrollments.csv", {"e3": {"sourcedId": "e_3/2026@sch"}}, version="1.2")},
)
R201 = declare(
    code="R201", name="spreadsheet-date", severity=Severity.ERROR, basis=Basis.STANDARD,
    clause="CSV Binding 1.2.1 §3, Date: ISO 8601, YYYY-MM-DD", frictionless_error="type-error",
    title="A date was re-saved by a spreadsheet (8/15/2025)",
    why="Opening a CSV in Excel and saving it rewrites dates in the local format; consumers expect YYYY-MM-DD and reject the row.",
    fix="Export again from the SIS without opening the file in Excel, or format the column as yyyy-mm-dd before saving.",
    bad={"academicSessions.csv": _sessions("fall,,,Fall 2025,semester,8/15/2025,12/19/2025,y2026,2026")},
    good={"academicSessions.csv": _sessions("fall,,,Fall 2025,semester,2025-08-15,2025-12-19,y2026,2026")},
)
R203 = declare(
    code="R203", name="scientific-notation-id", severity=Severity.ERROR, basis=Basis.STANDARD,
    clause="CSV Binding 1.2.1 §3, GUID: an id holds letters, digits and . - _ / @; 1.23E+05 has lost the real id",
    title="An identifier was turned into scientific notation (1.23E+05)",
    why="Spreadsheets turn long numeric ids into numbers like 1.23E+05, losing digits for good; the id no longer matches anything.",
    fix="Export again from the SIS; if you must open the file in Excel, import the id columns as Text.",
    bad={"enrollments.csv": _enrollments("e1,,,alg1-p1,sch,t1,teacher,true,,", "2.01E+05,,,alg1-p1,sch,s1,student,false,,", "e3,,,alg1-p1,sch,s2,student,false,,")},
    good={},
)
R204 = declare(
    code="R204", name="semicolon-list", severity=Severity.ERROR, basis=Basis.STANDARD,
    clause="CSV Binding 1.2.1 §3: a list is comma-separated inside one quoted field",
    title="A list is separated by semicolons",
    why="Lists in OneRoster are comma-separated inside one quoted cell; 'a;b' is read as one unknown item.",
    fix="Separate the items with commas and quote the cell: \"sch,dist\".",
    bad={"users.csv": _users("t1,,,true,sch;dist,teacher,mrivera,,María,Rivera,,T100,,,,,,", "s1,,,true,sch,student,aokafor,,Ada,Okafor,,S200,,,,p1,09,", "s2,,,true,sch,student,lchen,,Li,Chen,,S201,,,,,09,", "p1,,,true,dist,parent,nokafor,,Ngozi,Okafor,,,,,,s1,,")},
    good={"users.csv": _users("t1,,,true,\"sch,dist\",teacher,mrivera,,María,Rivera,,T100,,,,,,", "s1,,,true,sch,student,aokafor,,Ada,Okafor,,S200,,,,p1,09,", "s2,,,true,sch,student,lchen,,Li,Chen,,S201,,,,,09,", "p1,,,true,dist,parent,nokafor,,Ngozi,Okafor,,,,,,s1,,")},
)

DATE = r"^\d{4}-\d{2}-\d{2}$"
DATETIME = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$"
DATETIME_MS = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$"  # CSV Binding 1.2.1 §3: YYYY-MM-DDTHH:MM:SS.sssZ
GUID = r"^[0-9A-Za-z._/@-]{1,255}$"  # CSV Binding 1.2.1 §3, GUID: under 256 characters of this set
SPREADSHEET_DATE = r"^\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}( \d{1,2}:\d{2}(:\d{2})?)?$"
SCIENTIFIC = r"^\d(\.\d+)?[eE]\+?\d+$"
NUMBER = r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$"
INTEGER = r"^[+-]?\d+$"
EXT = r"^ext:[A-Za-z0-9._-]+$"  # §4.1.2: ext: and at least one more character of this set


@dataclass(frozen=True)
class Check:
    """One compiled check: the rows where `failing` is true get a finding with this code."""

    code: str
    field: str
    failing: pl.Expr
    message: str
    hint: str | None = None
    suggest: Callable[[str], str | None] | None = None  # a hint for one offending value, e.g. a 'did you mean'


def field_probes(table: TableSpec, frame: pl.DataFrame) -> list[Probe]:
    """One probe per check of every column. Checks look at one value at a time, so they run
    on each column's distinct values: a column of two million dates holds a few hundred."""
    probes = []
    for spec in table.fields:
        if spec.name not in frame.columns:
            continue
        values = frame.lazy().select(spec.name)
        if spec.name != table.primary_key:  # a key column is all distinct: no point
            values = values.unique()
        for check in compile_field(spec):
            probes.append(Probe(values.select(check.failing.any()), partial(_extract, table.file, frame, check)))
    return probes


def _extract(file: str, frame: pl.DataFrame, check: Check) -> pl.DataFrame:
    rows = frame.filter(check.failing).select(ROW, pl.col(check.field).alias("value"))
    if check.suggest is not None:  # one suggestion per distinct value: a handful, whatever the rows
        distinct = rows.get_column("value").unique().to_list()
        hints = pl.DataFrame({"value": distinct, "hint": [check.suggest(v) for v in distinct]}, schema={"value": pl.String, "hint": pl.String})
        rows = rows.join(hints, on="value", how="left").sort(ROW)
    return emit(check.code, file, rows, field=check.field, message=check.message, hint=check.hint)


def compile_field(spec: FieldSpec) -> list[Check]:
    value = pl.col(spec.name)
    filled = value != ""
    name = spec.name
    checks = []
    if spec.required:
        checks.append(Check("S001", name, value.str.strip_chars() == "", f"{name} is required but empty"))
    if spec.identifier:
        checks.append(Check("R203", name, filled & value.str.contains(SCIENTIFIC), f"{name} looks like a number a spreadsheet rewrote in scientific notation"))
    if spec.guid:
        checks.append(_guid_check(spec, value, filled))
    checks += _type_checks(spec, value, filled)
    if spec.enum is not None:
        checks.append(_vocabulary_check("S003", spec, value, filled, spec.enum, f"{name} is not one of the allowed values"))
    if spec.pattern:
        checks.append(Check("S004", name, filled & ~value.str.contains(f"^(?:{spec.pattern})$"), f"{name} does not have the required format",
                            _expected(spec)))
    if spec.is_list:
        semicolons = filled & value.str.contains(";") & ~value.str.contains(",")
        checks.append(Check("R204", name, semicolons, f"{name} is separated by semicolons"))
        if spec.item_enum is not None or spec.item_pattern:
            checks.append(_item_check(spec, value, filled & ~semicolons))
    return checks


def _type_checks(spec: FieldSpec, value: pl.Expr, filled: pl.Expr) -> list[Check]:
    name = spec.name
    if spec.type == "date":
        valid = value.str.contains(DATE) & value.str.to_date("%Y-%m-%d", strict=False).is_not_null()
        expected, written = "a real date written YYYY-MM-DD", "YYYY-MM-DD"
        resave = "format the column as yyyy-mm-dd before saving"
    elif spec.type == "datetime":
        form = DATETIME_MS if spec.resolution == "milliseconds" else DATETIME
        valid = value.str.contains(form) & value.str.slice(0, 19).str.to_datetime("%Y-%m-%dT%H:%M:%S", strict=False).is_not_null()
        written = "YYYY-MM-DDTHH:MM:SS.sssZ, with exactly three decimals" if spec.resolution == "milliseconds" else "YYYY-MM-DDTHH:MM:SSZ"
        expected = f"a real UTC date-time written {written}"
        resave = "format the column as the custom format yyyy-mm-ddThh:mm:ss.000Z before saving"
    elif spec.type == "boolean":
        valid = value.is_in(list(spec.true_values + spec.false_values))
        expected = f"{' or '.join(spec.true_values + spec.false_values)}, in lower case"
        return [Check("S002", name, filled & ~valid, f"{name} is not {expected}", f"write {expected}")]
    elif spec.type in ("number", "integer"):
        valid = value.str.contains(NUMBER if spec.type == "number" else INTEGER)
        expected = "a number" if spec.type == "number" else "a whole number"
        return [Check("S002", name, filled & ~valid, f"{name} is not {expected}", f"write {expected}" + (f", for example {spec.example}" if spec.example else ""))]
    else:
        return []
    spreadsheet = value.str.contains(SPREADSHEET_DATE)
    how = f"write it as {written}" + (f", for example {spec.example}" if spec.example else "")
    return [Check("R201", name, filled & ~valid & spreadsheet, f"{name} looks re-saved by a spreadsheet; expected {expected}",
                  f"Export again from the SIS without opening the file in Excel, or {resave}"),
            Check("S002", name, filled & ~valid & ~spreadsheet, f"{name} is not {expected}", how)]


def _vocabulary_check(code: str, spec: FieldSpec, value: pl.Expr, filled: pl.Expr, allowed: tuple[str, ...], message: str) -> Check:
    valid = value.is_in(list(allowed))
    if spec.extensible:
        valid = valid | value.str.contains(EXT)
    listed = ", ".join(allowed) + (" or ext: followed by your own term (ext:myTerm)" if spec.extensible else "")
    hint = f"allowed (case-sensitive): {listed}"
    return Check(code, spec.name, filled & ~valid, message, hint, partial(_did_you_mean, allowed, hint))


def _did_you_mean(allowed: tuple[str, ...], otherwise: str, value: str) -> str:
    """'did you mean student?' for Student or studnet; the allowed list when nothing is close."""
    by_case = {term.lower(): term for term in allowed}
    close = by_case.get(value.strip().lower()) or next(iter(difflib.get_close_matches(value, allowed, n=1, cutoff=0.75)), None)
    if close is None or close == value:
        return otherwise
    return f"did you mean {close}? (values are case-sensitive)"


def _expected(spec: FieldSpec) -> str:
    """What the column's format is, in words and by example; never the regular expression."""
    described = spec.format or "the format described in the field reference"
    return f"expected {described}, for example {spec.example}" if spec.example else f"expected {described}"


def _guid_check(spec: FieldSpec, value: pl.Expr, filled: pl.Expr) -> Check:
    """Every id (each item of a list) is under 256 characters of 0-9 a-z A-Z . - _ / @. Values a
    spreadsheet damaged (1.23E+05, a;b) have a finding of their own."""
    if spec.is_list:
        bad_item = value.str.split(",").list.eval(~pl.element().str.strip_chars().str.contains(GUID)).list.any()
    else:
        bad_item = ~value.str.contains(GUID)
    damaged = value.str.contains(SCIENTIFIC) | (value.str.contains(";") if spec.is_list else pl.lit(False))
    return Check("S007", spec.name, filled & ~damaged & bad_item, f"{spec.name} is not a valid identifier: too long, or with characters the binding does not allow",
                 "use fewer than 256 characters, only letters, digits and . - _ / @ (no spaces, commas or accents)")


def _item_check(spec: FieldSpec, value: pl.Expr, candidates: pl.Expr) -> Check:
    item = pl.element()
    valid = pl.lit(True)
    if spec.item_enum is not None:
        valid = item.is_in(list(spec.item_enum))
        if spec.extensible:
            valid = valid | item.str.contains(EXT)
    if spec.item_pattern:
        valid = valid & item.str.contains(f"^(?:{spec.item_pattern})$")
    bad_item = value.str.split(",").list.eval(~valid).list.any()
    hint = f"allowed items (case-sensitive): {', '.join(spec.item_enum)}" if spec.item_enum else _expected(spec)
    return Check("S006", spec.name, candidates & bad_item, f"{spec.name} holds an item that is not allowed", hint)
