"""Delta packages as a consumer applies them: alone, against the last bulk, and in diff."""

from __future__ import annotations

import json
import shutil

from tests.conftest import EXAMPLES, check_json, cli, where

BULK = EXAMPLES / "valid-1.1"
DELTA = EXAMPLES / "delta-1.1"
STAMP = "2026-01-12T14:03:00.000Z"


def broken_delta(tmp_path):
    """The example delta with two dangling references: a class nobody ever sent, and a
    user that the same delta deletes."""
    folder = tmp_path / "delta"
    shutil.copytree(DELTA, folder)
    with (folder / "enrollments.csv").open("a", encoding="utf-8") as out:
        out.write(f"enr-5068,active,{STAMP},cls-chem-p3,sch-high,stu-1041,student,false,,\n")
        out.write(f"enr-5069,active,{STAMP},cls-ushist-p6,sch-high,stu-1040,student,false,,\n")
    return folder


def test_a_delta_alone_has_no_errors_and_says_what_it_could_not_verify():
    report = check_json(DELTA)
    assert report["summary"]["errors"] == 0 and report["summary"]["warnings"] == 0
    assert where(report) == {("X004", "users.csv", None, "orgSourcedIds"), ("X004", "enrollments.csv", None, "classSourcedId"),
                             ("X004", "enrollments.csv", None, "schoolSourcedId")}
    classes = next(f for f in report["findings"] if f["field"] == "classSourcedId")
    assert classes["severity"] == "info" and classes["message"].startswith("2 references in classSourcedId (2 distinct ids of classes.csv) are not in this delta")
    assert "--previous LAST_BULK" in classes["hint"]
    assert cli("check", DELTA).exit_code == 0


def test_a_delta_alone_reports_a_reference_to_a_row_it_deletes(tmp_path):
    report = check_json(broken_delta(tmp_path))
    errors = {(f["code"], f["file"], f["row"], f["field"]) for f in report["findings"] if f["severity"] == "error"}
    assert errors == {("X001", "enrollments.csv", 6, "userSourcedId")}  # stu-1040 is tobedeleted in users.csv


def test_a_delta_against_its_bulk_finds_exactly_the_dangling_references(tmp_path):
    assert check_json(DELTA, "--previous", BULK)["findings"] == []
    report = check_json(broken_delta(tmp_path), "--previous", BULK)
    assert where(report) == {("X001", "enrollments.csv", 5, "classSourcedId"), ("X001", "enrollments.csv", 6, "userSourcedId")}
    assert all("neither in the last upload nor added by this delta" in f["message"] for f in report["findings"])


def test_rules_about_what_is_missing_do_not_judge_a_delta(tmp_path):
    """A delta that adds a student and no enrollment is not a student without classes: the
    enrollments are at the consumer already."""
    folder = tmp_path / "delta"
    shutil.copytree(DELTA, folder)
    (folder / "enrollments.csv").write_text((DELTA / "enrollments.csv").read_text(encoding="utf-8").splitlines()[0] + "\n"
                                            f"enr-5065,tobedeleted,{STAMP},cls-ushist-p6,sch-high,stu-1040,student,false,,\n", encoding="utf-8")
    assert {f["code"] for f in check_json(folder)["findings"]} <= {"X004"}


def test_diff_of_bulk_and_delta_reports_the_deltas_own_changes():
    result = cli("diff", BULK, DELTA, "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    changes = report["changes"]
    assert changes["users.csv"] == {"previous": 56, "current": 56, "added": 1, "removed": 1, "updated": 1, "rekeyed": 0}
    assert changes["enrollments.csv"] == {"previous": 65, "current": 66, "added": 2, "removed": 1, "updated": 0, "rekeyed": 0}
    assert changes["demographics.csv"] == {"previous": 40, "current": 40, "added": 1, "removed": 1, "updated": 0, "rekeyed": 0}
    for file in ("orgs.csv", "classes.csv", "courses.csv", "academicSessions.csv"):
        assert changes[file]["added"] == changes[file]["removed"] == changes[file]["updated"] == 0
    assert {s["status_after_upload"] for s in report["schools"]} == {"Active"}
    assert not report["circuit_break"]["likely"] and report["findings"] == []


def test_the_last_upload_must_be_a_bulk():
    result = cli("diff", DELTA, BULK)
    assert result.exit_code == 2 and "the last upload given is a delta package" in result.stderr
