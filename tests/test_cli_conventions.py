"""Everyday command-line conventions, one test (or a few) per convention: colour and NO_COLOR,
--quiet, several packages, a closed pipe, --output saying what it wrote, help at 80 columns,
sizes in human units, "did you mean", the generated CLI reference, paths shown as typed.
Where a terminal or a pipe matters the program runs as a subprocess on a pty or a real pipe."""

from __future__ import annotations

import fcntl
import json
import os
import pty
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
from click.testing import CliRunner

from linter import baseline
from linter.cli import EXIT_CODES, main
from linter.report import several
from linter.units import SizeError, parse_size, size_text
from tests.conftest import EXAMPLES, REPO, cli
from tests.corpus import folder

BROKEN = EXAMPLES / "broken-1.1"
VALID = EXAMPLES / "valid-1.1"
ANSI = re.compile(r"\x1b\[[0-9;]*m")
ENV = {**os.environ, "PYTHONPATH": str(REPO)}
ENV.pop("NO_COLOR", None)


def program(*args: object) -> list[str]:
    return [sys.executable, "-m", "linter", *map(str, args)]


def on_terminal(*args: object, cwd: Path = REPO, **env: str) -> tuple[int, str, str]:
    """Run the program with its standard output on a pseudo-terminal: (exit code, stdout, stderr)."""
    main_end, program_end = pty.openpty()
    process = subprocess.Popen(program(*args), stdout=program_end, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                               cwd=cwd, env={**ENV, **env})
    os.close(program_end)
    chunks = []
    while True:
        try:
            data = os.read(main_end, 65536)
        except OSError:  # EIO: the program closed its end
            break
        if not data:
            break
        chunks.append(data)
    os.close(main_end)
    stderr = process.stderr.read().decode()
    process.stderr.close()
    return process.wait(), b"".join(chunks).decode().replace("\r\n", "\n"), stderr


def piped(*args: object, cwd: Path = REPO, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(program(*args), capture_output=True, text=True, cwd=cwd, env={**ENV, **env})


# --- 1. colour ---------------------------------------------------------------------------------

def test_colour_on_a_terminal_unless_no_color_and_always_wins():
    code, styled, _ = on_terminal("check", BROKEN)
    assert code == 1 and "\x1b[31m" in styled  # a terminal: errors in red
    assert ANSI.sub("", styled) == piped("check", BROKEN).stdout  # the same report, styles aside
    for env, flags, expect in [({"NO_COLOR": "1"}, (), False), ({"NO_COLOR": "yes"}, ("--color", "auto"), False),
                               ({}, ("--color", "never"), False), ({"NO_COLOR": "1"}, ("--color", "always"), True),
                               ({"NO_COLOR": ""}, (), True)]:  # an empty NO_COLOR is not set (no-color.org)
        code, out, _ = on_terminal("check", BROKEN, *flags, **env)
        assert code == 1 and ("\x1b[" in out) is expect, (env, flags)


def test_colour_through_a_pipe_and_into_a_file_only_when_asked(tmp_path):
    assert "\x1b[" not in piped("check", BROKEN).stdout
    assert "\x1b[31m" in piped("check", BROKEN, "--color", "always").stdout
    for flags, expect in [((), False), (("--color", "always"), True)]:
        report = tmp_path / "report.txt"
        on_terminal("check", BROKEN, "--output", report, *flags)
        assert ("\x1b[" in report.read_text(encoding="utf-8")) is expect, flags


def test_every_command_that_styles_takes_color_from_one_decorator():
    _, styled, _ = on_terminal("diff", VALID, BROKEN)
    assert "\x1b[1m" in styled
    _, plain, _ = on_terminal("diff", VALID, BROKEN, NO_COLOR="1")
    assert "\x1b[" not in plain and plain == ANSI.sub("", styled)
    for name in ("check", "diff"):
        option = next(p for p in main.commands[name].params if p.name == "color")
        assert list(option.type.choices) == ["auto", "always", "never"] and option.default == "auto"


# --- 2. --quiet --------------------------------------------------------------------------------

def test_quiet_prints_only_the_totals_line():
    broken = cli("check", BROKEN, "-q")
    assert broken.exit_code == 1 and broken.stdout == "23 errors, 6 warnings, 0 info.\n"
    valid = cli("check", VALID, "--quiet")
    assert valid.exit_code == 0 and valid.stdout == "No problems found.\n"
    assert cli("check", BROKEN, "-q", "--format", "json").stdout == cli("check", BROKEN, "--format", "json").stdout
    help_text = " ".join(cli("check", "--help").stdout.split())
    assert "-q, --quiet" in help_text and "No effect on the document of a machine --format" in help_text


# --- 3. several packages ---------------------------------------------------------------------------

def test_several_packages_in_text_a_section_each_and_one_totals_line():
    both = cli("check", VALID, BROKEN)
    assert both.exit_code == 1  # the worst of 0 and 1
    body = cli("check", VALID).stdout.rsplit("No problems found.", 1)[0] + cli("check", BROKEN).stdout
    assert both.stdout == body  # the clean one's section, then the broken one's, then the totals of all
    assert both.stdout.count("\nChecked ") + both.stdout.startswith("Checked ") == 2
    twice = cli("check", BROKEN, BROKEN, "-q")
    assert twice.stdout == "46 errors, 12 warnings, 0 info.\n"


def test_an_unreadable_package_among_several_is_reported_and_the_others_checked(tmp_path):
    missing = tmp_path / "gone"
    result = cli("check", BROKEN, missing, VALID)
    assert result.exit_code == 2
    assert result.stderr == f"oneroster-lint: {missing}: no such file or folder\n"
    assert f"Could not check {missing}: no such file or folder\n" in result.stdout
    assert f"Checked {VALID} as" in result.stdout and "23 errors, 6 warnings, 0 info; 1 package could not be checked." in result.stdout
    clean = cli("check", VALID, missing, "-q")
    assert clean.stdout == "No problems found in the packages checked. 1 package could not be checked.\n" and clean.exit_code == 2


def test_several_packages_in_the_machine_formats(tmp_path):
    missing = str(tmp_path / "gone")
    singles = {fmt: [cli("check", p, "--format", fmt).stdout for p in (BROKEN, VALID)] for fmt in ("json", "sarif", "junit", "github")}

    documents = json.loads(cli("check", BROKEN, missing, VALID, "--format", "json").stdout)
    assert documents == [json.loads(singles["json"][0]), {"error": f"{missing}: no such file or folder"}, json.loads(singles["json"][1])]

    log = json.loads(cli("check", BROKEN, missing, VALID, "--format", "sarif").stdout)
    first, last = (json.loads(doc) for doc in singles["sarif"])
    assert {k: v for k, v in log.items() if k != "runs"} == {k: v for k, v in first.items() if k != "runs"}
    assert log["runs"][0] == first["runs"][0] and log["runs"][2] == last["runs"][0]
    failed = log["runs"][1]
    assert failed["results"] == [] and failed["invocations"][0]["executionSuccessful"] is False

    suites = ET.fromstring(cli("check", BROKEN, missing, VALID, "--format", "junit").stdout)
    broken_suites, valid_suites = ([s.get("name") for s in ET.fromstring(doc)] for doc in singles["junit"])
    assert [s.get("name") for s in suites] == [*broken_suites, missing, *valid_suites]
    assert [s.get("errors") for s in suites if s.get("name") == missing] == ["1"]

    annotations = cli("check", BROKEN, missing, VALID, "--format", "github").stdout
    assert annotations.startswith(singles["github"][0]) and annotations.endswith(singles["github"][1])
    assert "::error title=oneroster-lint%3A could not be checked::" in annotations


@pytest.mark.parametrize("fmt", sorted(several.REFUSED))
def test_csv_and_html_take_one_package_per_run(fmt):
    refused = cli("check", BROKEN, VALID, "--format", fmt)
    assert refused.exit_code == 2 and refused.stdout == ""
    assert refused.stderr == f"oneroster-lint: {several.REFUSED[fmt]}\n"
    assert cli("check", BROKEN, "--format", fmt).exit_code == 1


def test_several_packages_are_checked_one_at_a_time_as_the_report_is_written():
    checked = []

    def outcomes():
        for name in ("a", "b"):
            checked.append(name)
            yield name, baseline_report()

    pieces = several.render("json", outcomes(), several.Tally())
    while not checked:
        next(pieces)
    assert checked == ["a"]  # writing the first package's report needs only the first package
    rest = "".join(pieces)
    assert checked == ["a", "b"] and rest.endswith("]\n")


def baseline_report():
    from linter import lint

    return lint(VALID)


# --- 4. a closed pipe ------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def big_package(tmp_path_factory) -> Path:
    """Thousands of findings that the text report cannot collapse (each names its own first row)."""
    rows = tuple(f"d{i},,,alg1-p1,sch,s1,student,false,," for i in range(3000))
    return folder({"enrollments.csv": baseline.edit("enrollments.csv", add=rows + rows)})(tmp_path_factory.mktemp("big"))


def read_a_little_and_close(*args: object, size: int = 100) -> tuple[int, bytes, str]:
    """Read `size` bytes of the program's output from a real pipe, then close it, as `| head -c`
    does. The pipe holds one page (4 KiB), so any longer output meets the closed end."""
    reader, writer = os.pipe()
    fcntl.fcntl(writer, fcntl.F_SETPIPE_SZ, 4096)
    process = subprocess.Popen(program(*args), stdout=writer, stderr=subprocess.PIPE, cwd=REPO, env=ENV)
    os.close(writer)
    with os.fdopen(reader, "rb") as out:
        head = out.read(size)
    code = process.wait()
    stderr = process.stderr.read().decode()
    process.stderr.close()
    return code, head, stderr


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_a_closed_pipe_ends_quietly_with_the_exit_code_of_the_findings(big_package, fmt):
    assert len(cli("check", big_package, "--format", fmt).stdout) > 4 * 65536  # more than a pipe holds
    code, head, stderr = read_a_little_and_close("check", big_package, "--format", fmt)
    assert (code, stderr) == (1, "") and len(head) == 100


def test_rules_through_a_closed_pipe_exits_0():
    assert len(cli("rules").stdout) > 2 * 4096
    assert read_a_little_and_close("rules", size=10)[::2] == (0, "")
    assert read_a_little_and_close("explain", "X001", size=10)[::2] == (0, "")


def test_a_check_of_warnings_through_a_closed_pipe_exits_0(tmp_path):
    """The exit code is the findings', not the pipe's: thousands of warnings fail nothing."""
    rows = tuple(f"w{i},,,alg1-p1,sch,s1,student,true,," for i in range(3000))  # R118 on each row
    package = folder({"enrollments.csv": baseline.edit("enrollments.csv", add=rows)})(tmp_path)
    report = cli("check", package, "--format", "json")
    assert report.exit_code == 0 and len(report.stdout) > 4 * 65536 and '"severity": "error"' not in report.stdout
    code, _, stderr = read_a_little_and_close("check", package, "--format", "json")
    assert (code, stderr) == (0, "")


def test_after_a_closed_pipe_the_other_packages_are_still_checked(big_package, tmp_path):
    code, _, stderr = read_a_little_and_close("check", big_package, tmp_path / "gone")
    assert code == 2 and stderr == f"oneroster-lint: {tmp_path / 'gone'}: no such file or folder\n"


# --- 5. --output says what it wrote ----------------------------------------------------------------

def test_output_says_on_stderr_what_it_wrote(tmp_path):
    report = tmp_path / "report.json"
    done = cli("check", BROKEN, "--format", "json", "--output", report)
    assert done.exit_code == 1 and done.stdout == ""
    assert done.stderr == f"Wrote the json report (29 findings) to {report}\n"
    assert json.loads(report.read_text(encoding="utf-8"))["summary"]["errors"] == 23
    two = cli("check", BROKEN, VALID, "--output", tmp_path / "both.txt")
    assert two.stderr == f"Wrote the text report (2 packages, 29 findings) to {tmp_path / 'both.txt'}\n"
    hostile = tmp_path / "r\x1b[31m.md"
    brief = cli("diff", VALID, BROKEN, "--format", "markdown", "--output", hostile)
    assert re.fullmatch(r"Wrote the markdown report \(\d+ findings?\) to .*r\\x1b\[31m\.md\n", brief.stderr), brief.stderr
    calendar = cli("plan", "--visible-on", "2026-08-24", "--ics", tmp_path / "plan.ics")
    assert re.search(r"^Wrote the calendar \(\d+ events?\) to .*plan\.ics$", calendar.stderr, re.M)


# --- 6. help that fits a terminal ------------------------------------------------------------------

def help_of(*args: str) -> str:
    result = CliRunner().invoke(main, [*args, "--help"], env={"COLUMNS": "80"})
    assert result.exit_code == 0
    return result.stdout.replace("\u00a0", " ")


def every_command() -> list[tuple[str, ...]]:
    found = [(name,) for name in main.commands]
    return found + [("school", name) for name in main.commands["school"].commands]


def test_the_top_level_help_lists_every_command_in_full_within_80_columns():
    text = help_of()
    commands = text.split("Commands:", 1)[1]
    assert "..." not in commands and all(len(line) <= 80 for line in text.splitlines())
    for name, command in main.commands.items():
        assert command.short_help, name
        assert re.search(rf"^  {re.escape(name)} +{re.escape(command.short_help)}$", text, re.M), name
    assert "Exit codes:" in text


@pytest.mark.parametrize("command", every_command(), ids=" ".join)
def test_each_commands_help_fits_80_columns(command):
    text = help_of(*command)
    assert all(len(line) <= 80 for line in text.splitlines()), text
    assert not re.search(r"\[default:$", text, re.M), text  # no default split from its value


# --- 7. sizes ----------------------------------------------------------------------------------

@pytest.mark.parametrize("text, count", [("500MB", 500_000_000), ("4GiB", 4 * 1024**3), ("2g", 2 * 1024**3), ("1073741824", 1024**3),
                                         ("4 GiB", 4 * 1024**3), ("512m", 512 * 1024**2), ("1.5KiB", 1536), ("10kb", 10_000)])
def test_sizes_in_human_units(text, count):
    assert parse_size(text) == count


def test_max_size_shows_and_takes_human_units(tmp_path):
    assert "[default: 4 GiB]" in help_of("check")
    assert cli("check", VALID, "--max-size", "500MB").exit_code == 0
    bad = cli("check", VALID, "--max-size", "5 parsecs")
    assert bad.exit_code == 2 and "'5 parsecs' is not a size: give bytes or a number with a unit, e.g. 500MB, 4GiB" in bad.stderr
    with pytest.raises(SizeError):
        parse_size("")
    small = cli("check", VALID, "--max-size", "1k")
    assert small.stderr == f"oneroster-lint: {VALID}: the CSV files hold more than 1 KiB (1,024 bytes), the cap for one package\n"
    assert size_text(4 * 1024**3) == "4 GiB" and size_text(1000) == "1,000 bytes" and size_text(1536) == "1.5 KiB"


def test_the_cap_message_in_docs_is_the_one_printed(tmp_path):
    example = next(line for line in (REPO / "docs" / "limits.md").read_text(encoding="utf-8").splitlines()
                   if "the cap for one package" in line and line.startswith("oneroster-lint: "))
    package = tmp_path / "export"
    shutil.copytree(VALID, package)
    with open(package / "users.csv", "r+b") as users:
        users.truncate(600 * 1024**2)  # sparse: past the cap by its size, and never read
    printed = cli("check", "export", "--max-size", "500MiB", cwd=tmp_path)
    assert printed.exit_code == 2 and printed.stderr == example + "\n"


def test_a_zip_past_the_size_cap_says_it_the_same_way(tmp_path):
    import zipfile

    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as out:
        for file in VALID.iterdir():
            out.writestr(file.name, file.read_bytes())
    refused = cli("check", archive, "--max-size", "1k")
    assert refused.exit_code == 2 and "more than 1 KiB (1,024 bytes), the cap for one package" in refused.stderr


# --- 8. did you mean ---------------------------------------------------------------------------

def test_explain_suggests_the_nearest_codes():
    unknown = cli("explain", "x1")
    assert unknown.exit_code == 2 and "did you mean X001" in unknown.stderr
    assert "did you mean duplicate-username" in cli("explain", "duplicate-usernam").stderr


def test_a_mistyped_command_suggests_the_right_one():
    for args, near in ((["chek"], "'check'"), (["school", "paus"], "'pause'")):
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 2 and f"did you mean {near}" in result.output, result.output
    assert "did you mean" not in CliRunner().invoke(main, ["zzzz"]).output


# --- 9. the generated CLI reference -----------------------------------------------------------------

def test_the_cli_reference_shows_every_default_and_the_exit_codes():
    from linter.docs.commands import pages

    page = next(iter(pages().values()))
    options = [line.split(" | ") for line in page.splitlines() if line.startswith("| `-")]
    assert options and all(cells[2].strip() for cells in options), [c for c in options if not c[2].strip()]
    assert "| `--max-size` | size | `4 GiB` |" in page
    codes = page.split("## Exit codes", 1)[1]
    assert dict(re.findall(r"^\| (\d) \| (.+) \|$", codes, re.M)) == {str(c): m for c, m in EXIT_CODES.items()}


# --- 10. paths as typed ------------------------------------------------------------------------

TYPED = ["my export", "./export/", "C:\\Exports\\district", "./my export/"]


@pytest.fixture
def typed_packages(tmp_path) -> Path:
    for name in ("my export", "export", "C:\\Exports\\district"):
        shutil.copytree(BROKEN, tmp_path / name)
    return tmp_path


@pytest.mark.parametrize("typed", TYPED)
def test_paths_are_shown_as_typed(typed_packages, typed):
    text = cli("check", typed, cwd=typed_packages)
    assert text.exit_code == 1 and text.stdout.startswith(f"Checked {typed} as OneRoster 1.1")
    normal = str(Path(typed))
    assert json.loads(cli("check", typed, "--format", "json", cwd=typed_packages).stdout) == \
        json.loads(cli("check", normal, "--format", "json", cwd=typed_packages).stdout)
    log = json.loads(cli("check", typed, "--format", "sarif", cwd=typed_packages).stdout)
    for result in log["runs"][0]["results"]:
        uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        parts = urlsplit(uri)
        assert not parts.scheme and " " not in uri and "\\" not in uri and uri.startswith(quote(normal) + "/"), uri
    several_text = cli("check", typed, "./export/", cwd=typed_packages).stdout
    assert f"Checked {typed} as" in several_text and "Checked ./export/ as" in several_text


def test_errors_name_the_path_as_typed(tmp_path):
    assert cli("check", "./nowhere/", cwd=tmp_path).stderr == "oneroster-lint: ./nowhere/: no such file or folder\n"
    (tmp_path / "empty dir").mkdir()
    assert cli("check", "./empty dir/", cwd=tmp_path).stderr == "oneroster-lint: ./empty dir/: the folder holds no CSV files\n"
    assert cli("check", "./nowhere/", "empty dir", cwd=tmp_path).stderr.splitlines()[0] == "oneroster-lint: ./nowhere/: no such file or folder"
