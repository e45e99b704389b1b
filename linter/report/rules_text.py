"""The text of `explain` and `rules` (every declared code) and of `schemas` (the bundled schemas)."""

from __future__ import annotations

import json

from linter.registry import RuleSpec
from linter.schemas import SchemaPackage


def explain(spec: RuleSpec) -> str:
    """One code in full: what it says, why it matters, how to fix it and what it rests on."""
    return (f"{spec.code} {spec.name} ({spec.severity.value})\n{spec.title}\n\n"
            f"Why it matters:\n  {spec.why}\n\nHow to fix it:\n  {spec.fix}\n\n"
            f"What it rests on:\n  {spec.basis.value} ({spec.basis.meaning})\n  {spec.clause}\n\n"
            f"Family: {spec.family}. Applies to OneRoster {', '.join(spec.versions)}.\n")


def rules_text(specs: list[RuleSpec]) -> str:
    return "".join(f"{s.code}  {s.severity.value:<7}  {s.basis.value:<14}  {s.name:<32}  {s.title}\n" for s in specs)


def rules_json(specs: list[RuleSpec]) -> str:
    """A contract (README): code, name, severity, basis, clause and title of every code."""
    entries = [{"code": s.code, "name": s.name, "severity": s.severity.value, "basis": s.basis.value, "clause": s.clause,
                "title": s.title} for s in specs]
    return json.dumps(entries, indent=2) + "\n"


def schemas_text(packages: dict[str, SchemaPackage]) -> str:
    """Each bundled version: where its Data Package is and how many columns each file has."""
    lines = []
    for version, package in packages.items():
        lines.append(f"OneRoster {version}  ({package.folder})")
        lines += [f"  {table.file:<24} {len(table.fields):>3} columns" for table in package.tables.values()]
    return "\n".join(lines) + "\n"
