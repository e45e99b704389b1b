"""The registry: every code declared once, well formed, and its examples really behave."""

from __future__ import annotations

import re

import pytest

from linter.examples import run
from linter.registry import CODE_PATTERN, all_specs

SPECS = all_specs()
# P999 reports a bug in the linter itself: no input produces it, test_engine forces it.
EXAMPLED = [s for s in SPECS if s.code != "P999"]


def test_codes_and_names_are_unique_and_well_formed():
    codes = [s.code for s in SPECS]
    names = [s.name for s in SPECS]
    assert len(codes) == len(set(codes)) and len(names) == len(set(names))
    for spec in SPECS:
        assert CODE_PATTERN.match(spec.code)
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", spec.name), spec.name
        assert spec.title and spec.why and spec.fix, spec.code


@pytest.mark.parametrize("spec", EXAMPLED, ids=lambda s: s.code)
def test_bad_example_gives_its_code(spec):
    report = run(spec, "bad")
    assert spec.code in {f.code for f in report.findings}


@pytest.mark.parametrize("spec", EXAMPLED, ids=lambda s: s.code)
def test_good_example_is_clean(spec):
    report = run(spec, "good")
    assert report.findings == []


def test_every_example_changes_the_baseline():
    for spec in EXAMPLED:
        assert spec.bad, f"{spec.code} has no bad example"


def test_schema_codes_mirror_a_frictionless_error_type():
    for code in ("S001", "S002", "S003", "S004", "S005", "X001", "P104", "P105", "P201", "P202"):
        assert next(s for s in SPECS if s.code == code).frictionless_error
