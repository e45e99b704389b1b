"""A brief a district can send its vendor contact before the first fall upload: expected volumes
per school, new schools, schools to Pause or Freeze, and whether a circuit break is expected.

The brief is built once as sections of paragraphs and tables, then written as Markdown or as a
self-contained HTML page. It holds school ids, names and counts only: no personal data.
What comes from the packages is marked as a Name where the sections are built, and each writer
escapes exactly those pieces (`escape.markdown_text`, `escape.html_text`), so a school named like a
link or a script stays its own text while the brief's own words stay as written.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from linter.report.escape import html_text, markdown_text
from linter.report.yearend.diff import volume
from linter.yearend.diff import COUNTS, Comparison


class Name(str):
    """Text from the package or the command line (a school's name or id, a file or profile name):
    each writer escapes it for its format, while the brief's own words go out as written."""


Text = str | tuple[str, ...]  # a paragraph or a cell: the brief's words and Names, in order


@dataclass
class Section:
    title: str
    paragraphs: list[Text] = field(default_factory=list)
    header: list[str] = field(default_factory=list)
    rows: list[list[Text]] = field(default_factory=list)


def _listing(schools: list[dict[str, Any]]) -> tuple[str, ...]:
    """'Harbor Academy (sch-new), Bay School (sch-bay)', each name and id a Name."""
    pieces: list[str] = []
    for school in schools:
        pieces += [", "] if pieces else []
        pieces += [Name(school["name"]), " (", Name(school["sourcedId"]), ")"]
    return tuple(pieces)


def sections(comparison: Comparison, previous: str, current: str) -> list[Section]:
    schools = comparison.schools
    volumes = Section("Expected volumes per school", [("This upload (", Name(current), ") compared with the last one (", Name(previous), ").")],
                      ["School", "Id", "After this upload", *COUNTS],
                      [[Name(s["name"]), Name(s["sourcedId"]), s["status_after_upload"], *(volume(s, key) for key in COUNTS)] for s in schools])
    new = [s for s in schools if s["status_after_upload"] == "New"]
    arriving = Section("New schools", [_listing(new) if new else "None."])
    leaving = [s for s in schools if s["status_after_upload"] in ("Action Needed", "Paused", "Frozen")]
    held = Section("Schools to Pause or Freeze",
                   ["None: every school of the last upload is in this one."] if not leaving else
                   ["These schools of the last upload are not in this one. We will set each as shown (a school re-keyed under a new id "
                    "is a mistake we fix before sending):"],
                   ["School", "Id", "Status", "Note"] if leaving else [],
                   [[Name(s["name"]), Name(s["sourcedId"]), s["status_after_upload"], ("back as ", Name(s["rekeyed_as"])) if s.get("rekeyed_as") else ""]
                    for s in leaving])
    outlook = comparison.forecast
    profile = Name(outlook.profile.name)
    basis = "your published thresholds" if outlook.profile.circuit_break.thresholds == "published" else "default thresholds (no published numbers)"
    circuit = Section("Circuit break",
                      [("Expected under the '", profile, f"' profile, {basis}: " + "; ".join(r["text"] for r in outlook.reasons)
                        + ". Please expect the review, and tell us if you need anything to release it.") if outlook.likely
                       else ("Not expected under the '", profile, f"' profile, {basis}.")])
    changes = Section("Changes per file", [], ["File", "Before", "After", "Added", "Removed", "Updated", "Re-keyed"],
                      [[Name(file), *(f"{change.counts()[key]:,}" for key in ("previous", "current", "added", "removed", "updated", "rekeyed"))]
                       for file, change in comparison.changes.items()])
    season = Section("When", [f"Season: {comparison.season.name} ({comparison.season.why})."])
    return [season, volumes, arriving, held, circuit, changes]


TITLE = "Roster brief for our next upload"


def _writer(own: Callable[[str], str], name: Callable[[str], str]) -> Callable[[Text], str]:
    """Write a paragraph or cell: the brief's words through `own`, each Name through `name`."""
    def write(text: Text) -> str:
        pieces = (text,) if isinstance(text, str) else text
        return "".join(name(piece) if isinstance(piece, Name) else own(piece) for piece in pieces)
    return write


def render_markdown(comparison: Comparison, *, previous: str, current: str, **_: object) -> str:
    write = _writer(lambda own: own.replace("|", "\\|").replace("\n", " "), markdown_text)
    parts = [f"# {TITLE}"]
    for section in sections(comparison, previous, current):
        parts.append(f"## {section.title}")
        parts += [write(p) for p in section.paragraphs]
        if section.header:
            parts.append("\n".join(["| " + " | ".join(write(c) for c in section.header) + " |", "|" + " --- |" * len(section.header)]
                                   + ["| " + " | ".join(write(c) for c in row) + " |" for row in section.rows]))
    return "\n\n".join(parts) + "\n"


def render_html(comparison: Comparison, *, previous: str, current: str, **_: object) -> str:
    write = _writer(html.escape, html_text)
    body = [f"<h1>{html.escape(TITLE)}</h1>"]
    for section in sections(comparison, previous, current):
        body.append(f"<h2>{html.escape(section.title)}</h2>")
        body += [f"<p>{write(p)}</p>" for p in section.paragraphs]
        if section.header:
            head = "".join(f"<th>{write(c)}</th>" for c in section.header)
            rows = "".join("<tr>" + "".join(f"<td>{write(c)}</td>" for c in row) + "</tr>" for row in section.rows)
            body.append(f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>")
    style = ("body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}"
             "table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #ccc;padding:.3rem .6rem;text-align:left}th{background:#f3f3f3}")
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{html.escape(TITLE)}</title>'
            f"<style>{style}</style></head><body>\n" + "\n".join(body) + "\n</body></html>\n")
