"""The registry: every code declared once, well formed, and its examples really behave."""

from __future__ import annotations

import re

import pytest

from linter import lint
from linter.catalogue import all_specs
from linter.docs.usage import run
from linter.examples import materialize
from linter.findings import Severity
from linter.registry import CODE_PATTERN, Basis
from linter.schemas import VERSIONS

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


# Bad examples that rightly give more than their own code: each companion is true of the example
# too, not a cascade of one root cause.
COMPANIONS = {
    "P006": {"P007"},  # its Courses.csv sits next to courses.csv: one file once unpacked on Windows or a Mac
    "P105": {"R114"},  # a shifted row is still checked: its email cell now holds a name (left as it is, see CHANGELOG)
    "R103": {"X003"},  # the course's schoolYearSourcedId now names a session that is not a schoolYear
    "R104": {"R116"},  # the enrollment points at a second school that has no classes
    "R108": {"R115"},  # the students taken out of the class have no enrollment left
    "R401": {"P004"},  # the manifest still announces the file the example leaves out
    "R502": {"R107", "R108"},  # the second class has nobody enrolled
    "X003": {"R116"},  # with its class pointing at the district, the school has no classes
    "Y005": {"Y004", "Y010"},  # the next school year is in the export instead of this one, its class with it
    "Y006": {"R115"},  # students without enrollments are also students without classes
    "Y007": {"Y002"},  # the school that loses most students is also the reason for the break
    "Y009": {"Y002"},  # the graduated seniors took their enrollments with them
}


@pytest.mark.parametrize("spec", EXAMPLED, ids=lambda s: s.code)
def test_bad_example_gives_exactly_its_code(spec, example_reports):
    report = example_reports[spec.code]
    assert {f.code for f in report.findings} == {spec.code} | COMPANIONS.get(spec.code, set())


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
