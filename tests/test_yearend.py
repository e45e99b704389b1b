"""Year-end safety on generated previous/current pairs, and business-day arithmetic."""

from __future__ import annotations

import csv
import io
import json
import shutil
from datetime import date
from pathlib import Path

import jsonschema
import pytest

from linter.profiles import load_profile, profile_names
from linter.schemas import schemas_root
from linter.yearend.plan import Calendar, make_plan, resume_window
from tests.conftest import EXAMPLES, cli

VALID = EXAMPLES / "valid-1.1"


def _rows(path: Path) -> tuple[list[str], list[dict]]:
    reader = csv.DictReader(io.StringIO(path.read_text(encoding="utf-8")))
    return list(reader.fieldnames), list(reader)


def _write(path: Path, header: list[str], rows: list[dict]) -> None:
    out = io.StringIO()
    writer = csv.DictWriter(out, header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def _edit(folder: Path, file: str, change) -> None:
    header, rows = _rows(folder / file)
    _write(folder / file, header, change(rows))


@pytest.fixture
def current(tmp_path) -> Path:
    folder = tmp_path / "current"
    shutil.copytree(VALID, folder)
    return folder


SUMMER_DAY = "2026-07-01"  # after the example district's last day (2026-06-05), before any resume window


def diff_json(previous: Path, current: Path, *args: str) -> tuple[int, dict]:
    """diff as JSON, on a fixed day so the season does not move with the calendar."""
    args = args if "--as-of" in args else (*args, "--as-of", SUMMER_DAY)
    result = cli("diff", previous, current, "--format", "json", *args)
    return result.exit_code, json.loads(result.stdout)


def test_a_quiet_week_changes_nothing(current):
    code, report = diff_json(VALID, current)
    assert code == 0 and report["findings"] == []
    assert set(report) == {"findings", "changes", "schools", "circuit_break", "season"}
    assert all(c["added"] == c["removed"] == c["updated"] == 0 for c in report["changes"].values())
    assert report["changes"]["users.csv"] == {"previous": 56, "current": 56, "added": 0, "removed": 0, "updated": 0, "rekeyed": 0}
    assert {s["status_after_upload"] for s in report["schools"]} == {"Active"}
    assert report["circuit_break"] == {"likely": False, "profile": "default", "thresholds": "default", "reasons": []}


def test_a_school_removed_goes_to_action_needed_and_trips_the_circuit_break(current):
    _, users = _rows(VALID / "users.csv")
    gone = {u["sourcedId"] for u in users if u["orgSourcedIds"] == "sch-elem"}
    _edit(current, "orgs.csv", lambda rows: [r for r in rows if r["sourcedId"] != "sch-elem"])
    _edit(current, "classes.csv", lambda rows: [r for r in rows if r["schoolSourcedId"] != "sch-elem"])
    _edit(current, "courses.csv", lambda rows: [r for r in rows if r["orgSourcedId"] != "sch-elem"])
    _edit(current, "enrollments.csv", lambda rows: [r for r in rows if r["schoolSourcedId"] != "sch-elem"])
    _edit(current, "demographics.csv", lambda rows: [r for r in rows if r["sourcedId"] not in gone])
    _edit(current, "users.csv", lambda rows: [r for r in rows if r["sourcedId"] not in gone])
    code, report = diff_json(VALID, current)
    elem = next(s for s in report["schools"] if s["sourcedId"] == "sch-elem")
    assert elem["status_after_upload"] == "Action Needed"
    assert elem["before"] == {"students": 12, "teachers": 2, "classes": 2, "enrollments": 14} and elem["after"] is None
    assert {s["status_after_upload"] for s in report["schools"] if s["sourcedId"] != "sch-elem"} == {"Active"}
    assert [f["code"] for f in report["findings"]].count("Y001") == 1
    assert report["changes"]["orgs.csv"]["removed"] == 1
    breaker = report["circuit_break"]
    assert breaker["likely"] and breaker["profile"] == "default"
    students = next(r for r in breaker["reasons"] if r["entity"] == "students" and r["change"] == "deleted")
    assert students["count"] == 12 and students["previous"] == 40 and students["threshold"] == 0.10
    assert code == 1  # a missing school is an error in any season
    text = cli("diff", VALID, current).stdout
    assert "Action Needed" in text and "sch-elem" in text and "likely under the 'default' profile" in text


def test_profiles_decide_the_forecast(current):
    _edit(current, "enrollments.csv", lambda rows: rows[: int(len(rows) * 0.8)])  # 20% of enrollments deleted
    assert diff_json(VALID, current)[1]["circuit_break"]["likely"]
    assert not diff_json(VALID, current, "--profile", "clever")[1]["circuit_break"]["likely"]  # Clever's thresholds are not about enrollments
    assert not diff_json(VALID, current, "--profile", "lenient")[1]["circuit_break"]["likely"]
    unknown = cli("diff", VALID, current, "--profile", "nobody")
    assert unknown.exit_code == 2 and "clever" in unknown.stderr


def test_early_promotion_is_flagged(current):
    def promote(rows):
        order = ["KG", "01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12"]
        for row in rows:
            if row["role"] == "student" and row["grades"] in order:
                row["grades"] = order[order.index(row["grades"]) + 1]
        return rows

    _edit(current, "users.csv", promote)
    code, report = diff_json(VALID, current)
    codes = [f["code"] for f in report["findings"]]
    assert codes == ["Y003", "Y007"]  # every student updated: over the default 50% too
    assert "40 of 40 students" in report["findings"][0]["message"]
    assert report["changes"]["users.csv"]["updated"] == 40


def test_a_new_school_is_new(current):
    _edit(current, "orgs.csv", lambda rows: rows + [dict(rows[-1], sourcedId="sch-new", name="Harbor Academy")])
    _, report = diff_json(VALID, current)
    new = next(s for s in report["schools"] if s["sourcedId"] == "sch-new")
    assert new["status_after_upload"] == "New" and new["before"] is None and new["name"] == "Harbor Academy"


def test_next_year_sessions_and_lost_enrollments(current):
    _edit(current, "academicSessions.csv", lambda rows: rows + [dict(rows[0], sourcedId="sy-2027", title="2026-2027",
                                                                      startDate="2026-08-14", endDate="2027-06-04", schoolYear="2027")])
    _edit(current, "enrollments.csv", lambda rows: [r for r in rows if r["userSourcedId"] not in ("stu-1001", "stu-1002")])
    _, report = diff_json(VALID, current)
    assert {"Y004", "Y006"} <= {f["code"] for f in report["findings"]}
    lost = next(f for f in report["findings"] if f["code"] == "Y006")
    assert lost["message"].startswith("2 students")


def test_oneroster_1_2_pairs(tmp_path):
    current = tmp_path / "current"
    shutil.copytree(EXAMPLES / "valid-1.2", current)
    _edit(current, "orgs.csv", lambda rows: [r for r in rows if r["sourcedId"] != "sch-mid"])
    _, report = diff_json(EXAMPLES / "valid-1.2", current)
    assert next(s for s in report["schools"] if s["sourcedId"] == "sch-mid")["status_after_upload"] == "Action Needed"


def test_check_with_previous_merges_the_findings(current):
    _edit(current, "orgs.csv", lambda rows: [r for r in rows if r["sourcedId"] != "sch-mid"])
    report = json.loads(cli("check", current, "--format", "json", "--previous", VALID).stdout)
    codes = {f["code"] for f in report["findings"]}
    assert "Y001" in codes and "X001" in codes  # classes still point at the missing school


def test_freeze_impact_counts_every_tied_account():
    result = cli("freeze-impact", VALID, "--school", "sch-mid", "--format", "json")
    report = json.loads(result.stdout)
    # Independent count from the CSV files: members of sch-mid plus users enrolled there.
    _, users = _rows(VALID / "users.csv")
    _, enrollments = _rows(VALID / "enrollments.csv")
    tied = {u["sourcedId"] for u in users if "sch-mid" in u["orgSourcedIds"].split(",")}
    tied |= {e["userSourcedId"] for e in enrollments if e["schoolSourcedId"] == "sch-mid"}
    others = sorted(u["sourcedId"] for u in users if u["sourcedId"] in tied and set(u["orgSourcedIds"].split(",")) & {"sch-elem", "sch-high"})
    assert {k: report[k] for k in ("school", "locked_users", "users_in_other_schools")} == {
        "school": "sch-mid", "locked_users": len(tied), "users_in_other_schools": others}
    assert "tch-204" in others
    by_role = report["by_role"]
    assert by_role[0]["role"] == "teacher" and sum(group["count"] for group in by_role) == len(tied)
    assert {"user": "tch-204", "other_schools": ["sch-high"]} in by_role[0]["users"]
    assert all("users" not in group for group in by_role if group["role"] in ("student", "parent", "guardian"))
    assert cli("freeze-impact", VALID, "--school", "sch-nope").exit_code == 2


def test_freeze_impact_names_who_moved_to_another_school_in_the_next_upload(current):
    """tch-203 moves from the middle school to the high school in the next upload."""
    _edit(current, "users.csv", lambda rows: [dict(r, orgSourcedIds="sch-high") if r["sourcedId"] == "tch-203" else r for r in rows])
    _edit(current, "enrollments.csv", lambda rows: [r for r in rows if r["userSourcedId"] != "tch-203"])
    report = json.loads(cli("freeze-impact", VALID, "--school", "sch-mid", "--next", current, "--format", "json").stdout)
    moved = {entry["user"]: entry["schools"] for entry in report["in_next_upload_elsewhere"]}
    assert moved["tch-203"] == ["sch-high"] and moved["tch-204"] == ["sch-high"]
    text = cli("freeze-impact", VALID, "--school", "sch-mid", "--next", current).stdout
    assert "a Freeze would lock them although they moved" in text and "tch-203 (sch-high)" in text


@pytest.mark.parametrize("visible,region,extra,time_sensitive,expected", [
    (date(2026, 8, 24), None, (), False, ("2026-08-17", "2026-08-19")),       # the example
    (date(2026, 8, 24), None, (), True, ("2026-08-13", "2026-08-17")),        # 5-7 business days
    (date(2026, 8, 23), None, (), False, ("2026-08-17", "2026-08-19")),       # a Sunday counts from Friday
    (date(2026, 9, 8), "US", (), False, ("2026-08-31", "2026-09-02")),        # Labor Day skipped
    (date(2027, 1, 4), "US", (), False, ("2026-12-24", "2026-12-29")),        # New Year and Christmas, across years
    (date(2026, 8, 24), None, (date(2026, 8, 19),), False, ("2026-08-14", "2026-08-18")),  # a given closure day
])
def test_resume_window_in_business_days(visible, region, extra, time_sensitive, expected):
    window = resume_window(visible, Calendar(region, frozenset(extra)), time_sensitive)
    assert (window["earliest"], window["latest"]) == expected


def test_plan_proposes_the_pause_date_from_the_sessions_and_writes_a_calendar(tmp_path):
    ics = tmp_path / "plan.ics"
    result = cli("plan", "--visible-on", "2026-08-24", "--holidays", "US", "--ics", ics, "--format", "json", VALID)
    assert result.exit_code == 0
    plan = json.loads(result.stdout)
    assert set(plan) == {"visible_on", "resume", "pause", "assumptions", "as_of", "now"}
    assert plan["resume"]["earliest"] == "2026-08-17" and plan["resume"]["latest"] == "2026-08-19"
    assert plan["pause"]["date"] == "2026-06-05" and plan["pause"]["school_year"] == "2026"
    calendar = ics.read_text()
    assert calendar.startswith("BEGIN:VCALENDAR") and calendar.count("BEGIN:VEVENT") == 3
    assert "DTSTART;VALUE=DATE:20260817" in calendar and "DTEND;VALUE=DATE:20260820" in calendar


def test_plan_never_writes_into_the_package(tmp_path):
    package = tmp_path / "export"
    shutil.copytree(VALID, package)
    before = sorted(p.name for p in package.iterdir())
    result = cli("plan", "--visible-on", "2026-08-24", "--ics", package / "plan.ics", package)
    assert result.exit_code == 2 and "into the package" in result.stderr
    assert sorted(p.name for p in package.iterdir()) == before


def test_plan_without_a_package_and_unknown_region():
    text = cli("plan", "--visible-on", "2026-08-24").stdout
    assert "Between 2026-08-17 and 2026-08-19" in text and "Not proposed: give the package" in text
    bad = cli("plan", "--visible-on", "2026-08-24", "--holidays", "ZZ")
    assert bad.exit_code == 2 and "unknown holiday region" in bad.stderr


def test_plan_without_a_package_has_no_pause_date_and_the_command_prints_the_same_plan():
    plan = make_plan(date(2026, 8, 24), Calendar(), as_of=date(2026, 6, 1))
    assert plan["pause"]["date"] is None and len(plan["assumptions"]) == 3
    printed = cli("plan", "--visible-on", "2026-08-24", "--as-of", "2026-06-01", "--format", "json")
    assert printed.exit_code == 0 and json.loads(printed.stdout) == json.loads(json.dumps(plan, default=str))


def test_year_end_data_and_profiles_validate():
    root = schemas_root()
    jsonschema.validate(json.loads((root / "yearend.json").read_text()), json.loads((root / "yearend.schema.json").read_text()))
    assert {"default", "strict", "lenient", "clever"} <= set(profile_names())
    for name in profile_names():
        profile = load_profile(name)
        assert profile.circuit_break.justification
        if name not in ("default", "strict", "lenient"):
            assert profile.sources, f"vendor profile {name} must cite its public source"


def test_a_custom_profile_is_validated():
    from linter.profiles import ProfileError

    good = load_profile("mine", {"mine": {"title": "Mine", "description": "d", "circuitBreak": {
        "deletedShare": 0.2, "updatedShare": None, "minimumRows": 5, "justification": "ours"}}})
    assert good.circuit_break.deleted_share == 0.2
    with pytest.raises(ProfileError, match="deletedShare"):
        load_profile("mine", {"mine": {"title": "Mine", "description": "d", "circuitBreak": {
            "deletedShare": 2, "updatedShare": None, "minimumRows": 5, "justification": "x"}}})


def test_ids_that_lost_leading_zeros_are_rekeyed_not_deleted(tmp_path, current):
    """The last upload had 0-padded student and school ids; this one lost the zeros (a spreadsheet)."""
    previous = tmp_path / "previous"
    previous.mkdir()
    for file in VALID.iterdir():
        (previous / file.name).write_text(file.read_text(encoding="utf-8").replace("stu-", "00stu-").replace("sch-", "0sch-"), encoding="utf-8")
    code, report = diff_json(previous, current)
    assert code == 1
    assert report["changes"]["users.csv"]["rekeyed"] == 40 and report["changes"]["orgs.csv"]["rekeyed"] == 3
    assert report["changes"]["demographics.csv"]["rekeyed"] == 40 and report["changes"]["enrollments.csv"]["rekeyed"] == 0
    codes = [f["code"] for f in report["findings"]]
    assert "Y001" not in codes and codes.count("Y008") == 3
    users = next(f for f in report["findings"] if f["code"] == "Y008" and f["file"] == "users.csv")
    assert users["severity"] == "error" and "40 users of the last upload are back under other sourcedIds" in users["message"]
    assert "the vendor would delete those users and create 40 new ones" in users["message"]
    statuses = {s["sourcedId"]: (s["status_after_upload"], s["rekeyed_as"]) for s in report["schools"]}
    assert statuses["0sch-elem"] == ("Action Needed", "sch-elem") and statuses["sch-elem"] == ("New", None)


def test_people_rekeyed_under_new_ids_are_matched_by_what_identifies_them(tmp_path, current):
    previous = tmp_path / "previous"
    shutil.copytree(VALID, previous)
    _edit(current, "users.csv", lambda rows: [dict(r, sourcedId=r["sourcedId"].replace("stu-10", "S-")) if r["sourcedId"] == "stu-1001" else r for r in rows])
    code, report = diff_json(previous, current)
    assert report["changes"]["users.csv"]["rekeyed"] == 1
    finding = next(f for f in report["findings"] if f["code"] == "Y008")
    assert "by the same identifier" in finding["message"]


def test_a_missing_school_is_named_with_both_ways_out(tmp_path, current):
    _edit(current, "orgs.csv", lambda rows: [r for r in rows if r["sourcedId"] != "sch-mid"])
    code, report = diff_json(VALID, current)
    y001 = next(f for f in report["findings"] if f["code"] == "Y001")
    assert y001["message"].startswith("school sch-mid (Cedar Ridge Middle School), with 12 students and 3 classes")
    assert y001["hint"].startswith("If the school should be in this upload, the export is wrong: fix it before sending.")
    assert "including the 1 staff who also work at other schools" in y001["hint"]  # Helga Müller teaches at the high school too
    assert "--school sch-mid" in y001["hint"]


def _rolled_over(current: Path) -> None:
    """The SIS has promoted every student and exported next year's school year."""
    order = ["03", "04", "05", "06", "07", "08", "09", "10", "11", "12"]
    _edit(current, "users.csv", lambda rows: [dict(r, grades=order[order.index(r["grades"]) + 1]) if r["role"] == "student" else r for r in rows])
    _edit(current, "academicSessions.csv", lambda rows: rows + [dict(rows[0], sourcedId="sy-2027", title="2026-2027 School Year",
                                                                      startDate="2026-08-19", endDate="2027-06-04", schoolYear="2027")])


@pytest.mark.parametrize(("as_of", "season", "severity", "exit_code"), [
    ("2026-05-20", "in session", "error", 1),        # an early rollover in May: do not send
    ("2026-07-01", "after the last day", "warning", 0),  # summer, before the resume window
    ("2026-08-13", "resume window", "info", 0),      # the first fall upload: exactly what should be sent
])
def test_rollover_signs_follow_the_season(current, as_of, season, severity, exit_code):
    _rolled_over(current)
    code, report = diff_json(VALID, current, "--as-of", as_of)
    assert code == exit_code and report["season"]["name"] == season and report["season"]["as_of"] == as_of
    signs = [f for f in report["findings"] if f["code"] in ("Y003", "Y004")]
    assert {f["code"] for f in signs} == {"Y003", "Y004"} and {f["severity"] for f in signs} == {severity}
    assert all(f"[season: {season};" in f["message"] for f in signs)
    if season == "in session":
        assert "the 2025-2026 school year is in session (2025-08-13 to 2026-06-05)" in signs[0]["message"]
        assert signs[0]["hint"].startswith("The current school year is in session: do not send this export now.")
    if season == "resume window":
        assert "the resume window opens 7 business days before, on 2026-08-10" in signs[0]["message"]
        assert "Do not send" not in signs[0]["hint"]


def test_check_with_previous_takes_the_season_too(current):
    _rolled_over(current)
    assert cli("check", current, "--previous", VALID, "--as-of", "2026-05-20").exit_code == 1
    assert cli("check", current, "--previous", VALID, "--as-of", "2026-08-13").exit_code == 0


def test_a_paused_school_is_remembered_and_resumes(tmp_path, current):
    state = tmp_path / "state"
    _edit(current, "orgs.csv", lambda rows: [r for r in rows if r["sourcedId"] != "sch-elem"])
    assert cli("school", "pause", "sch-elem", "--on", "2026-06-10", "--state", state).exit_code == 0
    code, report = diff_json(VALID, current, "--state", state)
    elem = next(s for s in report["schools"] if s["sourcedId"] == "sch-elem")
    assert elem["status_after_upload"] == "Paused" and "Y001" not in [f["code"] for f in report["findings"]]
    code, report = diff_json(current, VALID, "--state", state)  # the school is back
    elem = next(s for s in report["schools"] if s["sourcedId"] == "sch-elem")
    assert elem["status_after_upload"] == "Active"
    back = next(f for f in report["findings"] if f["code"] == "Y011")
    assert back["severity"] == "info" and "Paused since 2026-06-10, is back" in back["message"]
    assert cli("school", "activate", "sch-elem", "--state", state).exit_code == 0
    assert "Y011" not in [f["code"] for f in diff_json(current, VALID, "--state", state)[1]["findings"]]


def test_a_frozen_school_that_returns_is_an_error(tmp_path, current):
    state = tmp_path / "state"
    cli("school", "freeze", "sch-mid", "--on", "2026-06-12", "--state", state)
    code, report = diff_json(VALID, current, "--state", state)
    mid = next(s for s in report["schools"] if s["sourcedId"] == "sch-mid")
    assert code == 1 and mid["status_after_upload"] == "Frozen"
    frozen = next(f for f in report["findings"] if f["code"] == "Y012")
    assert frozen["severity"] == "error" and "only reversed by the vendor's support" in frozen["message"]
    assert cli("check", current, "--previous", VALID, "--state", state, "--as-of", SUMMER_DAY).exit_code == 1


def test_the_state_holds_no_personal_data_and_refuses_a_newer_format(tmp_path):
    import sqlite3

    state = tmp_path / "state"
    cli("school", "pause", "sch-elem", "--state", state)
    raw = (state / "state.sqlite3").read_bytes()
    _, users = _rows(VALID / "users.csv")
    for user in users:
        for column in ("givenName", "familyName", "email", "username", "identifier", "sourcedId"):
            assert not user[column] or user[column].encode() not in raw
    with sqlite3.connect(state / "state.sqlite3") as db:
        db.execute("UPDATE meta SET value = '99' WHERE key = 'format'")
    result = cli("diff", VALID, VALID, "--state", state)
    assert result.exit_code == 2 and "written by a newer oneroster-lint (state format 99" in result.stderr


def test_record_remembers_the_last_upload_without_personal_data(tmp_path, current):
    import polars as pl

    state = tmp_path / "state"
    result = cli("record", VALID, "--state", state)
    assert result.exit_code == 0 and "as the last upload sent (7 files, 192 rows)" in result.stdout
    _edit(current, "users.csv", lambda rows: [r for r in rows if r["sourcedId"] != "stu-1040"])
    _edit(current, "enrollments.csv", lambda rows: [r for r in rows if r["userSourcedId"] != "stu-1040"])
    _edit(current, "demographics.csv", lambda rows: [r for r in rows if r["sourcedId"] != "stu-1040"])
    result = cli("diff", current, "--format", "json", "--as-of", SUMMER_DAY, "--state", state)
    recorded = json.loads(result.stdout)
    _, direct = diff_json(VALID, current)
    assert recorded["changes"] == direct["changes"] and recorded["schools"] == direct["schools"]
    assert recorded["changes"]["users.csv"]["removed"] == 1
    # Nothing in the state folder reads back as a person's data, stored or compressed.
    stored = " ".join(" ".join(map(str, frame.to_series(i).to_list())) for path in (state / "last-upload").glob("*.parquet")
                      for frame in [pl.read_parquet(path)] for i in range(frame.width))
    raw = b"".join(path.read_bytes() for path in state.rglob("*") if path.is_file())
    public = " ".join(" ".join(row.values()) for file in ("orgs.csv", "classes.csv", "courses.csv", "academicSessions.csv")
                      for row in _rows(VALID / file)[1])
    kept = {"status", "dateLastModified", "enabledUser", "orgSourcedIds", "role", "grades"}  # vocabularies and school ids
    for file in ("users.csv", "demographics.csv"):
        header, rows = _rows(VALID / file)
        for row in rows:
            for column in header:
                value = row[column]
                if column in kept or len(value) < 3 or value in public or value in ("true", "false", "male", "female"):
                    continue
                assert value not in stored and value.encode() not in raw, (file, column, value)
    assert "sch-elem" in stored  # schools are no personal data: kept, so statuses can be told


def test_diff_without_a_recorded_upload_says_how_to_record_one(tmp_path):
    result = cli("diff", VALID, "--state", tmp_path / "none")
    assert result.exit_code == 2 and "no upload recorded yet; run 'oneroster-lint record LAST_UPLOAD'" in result.stderr


def test_the_vendor_brief_names_schools_volumes_and_the_circuit_break(tmp_path, current):
    _edit(current, "orgs.csv", lambda rows: [r for r in rows if r["sourcedId"] != "sch-elem"] + [dict(rows[-1], sourcedId="sch-new", name="Harbor <Academy>")])
    brief = cli("diff", VALID, current, "--format", "markdown", "--as-of", SUMMER_DAY).stdout
    assert brief.startswith("# Roster brief for our next upload")
    assert "| Maplewood High School | sch-high | Active | 16 → 16 (+0%) |" in brief
    assert "## New schools\n\nHarbor &lt;Academy&gt; (sch-new)" in brief  # the name as text, not an HTML tag
    assert "| Maplewood Elementary School | sch-elem | Action Needed |" in brief and "## Circuit break" in brief
    page = cli("diff", VALID, current, "--format", "html", "--as-of", SUMMER_DAY).stdout
    assert page.startswith("<!DOCTYPE html>") and "Harbor &lt;Academy&gt;" in page and "<script" not in page
    _, users = _rows(VALID / "users.csv")
    assert not [u for u in users if u["familyName"] in brief or u["email"] in page]  # schools and counts only


def test_the_calendar_keeps_its_events_when_a_date_moves(tmp_path):
    first, moved = tmp_path / "first.ics", tmp_path / "moved.ics"
    cli("plan", "--visible-on", "2026-08-24", "--ics", first, VALID)
    cli("plan", "--visible-on", "2026-08-31", "--ics", moved, VALID)
    uids = [[line for line in path.read_text().splitlines() if line.startswith("UID:")] for path in (first, moved)]
    assert uids[0] == uids[1] == ["UID:pause-2026@oneroster-lint", "UID:resume-2026@oneroster-lint", "UID:visible-2026@oneroster-lint"]
    text = first.read_bytes()
    assert b"DTSTAMP:20000101" not in text and b"DTSTAMP:20" in text
    assert all(len(line) <= 75 for line in text.split(b"\r\n"))
    assert b"BEGIN:VALARM" in text and b"TRIGGER;RELATED=START:-P2D" in text and b"DESCRIPTION:Turn the scheduled exports back on" in text


def test_plan_answers_the_planning_form_in_its_order():
    text = cli("plan", "--visible-on", "2026-08-24", VALID).stdout
    questions = ["1. When will delivery pause?", "2. Does the district run summer school?", "3. When must updated data be visible to staff?",
                 "4. When will delivery resume?"]
    assert [text.index(q) for q in questions] == sorted(text.index(q) for q in questions)
    assert "After 2026-06-05" in text and "no summer session" in text


def test_check_previous_without_a_value_uses_the_recorded_upload(tmp_path, current):
    state = tmp_path / "state"
    cli("record", VALID, "--state", state)
    _edit(current, "orgs.csv", lambda rows: [r for r in rows if r["sourcedId"] != "sch-elem"])
    result = cli("check", current, "--state", state, "--as-of", SUMMER_DAY, "--format", "json", "--previous")
    codes = [f["code"] for f in json.loads(result.stdout)["findings"]]
    assert result.exit_code == 1 and "Y001" in codes
    missing = cli("check", current, "--state", tmp_path / "empty", "--previous")
    assert missing.exit_code == 2 and "no upload recorded yet" in missing.stderr


def test_next_years_classes_and_kindergarten_are_rollover_signs(current):
    _edit(current, "academicSessions.csv", lambda rows: rows + [dict(rows[0], sourcedId="sy-2027", title="2026-2027 School Year",
                                                                      startDate="2026-08-19", endDate="2027-06-04", schoolYear="2027")])
    _edit(current, "classes.csv", lambda rows: [dict(r, termSourcedIds="sy-2027") if r["sourcedId"] == "cls-hr3-dubois" else r for r in rows])
    kindergarten = [f"stu-2{i:03d}" for i in range(12)]
    _edit(current, "users.csv", lambda rows: rows + [dict(rows[0], sourcedId=sid, username=f"k{sid}", identifier=f"9{sid[4:]}", email="",
                                                          agentSourcedIds="", grades="KG", givenName="New", familyName=sid) for sid in kindergarten])
    code, report = diff_json(VALID, current, "--as-of", "2026-05-20")
    found = {f["code"]: f for f in report["findings"]}
    assert found["Y010"]["message"].startswith("1 class only has terms that start after 2026-06-05")
    assert found["Y013"]["message"].startswith("12 new students in the entry grades (PK, TK, KG), against 0 there")
    assert found["Y010"]["severity"] == found["Y013"]["severity"] == "error" and code == 1


def test_plan_says_where_today_stands_and_which_schools_run_summer_school(tmp_path, current):
    _edit(current, "academicSessions.csv", lambda rows: rows + [dict(rows[1], sourcedId="summer-26", title="Summer School 2026", type="term",
                                                                      startDate="2026-06-22", endDate="2026-07-24", parentSourcedId="", schoolYear="2026")])
    _edit(current, "classes.csv", lambda rows: [dict(r, termSourcedIds="summer-26") if r["sourcedId"] == "cls-math7-p1" else r for r in rows])
    plan = json.loads(cli("plan", "--visible-on", "2026-08-24", "--as-of", "2026-08-18", "--format", "json", current).stdout)
    assert plan["pause"]["summer_schools"] == ["sch-mid"] and plan["as_of"] == "2026-08-18"
    assert plan["now"] == "as of 2026-08-18, the resume window is open: resume delivery by 2026-08-19"
    text = cli("plan", "--visible-on", "2026-08-24", "--as-of", "2026-07-01", current).stdout
    assert "The export has summer sessions at sch-mid" in text and "Now: as of 2026-07-01, the pause date has passed" in text


def test_the_seasons_the_code_tells_apart_are_the_ones_the_data_grades():
    from linter.yearend.data import yearend
    from linter.yearend.season import IN_SESSION, RESUME, SUMMER, UNKNOWN

    assert {s["name"] for s in yearend()["seasons"]["seasons"]} == {IN_SESSION, SUMMER, RESUME, UNKNOWN}


def test_the_pause_date_is_the_year_end_when_the_terms_stop_short_of_it():
    """The baseline's only term ends in December, its school year in June: pausing in December
    would stop delivery for half a year of classes."""
    from linter import baseline

    result = json.loads(cli("plan", baseline.folder("1.1"), "--visible-on", "2026-08-24", "--format", "json").stdout)
    assert result["pause"]["date"] == "2026-06-12" and "terms end before it" in result["pause"]["why"]
