"""The repairs page: what `oneroster-lint fix` repairs, read from the same declarations the
command runs (linter.fix.registry), with a link to each finding code's page."""

from __future__ import annotations

from linter.docs import markdown as md
from linter.docs.paths import rule_page
from linter.fix.registry import RepairSpec, all_repairs, repairs_for
from linter.registry import REGISTRY

REPAIRS = "reference/repairs.md"


def pages() -> dict[str, str]:
    return {REPAIRS: page(all_repairs())}


def page(repairs: list[RepairSpec]) -> str:
    parts = ["# Repairs",
             f"{md.code('oneroster-lint fix PACKAGE --output NEW')} writes a repaired copy of a package. It repairs only what can "
             "be read one way, lists every case it left alone and why, then checks the copy exactly as "
             f"{md.code('oneroster-lint check')} does. The package itself is never changed; files without repairs are copied "
             f"byte for byte. {md.code('--dry-run')} lists the repairs without writing anything, and "
             f"{md.code('oneroster-lint explain F003')} explains a repair on the command line.",
             "Values can be personal data: the old and new values are printed only with " + md.code("--show-values") + ".",
             md.table(["Repair", "Name", "What it does", "Repairs"],
                      [[md.link(REPAIRS, REPAIRS, r.code, r.code), md.code(r.name), md.text(r.title), _codes(r)] for r in repairs])]
    for r in repairs:
        parts += [f"## {r.code} {md.text(r.name)} {{#{r.code}}}", md.text(r.title) + ".",
                  f"**Repairs:** {_codes(r)}.", f"**Why it is certain:** {md.text(r.why)}", f"**What it leaves alone:** {md.text(r.leaves)}"]
    return md.join(parts)


def _codes(spec: RepairSpec) -> str:
    return ", ".join(md.link(REPAIRS, rule_page(code), f"{code} {REGISTRY[code].name}") for code in spec.fixes)


def rule_line(code: str, here: str) -> list[str]:
    """The line a rule's page gets when a repair covers its code."""
    repairs = repairs_for(code)
    if not repairs:
        return []
    named = ", ".join(md.link(here, REPAIRS, r.code, r.code) for r in repairs)
    return [f"{md.code('oneroster-lint fix')} repairs this ({named}) where the repair is certain, and lists the cases it leaves alone."]
