"""The findings frame: what goes in comes out, in report order, and the whole-frame stages
(sorting, per-file ignores, severity overrides, profile tolerances) decide exactly what the
same rules applied one finding at a time decide."""

from __future__ import annotations

from dataclasses import replace

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from linter.catalogue import matches
from linter.config import Config
from linter.engine import FAMILIES, file_order, sort_table
from linter.findings import Finding, Report, Severity, finding_table
from linter.profiles import load_profile
from linter.schemas import load

SCHEMA = load("1.1")
FILES = [None, "orgs.csv", "users.csv", "enrollments.csv", "classes.csv", "manifest.csv", "notes.csv"]
CODES = ["P009", "P202", "S003", "X001", "R107", "R112", "Y001"]

findings_strategy = st.lists(st.builds(
    Finding, st.sampled_from(CODES), st.sampled_from(list(Severity)), st.sampled_from(["a", "b", "é", "a b"]),
    st.sampled_from(FILES), st.one_of(st.none(), st.integers(1, 50)), st.sampled_from([None, "role", "ext:x", "sourcedId"]),
    st.sampled_from([None, "fix it"]), st.sampled_from([None, "v", ""])), max_size=40)


def test_findings_and_frames_keep_the_order_given():
    first = Finding("P009", Severity.WARNING, "a sub-folder", None)
    frame = finding_table([Finding("S003", Severity.ERROR, "role", "users.csv", 4, "role")])
    last = Finding("X001", Severity.ERROR, "missing", "enrollments.csv", 9, "classSourcedId", value="c9")
    assert Report([first, frame, last]).findings == [first, Finding("S003", Severity.ERROR, "role", "users.csv", 4, "role"), last]


def test_a_name_that_is_not_utf8_is_held_as_its_visible_bytes():
    (held,) = Report([Finding("P010", Severity.WARNING, "'r\udcffsum\udce9.txt' is not a CSV file", None)]).findings
    assert held.message == "'r\\xffsum\\xe9.txt' is not a CSV file"


def test_something_that_is_not_a_finding_is_refused():
    try:
        finding_table([["S003"]])
    except TypeError as error:
        assert "list" in str(error)
    else:
        raise AssertionError("a list was taken for a finding")


@settings(max_examples=200, deadline=None)
@given(findings_strategy)
def test_the_frame_sort_is_the_report_order(findings):
    order = file_order(SCHEMA)
    expected = sorted(findings, key=lambda f: (
        f.file is not None, order.get(f.file, len(order)), f.file or "", FAMILIES[f.code[0]],
        -f.severity.rank, f.row or 0, f.code, f.field or "", f.message))
    assert Report(sort_table(finding_table(findings), SCHEMA)).findings == expected


@settings(max_examples=200, deadline=None)
@given(findings_strategy)
def test_per_file_ignores_and_severity_overrides_match_one_finding_at_a_time(findings):
    config = Config(severity={"R1": "info", "R107": "error", "S": "warning"},
                    per_file_ignores={"users.csv": ("S", "R112"), "enrollments.csv": ("X001",)})
    expected = []
    for f in findings:
        if f.file and matches(f.code, config.per_file_ignores.get(f.file, ())):
            continue
        severity = config._severity(f.code)
        expected.append(f if severity is None else replace(f, severity=severity))
    assert Report(config.apply(finding_table(findings))).findings == expected


def test_a_profile_drops_the_columns_it_tolerates_and_raises_what_it_rejects():
    profile = load_profile("lenient")  # tolerates ext_* columns
    findings = [Finding("P202", Severity.WARNING, "unknown column", "users.csv", 1, "ext_nickname"),
                Finding("P202", Severity.WARNING, "unknown column", "users.csv", 1, "nickname"),
                Finding("P202", Severity.WARNING, "unknown column", "users.csv", 1, None)]
    kept = Report(profile.judge(finding_table(findings))).findings
    assert [f.field for f in kept] == ["nickname", None]
    strict = load_profile("strict")
    raised = sorted(strict.raised)[0]
    judged = Report(strict.judge(finding_table([Finding(raised, Severity.WARNING, "m", "users.csv", 2)]))).findings
    assert judged[0].severity is Severity.ERROR


def test_an_empty_report_has_the_columns_of_every_finding():
    report = Report([], "1.1")
    assert report.table.schema == pl.Schema({"code": pl.String, "severity": pl.String, "message": pl.String, "file": pl.String,
                                             "row": pl.Int64, "field": pl.String, "hint": pl.String, "value": pl.String})
    assert report.findings == [] and not report.fails(Severity.INFO) and report.worst == -1


def test_a_file_name_that_is_not_utf8_still_locates_the_file():
    from linter.report import sarif

    name = "r\udce9sum\udce9.csv"  # how Python gives the bytes r\xe9sum\xe9.csv of a Latin-1 file system
    report = Report([Finding("P006", Severity.ERROR, "r\\xe9sum\\xe9.csv is not a file of OneRoster 1.1", name, hint="rename it")], "1.1")
    assert report.table.get_column("file").to_list() == ["r\\xe9sum\\xe9.csv"]  # the frame holds UTF-8 only
    assert [f.file for f in report.each()] == [name] == [f.file for f in report.findings]
    assert '"uri": "exports/r%E9sum%E9.csv"' in sarif.render(report, origin="exports")
    report.table = report.table.filter(pl.col("code") == "P006")  # a stage that replaces the frame keeps the names
    assert [f.file for f in report.each()] == [name]


def test_the_frame_has_a_column_for_every_field_of_a_finding_in_its_order():
    from dataclasses import fields

    from linter.findings import COLUMNS

    assert list(COLUMNS) == [f.name for f in fields(Finding)]
