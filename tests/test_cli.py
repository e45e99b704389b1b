"""The command line contract: commands, flags, exit codes, the JSON report, the text report."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml

from linter import __version__, baseline
from linter.catalogue import all_specs
from tests.conftest import EXAMPLES, REPO, assert_golden, check_json, cli
from tests.isolation import as_nobody, shared_folder

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


def test_json_report_golden():
    # What the linter finds in the broken example: the one end-to-end golden of it. The format
    # writers are pinned on a fixed report (tests/test_formats.py), the rules' texts in registry.json.
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
    assert [e["code"] for e in entries] == [spec.code for spec in all_specs()]
    listed = cli("rules").stdout.splitlines()
    assert [line.split()[0] for line in listed] == [spec.code for spec in all_specs()]


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


def one_line_error(result) -> str:
    assert result.exit_code == 2, (result.exit_code, result.stdout, result.stderr)
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("oneroster-lint: "), result.stderr
    assert "internal error" not in result.stderr
    return result.stderr


def test_plan_at_the_ends_of_the_calendar(tmp_path):
    assert "too early to count" in one_line_error(cli("plan", "--visible-on", "0001-01-01"))
    assert "too early to count" in one_line_error(cli("plan", "--visible-on", "0001-01-03", "--holidays", "US"))
    assert cli("plan", "--visible-on", "9999-12-31").exit_code == 0
    ics = tmp_path / "plan.ics"
    assert "last day of the calendar" in one_line_error(cli("plan", "--visible-on", "9999-12-31", "--ics", ics))
    assert not ics.exists()
    assert cli("plan", "--visible-on", "0001-01-15", "--ics", ics).exit_code == 0
    dates = re.findall(r"^DT(?:START|END);VALUE=DATE:(.*)\r$", ics.read_bytes().decode("utf-8"), re.M)
    assert dates and all(re.fullmatch(r"\d{8}", day) for day in dates), dates  # year 1 is 0001, not 1


def test_a_full_standard_output_is_one_line_on_stderr(tmp_path):
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full on this system")
    for args in (("check", VALID), ("check", BROKEN, "--format", "json"), ("rules",)):
        with open("/dev/full", "w") as full:
            done = subprocess.run([sys.executable, "-m", "linter", *map(str, args)], stdout=full, stderr=subprocess.PIPE, text=True,
                                  cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)})
        assert done.returncode == 2 and done.stderr == "oneroster-lint: cannot write to standard output: No space left on device\n", done.stderr


def test_an_unreadable_package_is_one_line_for_an_ordinary_user():
    with shared_folder() as folder:
        package = folder / "export"
        shutil.copytree(VALID, package)
        package.chmod(0o000)
        archive = folder / "export.zip"
        archive.write_bytes(b"PK")
        archive.chmod(0o000)

        def run(path):
            result = cli("check", path)
            return result.exit_code, result.stderr

        for path in (package, archive):
            outcome, (code, stderr) = as_nobody(run, path)
            assert outcome == "returned" and code == 2, stderr
            assert stderr == f"oneroster-lint: {path}: cannot be read (Permission denied)\n"


@pytest.mark.parametrize("command", [
    ("check", VALID), ("diff", VALID, VALID), ("freeze-impact", VALID, "--school", "x"),
    ("plan", VALID, "--visible-on", "2026-09-01"), ("record", VALID, "--state", "{state}"),
])
def test_every_command_that_reads_a_package_takes_the_same_caps(command, tmp_path):
    args = [str(a).replace("{state}", str(tmp_path / "state")) for a in command]
    assert "more than 3 entries" in one_line_error(cli(*args, "--max-files", "3"))
    assert "1,000 bytes" in one_line_error(cli(*args, "--max-size", "1000"))
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as out:
        for file in VALID.iterdir():
            out.writestr(file.name, file.read_bytes() + b"\n" * 9_000_000 if file.name == "users.csv" else file.read_bytes())
    zipped = [str(archive) if a == str(VALID) else a for a in args]
    assert "past the cap of 20" in one_line_error(cli(*zipped, "--max-zip-ratio", "20"))
    help_text = cli(command[0], "--help").stdout
    assert all(flag in help_text for flag in ("--max-files", "--max-size", "--max-zip-ratio"))


WORKFLOW_PATHS = ["my exports/", "it's here.zip", 'a "b" #c \\d $(touch pwned) `id` ;&|<>*?', "exports/été: 2026", "x: [y]", "{path}"]


@pytest.mark.parametrize("export", WORKFLOW_PATHS)
def test_init_quotes_the_path_for_the_shell_and_for_yaml(tmp_path, export):
    assert cli("init", "--path", export, cwd=tmp_path).exit_code == 0
    workflow = yaml.safe_load((tmp_path / ".github/workflows/oneroster-lint.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["oneroster-lint"]["steps"]
    assert len(steps) == 6
    checks = [shlex.split(step["run"]) for step in steps if step.get("run", "").startswith("oneroster-lint check")]
    assert checks == [["oneroster-lint", "check", export, "--format", "github"],
                      ["oneroster-lint", "check", export, "--format", "sarif", "--output", "$RUNNER_TEMP/oneroster-lint.sarif"]]


@pytest.mark.parametrize("export", ["a\nb", "a\r\n- run: curl evil", "a\x1b[2Jb", "a\u2028b", "a\u202eb", "a\x00b", "-x", "${{ github.token }}", ""])
def test_init_refuses_a_path_no_quoting_can_carry(tmp_path, export):
    assert "--path" in one_line_error(cli("init", "--path", export, cwd=tmp_path))
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize("flag", ["--select", "--ignore"])
def test_a_selector_option_that_names_nothing_is_refused(flag):
    assert "names no code" in one_line_error(cli("check", VALID, flag, " , "))


def test_the_workflow_writes_its_sarif_outside_the_export(tmp_path):
    """init --path . makes the repository the export: the report goes to the runner's temp folder."""
    assert cli("init", "--path", ".", cwd=tmp_path).exit_code == 0
    workflow = yaml.safe_load((tmp_path / ".github/workflows/oneroster-lint.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["oneroster-lint"]["steps"]
    assert steps[-1]["with"]["sarif_file"] == "${{ runner.temp }}/oneroster-lint.sarif"
