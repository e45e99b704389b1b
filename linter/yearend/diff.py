"""Comparing this upload with the last one: what changes, which schools change status, and
the year-end findings. Every comparison is a join over whole columns."""

from __future__ import annotations

from dataclasses import dataclass, field

import polars as pl

import linter.yearend.codes  # noqa: F401  (declares the Y codes)
from linter.engine.csvfile import ROW
from linter.findings import Finding
from linter.profiles import Profile
from linter.registry import finding
from linter.yearend.data import yearend
from linter.yearend.forecast import Forecast, forecast
from linter.yearend.snapshot import Snapshot, grade_rank

COUNTS = ("students", "teachers", "classes", "enrollments")
IGNORED = {ROW, "dateLastModified"}  # a new timestamp alone is not a change


@dataclass
class FileChange:
    previous: int
    current: int
    added: pl.DataFrame  # sourcedIds
    removed: pl.DataFrame
    updated: pl.DataFrame

    def counts(self) -> dict[str, int]:
        return {"previous": self.previous, "current": self.current, "added": self.added.height,
                "removed": self.removed.height, "updated": self.updated.height}


@dataclass
class Comparison:
    changes: dict[str, FileChange]
    schools: list[dict]
    forecast: Forecast
    findings: list[Finding] = field(default_factory=list)


def compare(previous: Snapshot, current: Snapshot, profile: Profile) -> Comparison:
    changes = {file: change for file in sorted(set(previous.ctx.tables) | set(current.ctx.tables))
               if file != "manifest.csv" and (change := file_change(previous, current, file))}
    schools = school_statuses(previous, current)
    outlook = forecast(previous, current, changes, profile)
    result = Comparison(changes, schools, outlook)
    result.findings = (_missing_schools(schools) + _enrollment_drops(schools) + _early_promotion(previous, current)
                       + _school_years(previous, current) + _lost_enrollments(previous, current) + outlook.findings())
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


def school_statuses(previous: Snapshot, current: Snapshot) -> list[dict]:
    """Every school in either upload with its status after this upload and its counts."""
    before, after = previous.per_school(), current.per_school()
    names = pl.concat([current.schools(), previous.schools()]).unique("sourcedId", keep="first", maintain_order=True)
    rows = []
    for school in names.iter_rows(named=True):  # one row per school: a few hundred at most
        was = before.filter(pl.col("sourcedId") == school["sourcedId"])
        now = after.filter(pl.col("sourcedId") == school["sourcedId"])
        status = "Active" if not now.is_empty() and not was.is_empty() else "New" if not now.is_empty() else "Action Needed"
        rows.append({"sourcedId": school["sourcedId"], "name": school["name"], "status_after_upload": status,
                     "before": _counts(was), "after": _counts(now)})
    return rows


def _counts(frame: pl.DataFrame) -> dict[str, int] | None:
    return None if frame.is_empty() else {c: int(frame.item(0, c)) for c in COUNTS}


def _missing_schools(schools: list[dict]) -> list[Finding]:
    advice = yearend()["advice"]
    return [finding("Y001", "orgs.csv", field="sourcedId", value=s["sourcedId"],
                    message=f"a school with {s['before']['students']:,} students and {s['before']['classes']:,} classes in the last upload is missing; it will go to Action Needed",
                    hint=f"{advice['pause']} {advice['freeze']} 'oneroster-lint freeze-impact LAST_UPLOAD --school ID' shows who a Freeze would lock out.")
            for s in schools if s["status_after_upload"] == "Action Needed"]


def _enrollment_drops(schools: list[dict]) -> list[Finding]:
    signals = yearend()["signals"]
    found = []
    for s in schools:
        before, after = s["before"], s["after"]
        if not before or not after or before["students"] < signals["minimumStudents"] or not before["enrollments"]:
            continue
        drop = 1 - after["enrollments"] / before["enrollments"]
        if drop > signals["schoolEnrollmentDrop"]:
            found.append(finding("Y002", "enrollments.csv", field="schoolSourcedId", value=s["sourcedId"],
                                 message=f"a school's enrollments fall by {drop:.0%} ({before['enrollments']:,} to {after['enrollments']:,})"))
    return found


def _early_promotion(previous: Snapshot, current: Snapshot) -> list[Finding]:
    signals = yearend()["signals"]
    before, after = previous.frame("users.csv", "sourcedId", "grades"), current.frame("users.csv", "sourcedId", "grades")
    if before is None or after is None:
        return []
    students = current.people("student")
    ranks = (after.join(students, on="sourcedId", how="semi").select("sourcedId", grade_rank("grades").alias("now"))
             .join(before.select("sourcedId", grade_rank("grades").alias("was")), on="sourcedId").drop_nulls())
    if ranks.height < signals["minimumStudents"]:
        return []
    moved_up = ranks.filter(pl.col("now") == pl.col("was") + 1).height
    if moved_up / ranks.height <= signals["promotionShare"]:
        return []
    return [finding("Y003", "users.csv", field="grades",
                    message=f"{moved_up:,} of {ranks.height:,} students in both uploads moved up exactly one grade: promotion has run in the SIS")]


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
