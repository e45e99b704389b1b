"""Every repair `oneroster-lint fix` can make is declared here once, as a RepairSpec.

A repair names the finding codes it repairs; `explain`, the help site and each rule's page read
the same declaration, so what the site says fix does is what fix does. The codes a repair
names must be declared in the finding registry (checked when the repairs are loaded).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # linter.fix.work is what a repair works on; the registry needs only its name
    from linter.fix.work import Work

# A repair: it records its changes (and what it leaves alone) on the work.
Repair = Callable[["Work"], None]

REPAIR_CODE = re.compile(r"^F\d{3}$")


@dataclass(frozen=True)
class RepairSpec:
    code: str
    name: str
    title: str  # what it does, in a few words
    why: str  # why the repair is certain
    leaves: str  # what it leaves alone, and why
    fixes: tuple[str, ...]  # the finding codes it repairs
    run: Repair | None = field(default=None, compare=False)


REPAIRS: dict[str, RepairSpec] = {}


def repair(**kwargs: Any) -> Callable[[Repair], Repair]:
    """Declare a repair and attach the function that makes it: run(work) records its changes on `work`."""

    def register(run: Repair) -> Repair:
        spec = RepairSpec(run=run, **kwargs)
        if not REPAIR_CODE.match(spec.code):
            raise ValueError(f"bad repair code {spec.code!r}")
        if spec.code in REPAIRS or any(other.name == spec.name for other in REPAIRS.values()):
            raise ValueError(f"repair {spec.code} {spec.name} declared twice")
        if not spec.fixes:
            raise ValueError(f"repair {spec.code} names no finding code it repairs")
        REPAIRS[spec.code] = spec
        return run

    return register


def check_fixes() -> None:
    """Every finding code a repair names is a code the linter emits, and no repair has a rule's name."""
    from linter.catalogue import all_specs

    specs = all_specs()
    known, names = {spec.code for spec in specs}, {spec.name for spec in specs}
    for spec in REPAIRS.values():
        unknown = [code for code in spec.fixes if code not in known]
        if unknown:
            raise ValueError(f"repair {spec.code} names codes that are not in the registry: {', '.join(unknown)}")
        if spec.name in names:
            raise ValueError(f"repair {spec.code} is named {spec.name}, like a rule: explain could not tell them apart")


def all_repairs() -> list[RepairSpec]:
    import linter.fix  # noqa: F401  (declares the repairs)

    return sorted(REPAIRS.values(), key=lambda s: s.code)


def lookup_repair(code_or_name: str) -> RepairSpec | None:
    """A repair by its code (case-insensitive) or its kebab-case name."""
    key = code_or_name.strip()
    repairs = {spec.code: spec for spec in all_repairs()}
    return repairs.get(key.upper()) or next((s for s in repairs.values() if s.name == key.lower()), None)


def repairs_for(finding_code: str) -> list[RepairSpec]:
    """The repairs that repair this finding code."""
    return [spec for spec in all_repairs() if finding_code in spec.fixes]


def covered_codes() -> set[str]:
    return {code for spec in all_repairs() for code in spec.fixes}


def explain(spec: RepairSpec) -> str:
    """What `oneroster-lint explain F003` prints."""
    from linter.registry import REGISTRY

    fixed = "\n".join(f"  {code} {REGISTRY[code].name}: {REGISTRY[code].title}" for code in spec.fixes)
    return (f"{spec.code} {spec.name} (a repair of 'oneroster-lint fix')\n{spec.title}\n\n"
            f"What it repairs:\n{fixed}\n\nWhy the repair is certain:\n  {spec.why}\n\n"
            f"What it leaves alone:\n  {spec.leaves}\n\n"
            f"Run it with: oneroster-lint fix PACKAGE --output NEW (add --dry-run to see the repairs first).\n")
