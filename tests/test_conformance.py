"""Conformance cases written from the CSV Binding 1.2.1 text: for each MUST and SHOULD clause
the linter encodes, a package that breaks it gives exactly the expected (file, row, field,
code), and the same package with the clause kept gives nothing.

Each case patches the small valid baseline package (linter/baseline/) of its version.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from linter import baseline, lint
from linter.examples import materialize

V11, V12 = "1.1", "1.2"
STAMP = "2026-01-12T14:03:00.000Z"


@dataclass(frozen=True)
class Case:
    clause: str
    version: str
    bad: dict
    expected: set
    good: dict = field(default_factory=dict)


def manifest(version: str, **modes: str) -> str:
    text = baseline.text("manifest.csv", version)
    for name, mode in modes.items():
        text = text.replace(f"file.{name},bulk", f"file.{name},{mode}").replace(f"file.{name},absent", f"file.{name},{mode}")
    return text


def edit(file: str, changes: dict, version: str = V11, **kwargs) -> str:
    return baseline.edit(file, changes, version=version, **kwargs)


CASES = {
    # §3 CSV format: RFC 4180, with no carriage return inside a field
    "carriage-return-in-field": Case(
        "§3, RFC 4180 and no carriage-returns in a field", V11,
        bad={"orgs.csv": baseline.text("orgs.csv").replace("\n", "\r\n").replace("Lakeside High", '"Lakeside\r\nHigh"')},
        expected={("P111", "orgs.csv", 3, "name")},
        good={"orgs.csv": baseline.text("orgs.csv").replace("\n", "\r\n").replace("Lakeside High", '"Lakeside, High"')}),
    "quote-in-unquoted-field": Case(
        "RFC 4180 §2.5: a field that is not quoted holds no quote", V11,
        bad={"orgs.csv": baseline.text("orgs.csv").replace("Lakeside High", 'Lakeside "High"')},
        expected={("P106", "orgs.csv", 3, None)},
        good={"orgs.csv": baseline.text("orgs.csv").replace("Lakeside High", '"Lakeside ""High"""')}),
    # §3: values are case-sensitive, manifest values too
    "manifest-value-case": Case(
        "§3.1 Table 3.1 and §3: absent, bulk or delta, case-sensitive", V11,
        bad={"manifest.csv": manifest(V11, users="BULK")},
        expected={("P014", "manifest.csv", None, "file.users")},
        good={"manifest.csv": manifest(V11, users="bulk")}),
    "manifest-file-row-required": Case(
        "§3.1 Table 3.1: every file.* row is required", V12,
        bad={"manifest.csv": baseline.text("manifest.csv", V12).replace("file.userResources,absent\n", "")},
        expected={("P016", "manifest.csv", None, "file.userResources")}),
    "manifest-header-row": Case(
        "§3.1: the manifest's header row is propertyName,value", V11,
        bad={"manifest.csv": baseline.text("manifest.csv").split("\n", 1)[1]},
        expected={("P019", "manifest.csv", 1, None)}),
    # §3: files that contain no data rows are not permitted (1.2)
    "no-data-rows": Case(
        "§3: a file with no data rows is not permitted", V12,
        bad={"demographics.csv": baseline.header("demographics.csv", V12) + "\n"},
        expected={("P020", "demographics.csv", None, None)},
        good={"demographics.csv": None, "manifest.csv": manifest(V12, demographics="absent")}),
    # §3: bulk rows carry no status and no dateLastModified
    "status-in-bulk": Case(
        "§3: in bulk mode status and dateLastModified MUST NOT hold values", V12,
        bad={"orgs.csv": edit("orgs.csv", {"sch": {"status": "active", "dateLastModified": STAMP}}, V12)},
        expected={("R001", "orgs.csv", 3, "status"), ("R001", "orgs.csv", 3, "dateLastModified")}),
    # §3: delta rows carry both
    "delta-without-status": Case(
        "§3: in delta mode every row has status and dateLastModified", V12,
        bad={"manifest.csv": manifest(V12, orgs="delta"),
             "orgs.csv": baseline.rows("orgs.csv", f"dist,active,{STAMP},Lakeside District,district,,", "sch,,,Lakeside High,school,0042,dist", version=V12)},
        expected={("R003", "orgs.csv", 3, "status"), ("R003", "orgs.csv", 3, "dateLastModified")},
        good={"manifest.csv": manifest(V12, orgs="delta"),
              "orgs.csv": baseline.rows("orgs.csv", f"dist,active,{STAMP},Lakeside District,district,,", f"sch,active,{STAMP},Lakeside High,school,0042,dist", version=V12)}),
    # §3 DateTime: YYYY-MM-DDTHH:MM:SS.sssZ
    "date-time-resolution": Case(
        "§3 DateTime: YYYY-MM-DDTHH:MM:SS.sssZ", V12,
        bad={"manifest.csv": manifest(V12, orgs="delta"),
             "orgs.csv": baseline.rows("orgs.csv", "dist,active,2026-01-12T14:03:00Z,Lakeside District,district,,", f"sch,active,{STAMP},Lakeside High,school,0042,dist", version=V12)},
        expected={("S002", "orgs.csv", 2, "dateLastModified")},
        good={"manifest.csv": manifest(V12, orgs="delta"),
              "orgs.csv": baseline.rows("orgs.csv", f"dist,active,{STAMP},Lakeside District,district,,", f"sch,active,{STAMP},Lakeside High,school,0042,dist", version=V12)}),
    # §3 GUID: fewer than 256 characters of 0-9 a-z A-Z . - _ / @
    "guid-length": Case(
        "§3 GUID: fewer than 256 characters", V12,
        bad={"enrollments.csv": edit("enrollments.csv", {"e3": {"sourcedId": "e" * 256}}, V12)},
        expected={("S007", "enrollments.csv", 4, "sourcedId")},
        good={"enrollments.csv": edit("enrollments.csv", {"e3": {"sourcedId": "e" * 255}}, V12)}),
    "guid-characters-in-a-reference-list": Case(
        "§3 GUID Reference: the same character set", V12,
        bad={"users.csv": edit("users.csv", {"s1": {"agentSourcedIds": "p1,p#2"}}, V12)},
        expected={("S007", "users.csv", 3, "agentSourcedIds")},
        good={"users.csv": edit("users.csv", {"s1": {"agentSourcedIds": "p1"}}, V12)}),
    # §4.1.2: ext: followed by at least one character of [a-zA-Z0-9.-_]
    "ext-token": Case(
        "§4.1.2: ext: and at least one more character", V12,
        bad={"classes.csv": edit("classes.csv", {"alg1-p1": {"classType": "ext:"}}, V12)},
        expected={("S003", "classes.csv", 2, "classType")},
        good={"classes.csv": edit("classes.csv", {"alg1-p1": {"classType": "ext:lab-section_2"}}, V12)}),
    # §3.4, §3.7, §3.22: grades are agreed locally in 1.2; 1.1 uses the CEDS list
    "grades-1.1-ceds": Case(
        "OneRoster 1.1: grades from the CEDS list", V11,
        bad={"users.csv": edit("users.csv", {"s2": {"grades": "9"}})},
        expected={("S006", "users.csv", 4, "grades")},
        good={"users.csv": edit("users.csv", {"s2": {"grades": "09"}})}),
    # §3.3: categories.weight is an integer
    "category-weight-integer": Case(
        "§3.3 categories.weight: Integer", V12,
        bad={"manifest.csv": manifest(V12, categories="bulk"), "categories.csv": "sourcedId,status,dateLastModified,title,weight\nhw,,,Homework,0.25\n"},
        expected={("S002", "categories.csv", 2, "weight")},
        good={"manifest.csv": manifest(V12, categories="bulk"), "categories.csv": "sourcedId,status,dateLastModified,title,weight\nhw,,,Homework,25\n"}),
    # §3.19: scoreScaleValue is {value:description} pairs
    "score-scale-value": Case(
        "§3.19 scoreScales.scoreScaleValue: {LHS:RHS} mappings", V12,
        bad={"manifest.csv": manifest(V12, scoreScales="bulk"),
             "scoreScales.csv": "sourcedId,status,dateLastModified,title,type,orgSourcedId,courseSourcedId,classSourcedId,scoreScaleValue\n"
                                "ss1,,,Letters,letter,sch,alg1,alg1-p1,\"A=90,B=80\"\n"},
        expected={("S006", "scoreScales.csv", 2, "scoreScaleValue")},
        good={"manifest.csv": manifest(V12, scoreScales="bulk"),
              "scoreScales.csv": "sourcedId,status,dateLastModified,title,type,orgSourcedId,courseSourcedId,classSourcedId,scoreScaleValue\n"
                                 "ss1,,,Letters,letter,sch,alg1,alg1-p1,\"{90-100:A},{80-89:B}\"\n"}),
    # §3.18: one primary role per user and organization
    "primary-role-per-org": Case(
        "§3.18 roles.roleType: one primary role per user and org", V12,
        bad={"roles.csv": edit("roles.csv", {}, V12, add=("r-s1b,,,s1,primary,student,,,sch,",))},
        expected={("R301", "roles.csv", 6, "roleType")},
        good={"roles.csv": edit("roles.csv", {}, V12, add=("r-s1b,,,s1,secondary,student,,,dist,",))}),
    # §3.9: primary applies to teachers, one at a time (SHOULD)
    "primary-for-teachers-only": Case(
        "§3.9 enrollments.primary: teachers only", V11,
        bad={"enrollments.csv": edit("enrollments.csv", {"e3": {"primary": "true"}})},
        expected={("R118", "enrollments.csv", 4, "primary")}),
    # §3.4, §3.7: one subject code per subject (SHOULD)
    "subjects-and-codes": Case(
        "§3.7 courses: subjects and subjectCodes have the same number of items", V12,
        bad={"courses.csv": edit("courses.csv", {"alg1": {"subjects": "Math", "subjectCodes": "MATH,ALG"}}, V12)},
        expected={("R120", "courses.csv", 2, "subjectCodes")},
        good={"courses.csv": edit("courses.csv", {"alg1": {"subjects": "Math,Algebra", "subjectCodes": "MATH,ALG"}}, V12)}),
    # §2.1: a bulk package is semantically complete
    "bulk-references-resolve": Case(
        "§2.1: every reference of a bulk package names a row it holds", V12,
        bad={"roles.csv": edit("roles.csv", {"r-p1": {"orgSourcedId": "dist2"}}, V12)},
        expected={("X001", "roles.csv", 5, "orgSourcedId")}),
    # §3: importers must accept and ignore a byte-order mark
    "byte-order-mark": Case(
        "§3: importers accept and ignore a UTF-8 BOM", V12,
        bad={"orgs.csv": b"\xef\xbb\xbf" + baseline.text("orgs.csv", V12).encode()},
        expected={("P102", "orgs.csv", None, None)}),
}


def found(patch: dict, version: str) -> set:
    with materialize(patch, version) as path:
        report = lint(path, version=version)
    return {(f.code, f.file, f.row, f.field) for f in report.findings}


@pytest.mark.parametrize("name", sorted(CASES))
def test_breaking_the_clause_gives_exactly_its_finding(name):
    case = CASES[name]
    assert found(case.bad, case.version) == case.expected


@pytest.mark.parametrize("name", sorted(name for name, case in CASES.items() if case.good))
def test_keeping_the_clause_gives_nothing(name):
    """Only the cases with a package of their own that keeps the clause: the others would
    lint the untouched baseline, which tests/rules/test_rules.py checks once."""
    case = CASES[name]
    assert found(case.good, case.version) == set()


def test_the_byte_order_mark_is_information_only():
    with materialize(CASES["byte-order-mark"].bad, V12) as path:
        report = lint(path)
    assert {f.severity.value for f in report.findings} == {"info"} and "UTF-8" in report.findings[0].hint


@pytest.mark.parametrize("grades", ["9", "K", "Year 7", "P1,J1", "09"])
def test_grades_are_free_vocabulary_in_1_2(grades):
    patch = {"users.csv": edit("users.csv", {"s2": {"grades": grades}}, V12),
             "classes.csv": edit("classes.csv", {"alg1-p1": {"grades": grades}}, V12)}
    assert found(patch, V12) == set()


def test_a_vendor_profile_may_require_ceds_grades():
    patch = {"users.csv": edit("users.csv", {"s2": {"grades": "Year 7", "email": "lchen@lakeside.example"}, "p1": {"identifier": "P300"}}, V12)}
    with materialize(patch, V12) as path:
        report = lint(path, profile="strict")
    assert {(f.code, f.file, f.row, f.field) for f in report.findings} == {("R404", "users.csv", 4, "grades")}


def test_a_vendor_profile_raises_practice_rules_to_errors():
    patch = {"users.csv": edit("users.csv", {"s2": {"username": "AOkafor", "email": "lchen@lakeside.example"}, "p1": {"identifier": "P300"}})}
    with materialize(patch, V11) as path:
        plain, strict = lint(path), lint(path, profile="strict")
    assert [(f.code, f.severity.value) for f in plain.findings] == [("R112", "warning")]
    assert [(f.code, f.severity.value) for f in strict.findings] == [("R112", "error")]


def test_without_a_manifest_the_version_comes_from_the_headers():
    for version, why in ((V12, "roles.csv exists only in OneRoster 1.2"), (V11, "no file or column only OneRoster 1.2 has")):
        with materialize({"manifest.csv": None}, version) as path:
            report = lint(path)
        assert report.version == version
        assert [f.code for f in report.findings] == ["P001"] and why in report.findings[0].message
    users_only = {"manifest.csv": None, "roles.csv": None}  # a 1.2 users.csv tells the version too
    with materialize(users_only, V12) as path:
        assert lint(path).version == V12


def test_a_manifest_without_its_header_is_one_finding_not_a_cascade():
    headless = {"manifest.csv": baseline.text("manifest.csv", V12).split("\n", 1)[1]}
    with materialize(headless, V12) as path:
        report = lint(path)
    assert [f.code for f in report.findings] == ["P019"] and report.version == V12
