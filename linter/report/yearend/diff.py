"""The diff report: text for people, JSON for tools (a stable contract, see README).

In the text, every name from the packages (files, school names and ids, paths, the profile) goes
through `escape.terminal`, so each line starts with the report's own words; the JSON only needs
`escape.json_document`, for valid UTF-8."""

from __future__ import annotations

import json
from typing import Any

import click

from linter.findings import Report
from linter.report import json_report, text
from linter.report.escape import json_document, terminal
from linter.yearend.diff import COUNTS, Comparison


def as_dict(comparison: Comparison, *, show_values: bool = False) -> dict[str, Any]:
    return {
        "findings": [json_report.finding_dict(f, show_values) for f in comparison.findings],
        "changes": {file: change.counts() for file, change in comparison.changes.items()},
        "schools": comparison.schools,
        "season": {"as_of": comparison.season.as_of.isoformat(), "name": comparison.season.name, "why": comparison.season.why},
        "circuit_break": {**comparison.forecast.as_dict(), "reasons": [
            {k: v for k, v in reason.items() if k != "text"} | {"message": reason["text"]} for reason in comparison.forecast.reasons]},
    }


def render_json(comparison: Comparison, *, show_values: bool = False) -> str:
    return json_document(json.dumps(as_dict(comparison, show_values=show_values), ensure_ascii=False, indent=2)) + "\n"


def render_text(comparison: Comparison, *, show_values: bool = False, previous: str = "", current: str = "") -> str:
    lines = [f"Compared {terminal(current) or 'this upload'} with the last upload {terminal(previous)}".rstrip(),
             f"Season: {comparison.season.name} ({comparison.season.why})", "", click.style("Changes per file", bold=True)]
    lines.append(f"  {'file':<24}{'before':>10}{'after':>10}{'added':>9}{'removed':>9}{'updated':>9}{'re-keyed':>10}")
    for file, change in comparison.changes.items():
        c = change.counts()
        lines.append(f"  {terminal(file):<24}{c['previous']:>10,}{c['current']:>10,}{c['added']:>9,}{c['removed']:>9,}{c['updated']:>9,}{c['rekeyed']:>10,}")
    lines += ["", click.style("Schools after this upload", bold=True)]
    for school in comparison.schools:
        status = school["status_after_upload"]
        colour = {"Action Needed": "red", "New": "blue", "Frozen": "cyan", "Paused": "yellow"}.get(status)
        rekeyed = f"  (back as {terminal(school['rekeyed_as'])})" if school.get("rekeyed_as") else ""
        lines.append(f"  {click.style(f'{status:<14}', fg=colour)} {terminal(school['sourcedId'])}  {terminal(school['name'])}{rekeyed}")
        lines.append("      " + "   ".join(_count(school, key) for key in COUNTS))
    outlook = comparison.forecast
    lines += ["", click.style("Circuit break", bold=True)]
    if outlook.likely:
        lines.append(click.style(f"  likely under the '{terminal(outlook.profile.name)}' profile:", fg="yellow"))
        lines += [f"  - {terminal(reason['text'])}" for reason in outlook.reasons]
    else:
        lines.append(f"  not likely under the '{terminal(outlook.profile.name)}' profile")
    if comparison.findings:
        findings = Report(comparison.findings, None)
        lines += [""] + text.render(findings, show_values=show_values).splitlines()[2:]
    else:
        lines += ["", click.style("No year-end problems found.", fg="green", bold=True)]
    return "\n".join(lines) + "\n"


def _count(school: dict[str, Any], key: str) -> str:
    return f"{key} {volume(school, key)}"


def volume(school: dict[str, Any], key: str) -> str:
    """'12 → 14 (+17%)', '14 (new)' or '12 → none' for one count of one school."""
    before = school["before"][key] if school["before"] else None
    after = school["after"][key] if school["after"] else None
    if before is None:
        return f"{after:,} (new)"
    if after is None:
        return f"{before:,} → none"
    change = f" ({(after - before) / before:+.0%})" if before else ""
    return f"{before:,} → {after:,}{change}"
