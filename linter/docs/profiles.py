"""The vendor profiles page, generated from schemas/profiles/ (each profile read through
linter.profiles, which validates it; the meaning of each threshold comes from the profile
JSON Schema's own descriptions)."""

from __future__ import annotations

from typing import Any

from linter.docs import markdown as md
from linter.docs.configuration import resolve
from linter.docs.paths import PROFILES, YEAREND
from linter.profile_spec import Profile
from linter.profiles import load_profile, profile_names, profile_schema


def pages() -> dict[str, str]:
    return {PROFILES: page([load_profile(name) for name in profile_names()], profile_schema())}


def page(profiles: list[Profile], schema: dict[str, Any]) -> str:
    rows = [[f"[{md.code(p.name)}](#{p.name})", md.text(p.title), p.circuit_break.thresholds]
            + [_share(getattr(p.circuit_break, key)) for key in ("deleted_share", "updated_share", "added_share")]
            + [str(p.circuit_break.minimum_rows)] for p in profiles]
    parts = ["# Vendor profiles",
             "A vendor profile says what one consumer of your files expects: when it holds an upload for review (a "
             f"{md.link(PROFILES, YEAREND, 'circuit break', 'circuit-breaks')}), and what it needs beyond the OneRoster standard. "
             f"Choose one with {md.code('--profile NAME')} on {md.code('check')} and {md.code('diff')}, or with "
             f"{md.code('profile')} in the configuration; without one, {md.code('default')} is used.",
             md.table(["Profile", "Title", "Thresholds", "Deleted over", "Updated over", "Added over", "Smallest entity type counted"], rows),
             "An empty threshold means that kind of change is not a trigger for that consumer. **published** thresholds are the "
             "vendor's own numbers, with the source below; **default** ones are a cautious guess for a vendor that publishes none."]
    meanings = resolve(schema, schema).get("properties", {})
    circuit = resolve(meanings.get("circuitBreak", {}), schema).get("properties", {})
    requirement_fields = resolve(meanings.get("requirements", {}), schema).get("properties", {})
    for profile in profiles:
        parts += section(profile, circuit, requirement_fields)
    return md.join(parts)


def _share(value: float | None) -> str:
    return "" if value is None else f"{value:.0%}"


def section(profile: Profile, circuit: dict[str, Any], requirement_fields: dict[str, Any]) -> list[str]:
    cb = profile.circuit_break
    thresholds = [("thresholds", cb.thresholds), ("entities", ", ".join(cb.entities) if cb.entities else "all six"),
                  ("deletedShare", _share(cb.deleted_share)), ("updatedShare", _share(cb.updated_share)),
                  ("addedShare", _share(cb.added_share)), ("minimumRows", str(cb.minimum_rows))]
    rows = [[md.words(key), value or "not a trigger", md.text(circuit.get(key, {}).get("description", ""))] for key, value in thresholds]
    parts = [f"## {md.text(profile.title)} {{#{profile.name}}}", f"{md.code('--profile ' + profile.name)}", md.text(profile.description),
             md.table(["Threshold", "Value", "Meaning"], rows), f"**Why these numbers:** {md.text(cb.justification)}"]
    requirements = profile.requirements
    if requirements:
        lines = []
        for key, value in requirements.items():
            if key == "why":
                continue
            meaning = md.text(requirement_fields.get(key, {}).get("description", md.words(key)))
            if key == "fields" and isinstance(value, dict):
                shown = "; ".join(f"{md.code(file)}: {', '.join(md.code(c) for c in columns)}" for file, columns in value.items())
            elif isinstance(value, list):
                shown = ", ".join(md.code(v) for v in value)
            else:
                shown = md.code(value)
            lines.append(f"- {meaning} {shown}")
        parts += ["**What it needs beyond the standard:**", "\n".join(lines)]
        if requirements.get("why"):
            parts.append(md.text(requirements["why"]))
    if profile.sources:
        parts += ["**Sources:**", "\n".join(f"- [{md.text(s['title'])}]({s['path']})" for s in profile.sources)]
    return parts
