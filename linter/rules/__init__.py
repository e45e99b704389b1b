"""The named rules, one module per family, listed here: a rule is a `@rule(...)` function of one
of these modules, and the engine runs exactly the rules this list gives it."""

from __future__ import annotations

from linter.registry import RuleSpec
from linter.rules import agents, dates, delta, enrollments, gradebook, orgs, primary, profile, roles, subjects, users

FAMILIES = (agents, dates, delta, enrollments, gradebook, orgs, primary, profile, roles, subjects, users)

RULES: tuple[RuleSpec, ...] = tuple(sorted(
    (spec for family in FAMILIES for spec in vars(family).values() if isinstance(spec, RuleSpec) and spec.check is not None),
    key=lambda spec: spec.code))
