"""Engine guarantees: parsing edge cases, a crashing rule, progress, the input left untouched."""

from __future__ import annotations

import hashlib
from dataclasses import replace

import pytest

import linter.rules
from linter import baseline, lint
from linter.catalogue import all_specs
from linter.engine.csvfile import parse
from tests.conftest import EXAMPLES

HEADER = baseline.header("enrollments.csv")


def codes(report) -> set[str]:
    return {f.code for f in report.findings}


@pytest.mark.parametrize("text,rows", [
    ("a,b\n1,2\n3,4\n", [["1", "2"], ["3", "4"]]),
    ("a,b\r\n1,2\r\n3,4\r\n", [["1", "2"], ["3", "4"]]),
    ('a,b\n"x, y",2\n"he said ""hi""",4', [["x, y", "2"], ['he said "hi"', "4"]]),
    ('a,b\n"line one\nline two",2\n5,6\n', [["line one\nline two", "2"], ["5", "6"]]),
    ("a,b\n1,\n,2\n", [["1", ""], ["", "2"]]),
])
def test_well_formed_csv_reads_the_same_cells(text, rows):
    parsed = parse("x.csv", text.encode())
    assert parsed.header == ["a", "b"]
    assert parsed.frame.drop("__row").rows() == [tuple(r) for r in rows]


def test_row_numbers_count_records_not_lines():
    parsed = parse("x.csv", b'a,b\n"two\nlines",1\n"x",2,3\n')
    assert [(f.code, f.row) for f in parsed.findings] == [("P105", 3)]


@pytest.mark.parametrize("text,expected", [
    ("a,b,c\n1,2\n", [("P104", 2)]),
    ("a,b\n1,2,3\n", [("P105", 2)]),
    ("a,b\n1,2\n\n3,4\n", [("P107", 3)]),
    ("a,b\n,\n1,\n", [("P107", 2)]),
    ('a,b\n1,"open\n2,3\n', [("P106", 2)]),
    ("a,b\r1,2\r", [("P103", None)]),
    ("a,b\n1,2\r\n", [("P103", None)]),
])
def test_broken_structure_is_found_with_its_row(text, expected):
    found = [(f.code, f.row) for f in parse("x.csv", text.encode()).findings]
    assert found == expected


def test_encodings():
    assert [f.code for f in parse("x.csv", "a,b\nRenée,1\n".encode("cp1252")).findings] == ["P101"]
    finding = parse("x.csv", "a,b\n1,2\nRenée,1\n".encode("cp1252")).findings[0]
    assert finding.row == 3 and "Windows-1252" in finding.message
    utf16 = parse("x.csv", "a,b\nRenée,1\n".encode("utf-16"))
    assert [f.code for f in utf16.findings] == ["P101"] and utf16.frame.item(0, "c0") == "Renée"
    bom = parse("x.csv", b"\xef\xbb\xbfa,b\n1,2\n")
    assert [f.code for f in bom.findings] == ["P102"] and bom.header == ["a", "b"]
    assert [f.code for f in parse("x.csv", b"a,b\n\x00\x01\x02garbage").findings] == ["P109"]
    assert [f.code for f in parse("x.csv", b"").findings] == ["P108"]


def test_a_crashing_rule_becomes_a_p999_finding_and_the_others_still_run(monkeypatch):
    all_specs()

    def broken(ctx):
        raise KeyError("boom")

    monkeypatch.setattr(linter.rules, "RULES", tuple(replace(spec, check=broken) if spec.code == "R109" else spec for spec in linter.rules.RULES))
    report = lint(EXAMPLES / "broken-1.1")
    internal = [f for f in report.findings if f.code == "P999"]
    assert len(internal) == 1 and "R109" in internal[0].message and "KeyError" in internal[0].message
    assert {"R101", "R112", "X001"} <= codes(report)


def test_progress_reaches_the_end():
    calls = []
    lint(EXAMPLES / "valid-1.1", progress=lambda done, total, label: calls.append((done, total, label)))
    assert calls[-1][0] == calls[-1][1] and len(calls) == calls[-1][1]
    assert any("enrollments.csv" in label for *_, label in calls)


def test_the_input_is_never_changed(tmp_path):
    def fingerprint(folder):
        return {p.name: (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns) for p in sorted(folder.iterdir())}

    folder = EXAMPLES / "broken-1.1"
    before = fingerprint(folder)
    lint(folder)
    assert fingerprint(folder) == before


def test_many_rows_with_one_missing_class_each_get_a_finding(tmp_path):
    package = tmp_path / "p"
    package.mkdir()
    for file in baseline.folder().iterdir():
        (package / file.name).write_bytes(file.read_bytes())
    rows = [f"x{i},,,alg9,sch,s1,student,false,," for i in range(500)]
    (package / "enrollments.csv").write_text(baseline.rows("enrollments.csv", "e1,,,alg1-p1,sch,t1,teacher,true,,", *rows))
    report = lint(package)
    missing = [f for f in report.findings if f.code == "X001"]
    assert len(missing) == 500 and [f.row for f in missing] == list(range(3, 503))


def test_a_bug_outside_the_rules_is_one_line_and_exit_2(monkeypatch):
    from click.testing import CliRunner

    import linter.cli

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(linter.cli, "lint", broken)
    result = CliRunner().invoke(linter.cli.main, ["check", str(EXAMPLES / "valid-1.1")])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "internal error (RuntimeError" in result.stderr and "Traceback" not in result.output
