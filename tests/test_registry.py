"""The public fields of every declared code, pinned in tests/golden/registry.json.

A new code, a changed severity or a reworded title, reason or fix shows up in this one golden
file and in no other: the report format goldens render fixed rules (tests/test_formats.py), and
the end-to-end golden of the broken example holds what the linter finds, not the rules' texts."""

from __future__ import annotations

import json

from linter.catalogue import all_specs
from linter.registry import RuleSpec
from tests.conftest import assert_golden


def public_fields(spec: RuleSpec) -> dict:
    """What users see of a rule (`explain`, `rules`, the reports, the help site); not its
    examples or check function, which the rule tests run."""
    return {
        "code": spec.code,
        "name": spec.name,
        "severity": spec.severity.value,
        "basis": spec.basis.value if spec.basis else None,
        "clause": spec.clause,
        "title": spec.title,
        "why": spec.why,
        "fix": spec.fix,
        "files": list(spec.files),
        "versions": list(spec.versions),
    }


def test_registry_snapshot():
    snapshot = [public_fields(spec) for spec in all_specs()]  # all_specs() is in code order
    assert_golden("registry.json", json.dumps(snapshot, ensure_ascii=False, indent=2) + "\n")
