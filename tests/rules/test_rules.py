"""The registry: every code declared once, well formed, and its examples really behave."""

from __future__ import annotations

import os
import re

import pytest

from linter import lint
from linter.catalogue import all_specs
from linter.docs.usage import run
from linter.examples import materialize
from linter.findings import Severity
from linter.registry import CODE_PATTERN, Basis
from linter.schemas import VERSIONS
from tests.rules.cases import CASES, path_of, read_case, write_case

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
def test_bad_example_gives_exactly_the_findings_of_its_case(spec, example_reports):
    """tests/cases/<CODE>.toml pins every finding of the bad example, at its file, row and field;
    any code besides its own is a companion the case file gives a reason for."""
    found = [(f.code, f.file, f.row, f.field) for f in example_reports[spec.code].findings]
    if os.environ.get("UPDATE_GOLDEN"):
        write_case(spec.code, found, read_case(spec.code)["companions"] if path_of(spec.code).exists() else {})
    case = read_case(spec.code)
    assert case["code"] == spec.code
    assert found == case["bad"]
    codes = {code for code, *_ in found}
    assert spec.code in codes
    assert codes - {spec.code} == set(case["companions"]), "each other code is a companion, with the reason it is true of the example"


def test_every_code_with_an_example_has_one_case_file_and_there_are_no_others():
    assert sorted(path.stem for path in CASES.glob("*.toml")) == sorted(spec.code for spec in EXAMPLED)


@pytest.mark.parametrize("spec", [spec for spec in EXAMPLED if spec.good], ids=lambda s: s.code)
def test_good_example_is_clean(spec):
    report = run(spec, "good")
    assert report.findings == []


@pytest.mark.parametrize("version", VERSIONS)
def test_the_baseline_every_example_patches_is_clean(version):
    """What an empty good example stands for: the baseline package, without a patch."""
    with materialize({}, version) as path:
        assert lint(path, version=version).findings == []


def test_schema_codes_mirror_a_frictionless_error_type():
    for code in ("S001", "S002", "S003", "S004", "S005", "X001", "P104", "P105", "P201", "P202"):
        assert next(s for s in SPECS if s.code == code).frictionless_error


# Severities that differ from what the basis gives, each for a stated reason.
SEVERITY_EXCEPTIONS = {
    "P999": "a bug in the linter, not a finding about the files: always an error",
    "R401": "reported only under a vendor profile, which makes its requirements errors",
    "R402": "reported only under a vendor profile, which makes its requirements errors",
    "R403": "reported only under a vendor profile, which makes its requirements errors",
    "R404": "reported only under a vendor profile, which makes its requirements errors",
    "X004": "information: the references may well be fine, only the last bulk can tell",
    "Y001": "a school missing from every file goes to Action Needed at the vendor: an error whatever the season",
    "Y008": "the vendor would delete and re-create every re-keyed record: always an error, whatever the season",
    "Y012": "a Frozen school stays locked whatever the upload says: only the vendor's support unfreezes it",
}


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.code)
def test_every_rule_states_its_basis_and_its_severity_follows(spec):
    assert spec.basis is not None and len(spec.clause) > 20, spec.code
    if spec.basis is Basis.STANDARD:
        assert any(source in spec.clause for source in ("§", "RFC 4180", "information model")), f"{spec.code} cites no section"
    if spec.code in SEVERITY_EXCEPTIONS:
        return
    expected = {Basis.STANDARD: {Severity.ERROR}, Basis.RECOMMENDATION: {Severity.WARNING},
                Basis.PRACTICE: {Severity.WARNING, Severity.INFO}}[spec.basis]
    assert spec.severity in expected, f"{spec.code} is {spec.basis.value} but {spec.severity.value}"


REGEX = re.compile(r"\\[dws.]|\[\^|\(\?:|\[[A-Za-z0-9]-[A-Za-z0-9].*\]|\{\d+,?\d*\}|\.\*|\.\+|\$\)")


@pytest.mark.parametrize("spec", EXAMPLED, ids=lambda s: s.code)
def test_no_regular_expression_reaches_a_district_person(spec, example_reports):
    texts = [spec.title, spec.why, spec.fix] + [text for f in example_reports[spec.code].findings for text in (f.message, f.hint or "")]
    assert not [text for text in texts if REGEX.search(text)], spec.code
