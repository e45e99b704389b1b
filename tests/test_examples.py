"""The bundled example district: the valid packages are clean, the broken twin shows each damage."""

from __future__ import annotations

import pytest

from tests.conftest import EXAMPLES, check_json, cli, where

# examples/README.md lists the damage in broken-1.1; each must give this finding.
BROKEN_1_1 = {
    ("P203", "courses.csv", 1, "sourcedId"),            # a: SourcedId
    ("P207", "enrollments.csv", 1, "beginDate"),        # b: 'beginDate '
    ("R201", "academicSessions.csv", 5, "startDate"),   # c: 8/13/2025
    ("R203", "users.csv", 15, "identifier"),            # d: 3.10058E+11
    ("R202", "courses.csv", 7, "orgSourcedId"),         # e: 123 for 00123
    ("S002", "enrollments.csv", 51, "endDate"),         # f: 2025-02-30
    ("R101", "academicSessions.csv", 7, "startDate"),   # g: start after end
    ("X001", "enrollments.csv", 67, "classSourcedId"),  # h: missing class (4 rows)
    ("X001", "enrollments.csv", 68, "classSourcedId"),
    ("X001", "enrollments.csv", 69, "classSourcedId"),
    ("X001", "enrollments.csv", 70, "classSourcedId"),
    ("X001", "enrollments.csv", 71, "userSourcedId"),   # i: missing user
    ("S005", "users.csv", 58, "sourcedId"),             # j: duplicate sourcedId
    ("S002", "users.csv", 43, "enabledUser"),           # k: TRUE
    ("S002", "enrollments.csv", 32, "primary"),         # k: Yes
    ("S003", "users.csv", 21, "role"),                  # l: Student
    ("S001", "users.csv", 10, "givenName"),             # m: empty
    ("P104", "classes.csv", 3, None),                   # n: ragged row
    ("R001", "enrollments.csv", 10, "status"),          # o: status in bulk
    ("R001", "enrollments.csv", 11, "status"),
    ("R002", "enrollments.csv", 66, "status"),          # o: tobedeleted in bulk
    ("R104", "enrollments.csv", 24, "schoolSourcedId"),  # p: school differs from class
    ("R107", "classes.csv", 12, "sourcedId"),           # q: no teacher
    ("R112", "users.csv", 28, "username"),              # r: duplicate username
    ("R114", "users.csv", 47, "email"),                 # s: malformed email
    ("S006", "users.csv", 31, "grades"),                # t: 9
    ("R204", "users.csv", 52, "orgSourcedIds"),         # u: semicolons
    ("P004", "demographics.csv", None, None),           # v: manifest says bulk, file deleted
    ("R102", "academicSessions.csv", 4, "startDate"),   # w: term outside its year
}


@pytest.mark.parametrize("name", ["valid-1.1", "valid-1.2"])
def test_valid_examples_pass_cleanly(name):
    result = cli("check", EXAMPLES / name)
    assert result.exit_code == 0, result.output
    assert "No problems found." in result.stdout
    assert check_json(EXAMPLES / name)["findings"] == []


def test_broken_example_reports_every_damage():
    result = cli("check", EXAMPLES / "broken-1.1", "--format", "json")
    assert result.exit_code == 1
    report = check_json(EXAMPLES / "broken-1.1")
    missing = BROKEN_1_1 - where(report)
    assert not missing, f"damage not reported: {sorted(missing, key=str)}"
    assert len({code for code, *_ in BROKEN_1_1}) >= 15


def test_broken_example_reports_nothing_unexplained():
    """Every finding is a listed damage or one of the knock-on effects examples/README.md names."""
    knock_on = {("R106", "enrollments.csv", 27, "role")}
    unexplained = where(check_json(EXAMPLES / "broken-1.1")) - BROKEN_1_1 - knock_on
    assert not unexplained, sorted(unexplained, key=str)
