"""Every code the linter can emit, in one place: the modules that declare codes are imported
here and nowhere else for that purpose, so this is the one list `explain`, `rules`, the
selectors of the configuration, every report format and the help site read."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

import linter.engine
from linter.engine import container, csvfile, fields, header, keys, manifest
from linter.registry import REGISTRY, RuleSpec, SelectorError, register
from linter.rules import RULES
from linter.yearend import codes as yearend_codes

# The modules that declare codes, besides the named rules (RULES): each declaration is a value
# of its module, named by its code, and this list is the only way into the registry.
DECLARING = (linter.engine, container, csvfile, fields, header, keys, manifest, yearend_codes)


def declared_in(module: object) -> list[RuleSpec]:
    return [value for value in vars(module).values() if isinstance(value, RuleSpec)]


register(spec for module in DECLARING for spec in declared_in(module))
register(RULES)

__all__ = ["RULES", "SelectorError", "all_specs", "check_selectors", "closest", "lookup", "matches"]


def all_specs() -> list[RuleSpec]:
    """Every declared code, in code order."""
    return sorted(REGISTRY.values(), key=lambda s: s.code)


def lookup(code_or_name: str) -> RuleSpec | None:
    """Find a rule by its code (case-insensitive) or its kebab-case name."""
    key = code_or_name.strip()
    spec = REGISTRY.get(key.upper())
    if spec:
        return spec
    return next((s for s in REGISTRY.values() if s.name == key.lower()), None)


def matches(code: str, selectors: Iterable[str]) -> bool:
    """True when a code is named by any selector: a full code, a prefix (`X`, `R1`), or a name."""
    for selector in selectors:
        selector = selector.strip()
        if not selector:
            continue
        spec = lookup(selector)
        if spec and spec.code == code:
            return True
        if code.startswith(selector.upper()):
            return True
    return False


def check_selectors(selectors: Iterable[str], where: str) -> None:
    """Stop on a selector that matches nothing: a typo would otherwise silently pass every package."""
    specs = all_specs()
    for selector in selectors:
        key = selector.strip()
        if not key or lookup(key) or any(spec.code.startswith(key.upper()) for spec in specs):
            continue
        close = closest(key, 1)
        suggestion = f"; did you mean {close[0]}?" if close else "; 'oneroster-lint rules' lists them"
        raise SelectorError(f"{where}: '{key}' is not a code, prefix or rule name{suggestion}")


def closest(key: str, count: int = 3) -> list[str]:
    """The codes and rule names nearest to a mistyped one (`x1` -> X001), best first."""
    specs = all_specs()
    known = {spec.code.lower(): spec.code for spec in specs} | {spec.name: spec.name for spec in specs}
    return [known[match] for match in difflib.get_close_matches(key.strip().lower(), list(known), n=count, cutoff=0.6)]


