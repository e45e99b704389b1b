"""Redaction by origin: whatever column a cell of a data row lands in (a header row that is
really data, a manifest line, cells past the header, a broken quote), no report format prints
it without --show-values."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from linter import baseline, lint
from linter.report import FORMATS, github
from tests.conftest import cli
from tests.corpus import USERS, folder

MARK = "qvx"  # every personal value below holds it; no report text ever does


def _users(edit) -> str:
    lines = USERS.splitlines()
    edit(lines)
    return "\n".join(lines) + "\n"


def _replace(line: int, old: str, new: str):
    def edit(lines: list[str]) -> None:
        assert old in lines[line]
        lines[line] = lines[line].replace(old, new)
    return edit


def _personal_first_row(lines: list[str]) -> None:
    del lines[0]  # the header row is lost: María's row comes first
    lines[0] = lines[0].replace("María", "QvxMaría").replace("mrivera@", "qvx.maria@")


def _short_data_row_as_header(lines: list[str]) -> None:
    lines[0] = "s9,,,true,sch,student,qvxuser,,QvxName"


ENROLLMENTS = baseline.text("enrollments.csv")
MANIFEST = baseline.text("manifest.csv")

CASES = {
    "header-row-missing": ({"users.csv": _users(_personal_first_row)}, "P209"),
    "data-row-as-header-of-another-width": ({"users.csv": _users(_short_data_row_as_header)}, "P209"),
    "manifest-property-name": ({"manifest.csv": MANIFEST + "qvx.home.address,bulk\n"}, "P015"),
    "cell-past-the-header": ({"users.csv": _users(_replace(2, "p1,09,", "p1,09,,QvxExtra"))}, "P105"),
    "broken-quote": ({"users.csv": _users(_replace(2, "Ada", 'Qvx"Ada'))}, "P106"),
    "name-in-a-vocabulary-column": ({"users.csv": _users(_replace(2, "student", "Studentqvx"))}, "S003"),
    "name-in-an-id-column": ({"enrollments.csv": ENROLLMENTS.replace(",s1,", ",Qvx Okafor,")}, "X001"),
    "name-in-a-list-of-ids": ({"users.csv": _users(_replace(2, "p1,09", '"p1,Qvx Okafor",09'))}, "X002"),
    "not-utf-8": ({"users.csv": _users(_replace(2, "Ada", "Qvx Adé")).encode("cp1252")}, "P101"),
    "nul-byte": ({"users.csv": _users(_replace(2, "Ada", "Qvx\x00Ada"))}, "P109"),
}


@pytest.fixture(scope="module", params=sorted(CASES))
def hostile(request, tmp_path_factory) -> tuple[Path, str]:
    patch, code = CASES[request.param]
    return folder(patch)(tmp_path_factory.mktemp(request.param)), code


def test_the_case_is_found(hostile):
    path, code = hostile
    result = cli("check", path, "--format", "json")
    assert code in {f["code"] for f in json.loads(result.stdout)["findings"]}, result.stdout


@pytest.mark.parametrize("output_format", sorted(FORMATS))
def test_no_format_prints_a_cell_without_show_values(hostile, output_format):
    path, _ = hostile
    result = cli("check", path, "--format", output_format)
    assert result.exit_code in (0, 1), result.output
    assert MARK not in result.output.lower(), f"{output_format} printed a cell of a data row"


def test_nor_does_the_job_summary(hostile):
    path, _ = hostile
    assert MARK not in github.summary_markdown(lint(path), origin=str(path)).lower()


def test_show_values_shows_the_first_row_taken_for_a_header(tmp_path):
    path = folder(CASES["header-row-missing"][0])(tmp_path)
    shown = json.loads(cli("check", path, "--format", "json", "--show-values").stdout)["findings"]
    first = next(f for f in shown if f["code"] == "P209")
    assert first["row"] == 1 and "QvxMaría" in first["value"] and first["field"] is None


def test_a_headless_file_of_the_right_width_is_still_checked(tmp_path):
    """Read in the standard column order, the rows keep their checks and references resolve."""
    lines = USERS.splitlines()
    del lines[0]
    lines[1] = lines[1].replace("student", "Student")  # Ada's role, now on row 2
    report = lint(folder({"users.csv": "\n".join(lines) + "\n"})(tmp_path))
    found = {(f.code, f.row, f.field) for f in report.findings}
    assert ("P209", 1, None) in found and ("S003", 2, "role") in found
    assert not [f for f in report.findings if f.code.startswith("X")], "references into the file still resolve"
    assert report.files["users.csv"] == len(lines)


def test_a_headless_file_of_another_width_is_one_finding(tmp_path):
    report = lint(folder({"users.csv": _users(_short_data_row_as_header)})(tmp_path))
    assert [f.code for f in report.findings if f.file == "users.csv"] == ["P209"]
    assert not [f for f in report.findings if f.code.startswith("X")], "references into it are not findings of their own"


def test_a_header_with_another_delimiter_is_still_a_header(tmp_path):
    semicolons = USERS.replace(",", ";")
    codes = {f.code for f in lint(folder({"users.csv": semicolons})(tmp_path)).findings}
    assert "P209" not in codes and "P202" in codes
