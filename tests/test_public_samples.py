"""Packages other OneRoster implementations wrote (tests/data/public/, with their sources and
licences): the verdicts must hold on files the linter did not write."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import check_json, where

PUBLIC = Path(__file__).resolve().parent / "data" / "public"
LONGSIGHT = PUBLIC / "longsight-oneroster"
NICELION = PUBLIC / "nicelion-oneroster-ts" / "v1p1-header-only"


@pytest.mark.parametrize("name", ["rostering-bulk", "rostering-delta", "rostering-minimal-bulk", "rostering-delta-lifecycle"])
def test_valid_1_2_packages_of_another_implementation_have_no_errors(name):
    report = check_json(LONGSIGHT / name)
    assert report["summary"]["errors"] == 0, report["findings"]
    expected = {("R108", "classes.csv", 2, "sourcedId")} if "bulk" in name else set()  # a class with a teacher only: practice
    assert where(report) == expected


def test_the_delta_of_another_implementation_applies_to_its_bulk():
    report = check_json(LONGSIGHT / "rostering-delta", "--previous", LONGSIGHT / "rostering-bulk")
    assert report["summary"]["errors"] == 0 and not [f for f in report["findings"] if f["code"][0] == "X"]


def test_a_1_1_template_with_header_rows_only(tmp_path):
    assert where(check_json(NICELION)) == {("P005", "demographics.csv", None, None)}
    clean = tmp_path / "template"
    shutil.copytree(NICELION, clean)
    (clean / "demographics.csv").unlink()
    assert check_json(clean)["findings"] == []


def test_header_only_files_are_not_permitted_in_1_2(tmp_path):
    package = tmp_path / "package"
    shutil.copytree(LONGSIGHT / "rostering-bulk", package)
    text = (package / "demographics.csv").read_text(encoding="utf-8")
    (package / "demographics.csv").write_text(text.split("\n", 1)[0], encoding="utf-8")
    assert ("P020", "demographics.csv", None, None) in where(check_json(package))
