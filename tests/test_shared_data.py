"""The public sample packages in ../shared/data, read as they are (never edited)."""

from __future__ import annotations

from tests.conftest import SHARED_DATA, assert_golden, check_json, cli, needs_shared_data, where

pytestmark = needs_shared_data

FIXTURE = SHARED_DATA / "importer-fixture-1.1"


def test_importer_fixture_findings_are_pinned():
    result = cli("check", FIXTURE, "--format", "json")
    assert result.exit_code == 1
    assert_golden("importer-fixture-1.1.json", result.stdout)


def test_importer_fixture_findings_a_district_would_agree_with():
    found = where(check_json(FIXTURE))
    expected = {
        ("P201", "academicSessions.csv", 1, "schoolYear"),        # required column missing
        ("P202", "users.csv", 1, "userId"),                        # the standard says userIds
        ("P203", "demographics.csv", 1, "birthDate"),              # 'birthdate' in the file
        ("P202", "demographics.csv", 1, "userSourcedId"),          # the standard says sourcedId
        ("P208", "orgs.csv", 1, "metadata.gender"),                # extension before parentSourcedId
        ("P204", "enrollments.csv", 1, None),                      # status after role
        ("S002", "users.csv", 2, "enabledUser"),                   # TRUE, not true
        ("S002", "enrollments.csv", 3, "primary"),                 # yes, not true
        ("S002", "orgs.csv", 2, "dateLastModified"),               # a space instead of T, no Z
        ("S001", "classes.csv", 2, "courseSourcedId"),             # required, empty
        ("X002", "classes.csv", 2, "termSourcedIds"),              # no academic sessions at all
        ("X001", "enrollments.csv", 3, "userSourcedId"),           # user3 is not in users.csv
        ("R109", "enrollments.csv", 17, "userSourcedId"),          # enrol16 repeats enrol3
        ("R105", "enrollments.csv", 9, "userSourcedId"),           # user2 belongs to the other school
        ("R111", "orgs.csv", 2, "parentSourcedId"),                # a school under a school
        ("R001", "enrollments.csv", 2, "status"),                  # status filled in a bulk file
    }
    assert expected <= found, sorted(expected - found, key=str)
    assert not any(f[0] == "P999" for f in found)
