"""The command line contract: commands, flags, exit codes, the JSON report, the text report."""

from __future__ import annotations

import json
import shutil
import zipfile

from linter import __version__, baseline
from tests.conftest import EXAMPLES, assert_golden, check_json, cli

BROKEN = EXAMPLES / "broken-1.1"
VALID = EXAMPLES / "valid-1.1"


def test_exit_codes():
    assert cli("check", VALID).exit_code == 0
    assert cli("check", BROKEN).exit_code == 1
    missing = cli("check", "no/such/export")
    assert missing.exit_code == 2
    assert missing.stderr.count("\n") == 1 and "no such file or folder" in missing.stderr


def test_not_a_package_exits_2(tmp_path):
    fake = tmp_path / "export.zip"
    fake.write_text("this is not a zip")
    result = cli("check", fake)
    assert result.exit_code == 2 and "not a readable zip" in result.stderr
    empty = tmp_path / "empty"
    empty.mkdir()
    assert cli("check", empty).exit_code == 2


def test_json_contract():
    report = check_json(BROKEN)
    assert set(report) == {"findings", "summary"}
    assert set(report["summary"]) == {"errors", "warnings", "info", "files", "rows"}
    for finding in report["findings"]:
        assert set(finding) == {"code", "severity", "message", "file", "row", "field", "hint"}
        assert finding["severity"] in ("error", "warning", "info")
    summary = report["summary"]
    assert summary["errors"] == sum(f["severity"] == "error" for f in report["findings"])
    assert summary["files"] == 6 and summary["rows"] > 100


def test_values_only_with_show_values():
    hidden = cli("check", BROKEN, "--format", "json").stdout
    assert "3.10058E+11" not in hidden and "eleanor.whitfield" not in hidden
    shown = json.loads(cli("check", BROKEN, "--format", "json", "--show-values").stdout)
    values = {f["value"] for f in shown["findings"]}
    assert "3.10058E+11" in values and "eleanor.whitfield.mwusd.example.org" in values
    assert "eleanor.whitfield" in cli("check", BROKEN, "--show-values").stdout


def test_select_ignore_and_fail_on():
    only_refs = check_json(BROKEN, "--select", "X")
    assert only_refs["findings"] and {f["code"][0] for f in only_refs["findings"]} == {"X"}
    by_name = check_json(BROKEN, "--select", "duplicate-username")
    assert {f["code"] for f in by_name["findings"]} == {"R112"}
    ignored = check_json(BROKEN, "--ignore", "X001,R")
    assert not {f["code"] for f in ignored["findings"]} & {"X001", "R101", "R112"}
    warnings_only = cli("check", BROKEN, "--select", "R1")  # practice rules: warnings
    assert warnings_only.exit_code == 0
    assert cli("check", BROKEN, "--select", "R1", "--fail-on", "warning").exit_code == 1


def test_zip_input_reports_csv_names(tmp_path):
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w") as out:
        for file in BROKEN.iterdir():
            out.write(file, file.name)
    assert check_json(archive)["findings"] == check_json(BROKEN)["findings"]


def test_zipped_folder_is_explained_and_still_checked(tmp_path):
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w") as out:
        for file in VALID.iterdir():
            out.write(file, f"export/{file.name}")
    result = cli("check", archive)
    assert result.exit_code == 1
    assert "P008" in result.stdout and "'export/'" in result.stdout
    assert {f["code"] for f in check_json(archive)["findings"]} == {"P008"}


def test_cascade_collapses_in_text_but_not_in_json(tmp_path):
    package = tmp_path / "big"
    shutil.copytree(baseline.folder(), package)
    rows = [f"e{i},,,gone-class,sch,s1,student,false,," for i in range(3000)]
    (package / "enrollments.csv").write_text(baseline.rows("enrollments.csv", "t,,,alg1-p1,sch,t1,teacher,true,,", *rows), encoding="utf-8")
    text = cli("check", package).stdout
    lines = [line for line in text.splitlines() if "X001" in line]
    assert len(lines) == 1
    assert "3,000 rows (3, 4, 5, 6, 7, … 2,995 more)" in lines[0]
    assert len([f for f in check_json(package)["findings"] if f["code"] == "X001"]) == 3000


def test_text_report_golden():
    assert_golden("broken-1.1.txt", cli("check", "examples/broken-1.1").stdout)


def test_json_report_golden():
    assert_golden("broken-1.1.json", cli("check", "examples/broken-1.1", "--format", "json").stdout)


def test_no_colour_when_not_a_terminal():
    assert "\x1b[" not in cli("check", BROKEN).stdout


def test_explain():
    result = cli("explain", "X001")
    assert result.exit_code == 0
    assert "unresolved-reference" in result.stdout and "Why it matters" in result.stdout
    assert "What it rests on:\n  standard (a MUST or MUST NOT" in result.stdout and "CSV Binding 1.2.1 §2.1" in result.stdout
    assert cli("explain", "duplicate-username").exit_code == 0
    assert cli("explain", "Z999").exit_code == 2


def test_rules_json_lists_every_code():
    entries = json.loads(cli("rules", "--format", "json").stdout)
    assert {"code", "name", "severity", "basis", "clause", "title"} == set(entries[0])
    codes = {e["code"] for e in entries}
    assert {"P001", "S001", "X001", "R101", "R201"} <= codes
    assert "X001" in cli("rules").stdout


def test_schemas_lists_and_exports(tmp_path):
    listing = cli("schemas").stdout
    assert "OneRoster 1.1" in listing and "enrollments.csv" in listing and "roles.csv" in listing
    target = tmp_path / "out"
    assert cli("schemas", "--export", target).exit_code == 0
    assert (target / "oneroster-1.2" / "datapackage.json").is_file()
    assert cli("schemas", "--export", target).exit_code == 2  # never overwrites


def test_version():
    assert __version__ in cli("--version").stdout


def test_oneroster_version_override():
    report = check_json(EXAMPLES / "valid-1.2", "--oneroster-version", "1.1")
    assert any(f["code"] == "P201" and f["file"] == "users.csv" for f in report["findings"])


def test_safety_caps_are_flags():
    few = cli("check", VALID, "--max-files", "3")
    assert few.exit_code == 2 and "more than 3 entries" in few.stderr
    small = cli("check", VALID, "--max-size", "1000")
    assert small.exit_code == 2 and "1,000 bytes" in small.stderr
    assert cli("check", VALID, "--max-zip-ratio", "5").exit_code == 0  # a folder has no ratio to check
