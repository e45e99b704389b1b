"""The pause and resume calendar, in business days, counted back from the date data must be
visible. Lead times come from schemas/yearend.json; public holidays from `holidays`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import Any

import holidays as public_holidays
import polars as pl

from linter.rules.common import as_date, split_list
from linter.yearend.data import yearend
from linter.yearend.snapshot import Snapshot


class PlanError(Exception):
    pass


@dataclass(frozen=True)
class Calendar:
    """Which days are business days: no weekends, no chosen public holidays, no extra dates."""

    region: str | None = None  # "US" or "US-CA"
    extra: frozenset[date] = frozenset()

    def closed(self, day: date) -> str | None:
        """Why the day is not a business day, or None when it is one."""
        if day.weekday() >= 5:
            return "weekend"
        if day in self.extra:
            return "holiday (given)"
        if self.region:
            name = self._holidays(day.year).get(day)
            if name:
                return f"holiday ({name})"
        return None

    def _holidays(self, year: int) -> public_holidays.HolidayBase:
        country, _, subdivision = (self.region or "").partition("-")  # asked only when there is a region
        try:
            return public_holidays.country_holidays(country, subdiv=subdivision or None, years=[year])
        except (NotImplementedError, KeyError) as error:
            raise PlanError(f"unknown holiday region '{self.region}' (use a country code such as US, or US-CA): {error}") from None

    def back(self, day: date, business_days: int) -> date:
        """The date `business_days` business days before `day`."""
        start, left = day, business_days
        while left:
            if day == date.min:
                raise PlanError(f"{start.isoformat()}: too early to count {business_days} business days back (the calendar starts on {date.min})")
            day -= timedelta(days=1)
            if self.closed(day) is None:
                left -= 1
        return day


def resume_window(visible_on: date, calendar: Calendar, time_sensitive: bool = False) -> dict[str, Any]:
    window = yearend()["leadTimes"]["timeSensitive" if time_sensitive else "resume"]
    return {"earliest": calendar.back(visible_on, window["maxBusinessDays"]).isoformat(),
            "latest": calendar.back(visible_on, window["minBusinessDays"]).isoformat(),
            "business_days": [window["minBusinessDays"], window["maxBusinessDays"]]}


def make_plan(visible_on: date, calendar: Calendar, *, time_sensitive: bool = False, package: Snapshot | None = None,
              as_of: date | None = None) -> dict[str, Any]:
    """The plan for data visible on `visible_on`, seen from the day `as_of` (default today)."""
    lead = yearend()["leadTimes"]
    window = lead["timeSensitive" if time_sensitive else "resume"]
    assumptions = [
        f"resume {window['minBusinessDays']} to {window['maxBusinessDays']} business days before data must be visible"
        + (" (time-sensitive date: room for a circuit break)" if time_sensitive else ""),
        "business days skip Saturdays and Sundays"
        + (f" and public holidays of {calendar.region}" if calendar.region else " (no public holidays chosen: add --holidays)")
        + (f", and {len(calendar.extra)} given date(s)" if calendar.extra else ""),
        f"a circuit break on the first upload after the pause adds about {lead['circuitBreakDelayDays']} day",
    ]
    if calendar.closed(visible_on):
        assumptions.append(f"{visible_on.isoformat()} is not a business day ({calendar.closed(visible_on)})")
    plan = {"visible_on": visible_on.isoformat(), "resume": resume_window(visible_on, calendar, time_sensitive),
            "pause": pause_from_sessions(package, visible_on) if package is not None else
            {"date": None, "why": "give the package (the export) to propose a pause date from its academic sessions"},
            "assumptions": assumptions}
    plan["as_of"] = (as_of or date.today()).isoformat()
    plan["now"] = _now(plan)
    return plan


def _now(plan: dict[str, Any]) -> str:
    """Where the day `as_of` stands in the plan, in one sentence."""
    today, pause, resume = plan["as_of"], plan["pause"].get("date"), plan["resume"]
    if today > plan["visible_on"]:
        return f"as of {today}, the date data must be visible has passed"
    if today > resume["latest"]:
        return f"as of {today}, the resume window has passed: resume delivery now, and expect the data to be late"
    if today >= resume["earliest"]:
        return f"as of {today}, the resume window is open: resume delivery by {resume['latest']}"
    if pause and today > pause:
        return f"as of {today}, the pause date has passed: delivery should be paused until {resume['earliest']}"
    return f"as of {today}, pause delivery after {pause}" if pause else f"as of {today}, resume delivery from {resume['earliest']}"


def pause_from_sessions(package: Snapshot, visible_on: date) -> dict[str, Any]:
    """The last day of the last term of the school year that ends before `visible_on`."""
    sessions = package.frame("academicSessions.csv", "sourcedId", "type", "startDate", "endDate", "schoolYear")
    if sessions is None:
        return {"date": None, "why": "the package has no academicSessions.csv"}
    dated = sessions.with_columns(as_date("startDate").alias("start"), as_date("endDate").alias("end"))
    years = dated.filter((pl.col("type") == "schoolYear") & (pl.col("end") < visible_on)).sort("end")
    if years.is_empty():
        return {"date": None, "why": f"no school year in the package ends before {visible_on.isoformat()}"}
    year = years.row(-1, named=True)
    named = pl.col("title").str.to_lowercase().str.contains("summer") if "title" in dated.columns else pl.lit(False)
    # The regular year's last term; a summer session of the same year is reported apart.
    terms = dated.filter((pl.col("schoolYear") == year["schoolYear"]) & (pl.col("type") != "schoolYear") & pl.col("end").is_not_null() & ~named)
    last = terms.sort("end").row(-1, named=True) if not terms.is_empty() else year
    if last["end"] < year["end"]:  # the terms stop short of the year: the year's own end is when classes stop
        last = year
    between = (pl.col("start") > last["end"]) & (pl.col("start") < visible_on)
    summer = dated.filter(between | named)
    what = "the school year's last day (its terms end before it)" if last is year and not terms.is_empty() else "the last day of the school year's last term"
    plan = {"date": last["end"].isoformat(), "school_year": year["schoolYear"], "session": last["sourcedId"],
            "why": f"{what}: after it the SIS starts end-of-year processing"}
    if not summer.is_empty():
        plan["summer_sessions"] = [{"sourcedId": s["sourcedId"], "start": str(s["start"]), "end": str(s["end"])} for s in summer.iter_rows(named=True)]
        plan["summer_schools"] = _schools_in(package, summer.get_column("sourcedId").to_list())
        plan["summer_note"] = "the package has summer sessions: if you send summer-school rosters, pause after them or expect a circuit break when they arrive"
    return plan


def _schools_in(package: Snapshot, sessions: list[str]) -> list[str]:
    """The schools with a class in one of these sessions."""
    classes = package.frame("classes.csv", "schoolSourcedId", "termSourcedIds")
    if classes is None:
        return []
    terms = split_list(classes.select("schoolSourcedId", "termSourcedIds"), "termSourcedIds", "term")
    return sorted(set(terms.filter(pl.col("term").is_in(sessions)).get_column("schoolSourcedId").to_list()))


def to_ics(plan: dict[str, Any], stamp: datetime | None = None) -> str:
    """An iCalendar file (RFC 5545) with the pause date, the resume window and the visible date.
    Each event's UID names what it is and the school year it prepares, not its date, so a
    calendar that imports the file again moves the event instead of adding a second one."""
    year = date.fromisoformat(plan["visible_on"]).year
    stamped = (stamp or datetime.now(timezone.utc)).strftime("%Y%m%dT%H%M%SZ")
    resume = plan["resume"]

    if plan["visible_on"] == date.max.isoformat():
        raise PlanError(f"{date.max}: an iCalendar event on the last day of the calendar would end the day after it, which has no date; choose an earlier day")

    def event(kind: str, summary: str, start: str, end_inclusive: str, description: str, alarm: str | None = None) -> list[str]:
        end = (date.fromisoformat(end_inclusive) + timedelta(days=1)).isoformat().replace("-", "")  # strftime drops zeros before year 1000
        lines = ["BEGIN:VEVENT", f"UID:{kind}-{year}@oneroster-lint", f"DTSTAMP:{stamped}", f"DTSTART;VALUE=DATE:{start.replace('-', '')}",
                 f"DTEND;VALUE=DATE:{end}", f"SUMMARY:{_text(summary)}", f"DESCRIPTION:{_text(description)}"]
        if alarm:
            lines += ["BEGIN:VALARM", "ACTION:DISPLAY", f"DESCRIPTION:{_text(alarm)}", "TRIGGER;RELATED=START:-P2D", "END:VALARM"]
        return lines + ["END:VEVENT"]

    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//oneroster-lint//plan//EN", "CALSCALE:GREGORIAN"]
    pause = plan["pause"]
    if pause.get("date"):
        lines += event("pause", "Pause OneRoster file delivery", pause["date"], pause["date"],
                       f"After this day, turn off the scheduled export of each roster file: {pause['why']}." + (f" {pause['summer_note']}." if pause.get("summer_note") else ""))
    lines += event("resume", "Resume OneRoster file delivery (resume window)", resume["earliest"], resume["latest"],
                   f"Turn the scheduled exports back on between {resume['earliest']} and {resume['latest']}, "
                   f"{resume['business_days'][0]} to {resume['business_days'][1]} business days before the data must be visible on {plan['visible_on']}. "
                   "Check the first upload with 'oneroster-lint diff' before it is sent.",
                   alarm="The resume window for OneRoster file delivery opens in two days")
    lines += event("visible", "Roster data must be visible to staff and families", plan["visible_on"], plan["visible_on"],
                   "The first day the new school year's rosters must be visible, as given to oneroster-lint plan --visible-on.")
    lines.append("END:VCALENDAR")
    return "\r\n".join(folded for line in lines for folded in _fold(line)) + "\r\n"


def _text(value: str) -> str:
    """An iCalendar TEXT value: backslashes, semicolons, commas and line breaks escaped."""
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str, limit: int = 75) -> list[str]:
    """Lines of at most 75 octets, continued with a leading space (RFC 5545 §3.1)."""
    parts: list[str] = []
    current = ""
    for char in line:
        if len((current + char).encode("utf-8")) > (limit if not parts else limit - 1):
            parts.append(current)
            current = ""
        current += char
    parts.append(current)
    return [parts[0]] + [" " + part for part in parts[1:]]
