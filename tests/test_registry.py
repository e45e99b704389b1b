"""The public fields of every declared code, pinned in tests/golden/registry.json.

A new code, a changed severity or a reworded title, reason or fix shows up in this one golden
file and in no other: the report format goldens render fixed rules (tests/test_formats.py), and
the end-to-end golden of the broken example holds what the linter finds, not the rules' texts."""

from __future__ import annotations

import json

import pytest

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


def test_declaring_registers_nothing_and_the_catalogue_registers_each_code_once(monkeypatch):
    from dataclasses import replace

    from linter import registry
    from linter.findings import Severity

    spec = registry.declare(code="R998", name="test-only-rule", severity=Severity.WARNING, basis=registry.Basis.PRACTICE,
                            clause="a test", title="t", why="w", fix="f", bad={}, good={})
    assert "R998" not in registry.REGISTRY  # a declaration is a value; only register() files it
    monkeypatch.setattr(registry, "REGISTRY", dict(registry.REGISTRY))
    registry.register([spec, spec])  # the same declaration, met in two modules, is one
    assert registry.REGISTRY["R998"] is spec
    for clash in (replace(spec, title="another"), replace(spec, code="R997")):
        with pytest.raises(ValueError, match="declared twice"):
            registry.register([clash])
