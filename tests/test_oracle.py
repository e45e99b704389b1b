"""The frictionless library itself is the oracle: on every kind of error both tools can see,
our engine must report the same (file, row, field, kind).

Frictionless names no field on key and cell-count errors, so those compare by (file, row).
Header damage is left out: frictionless then reads columns by position and its cell errors
mean something else.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from linter import baseline, lint
from linter.catalogue import all_specs
from linter.schemas import frictionless_descriptor, load
from tests.conftest import EXAMPLES

frictionless = pytest.importorskip("frictionless")

ROW_LEVEL = {"type-error", "constraint-error", "primary-key", "foreign-key", "missing-cell", "extra-cell", "blank-row"}
NO_FIELD = {"primary-key", "foreign-key", "missing-cell", "extra-cell", "blank-row"}
KIND_OF = {s.code: s.frictionless_error for s in all_specs() if s.frictionless_error in ROW_LEVEL}

# Damage applied to the baseline package: name -> {file: new text}.
VARIATIONS = {
    "impossible-date": {"academicSessions.csv": baseline.edit("academicSessions.csv", {"fall": {"endDate": "2025-02-30"}})},
    "spreadsheet-date": {"academicSessions.csv": baseline.edit("academicSessions.csv", {"fall": {"startDate": "8/15/2025"}})},
    "boolean-case": {"users.csv": baseline.edit("users.csv", {"s1": {"enabledUser": "TRUE"}, "p1": {"enabledUser": "yes"}})},
    "enum": {"enrollments.csv": baseline.edit("enrollments.csv", {"e2": {"role": "Student"}}), "orgs.csv": baseline.edit("orgs.csv", {"sch": {"type": "School"}})},
    "required": {"users.csv": baseline.edit("users.csv", {"s2": {"familyName": "", "username": ""}}), "classes.csv": baseline.edit("classes.csv", {"alg1-p1": {"title": ""}})},
    "pattern": {"academicSessions.csv": baseline.edit("academicSessions.csv", {"fall": {"schoolYear": "25-26"}})},
    "duplicate-id": {"enrollments.csv": baseline.edit("enrollments.csv", add=("e2,,,alg1-p1,sch,s2,student,false,,", "e1,,,alg1-p1,sch,s2,student,false,,"))},
    "missing-class": {"enrollments.csv": baseline.edit("enrollments.csv", add=("e4,,,alg9,sch,s2,student,false,,", "e5,,,alg9,sch,s1,student,false,,"))},
    "missing-user-and-school": {"enrollments.csv": baseline.edit("enrollments.csv", {"e3": {"userSourcedId": "s9", "schoolSourcedId": "sch9"}})},
    "lost-zeros": {"orgs.csv": baseline.edit("orgs.csv", {"sch": {"sourcedId": "0042"}}), "courses.csv": baseline.edit("courses.csv", {"alg1": {"orgSourcedId": "42"}})},
    "self-reference": {"academicSessions.csv": baseline.edit("academicSessions.csv", {"fall": {"parentSourcedId": "y2025"}})},
    "short-row": {"enrollments.csv": baseline.rows("enrollments.csv", "e1,,,alg1-p1,sch,t1,teacher,true,,", "e2,,,alg1-p1,sch,s1,student", "e3,,,alg1-p1,sch,s2,student,false,,")},
    "long-row": {"courses.csv": baseline.rows("courses.csv", "alg1,,,y2026,Algebra I,MA101,09,sch,Math,,extra")},
    "demographics": {"demographics.csv": baseline.edit("demographics.csv", {"s1": {"birthDate": "2010-13-01", "sex": "F", "asian": "0"}})},
}


def frictionless_findings(folder: Path, version: str, work: Path) -> set[tuple]:
    copy = work / "frictionless"
    shutil.copytree(folder, copy)
    present = {p.name for p in copy.glob("*.csv")}
    (copy / "datapackage.json").write_text(json.dumps(frictionless_descriptor(version, present)), encoding="utf-8")
    file_of = {t.resource: t.file for t in load(version).tables.values()}
    report = frictionless.validate(str(copy / "datapackage.json"))
    found = set()
    for task in report.tasks:
        for error in task.errors:
            kind = error.type
            if kind in ROW_LEVEL:
                field = None if kind in NO_FIELD else getattr(error, "field_name", None)
                found.add((file_of[task.name], error.row_number, field, kind))
    return found


def our_findings(folder: Path) -> set[tuple]:
    report = lint(folder)
    return {(f.file, f.row, None if KIND_OF[f.code] in NO_FIELD else f.field, KIND_OF[f.code]) for f in report.findings if f.code in KIND_OF}


def _variation(tmp_path: Path, patch: dict) -> Path:
    folder = tmp_path / "package"
    shutil.copytree(baseline.folder(), folder)
    for file, text in patch.items():
        (folder / file).write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize("name", sorted(VARIATIONS))
def test_same_errors_as_frictionless_on_variations(tmp_path, name):
    folder = _variation(tmp_path, VARIATIONS[name])
    theirs = frictionless_findings(folder, "1.1", tmp_path)
    ours = our_findings(folder)
    assert theirs, "the variation should give frictionless something to find"
    assert ours == theirs


@pytest.mark.parametrize("name,version", [("valid-1.1", "1.1"), ("valid-1.2", "1.2"), ("broken-1.1", "1.1")])
def test_same_errors_as_frictionless_on_examples(tmp_path, name, version):
    folder = EXAMPLES / name
    assert our_findings(folder) == frictionless_findings(folder, version, tmp_path)
