"""Everything the command line writes (a report, a job summary, a calendar, the state) goes
only where it was asked to, never onto or into an input, whatever links lead there; and a
write that cannot succeed is one line, exit 2, before any checking."""

from __future__ import annotations

import os
import shutil
import zipfile
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, cli
from tests.isolation import as_nobody, fingerprint, shared_folder

VALID = EXAMPLES / "valid-1.1"


@pytest.fixture
def place(tmp_path):
    """A folder package, the same files zipped, and room beside them."""
    package = tmp_path / "export"
    shutil.copytree(VALID, package)
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w") as out:
        for file in sorted(VALID.iterdir()):
            out.write(file, file.name)
    return tmp_path


def refused(result) -> str:
    assert result.exit_code == 2, (result.exit_code, result.stdout, result.stderr)
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("oneroster-lint: "), result.stderr
    return result.stderr


def watched(place: Path) -> dict:
    return fingerprint(place / "export") | {"zip": fingerprint_file(place / "export.zip")}


def fingerprint_file(path: Path) -> tuple:
    info = path.stat()
    return info.st_mtime_ns, info.st_size, path.read_bytes()


def hard_link(place: Path, name: str = "users.csv") -> Path:
    link = place / "report.txt"
    os.link(place / "export" / name, link)
    return link


def symlink(place: Path, name: str = "orgs.csv") -> Path:
    link = place / "report.txt"
    link.symlink_to(place / "export" / name)
    return link


WRITES = {
    "hard link to a package file": lambda p: ("check", p / "export", "--output", hard_link(p)),
    "symlink to a package file": lambda p: ("check", p / "export", "--output", symlink(p)),
    "a new file in the package folder": lambda p: ("check", p / "export", "--output", p / "export" / "report.txt"),
    "a file in a sub-folder of the package": lambda p: ((p / "export" / "old").mkdir(), ("check", p / "export", "--output", p / "export" / "old" / "r.txt"))[1],
    "a symlink to a new name in the package": lambda p: ((p / "r").symlink_to(p / "export" / "new.txt"), ("check", p / "export", "--output", p / "r"))[1],
    "a file the package links to": lambda p: ((p / "export" / "notes.csv").symlink_to(p / "elsewhere.txt"), (p / "elsewhere.txt").write_text("x"),
                                              ("check", p / "export", "--output", p / "elsewhere.txt"))[2],
    "onto the zip": lambda p: ("check", p / "export.zip", "--output", p / "export.zip"),
    "hard link to the zip": lambda p: (os.link(p / "export.zip", p / "same.zip"), ("check", p / "export.zip", "--output", p / "same.zip"))[1],
    "symlink to the zip": lambda p: ((p / "same.zip").symlink_to(p / "export.zip"), ("check", p / "export.zip", "--output", p / "same.zip"))[1],
    "the --previous package": lambda p: ("check", p / "export.zip", "--previous", p / "export", "--output", hard_link(p)),
    "diff, into the last upload": lambda p: ("diff", p / "export", p / "export.zip", "--output", hard_link(p, "enrollments.csv")),
    "diff, onto the next upload": lambda p: ("diff", p / "export", p / "export.zip", "--output", p / "export.zip"),
    "plan --ics into the package": lambda p: ("plan", p / "export", "--visible-on", "2026-09-01", "--ics", p / "export" / "plan.ics"),
    "plan --ics through a hard link": lambda p: ("plan", p / "export", "--visible-on", "2026-09-01", "--ics", hard_link(p, "academicSessions.csv")),
    "plan --ics onto the zip": lambda p: ("plan", p / "export.zip", "--visible-on", "2026-09-01", "--ics", p / "export.zip"),
    "record --state inside the package": lambda p: ("record", p / "export", "--state", p / "export" / "state"),
}


@pytest.mark.parametrize("case", WRITES)
def test_a_write_onto_or_into_an_input_is_refused_and_the_package_is_unchanged(place, case):
    args = WRITES[case](place)
    before = watched(place)
    message = refused(cli(*args))
    assert "would be written into the package" in message
    assert watched(place) == before


@pytest.mark.parametrize("target", ["inside", "hard link", "symlink"])
def test_the_job_summary_is_never_appended_to_the_package(place, monkeypatch, target):
    summary = {"inside": lambda: place / "export" / "summary.md", "hard link": lambda: hard_link(place),
               "symlink": lambda: symlink(place)}[target]()
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    before = watched(place)
    message = refused(cli("check", place / "export", "--format", "github"))
    assert "job summary would be written into the package" in message
    assert watched(place) == before


def test_the_job_summary_still_goes_where_it_belongs(place, monkeypatch):
    summary = place / "summary.md"
    summary.write_text("earlier step\n")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    assert cli("check", place / "export", "--format", "github").exit_code == 0
    assert summary.read_text().startswith("earlier step\n") and len(summary.read_text()) > len("earlier step\n")


def test_a_report_beside_the_package_is_written(place):
    target = place / "report.txt"
    assert cli("check", place / "export", "--output", target).exit_code == 0
    assert "Checked" in target.read_text()
    os.link(target, place / "again.txt")  # a hard link between two files of nobody's package is fine
    assert cli("check", place / "export", "--output", place / "again.txt").exit_code == 0


@pytest.mark.parametrize("setup, says", [
    (lambda p: p / "missing" / "summary.md", "does not exist"),
    (lambda p: (p / "folder").mkdir() or p / "folder", "it is a folder"),
])
def test_an_unwritable_job_summary_is_one_line_before_checking(place, monkeypatch, setup, says):
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(setup(place)))
    assert says in refused(cli("check", place / "export", "--format", "github"))


def test_a_read_only_job_summary_is_one_line_for_an_ordinary_user(monkeypatch):
    with shared_folder() as folder:
        summary = folder / "summary.md"
        summary.write_text("")
        summary.chmod(0o444)
        monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))

        def run():  # --max-files 1: should the summary not be refused first, no polars work in the fork
            result = cli("check", VALID, "--format", "github", "--max-files", "1")
            return result.exit_code, result.stderr

        outcome, (code, stderr) = as_nobody(run)
        assert outcome == "returned" and code == 2 and stderr.count("\n") == 1, stderr
        assert "cannot write the job summary: the file is read-only" in stderr
        assert summary.read_text() == ""


@pytest.mark.parametrize("setup, says", [
    (lambda p: p / "missing" / "plan.ics", "does not exist"),
    (lambda p: (p / "calendar").mkdir() or p / "calendar", "it is a folder"),
])
def test_an_unwritable_calendar_is_one_line(place, setup, says):
    message = refused(cli("plan", "--visible-on", "2026-09-01", "--ics", setup(place)))
    assert "cannot write the calendar" in message and says in message


def test_an_unwritable_report_is_one_line(place):
    message = refused(cli("check", place / "export", "--output", place))
    assert "cannot write the report: it is a folder" in message


def test_file_names_that_are_not_utf8(place):
    name = os.fsdecode(b"report-\xff.txt")
    message = refused(cli("check", place / "export", "--output", place / "missing" / name))
    assert "report-\\xff.txt" in message and "does not exist" in message
    assert cli("check", place / "export", "--output", place / name).exit_code == 0
    assert b"report-\xff.txt" in os.listdir(os.fsencode(place))
    inside = refused(cli("check", place / "export", "--output", place / "export" / name))
    assert "report-\\xff.txt" in inside and "into the package" in inside
