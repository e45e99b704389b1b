"""A brief a district can send its vendor contact before the first fall upload: expected volumes
per school, new schools, schools to Pause or Freeze, and whether a circuit break is expected.

The brief is built once as sections of paragraphs and tables, then written as Markdown or as a
self-contained HTML page. It holds school ids, names and counts only: no personal data.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

from linter.yearend.diff import COUNTS, Comparison
from linter.yearend.report import volume


@dataclass
class Section:
    title: str
    paragraphs: list[str] = field(default_factory=list)
    header: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)


def sections(comparison: Comparison, previous: str, current: str) -> list[Section]:
    schools = comparison.schools
    volumes = Section("Expected volumes per school", [f"This upload ({current}) compared with the last one ({previous})."],
                      ["School", "Id", "After this upload", *COUNTS],
                      [[s["name"], s["sourcedId"], s["status_after_upload"], *(volume(s, key) for key in COUNTS)] for s in schools])
    new = [s for s in schools if s["status_after_upload"] == "New"]
    arriving = Section("New schools", [", ".join(f"{s['name']} ({s['sourcedId']})" for s in new) if new else "None."])
    leaving = [s for s in schools if s["status_after_upload"] in ("Action Needed", "Paused", "Frozen")]
    held = Section("Schools to Pause or Freeze",
                   ["None: every school of the last upload is in this one."] if not leaving else
                   ["These schools of the last upload are not in this one. We will set each as shown (a school re-keyed under a new id "
                    "is a mistake we fix before sending):"],
                   ["School", "Id", "Status", "Note"] if leaving else [],
                   [[s["name"], s["sourcedId"], s["status_after_upload"], f"back as {s['rekeyed_as']}" if s.get("rekeyed_as") else ""] for s in leaving])
    outlook = comparison.forecast
    basis = "your published thresholds" if outlook.profile.circuit_break.thresholds == "published" else "default thresholds (no published numbers)"
    circuit = Section("Circuit break",
                      [f"Expected under the '{outlook.profile.name}' profile, {basis}: " + "; ".join(r["text"] for r in outlook.reasons)
                       + ". Please expect the review, and tell us if you need anything to release it." if outlook.likely
                       else f"Not expected under the '{outlook.profile.name}' profile, {basis}."])
    changes = Section("Changes per file", [], ["File", "Before", "After", "Added", "Removed", "Updated", "Re-keyed"],
                      [[file, *(f"{change.counts()[key]:,}" for key in ("previous", "current", "added", "removed", "updated", "rekeyed"))]
                       for file, change in comparison.changes.items()])
    season = Section("When", [f"Season: {comparison.season.name} ({comparison.season.why})."])
    return [season, volumes, arriving, held, circuit, changes]


TITLE = "Roster brief for our next upload"



def render_markdown(comparison: Comparison, *, previous: str, current: str, **_: object) -> str:
    parts = [f"# {TITLE}"]
    for section in sections(comparison, previous, current):
        parts.append(f"## {section.title}")
        parts += section.paragraphs
        if section.header:
            parts.append("\n".join(["| " + " | ".join(_cell(c) for c in section.header) + " |", "|" + " --- |" * len(section.header)]
                                   + ["| " + " | ".join(_cell(c) for c in row) + " |" for row in section.rows]))
    return "\n\n".join(parts) + "\n"


def render_html(comparison: Comparison, *, previous: str, current: str, **_: object) -> str:
    body = [f"<h1>{html.escape(TITLE)}</h1>"]
    for section in sections(comparison, previous, current):
        body.append(f"<h2>{html.escape(section.title)}</h2>")
        body += [f"<p>{html.escape(p)}</p>" for p in section.paragraphs]
        if section.header:
            head = "".join(f"<th>{html.escape(c)}</th>" for c in section.header)
            rows = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>" for row in section.rows)
            body.append(f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>")
    style = ("body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}"
             "table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #ccc;padding:.3rem .6rem;text-align:left}th{background:#f3f3f3}")
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{html.escape(TITLE)}</title>'
            f"<style>{style}</style></head><body>\n" + "\n".join(body) + "\n</body></html>\n")


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
