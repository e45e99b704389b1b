"""The year-end codes. Their examples carry a "(previous)" patch: the last upload, built over
the same baseline; the current package is the baseline with the rest of the patch."""

from __future__ import annotations

from linter import baseline
from linter.findings import Severity
from linter.registry import Basis, declare
from linter.yearend.data import yearend


def _students(numbers: range, grade: str = "09") -> dict[str, str]:
    """The baseline with extra students, each enrolled in the baseline class."""
    users = [f"s{i},,,true,sch,student,student{i},,Student{i},Example,,S{i},,,,,{grade}," for i in numbers]
    enrollments = [f"e-s{i},,,alg1-p1,sch,s{i},student,false,," for i in numbers]
    return {"users.csv": baseline.edit("users.csv", add=tuple(users)), "enrollments.csv": baseline.edit("enrollments.csv", add=tuple(enrollments))}


def _promoted(numbers: range) -> dict[str, str]:
    grown = _students(numbers, grade="10")
    grown["users.csv"] = grown["users.csv"].replace(",09,\n", ",10,\n")
    return grown


_ADVICE = yearend()["advice"]  # what to do about a missing school lives once, in schemas/yearend.json
_NEXT_YEAR = "y2027,,,2026-2027,schoolYear,2026-08-14,2027-06-11,,2027"

Y001 = declare(
    code="Y001", name="school-action-needed", severity=Severity.ERROR, basis=Basis.PRACTICE,
    clause="Vendor end-of-year guidance for file-upload districts (see the year-end guide); not in the standard",
    title="A school in the last upload is missing from this one",
    why="The vendor sets a school that disappears from the files to Action Needed: the district must then mark it Paused or Frozen, or tell support it is a mistake. Until then its staff and families see stale or no data.",
    fix=f"{_ADVICE['missing']} {_ADVICE['pause']} {_ADVICE['freeze']} 'oneroster-lint freeze-impact' shows who a Freeze would lock out.",
    bad={"(previous)": {"orgs.csv": baseline.edit("orgs.csv", add=("sch2,,,Lakeside Middle,school,0043,dist",))}},
    good={"(previous)": {}},
)
Y008 = declare(
    code="Y008", name="ids-rekeyed", severity=Severity.ERROR, basis=Basis.PRACTICE,
    clause="Consumers match records by sourcedId from one upload to the next; not in the standard, which never has a record change its id",
    title="Records of the last upload are back under other sourcedIds",
    why="When ids change, through a spreadsheet that dropped leading zeros or a migration that changed their case, every record looks deleted "
        "and re-created: the vendor deletes the accounts, with their messages and history, and creates new ones; schools go to Action Needed "
        "and come back as new twins.",
    fix="Send the ids exactly as in the last upload: export again from the SIS without opening the files in a spreadsheet (or import the id columns as Text). "
        "If the ids really changed for good, ask the vendor how to re-key before sending.",
    bad={"(previous)": {"users.csv": baseline.edit("users.csv", {"s1": {"sourcedId": "0s1"}, "p1": {"agentSourcedIds": "0s1"}}),
                        "enrollments.csv": baseline.edit("enrollments.csv", {"e2": {"userSourcedId": "0s1"}}),
                        "demographics.csv": baseline.edit("demographics.csv", {"s1": {"sourcedId": "0s1"}})}},
    good={"(previous)": {}},
)
Y009 = declare(
    code="Y009", name="seniors-gone", severity=Severity.WARNING, basis=Basis.PRACTICE,
    clause="Vendor end-of-year guidance for file-upload districts (see the year-end guide); not in the standard",
    title="Most of the last upload's seniors are gone",
    why="When nearly every grade-12 student of the last upload is missing, the SIS has graduated the seniors out: sent during the year, "
        "their accounts are deleted before the year is over.",
    fix="If the school year is still on, pause delivery until the new year; if it is over, this is the expected end of the year.",
    bad={"(previous)": _students(range(3, 14), grade="12")},
    good={"(previous)": _students(range(3, 14), grade="12"), **_students(range(3, 14), grade="12")},
)
Y010 = declare(
    code="Y010", name="next-year-enrollments", severity=Severity.WARNING, basis=Basis.PRACTICE,
    clause="Vendor end-of-year guidance for file-upload districts (see the year-end guide); not in the standard",
    title="Enrollments or classes begin after the last upload's school year ends",
    why="Enrollments that start after the current school year ends, and classes whose terms all start then, are next year's schedule "
        "(pre-enrolled students, next year's sections): sent early, teachers and families see classes that have not started.",
    fix="Pause delivery until the new year is meant to be visible, or filter next year's enrollments out of the export.",
    bad={"(previous)": {}, "enrollments.csv": baseline.edit("enrollments.csv", {"e3": {"beginDate": "2026-08-20"}})},
    good={"(previous)": {}, "enrollments.csv": baseline.edit("enrollments.csv", {"e3": {"beginDate": "2025-09-02"}})},
)
Y011 = declare(
    code="Y011", name="paused-school-returns", severity=Severity.INFO, basis=Basis.PRACTICE,
    clause="Vendor school statuses for file-upload districts (see the year-end guide): a Paused school returns to Active by itself; not in the standard",
    title="A school the district paused is back in the upload",
    why="A Paused school keeps its last data and stops updating; when it is in an upload again the vendor makes it Active by itself, and its staff and families see the new data.",
    fix="Nothing to do if the school should resume now. If it should stay paused, leave it out of the upload.",
    bad={"(previous)": {}, "(school-status)": "sch:Paused"},
    good={"(previous)": {}},
)
Y012 = declare(
    code="Y012", name="frozen-school-returns", severity=Severity.ERROR, basis=Basis.PRACTICE,
    clause="Vendor school statuses for file-upload districts (see the year-end guide): only the vendor's support reverses a Freeze; not in the standard",
    title="A school the district froze is in the upload again",
    why="A Frozen school's accounts are all locked, and sending the school again does not unlock them: only the vendor's support can. "
        "Its staff and families keep seeing the frozen screen while the upload looks fine.",
    fix="Ask the vendor's support to unfreeze the school before you send it, then record it as active ('oneroster-lint school activate ID'); or leave it out of the upload.",
    bad={"(previous)": {}, "(school-status)": "sch:Frozen"},
    good={"(previous)": {}},
)
Y013 = declare(
    code="Y013", name="incoming-kindergarten", severity=Severity.WARNING, basis=Basis.PRACTICE,
    clause="Vendor end-of-year guidance for file-upload districts (see the year-end guide); not in the standard",
    title="Next year's kindergarten is pre-enrolled",
    why="Many new students in the entry grades (PK, TK, KG) at once are next year's youngest students, enrolled ahead of the new year: "
        "sent early, their families are invited into a school year that has not started.",
    fix="Pause delivery until the new year is meant to be visible, or filter pre-enrolled students out of the export.",
    bad={"(previous)": {}, **_students(range(3, 14), grade="KG")},
    good={"(previous)": _students(range(3, 14), grade="KG"), **_students(range(3, 14), grade="KG")},
)
Y002 = declare(
    code="Y002", name="school-enrollment-drop", severity=Severity.WARNING, basis=Basis.PRACTICE,
    clause="Vendor end-of-year guidance for file-upload districts (see the year-end guide); not in the standard",
    title="A school loses an unusual share of its enrollments",
    why="A school losing a large share of its enrollments from one upload to the next usually means end-of-year processing (exits, next year's schedule) reached the export, not real change.",
    fix="Check the school's export. If end-of-year processing has started in the SIS, pause delivery until the new year is ready.",
    bad={"(previous)": _students(range(3, 14))},
    good={"(previous)": _students(range(3, 4))},
)
Y003 = declare(
    code="Y003", name="early-promotion", severity=Severity.WARNING, basis=Basis.PRACTICE,
    clause="Vendor end-of-year guidance for file-upload districts (see the year-end guide); not in the standard",
    title="Most students moved up a grade since the last upload",
    why="When most students who stayed have moved up exactly one grade, promotion has run in the SIS: sending this before the new year makes staff and families see next year's grades now.",
    fix="If the new year has not started, stop delivery (pause) and resume in time for the first day of school: 'oneroster-lint plan' gives the dates.",
    bad={"(previous)": _students(range(3, 14)), **_promoted(range(3, 14))},
    good={"(previous)": _students(range(3, 14)), **_students(range(3, 14))},
)
Y004 = declare(
    code="Y004", name="next-year-data", severity=Severity.WARNING, basis=Basis.PRACTICE,
    clause="Vendor end-of-year guidance for file-upload districts (see the year-end guide); not in the standard",
    title="Next year's sessions are already in the export",
    why="A school year later than any in the last upload means the SIS is exporting next year's data: classes and enrollments that have not started reach staff and families.",
    fix="Pause delivery until the new year starts, or filter next year's sessions out of the export.",
    bad={"(previous)": {}, "academicSessions.csv": baseline.edit("academicSessions.csv", add=(_NEXT_YEAR,))},
    good={"(previous)": {"academicSessions.csv": baseline.edit("academicSessions.csv", add=(_NEXT_YEAR,))},
          "academicSessions.csv": baseline.edit("academicSessions.csv", add=(_NEXT_YEAR,))},
)
Y005 = declare(
    code="Y005", name="current-year-missing", severity=Severity.WARNING, basis=Basis.PRACTICE,
    clause="Vendor end-of-year guidance for file-upload districts (see the year-end guide); not in the standard",
    title="The school year of the last upload has no session in this one",
    why="Without the current school year's session, the current year's courses and classes lose their year: the export has already rolled over to the next year.",
    fix="Do not send this export now: pause delivery, and resume when the new year is meant to be visible.",
    bad={"(previous)": {}, "academicSessions.csv": baseline.rows(
        "academicSessions.csv", "y2026,,,2026-2027,schoolYear,2026-08-14,2027-06-11,,2027", "fall,,,Fall 2026,semester,2026-08-14,2026-12-18,y2026,2027")},
    good={"(previous)": {}},
)
Y006 = declare(
    code="Y006", name="students-lost-enrollments", severity=Severity.WARNING, basis=Basis.PRACTICE,
    clause="Vendor end-of-year guidance for file-upload districts (see the year-end guide); not in the standard",
    title="Students who had classes in the last upload have none in this one",
    why="Students still in the export but without any enrollment usually come from end-of-year processing (schedules cleared for next year): teachers stop seeing them and families stop getting class messages.",
    fix="Check whether schedules were cleared in the SIS; if so, pause delivery until the new schedules are in.",
    bad={"(previous)": {}, "enrollments.csv": baseline.edit("enrollments.csv", drop=("e3",))},
    good={"(previous)": {}},
)
Y007 = declare(
    code="Y007", name="circuit-break-likely", severity=Severity.WARNING, basis=Basis.PRACTICE,
    clause="Vendor end-of-year guidance for file-upload districts (see the year-end guide); not in the standard",
    title="This upload will probably trip the vendor's circuit break",
    why="Consumers hold an upload for review when too large a share of an entity type changes at once; the review usually costs about a day, so data is late.",
    fix="Expect the delay, or send the change in smaller steps; for a time-sensitive date resume delivery early enough: 'oneroster-lint plan --time-sensitive' gives the dates.",
    bad={"(previous)": _students(range(3, 31))},
    good={"(previous)": {}},
)
