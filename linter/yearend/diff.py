"""Comparing this upload with the last one: what changes, which schools change status, and
the year-end findings. Every comparison is a join over whole columns."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import polars as pl

import linter.yearend.codes  # noqa: F401  (declares the Y codes)
from linter.engine.csvfile import ROW
from linter.findings import Finding
from linter.profile_spec import Profile
from linter.registry import finding
from linter.rules.common import as_date, split_list
from linter.yearend.data import yearend
from linter.yearend.forecast import Forecast, forecast
from linter.yearend.rekey import rekeyed
from linter.yearend.season import Season, in_season, season_of
from linter.yearend.snapshot import Snapshot, grade_rank

COUNTS = ("students", "teachers", "classes", "enrollments")
NOUNS = {"users.csv": "users", "orgs.csv": "orgs", "classes.csv": "classes", "courses.csv": "courses", "enrollments.csv": "enrollments",
         "academicSessions.csv": "sessions", "demographics.csv": "demographics rows"}

IGNORED = {ROW, "dateLastModified"}  # a new timestamp alone is not a change


@dataclass
class FileChange:
    previous: int
    current: int
    added: pl.DataFrame  # sourcedIds
    removed: pl.DataFrame
    updated: pl.DataFrame
    rekeyed: pl.DataFrame = field(default_factory=lambda: pl.DataFrame(schema={"old": pl.String, "new": pl.String, "how": pl.String}))

    def counts(self) -> dict[str, int]:
        """`added` and `removed` count what the vendor will see; `rekeyed` how many of those are
        one record under a new id (each is in both)."""
        return {"previous": self.previous, "current": self.current, "added": self.added.height,
                "removed": self.removed.height, "updated": self.updated.height, "rekeyed": self.rekeyed.height}


@dataclass
class Comparison:
    changes: dict[str, FileChange]
    schools: list[dict[str, Any]]
    forecast: Forecast
    season: Season
    findings: list[Finding] = field(default_factory=list)


def compare(previous: Snapshot, current: Snapshot, profile: Profile, as_of: date | None = None,
            recorded: dict[str, dict[str, Any]] | None = None) -> Comparison:
    """`as_of` (default today) is the day the upload would be sent: the season it falls in
    decides how serious the signs of a rollover are. `recorded` is what the district set at the
    vendor ({school: {"status": "Paused" or "Frozen", "since"}}, see linter.yearend.state)."""
    recorded = recorded or {}
    changes = {file: change for file in sorted(set(previous.ctx.tables) | set(current.ctx.tables))
               if file != "manifest.csv" and (change := file_change(previous, current, file))}
    for file, change in changes.items():
        change.rekeyed = rekeyed(previous, current, file, change.removed, change.added)
    schools = school_statuses(previous, current, changes.get("orgs.csv"), recorded)
    outlook = forecast(previous, current, changes, profile)
    season = season_of(as_of or date.today(), previous, current)
    result = Comparison(changes, schools, outlook, season)
    result.findings = in_season(_rekeyed_ids(changes) + _missing_schools(previous, schools) + _returning_schools(schools, recorded) + _enrollment_drops(schools)
                                + _early_promotion(previous, current) + _seniors_gone(previous, current) + _school_years(previous, current)
                                + _next_year_enrollments(previous, current) + _incoming_kindergarten(previous, current, changes)
                                + _lost_enrollments(previous, current)
                                + outlook.findings(), season)
    return result


def file_change(previous: Snapshot, current: Snapshot, file: str) -> FileChange | None:
    before, after = previous.ctx.frame(file, "sourcedId"), current.ctx.frame(file, "sourcedId")
    if before is None and after is None:
        return None
    empty = pl.DataFrame(schema={"sourcedId": pl.String})
    before = before.unique("sourcedId", keep="first") if before is not None else empty
    after = after.unique("sourcedId", keep="first") if after is not None else empty
    added = after.join(before, on="sourcedId", how="anti").select("sourcedId")
    removed = before.join(after, on="sourcedId", how="anti").select("sourcedId")
    compared = [c for c in before.columns if c in after.columns and c not in IGNORED and c != "sourcedId"]
    both = after.select("sourcedId", *compared).join(before.select("sourcedId", *compared), on="sourcedId", suffix="__before")
    differs = pl.any_horizontal([pl.col(c) != pl.col(f"{c}__before") for c in compared]) if compared else pl.lit(False)
    updated = both.filter(differs).select("sourcedId")
    return FileChange(before.height, after.height, added, removed, updated)


def school_statuses(previous: Snapshot, current: Snapshot, orgs: FileChange | None = None,
                    recorded: dict[str, dict[str, Any]] | None = None) -> list[dict[str, Any]]:
    """Every school in either upload with its status after this upload and its counts; a
    school that is back under another id says which (`rekeyed_as`). A school the district
    recorded as Paused or Frozen stays so while it is missing; a Paused one that is back is
    Active again, a Frozen one stays Frozen (only the vendor's support unfreezes it)."""
    recorded = recorded or {}
    before, after = previous.per_school(), current.per_school()
    renamed = dict(orgs.rekeyed.select("old", "new").iter_rows()) if orgs is not None else {}
    names = pl.concat([current.schools(), previous.schools()]).unique("sourcedId", keep="first", maintain_order=True)
    rows = []
    for school in names.iter_rows(named=True):  # one row per school: a few hundred at most
        was = before.filter(pl.col("sourcedId") == school["sourcedId"])
        now = after.filter(pl.col("sourcedId") == school["sourcedId"])
        status = "Active" if not now.is_empty() and not was.is_empty() else "New" if not now.is_empty() else "Action Needed"
        held = recorded.get(school["sourcedId"], {}).get("status")
        if held == "Frozen" or (held == "Paused" and now.is_empty()):
            status = held
        elif held == "Paused":
            status = "Active"
        rows.append({"sourcedId": school["sourcedId"], "name": school["name"], "status_after_upload": status,
                     "before": _counts(was), "after": _counts(now), "rekeyed_as": renamed.get(school["sourcedId"])})
    return rows


def _counts(frame: pl.DataFrame) -> dict[str, int] | None:
    return None if frame.is_empty() else {c: int(frame.item(0, c)) for c in COUNTS}


def _rekeyed_ids(changes: dict[str, FileChange]) -> list[Finding]:
    found = []
    for file, change in changes.items():
        pairs = change.rekeyed
        if pairs.is_empty():
            continue
        ways = "; ".join(f"{count:,} by {how}" for how, count in pairs.group_by("how").len().sort("len", descending=True).iter_rows())
        noun = NOUNS.get(file, "records")
        found.append(finding("Y008", file, field="sourcedId",
                             message=f"{pairs.height:,} {noun} of the last upload are back under other sourcedIds ({ways}); "
                                     f"the vendor would delete those {noun} and create {pairs.height:,} new ones"))
    return found


def _missing_schools(previous: Snapshot, schools: list[dict[str, Any]]) -> list[Finding]:
    advice = yearend()["advice"]
    missing = [s for s in schools if s["status_after_upload"] == "Action Needed" and not s["rekeyed_as"]]  # a re-keyed school is Y008's
    # (a school recorded as Paused or Frozen keeps that status and is not Action Needed)
    shared = _staff_elsewhere(previous, [s["sourcedId"] for s in missing])
    found = []
    for s in missing:
        others = shared.get(s["sourcedId"], 0)
        freeze = (f"Freeze locks every account tied to it, including the {others:,} staff who also work at other schools"
                  if others else "Freeze locks every account tied to it")
        found.append(finding(
            "Y001", "orgs.csv", field="sourcedId",
            message=f"school {s['sourcedId']} ({s['name']}), with {s['before']['students']:,} students and {s['before']['classes']:,} classes "
                    "in the last upload, is missing from this one; the vendor will set it to Action Needed",
            hint=f"{advice['missing']} If it closed or is out for the summer: Pause keeps its last data and it comes back by itself; "
                 f"{freeze} ('oneroster-lint freeze-impact LAST_UPLOAD --school {s['sourcedId']}' lists them)."))
    return found


def _returning_schools(schools: list[dict[str, Any]], recorded: dict[str, dict[str, Any]]) -> list[Finding]:
    found = []
    for s in schools:
        held = recorded.get(s["sourcedId"])
        if not held or s["after"] is None:
            continue
        if held["status"] == "Paused":
            found.append(finding("Y011", "orgs.csv", field="sourcedId",
                                 message=f"school {s['sourcedId']} ({s['name']}), Paused since {held['since']}, is back: it resumes with this upload and becomes Active"))
        else:
            found.append(finding("Y012", "orgs.csv", field="sourcedId",
                                 message=f"school {s['sourcedId']} ({s['name']}), Frozen since {held['since']}, is in this upload, but a Freeze is only reversed by the vendor's support"))
    return found


def _staff_elsewhere(previous: Snapshot, schools: list[str]) -> dict[str, int]:
    """For each school, how many of its staff also belong to another school of the upload."""
    if not schools:
        return {}
    members = previous.memberships().filter(pl.col("role").is_in(list(previous.ctx.schema.role_group("staff"))))
    in_schools = members.join(previous.schools().select(pl.col("sourcedId").alias("org")), on="org", how="semi").select("user", "org").unique()
    counts = in_schools.group_by("user").agg(pl.col("org").n_unique().alias("schools"))
    shared = in_schools.filter(pl.col("org").is_in(schools)).join(counts.filter(pl.col("schools") > 1), on="user", how="semi")
    return dict(shared.group_by("org").agg(pl.col("user").n_unique()).iter_rows())


def _enrollment_drops(schools: list[dict[str, Any]]) -> list[Finding]:
    signals = yearend()["signals"]
    found = []
    for s in schools:
        before, after = s["before"], s["after"]
        if not before or not after or before["students"] < signals["minimumStudents"] or not before["enrollments"]:
            continue
        drop = 1 - after["enrollments"] / before["enrollments"]
        if drop > signals["schoolEnrollmentDrop"]:
            found.append(finding("Y002", "enrollments.csv", field="schoolSourcedId",
                                 message=f"the enrollments of school {s['sourcedId']} ({s['name']}) fall by {drop:.0%} ({before['enrollments']:,} to {after['enrollments']:,})"))
    return found


def _early_promotion(previous: Snapshot, current: Snapshot) -> list[Finding]:
    signals = yearend()["signals"]
    before, after = previous.frame("users.csv", "sourcedId", "grades"), current.frame("users.csv", "sourcedId", "grades")
    if before is None or after is None:
        return []
    students = current.people("student")
    order = current.ctx.schema.grade_order  # one order for both uploads, so their ranks compare
    ranks = (after.join(students, on="sourcedId", how="semi").select("sourcedId", grade_rank("grades", order).alias("now"))
             .join(before.select("sourcedId", grade_rank("grades", order).alias("was")), on="sourcedId").drop_nulls())
    if ranks.height < signals["minimumStudents"]:
        return []
    moved_up = ranks.filter(pl.col("now") == pl.col("was") + 1).height
    if moved_up / ranks.height <= signals["promotionShare"]:
        return []
    return [finding("Y003", "users.csv", field="grades",
                    message=f"{moved_up:,} of {ranks.height:,} students in both uploads moved up exactly one grade: promotion has run in the SIS")]


def _seniors_gone(previous: Snapshot, current: Snapshot) -> list[Finding]:
    signals = yearend()["signals"]
    before, after = previous.frame("users.csv", "sourcedId", "grades"), current.frame("users.csv", "sourcedId")
    if before is None or after is None:
        return []
    senior = pl.col("grades").str.split(",").list.first().str.strip_chars() == signals["graduatingGrade"]
    seniors = before.join(previous.people("student"), on="sourcedId", how="semi").filter(senior).select("sourcedId")
    if seniors.height < signals["minimumStudents"]:
        return []
    gone = seniors.join(after.select("sourcedId"), on="sourcedId", how="anti").height
    if gone / seniors.height <= signals["seniorsGoneShare"]:
        return []
    return [finding("Y009", "users.csv", field="grades",
                    message=f"{gone:,} of the last upload's {seniors.height:,} grade-{signals['graduatingGrade']} students are not in this one: the seniors have graduated out")]


def _next_year_enrollments(previous: Snapshot, current: Snapshot) -> list[Finding]:
    ends = previous.school_year_ends()
    enrollments = current.frame("enrollments.csv", "beginDate")
    if not ends or enrollments is None:
        return []
    end = max(ends)
    later = enrollments.filter(as_date("beginDate") > pl.lit(end)).height
    classes = _next_year_classes(current, end)
    if not later and not classes:
        return []
    parts = ([f"{later:,} enrollment{'s begin' if later != 1 else ' begins'}"] if later else []) + \
            ([f"{classes:,} class{'es only have terms that start' if classes != 1 else ' only has terms that start'}"] if classes else [])
    return [finding("Y010", "enrollments.csv" if later else "classes.csv", field="beginDate" if later else "termSourcedIds",
                    message=f"{' and '.join(parts)} after {end}, the last day of the last upload's school year: next year's schedule")]


def _next_year_classes(current: Snapshot, end: date) -> int:
    """Classes whose every term starts after `end`: next year's sections."""
    classes = current.frame("classes.csv", "sourcedId", "termSourcedIds")
    sessions = current.frame("academicSessions.csv", "sourcedId", "startDate")
    if classes is None or sessions is None:
        return 0
    terms = split_list(classes.select("sourcedId", "termSourcedIds"), "termSourcedIds", "term")
    starts = terms.join(sessions.select(pl.col("sourcedId").alias("term"), as_date("startDate").alias("start")), on="term")
    return starts.group_by("sourcedId").agg((pl.col("start") > pl.lit(end)).all().alias("later")).filter(pl.col("later")).height


def _incoming_kindergarten(previous: Snapshot, current: Snapshot, changes: dict[str, FileChange]) -> list[Finding]:
    """Many new students in the lowest grades: next year's kindergarten, pre-enrolled."""
    signals = yearend()["signals"]
    users, before = current.frame("users.csv", "sourcedId", "grades"), previous.frame("users.csv", "sourcedId", "grades")
    change = changes.get("users.csv")
    if users is None or before is None or change is None:
        return []
    grades = signals["entryGrades"]
    entry = pl.col("grades").str.split(",").list.first().str.strip_chars().is_in(grades)
    had = before.join(previous.people("student"), on="sourcedId", how="semi").filter(entry).height
    new = users.join(change.added, on="sourcedId", how="semi").join(current.people("student"), on="sourcedId", how="semi").filter(entry).height
    if new < signals["minimumStudents"] or new <= signals["incomingShare"] * max(had, 1):
        return []
    return [finding("Y013", "users.csv", field="grades",
                    message=f"{new:,} new students in the entry grades ({', '.join(grades)}), against {had:,} there in the last upload: next year's kindergarten is pre-enrolled")]


def _school_years(previous: Snapshot, current: Snapshot) -> list[Finding]:
    was, now = previous.school_years(), current.school_years()
    if not was:
        return []
    found = []
    later = [year for year in now if year > max(was)]
    if later:
        found.append(finding("Y004", "academicSessions.csv", field="schoolYear",
                             message=f"school year {', '.join(map(str, later))} is in the export; the last upload ended at {max(was)}"))
    if now and max(was) not in now:
        found.append(finding("Y005", "academicSessions.csv", field="schoolYear",
                             message=f"the last upload's school year {max(was)} has no schoolYear session in this export"))
    return found


def _lost_enrollments(previous: Snapshot, current: Snapshot) -> list[Finding]:
    before, after = previous.frame("enrollments.csv", "userSourcedId"), current.frame("enrollments.csv", "userSourcedId")
    if before is None or after is None:
        return []
    students = current.people("student")
    had = before.select(pl.col("userSourcedId").alias("sourcedId")).unique()
    has = after.select(pl.col("userSourcedId").alias("sourcedId")).unique()
    lost = students.join(had, on="sourcedId", how="semi").join(has, on="sourcedId", how="anti").height
    if not lost:
        return []
    return [finding("Y006", "enrollments.csv", field="userSourcedId",
                    message=f"{lost:,} student{'s' if lost != 1 else ''} with classes in the last upload {'have' if lost != 1 else 'has'} none in this one")]
