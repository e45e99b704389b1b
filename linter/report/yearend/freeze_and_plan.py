"""The text of `freeze-impact` and `plan`, for people: built here, not echoed line by line in the
command, so that every user id, school id, session id and path from the package goes through
`escape.terminal` on its way out (a line break in an id would otherwise start a line of its own,
which a CI log may run as a workflow command)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from linter.report.escape import terminal


def _ids(values: list[str]) -> str:
    return ", ".join(terminal(value) for value in values)


def render_freeze_impact(result: dict[str, Any], school: str) -> str:
    others = result["users_in_other_schools"]
    lines = [f"A Freeze of {terminal(school)} locks {result['locked_users']:,} accounts:"]
    for group in result["by_role"]:
        lines.append(f"  {terminal(group['role'])}: {group['count']:,}")
        for user in group.get("users", []):
            elsewhere = f" (also at {_ids(user['other_schools'])}, locked there too)" if user["other_schools"] else ""
            lines.append(f"    {terminal(user['user'])}{elsewhere}")
    if others:
        lines.append(f"{len(others):,} of them also belong to other schools and would be locked there too.")
        lines.append("If the school is only out of the files for a while, Pause it instead: a Pause locks nobody.")
    else:
        lines.append("None of them belongs to another school.")
    if "in_next_upload_elsewhere" in result:
        moved = result["in_next_upload_elsewhere"]
        lines.append(f"In the next upload, {len(moved):,} of them {'are' if len(moved) != 1 else 'is'} at another school: "
                     "a Freeze would lock them although they moved" + (":" if moved else "."))
        lines += [f"  {terminal(entry['user'])} ({_ids(entry['schools'])})" for entry in moved]
    return "\n".join(lines) + "\n"


def render_plan(result: dict[str, Any], ics_path: str | Path | None) -> str:
    """In the order of the vendor's back-to-school planning form."""
    resume, pause = result["resume"], result["pause"]
    why = terminal(pause["why"])
    lines = ["1. When will delivery pause?",
             f"   After {terminal(pause['date'])}: {why}." if pause.get("date") else f"   Not proposed: {why}.",
             "2. Does the district run summer school?"]
    if pause.get("summer_sessions"):
        sessions = ", ".join(f"{terminal(s['sourcedId'])} ({terminal(s['start'])} to {terminal(s['end'])})" for s in pause["summer_sessions"])
        schools = f" at {_ids(pause['summer_schools'])}" if pause.get("summer_schools") else ""
        lines.append(f"   The export has summer sessions{schools}: {sessions}. Sending files through the summer sends the rollover too; "
                     "if you keep delivering for summer school, check each upload with 'oneroster-lint diff'.")
    else:
        lines.append("   The export has no summer session" + (": answer no, unless summer school is rostered elsewhere." if pause.get("date") else "."))
    lines += ["3. When must updated data be visible to staff?", f"   {result['visible_on']}.",
              "4. When will delivery resume?",
              f"   Between {resume['earliest']} and {resume['latest']} ({resume['business_days'][0]} to {resume['business_days'][1]} business days before).",
              f"Now: {terminal(result['now'])}.", "Assumptions:"]
    lines += [f"  - {terminal(assumption)}" for assumption in result["assumptions"]]
    if ics_path is not None:
        lines.append(f"Calendar written to {terminal(str(ics_path))}.")
    return "\n".join(lines) + "\n"
