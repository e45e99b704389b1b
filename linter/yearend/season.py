"""Where in the school year an upload is sent, from the packages' schoolYear sessions.

The same sign means different things by season: next year's sessions or promoted grades
in May mean the SIS rolled over early (an error: staff and families would see next year
now); in the days before the first day of school they are exactly what should be sent.
Severities and advice for the rollover signs follow the season; the season's bounds and
the resume window come from the sessions and schemas/yearend.json.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

import polars as pl

from linter.findings import Finding, Severity
from linter.rules.common import as_date
from linter.yearend.data import yearend
from linter.yearend.plan import Calendar
from linter.yearend.snapshot import Snapshot

IN_SESSION, SUMMER, RESUME, UNKNOWN = "in session", "after the last day", "resume window", "unknown"


def _rules() -> dict[str, Any]:
    seasons: dict[str, Any] = yearend()["seasons"]
    return seasons


@dataclass(frozen=True)
class Season:
    as_of: date
    name: str
    why: str


def season_of(as_of: date, *snapshots: Snapshot) -> Season:
    """The season on `as_of`, from the schoolYear sessions of the packages given."""
    years = _school_years(snapshots)
    current = [y for y in years if y["start"] <= as_of <= y["end"]]
    if current:
        year = current[0]
        return Season(as_of, IN_SESSION, f"as of {as_of}, the {year['title']} school year is in session ({year['start']} to {year['end']})")
    ended = [y for y in years if y["end"] < as_of]
    upcoming = [y for y in years if y["start"] > as_of]
    if not ended and not upcoming:
        return Season(as_of, UNKNOWN, f"as of {as_of}, no schoolYear session of the packages says which school year it is")
    last = f"the {ended[-1]['title']} school year ended on {ended[-1]['end']}" if ended else "no school year has ended yet"
    if not upcoming:
        return Season(as_of, SUMMER, f"as of {as_of}, {last} and no session of the next school year gives its first day")
    first = upcoming[0]
    lead = yearend()["leadTimes"][_rules()["resumeWindowBusinessDays"]]["maxBusinessDays"]
    opens = Calendar().back(first["start"], lead)
    if as_of >= opens:
        return Season(as_of, RESUME, f"as of {as_of}, {last}; the {first['title']} school year starts on {first['start']}, "
                                      f"and the resume window opens {lead} business days before, on {opens}")
    return Season(as_of, SUMMER, f"as of {as_of}, {last}; the resume window before the {first['title']} school year opens on {opens}")


def _school_years(snapshots: tuple[Snapshot, ...]) -> list[dict[str, Any]]:
    frames = []
    for snapshot in snapshots:
        sessions = snapshot.frame("academicSessions.csv", "type", "startDate", "endDate")
        if sessions is not None:
            frames.append(sessions.filter(pl.col("type") == "schoolYear").select(as_date("startDate").alias("start"), as_date("endDate").alias("end")))
    if not frames:
        return []
    years = pl.concat(frames).drop_nulls(["start", "end"]).unique(["start", "end"]).sort("start")
    return [dict(row, title=f"{row['start'].year}-{row['end'].year}") for row in years.iter_rows(named=True)]


def in_season(findings: list[Finding], season: Season) -> list[Finding]:
    """The rollover signs at the severity the season gives them, each saying which season it
    assumed and why; the other findings as they are."""
    rules = _rules()
    rule = next(s for s in rules["seasons"] if s["name"] == season.name)
    adjusted = []
    for finding in findings:
        if finding.code not in rules["rolloverSigns"]:
            adjusted.append(finding)
            continue
        adjusted.append(replace(finding, severity=Severity(rule["severity"]), message=f"{finding.message} [season: {season.name}; {season.why}]",
                                hint=rule.get("hint", finding.hint)))
    return adjusted
