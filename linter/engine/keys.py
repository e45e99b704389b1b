"""Primary keys and references between files, as joins over whole columns."""

from __future__ import annotations

from functools import partial

import polars as pl

from linter import baseline
from linter.engine.context import Context
from linter.engine.csvfile import ROW
from linter.engine.delta import deleted_ids, is_delta
from linter.engine.emit import emit
from linter.engine.fields import GUID
from linter.engine.probe import Probe, duplicates_probe, run_probes
from linter.findings import Found, Severity
from linter.registry import Basis, declare, finding
from linter.schemas import FieldSpec, TableSpec

_ENROLL = baseline.header("enrollments.csv")
_CLASSES = baseline.header("classes.csv")
_ORGS = baseline.header("orgs.csv")

S005 = declare(
    code="S005", name="duplicate-sourcedid", severity=Severity.ERROR, basis=Basis.STANDARD,
    clause="CSV Binding 1.2.1 §3, GUID: sourcedId identifies one record", frictionless_error="primary-key",
    title="A sourcedId is used by more than one row",
    why="sourcedId identifies a row; with two rows under one id a consumer keeps one and drops the other, often after an SIS merge.",
    fix="Give every row its own sourcedId, or remove the duplicate row.",
    bad={"enrollments.csv": f"{_ENROLL}\ne1,,,alg1-p1,sch,t1,teacher,true,,\ne2,,,alg1-p1,sch,s1,student,false,,\ne2,,,alg1-p1,sch,s2,student,false,,\n"},
    good={},
)
X001 = declare(
    code="X001", name="unresolved-reference", severity=Severity.ERROR, basis=Basis.STANDARD,
    clause="CSV Binding 1.2.1 §2.1 and §3: a bulk package is semantically complete; every reference names a row it holds", frictionless_error="foreign-key",
    title="A reference points at a row that is not in the package",
    why="An enrollment, class or user that refers to a missing row cannot be placed: the consumer drops it, and staff and families see incomplete rosters.",
    fix="Export the referenced row too, or correct the reference. When many rows name the same missing id, fix that one row.",
    bad={"enrollments.csv": f"{_ENROLL}\ne1,,,alg1-p1,sch,t1,teacher,true,,\ne2,,,alg1-p2,sch,s1,student,false,,\ne3,,,alg1-p1,sch,s2,student,false,,\n"},
    good={},
)
X002 = declare(
    code="X002", name="unresolved-list-reference", severity=Severity.ERROR, basis=Basis.STANDARD,
    clause="CSV Binding 1.2.1 §2.1 and §3: a bulk package is semantically complete; every item of a reference list names a row it holds",
    title="An item of a reference list points at a row that is not in the package",
    why="Lists such as orgSourcedIds and termSourcedIds are references too: each item must name a row of the package.",
    fix="Export the referenced rows, or remove the item from the list.",
    bad={"classes.csv": f"{_CLASSES}\nalg1-p1,,,Algebra I - Period 1,09,alg1,ALG1-1,scheduled,Room 12,sch,\"fall,spring\",Math,,1\n"},
    good={},
)
X003 = declare(
    code="X003", name="reference-wrong-type", severity=Severity.ERROR, basis=Basis.STANDARD,
    clause="CSV Binding 1.2.1 §3.4, §3.9 (a class's or enrollment's school is an org of type school) and §3.7 (a course's school year is a schoolYear session)",
    title="A reference points at a row of the wrong type",
    why="Some references must name a particular kind of row: a class's school must be an org of type school, a course's school year a session of type schoolYear.",
    fix="Point the reference at a row of the required type.",
    bad={"classes.csv": f"{_CLASSES}\nalg1-p1,,,Algebra I - Period 1,09,alg1,ALG1-1,scheduled,Room 12,dist,fall,Math,,1\n",
         "enrollments.csv": f"{_ENROLL}\ne1,,,alg1-p1,dist,t1,teacher,true,,\ne2,,,alg1-p1,dist,s1,student,false,,\ne3,,,alg1-p1,dist,s2,student,false,,\n",
         "users.csv": f"{baseline.header('users.csv')}\nt1,,,true,\"sch,dist\",teacher,mrivera,,María,Rivera,,T100,,,,,,\ns1,,,true,\"sch,dist\",student,aokafor,,Ada,Okafor,,S200,,,,p1,09,\ns2,,,true,\"sch,dist\",student,lchen,,Li,Chen,,S201,,,,,09,\np1,,,true,dist,parent,nokafor,,Ngozi,Okafor,,,,,,s1,,\n"},
    good={},
)
X004 = declare(
    code="X004", name="delta-reference-unverified", severity=Severity.INFO, basis=Basis.STANDARD,
    clause="CSV Binding 1.2.1 §2.4 and §3, delta mode: a delta is applied to the data the consumer already holds",
    title="A delta refers to rows it does not carry, which only the last bulk upload can confirm",
    why="A delta file carries only changes: its enrollments name classes and users that an earlier upload delivered. That is normal, "
        "but a reference to a row the consumer does not hold is dropped on import, so it is worth confirming before the upload.",
    fix="Check the delta against the last bulk upload, with the deltas sent since applied: "
        "'oneroster-lint check DELTA --previous LAST_BULK' reports each reference the consumer will not be able to resolve, at its row.",
    bad={"manifest.csv": baseline.text("manifest.csv").replace("file.enrollments,bulk", "file.enrollments,delta")
         .replace("file.classes,bulk", "file.classes,absent").replace("file.users,bulk", "file.users,absent")
         .replace("file.demographics,bulk", "file.demographics,absent"),
         "classes.csv": None, "users.csv": None, "demographics.csv": None,
         "enrollments.csv": f"{_ENROLL}\ne9,active,2026-01-05T08:00:00.000Z,alg1-p1,sch,s2,student,false,,\n"},
    good={},
)
R202 = declare(
    code="R202", name="leading-zeros-lost", severity=Severity.ERROR, basis=Basis.STANDARD,
    clause="CSV Binding 1.2.1 §2.1 and §3: a bulk package is complete; every reference names a row it holds", frictionless_error="foreign-key",
    title="A reference lost its leading zeros",
    why="A spreadsheet read an id like 0042 as the number 42; other files still carry 0042, so the reference no longer matches.",
    fix="Export again without opening the file in a spreadsheet, or import the id columns as Text so the zeros stay.",
    bad={"orgs.csv": f"{_ORGS}\ndist,,,Lakeside District,district,,\n0042,,,Lakeside High,school,,dist\n",
         "classes.csv": f"{_CLASSES}\nalg1-p1,,,Algebra I - Period 1,09,alg1,ALG1-1,scheduled,Room 12,0042,fall,Math,,1\n",
         "courses.csv": f"{baseline.header('courses.csv')}\nalg1,,,y2026,Algebra I,MA101,09,0042,Math,\n",
         "users.csv": f"{baseline.header('users.csv')}\nt1,,,true,0042,teacher,mrivera,,María,Rivera,,T100,,,,,,\ns1,,,true,0042,student,aokafor,,Ada,Okafor,,S200,,,,p1,09,\ns2,,,true,0042,student,lchen,,Li,Chen,,S201,,,,,09,\np1,,,true,dist,parent,nokafor,,Ngozi,Okafor,,,,,,s1,,\n",
         "enrollments.csv": f"{_ENROLL}\ne1,,,alg1-p1,0042,t1,teacher,true,,\ne2,,,alg1-p1,0042,s1,student,false,,\ne3,,,alg1-p1,42,s2,student,false,,\n"},
    good={},
)

ROW_NOUNS = {
    "academicSessions.csv": "an academic session", "categories.csv": "a category", "classes.csv": "a class",
    "courses.csv": "a course", "lineItems.csv": "a line item", "orgs.csv": "an org", "resources.csv": "a resource",
    "users.csv": "a user", "userProfiles.csv": "a user profile", "scoreScales.csv": "a score scale",
}
STRIP_ZEROS = pl.col("value").str.strip_chars_start("0")


def primary_key_probe(table: TableSpec, frame: pl.DataFrame) -> list[Probe]:
    key = table.primary_key
    if not key or key not in frame.columns:
        return []
    return [duplicates_probe("S005", table.file, frame, [pl.col(key)], where=pl.col(key) != "", field=key, show=key,
                             message=f"same {key} as row {{first}}",
                             hint="every row needs its own sourcedId: remove the repeated row, or give it an id of its own")]


def check_references(ctx: Context, state: Context | None = None) -> list[Found]:
    """Every reference, resolved against the package itself or, for a delta checked with the
    last bulk upload, against `state`: what the consumer holds once the delta is applied."""
    return run_probes(probe for table in ctx.schema.tables.values() for probe in _reference_probes(ctx, table, state))


def _reference_probes(ctx: Context, table: TableSpec, state: Context | None) -> list[Probe]:
    """Each reference column is first compared as distinct values against the target's keys;
    rows are only looked up when some value does not resolve."""
    frame = _referring_rows(ctx, table.file)
    if frame is None:
        return []
    probes = []
    for spec in table.fields:
        if not spec.reference or spec.name not in frame.columns:
            continue
        reference = spec.reference
        target, verifiable = _target(ctx, state, reference.file, reference.field)
        extract = partial(_check_reference, ctx, table.file, spec, frame, target, verifiable, state is not None)
        if target is None:
            probes.append(Probe(_values(frame.lazy(), spec).select(pl.len() > 0), extract))
            continue
        distinct = _values(frame.lazy().select(ROW, spec.name), spec).select("value").unique()
        keys = target.lazy().select(pl.col(reference.field).alias("value"), *(["type"] if "type" in target.columns else []))
        probes.append(Probe(distinct.join(keys.select("value"), on="value", how="anti").select(pl.len() > 0), extract))
        if reference.types and "type" in target.columns:
            wrong_type = distinct.join(keys, on="value").filter(~pl.col("type").is_in(list(reference.types)))
            probes.append(Probe(wrong_type.select(pl.len() > 0), partial(_check_types, table.file, spec, frame, target)))
    return probes


def _referring_rows(ctx: Context, file: str) -> pl.DataFrame | None:
    """The rows whose references matter: in a delta file, a tobedeleted row refers to nothing
    the consumer keeps, so only its active rows are resolved."""
    return ctx.active(file) if ctx.modes.get(file) == "delta" else ctx.frame(file)


def _target(ctx: Context, state: Context | None, file: str, field: str) -> tuple[pl.DataFrame | None, bool]:
    """The rows a reference may name, and whether a reference missing from them is a proven
    error. In a delta package a file that is not sent as bulk holds only changes: what is not
    in it may still be at the consumer, so without the last bulk nothing can be proven."""
    if state is not None:
        return state.frame(file, field), True
    if is_delta(ctx) and ctx.modes.get(file) != "bulk":
        return ctx.active(file, field), False
    return ctx.frame(file, field), True


def _values(frame: pl.LazyFrame, spec: FieldSpec) -> pl.LazyFrame:
    """ROW and each referenced id in the column (one per list item), empty cells left out."""
    values = frame.select(ROW, pl.col(spec.name).alias("value")).filter(pl.col("value").str.strip_chars() != "")
    if spec.is_list:
        values = values.with_columns(pl.col("value").str.split(",")).explode("value").with_columns(pl.col("value").str.strip_chars())
        values = values.filter((pl.col("value") != "") & ~pl.col("value").str.contains(";"))  # R204 covers semicolons
    if spec.guid:  # an id the binding does not allow has its S007 finding; it cannot resolve either
        values = values.filter(pl.col("value").str.contains(GUID))
    return values


def _check_reference(ctx: Context, file: str, spec: FieldSpec, frame: pl.DataFrame, target: pl.DataFrame | None,
                     verifiable: bool, against_state: bool) -> list[Found]:
    reference = spec.reference
    assert reference is not None  # only columns that refer to another file are checked here
    values = _values(frame.lazy(), spec).collect()
    code = "X002" if spec.is_list else "X001"
    noun = ROW_NOUNS.get(reference.file, "row")
    if reference.file in ctx.damaged:
        return []  # the file could not be read (in full): that finding is the root cause, not each reference into it
    if not verifiable:
        return _unverified(ctx, file, spec, values, target)
    if target is None:  # one finding for the column: the missing file is the root cause
        where = "in the last upload or in this delta" if against_state else "in the package"
        return [finding(code, file, field=spec.name, message=f"{spec.name} refers to {reference.file}, which is not {where} ({values.height:,} rows)",
                        hint=f"send {reference.file}" + ("" if spec.required else f", or leave {spec.name} empty"))]
    keys = target.select(pl.col(reference.field).alias("value"))
    missing = values.join(keys, on="value", how="anti")
    zeros = missing.join(keys.select("value", STRIP_ZEROS.alias("stripped")), left_on=STRIP_ZEROS, right_on="stripped", how="semi")
    missing = missing.join(zeros.select(ROW, "value"), on=[ROW, "value"], how="anti")
    findings: list[Found] = [emit("R202", file, zeros, field=spec.name, message=f"{spec.name} matches a row of {reference.file} only if leading zeros are added back")]
    if against_state:
        message = f"{spec.name} names {noun} that the consumer will not hold: it is neither in the last upload nor added by this delta"
        findings.append(emit(code, file, _naming(ctx, file, reference.file, missing, message.replace(f"{noun} that", f"{noun} ('{{id}}') that")),
                         field=spec.name, message=message,
                         hint=f"send the missing row in {reference.file} (as a delta row with status active), or correct the reference"))
    else:
        message = f"{spec.name} names {noun} that is not in {reference.file}"
        findings.append(emit(code, file, _naming(ctx, file, reference.file, missing, f"{spec.name} names {noun} ('{{id}}') that is not in {reference.file}"),
                         field=spec.name, message=message,
                         hint=f"add the missing row to {reference.file} or correct the reference; when many rows name one missing id, that one row is the cause"))
    return findings


def _naming(ctx: Context, file: str, target: str, rows: pl.DataFrame, naming: str) -> pl.DataFrame:
    """Rows with a message that names the missing id when both files are about institutions
    (orgs, classes, courses, sessions): such a cell is no personal data. A cell of a file about
    people (users, enrollments) may hold anything, a name typed in the wrong column too, so it
    stays out of messages."""
    tables = ctx.schema.tables
    if not all(name in tables and tables[name].public_ids for name in (file, target)) or rows.is_empty():
        return rows
    before, _, after = naming.partition("{id}")
    return rows.with_columns(pl.concat_str(pl.lit(before), pl.col("value"), pl.lit(after)).alias("message"))


def _unverified(ctx: Context, file: str, spec: FieldSpec, values: pl.DataFrame, kept: pl.DataFrame | None) -> list[Found]:
    """A delta's references to rows it does not carry: rows it deletes are proven errors, the
    rest are counted in one information finding that says how to verify them."""
    reference = spec.reference
    assert reference is not None  # only columns that refer to another file are checked here
    code = "X002" if spec.is_list else "X001"
    noun = ROW_NOUNS.get(reference.file, "row")
    findings: list[Found] = []
    deleted = deleted_ids(ctx, reference.file)
    if deleted is not None:
        gone = values.join(deleted, on="value", how="semi")
        findings.append(emit(code, file, gone, field=spec.name, message=f"{spec.name} names {noun} that this delta deletes (status tobedeleted in {reference.file})",
                         hint=f"keep the row in {reference.file}, or change or delete the rows that refer to it in the same delta"))
        values = values.join(deleted, on="value", how="anti")
    if kept is not None:
        values = values.join(kept.select(pl.col(reference.field).alias("value")), on="value", how="anti")
    if not values.is_empty():
        ids = values.get_column("value").n_unique()
        findings.append(finding("X004", file, field=spec.name,
                                message=f"{values.height:,} reference{'s' if values.height != 1 else ''} in {spec.name} ({ids:,} distinct id{'s' if ids != 1 else ''} "
                                        f"of {reference.file}) {'are' if values.height != 1 else 'is'} not in this delta; the consumer must already hold "
                                        f"{'them' if ids != 1 else 'it'} from an earlier upload"))
    return findings


def _check_types(file: str, spec: FieldSpec, frame: pl.DataFrame, target: pl.DataFrame) -> pl.DataFrame:
    reference = spec.reference
    assert reference is not None  # only columns that refer to another file are checked here
    types = reference.types
    keys = target.select(pl.col(reference.field).alias("value"), "type")
    wrong = _values(frame.lazy(), spec).collect().join(keys, on="value").filter(~pl.col("type").is_in(list(types)))
    return emit("X003", file, wrong.sort(ROW), field=spec.name, message=f"{spec.name} must refer to a row of type {' or '.join(types)}")
