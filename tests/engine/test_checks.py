"""The engine's column checks called directly: each field's compiled checks (fields), the
probes that ask them of whole columns (probe), the frames of findings they emit (emit), and
keys and references (keys), on small frames built here."""

from __future__ import annotations

import polars as pl

from linter.engine.context import Context
from linter.engine.csvfile import ROW
from linter.engine.emit import emit
from linter.engine.fields import compile_field, field_probes
from linter.engine.keys import check_references, primary_key_probe
from linter.engine.probe import combos_probe, duplicates_probe, rows_probe, run_probes
from linter.findings import COLUMNS, as_findings, finding_table
from linter.registry import REGISTRY
from linter.schemas import load

V11 = load("1.1")


def table_of(**columns: list[str]) -> pl.DataFrame:
    height = len(next(iter(columns.values())))
    return pl.DataFrame({**columns, ROW: list(range(2, height + 2))})


def where(found) -> list[tuple]:
    return sorted((f.code, f.row, f.field, f.value) for f in as_findings(finding_table(found)))


def test_a_fields_checks_follow_its_schema_constraints():
    role = V11.tables["users.csv"].field("role")
    codes = [check.code for check in compile_field(role)]
    assert codes[0] == "S001" and "S003" in codes  # required, and a vocabulary
    begin = V11.tables["enrollments.csv"].field("beginDate")
    assert "S002" in [check.code for check in compile_field(begin)] and "S003" not in [check.code for check in compile_field(begin)]


def test_field_probes_find_each_bad_cell_once_with_its_own_code():
    users = V11.tables["users.csv"]
    frame = table_of(sourcedId=["t1", "s1", "s2", "s3"], enabledUser=["true", "TRUE", "true", "yes"],
                     role=["teacher", "Student", "student", ""], username=["a", "b", "c", "d"], givenName=["A", "B", "C", "D"],
                     familyName=["A", "B", "C", "D"], orgSourcedIds=["sch", "sch", "sch;dist", "sch"])
    found = run_probes(field_probes(users, frame))
    assert where(found) == [("R204", 4, "orgSourcedIds", "sch;dist"), ("S001", 5, "role", ""), ("S002", 3, "enabledUser", "TRUE"),
                            ("S002", 5, "enabledUser", "yes"), ("S003", 3, "role", "Student")]
    hint = next(f for f in as_findings(finding_table(found)) if f.code == "S003").hint
    assert hint.startswith("did you mean student?")


def test_a_clean_column_costs_one_answer_and_no_rows():
    users = V11.tables["users.csv"]
    frame = table_of(sourcedId=["t1"], enabledUser=["true"], role=["teacher"], username=["a"], givenName=["A"], familyName=["A"], orgSourcedIds=["sch"])
    assert run_probes(field_probes(users, frame)) == []


def test_emit_makes_one_finding_per_row_with_the_declared_severity_and_fix():
    rows = pl.DataFrame({ROW: [3, 9], "value": ["x", None], "hint": [None, "try y"]})
    table = emit("S003", "users.csv", rows, field="role", message="role is not one of the allowed values")
    assert table.columns == list(COLUMNS)
    assert table.select("code", "severity", "row", "value", "hint").rows() == [
        ("S003", REGISTRY["S003"].severity.value, 3, "x", REGISTRY["S003"].fix), ("S003", REGISTRY["S003"].severity.value, 9, None, "try y")]


def test_the_three_probes_pull_rows_only_for_what_fails():
    frame = table_of(sourcedId=["a", "b", "a", "c"], user=["u1", "u1", "u2", "u2"], school=["s1", "s2", "s1", "s1"])
    empty = rows_probe("R101", "x.csv", frame, pl.col("sourcedId") == "zzz", field="sourcedId", message="m")
    some = rows_probe("R101", "x.csv", frame, pl.col("sourcedId") == "a", field="sourcedId", message="m", show="sourcedId")
    combos = combos_probe("R104", "x.csv", frame, ["user", "school"], lambda pairs: pairs.filter(pl.col("user") == "u1"), field="school", message="m")
    repeats = duplicates_probe("S005", "x.csv", frame, [pl.col("sourcedId")], field="sourcedId", message="same sourcedId as row {first}")
    found = list(as_findings(finding_table(run_probes([empty, some, combos, repeats]))))
    assert sorted((f.code, f.row, f.value) for f in found) == [("R101", 2, "a"), ("R101", 4, "a"), ("R104", 2, None), ("R104", 3, None),
                                                               ("S005", 4, None)]
    assert next(f for f in found if f.code == "S005").message == "same sourcedId as row 2"


def test_the_primary_key_probe_ignores_empty_keys():
    orgs = V11.tables["orgs.csv"]
    frame = table_of(sourcedId=["dist", "", "", "dist"])
    assert where(run_probes(primary_key_probe(orgs, frame))) == [("S005", 5, "sourcedId", "dist")]


def test_references_resolve_against_the_package_and_name_the_missing_id():
    ctx = Context("1.1", V11, tables={
        "orgs.csv": table_of(sourcedId=["dist", "sch"], type=["district", "school"], parentSourcedId=["", "dist"]),
        "classes.csv": table_of(sourcedId=["c1", "c2"], schoolSourcedId=["sch", "nowhere"], courseSourcedId=["", ""], termSourcedIds=["", ""]),
    }, modes={"orgs.csv": "bulk", "classes.csv": "bulk"})
    assert where(check_references(ctx)) == [("X001", 3, "schoolSourcedId", "nowhere")]
    ctx.damaged.add("orgs.csv")  # its own finding explains what is missing: no reference finding of its own
    assert check_references(ctx) == []
    del ctx.tables["orgs.csv"]
    ctx.damaged.clear()  # a file that is simply not sent: one finding for the column, not one per row
    (missing,) = as_findings(finding_table(check_references(ctx)))
    assert (missing.code, missing.row, missing.field) == ("X001", None, "schoolSourcedId") and "orgs.csv" in missing.message
