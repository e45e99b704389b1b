"""`oneroster-lint fix`: each repair on a damaged copy of the baseline package removes its
finding and adds none; a second fix changes nothing; ambiguous cases are left and listed; the
input is never touched; the copy is written only where it may be, whole or not at all."""

from __future__ import annotations

import csv
import io
import shutil
import zipfile
from pathlib import Path

import pytest

from linter import baseline, lint
from linter.docs import pages
from linter.docs.usage import Examples
from linter.fix import fix_package
from linter.fix.registry import REPAIRS, RepairSpec, all_repairs, check_fixes, covered_codes
from linter.fix.values import case_mapping
from linter.registry import REGISTRY
from tests.conftest import EXAMPLES, cli
from tests.isolation import fingerprint

BOM = b"\xef\xbb\xbf"
ORGS = baseline.header("orgs.csv")


def make(tmp_path: Path, patch: dict, name: str = "in", version: str = "1.1") -> Path:
    folder = tmp_path / name
    shutil.copytree(baseline.folder(version), folder)
    for file, content in patch.items():
        if content is None:
            (folder / file).unlink()
        else:
            (folder / file).write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return folder


def found(path: Path, version: str = "auto") -> set[tuple]:
    return {(f.code, f.file, f.row, f.field) for f in lint(path, version=version).findings}


def files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def cells(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))


CASES = {
    "bom": ({"enrollments.csv": BOM + baseline.text("enrollments.csv").encode()}, {"P102"}),
    "bare-cr": ({"orgs.csv": baseline.text("orgs.csv").replace("\n", "\r")}, {"P103"}),
    "mixed-endings": ({"orgs.csv": f"{ORGS}\r\ndist,,,\"Lakeside\nDistrict\",district,,\nsch,,,Lakeside High,school,0042,dist\r\n"}, {"P103"}),
    "header": ({"courses.csv": "Sourcedid" + baseline.text("courses.csv")[len("sourcedId"):],
                "enrollments.csv": baseline.text("enrollments.csv").replace("beginDate,", " beginDate ,")}, {"P203", "P207"}),
    "booleans": ({"users.csv": baseline.edit("users.csv", {"t1": {"enabledUser": "TRUE"}, "s1": {"enabledUser": "False"}}),
                  "enrollments.csv": baseline.edit("enrollments.csv", {"e1": {"primary": "True"}})}, {"S002"}),
    "vocabulary": ({"users.csv": baseline.edit("users.csv", {"s1": {"role": "Student", "grades": "09,kg"}}),
                    "orgs.csv": baseline.edit("orgs.csv", {"sch": {"type": "School"}})}, {"S003", "S006"}),
    "dates": ({"academicSessions.csv": baseline.edit("academicSessions.csv", {"fall": {"startDate": "8/15/2025", "endDate": "12/19/2025"}})}, {"R201"}),
    "bulk-status": ({"orgs.csv": baseline.edit("orgs.csv", {"sch": {"status": "active", "dateLastModified": "2025-08-01T00:00:00.000Z"}})}, {"R001"}),
    "manifest-missing": ({"manifest.csv": None}, {"P001"}),
    "manifest-header": ({"manifest.csv": baseline.text("manifest.csv").split("\n", 1)[1]}, {"P019"}),
    "manifest-wrong": ({"demographics.csv": None, "manifest.csv": baseline.text("manifest.csv").replace("manifest.version,1.0", "manifest.version,1.1")
                        .replace("file.results,absent\n", "").replace("file.courses,bulk", "file.courses,BULK")}, {"P004", "P011", "P014", "P016"}),
    "leading-zeros": (dict(REGISTRY["R202"].bad), {"R202"}),
    "leading-zeros-list": ({"orgs.csv": f"{ORGS}\ndist,,,Lakeside District,district,,\n0042,,,Lakeside High,school,,dist\n",
                            "classes.csv": baseline.text("classes.csv").replace(",sch,fall", ",0042,fall"),
                            "courses.csv": baseline.text("courses.csv").replace(",sch,", ",0042,"),
                            "users.csv": baseline.text("users.csv").replace(",sch,", ",\"dist,42\",", 1).replace(",sch,", ",0042,"),
                            "enrollments.csv": baseline.text("enrollments.csv").replace(",sch,", ",0042,")}, {"R202"}),
}


@pytest.fixture
def untouched(tmp_path):
    """Call with the input; at teardown every byte (and every entry) of it is as it was."""
    watched = []

    def watch(path: Path) -> Path:
        watched.append((path, fingerprint(path) if path.is_dir() else path.read_bytes()))
        return path

    yield watch
    for path, before in watched:
        assert (fingerprint(path) if path.is_dir() else path.read_bytes()) == before, f"{path} changed"


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_repair_removes_its_finding_adds_none_and_is_idempotent(tmp_path, untouched, case):
    patch, codes = CASES[case]
    package = untouched(make(tmp_path, patch))
    before = found(package)
    assert codes <= {f[0] for f in before}, before
    result = fix_package(package, tmp_path / "out")
    after = found(tmp_path / "out")
    assert not {f for f in after if f[0] in codes}, after
    assert after <= before, after - before
    assert {c.fixes for c in result.changes} == codes
    again = fix_package(tmp_path / "out", tmp_path / "again")
    assert again.changes == [] and files(tmp_path / "again") == files(tmp_path / "out")


def test_files_without_repairs_are_copied_byte_for_byte_and_repaired_cells_alone_change(tmp_path):
    users = baseline.edit("users.csv", {"t1": {"enabledUser": "TRUE", "familyName": 'Rivera, "Jr."'}, "s2": {"middleName": " spaced "}})
    package = make(tmp_path, {"users.csv": users})
    fix_package(package, tmp_path / "out")
    for name, data in files(package).items():
        if name != "users.csv":
            assert (tmp_path / "out" / name).read_bytes() == data
    old, new = cells(users.encode()), cells((tmp_path / "out" / "users.csv").read_bytes())
    changed = [(r, c) for r, row in enumerate(old) for c, cell in enumerate(row) if new[r][c] != cell]
    assert changed == [(1, old[0].index("enabledUser"))] and new[1][3] == "true"
    assert b'"Rivera, ""Jr."""' in (tmp_path / "out" / "users.csv").read_bytes()  # quoted because it must be, quotes doubled
    assert b",,T100," in (tmp_path / "out" / "users.csv").read_bytes()  # empty cells stay unquoted


def test_line_endings_become_crlf_and_a_break_inside_a_cell_stays(tmp_path):
    package = make(tmp_path, CASES["mixed-endings"][0])
    fix_package(package, tmp_path / "out")
    data = (tmp_path / "out" / "orgs.csv").read_bytes()
    assert data.count(b"\r\n") == 3 and b'"Lakeside\nDistrict"' in data


def test_dates_are_written_iso_when_the_column_proves_its_order(tmp_path):
    patch = {"academicSessions.csv": baseline.edit("academicSessions.csv", {"y2026": {"startDate": "8/1/2025"}, "fall": {"startDate": "8/15/2025"}})}
    fix_package(make(tmp_path, patch), tmp_path / "out")
    rows = cells((tmp_path / "out" / "academicSessions.csv").read_bytes())
    assert [r[5] for r in rows[1:]] == ["2025-08-01", "2025-08-15"]


@pytest.mark.parametrize(("starts", "why"), [
    (("8/1/2025", "2025-08-15"), "no date of the column has a part above 12"),
    (("8/15/2025", "15/08/2025"), "some dates are written day first and others month first"),
    (("8/15/25", "2025-08-15"), "two-digit year"),
    (("8/15/2025", "8.16.2025"), "do not all use the same separator"),
])
def test_a_date_column_that_does_not_read_one_way_is_left_and_listed(tmp_path, starts, why):
    patch = {"academicSessions.csv": baseline.edit("academicSessions.csv", {"y2026": {"startDate": starts[0]}, "fall": {"startDate": starts[1]}})}
    result = fix_package(make(tmp_path, patch), tmp_path / "out")
    assert not [c for c in result.changes if c.field == "startDate"]
    left = [e for e in result.left if e.field == "startDate" and e.code == "R201"]
    assert left and why in left[0].reason
    assert {("R201", "academicSessions.csv", 2, "startDate")} <= found(tmp_path / "out")


def test_two_candidates_for_lost_zeros_are_left_and_listed(tmp_path):
    patch = {"orgs.csv": f"{ORGS}\ndist,,,Lakeside District,district,,\n0042,,,Lakeside High,school,,dist\n042,,,Lakeside Annex,school,,dist\n",
             "enrollments.csv": baseline.edit("enrollments.csv", {"e3": {"schoolSourcedId": "42"}})}
    result = fix_package(make(tmp_path, patch), tmp_path / "out")
    assert not [c for c in result.changes if c.repair == "F009"]
    left = [e for e in result.left if e.code == "R202"]
    assert len(left) == 1 and left[0].rows == [4] and "more than one id of orgs.csv" in left[0].reason


def test_a_vocabulary_value_that_two_terms_match_is_left():
    assert case_mapping(["Student", "AB", "zz"], ("student", "ab", "Ab")) == ({"Student": "student"}, ["AB"])


def test_tobedeleted_in_a_bulk_file_is_left_and_listed(tmp_path):
    patch = {"users.csv": baseline.edit("users.csv", {"s2": {"status": "tobedeleted", "dateLastModified": "2025-08-01T00:00:00.000Z"},
                                                      "s1": {"status": "Active"}})}
    result = fix_package(make(tmp_path, patch), tmp_path / "out")
    rows = cells((tmp_path / "out" / "users.csv").read_bytes())
    assert rows[2][1:3] == ["", ""] and rows[3][1:3] == ["tobedeleted", "2025-08-01T00:00:00.000Z"]
    assert {(e.code, e.field, tuple(e.rows)) for e in result.left} >= {("R002", "status", (4,)), ("R001", "dateLastModified", (4,))}


def test_a_file_with_damaged_rows_is_not_rewritten_and_its_repairs_are_listed(tmp_path):
    classes = baseline.text("classes.csv").replace("scheduled", "Scheduled").replace(",1\n", "\n")  # ragged row: one cell short
    package = make(tmp_path, {"classes.csv": classes})
    result = fix_package(package, tmp_path / "out")
    assert (tmp_path / "out" / "classes.csv").read_bytes() == classes.encode()
    assert [e.code for e in result.left if e.file == "classes.csv"] == ["S003"]
    assert "P104" in result.left[0].reason


def test_without_a_version_to_tell_the_manifest_is_left_without_one(tmp_path):
    package = make(tmp_path, {"manifest.csv": None, "users.csv": None, "demographics.csv": None, "enrollments.csv": None})
    result = fix_package(package, tmp_path / "out")
    assert ("P003", "oneroster.version") in {(e.code, e.field) for e in result.left}
    assert "oneroster.version" not in (tmp_path / "out" / "manifest.csv").read_text()
    told = fix_package(package, tmp_path / "told", version="1.1")
    assert "oneroster.version,1.1" in (tmp_path / "told" / "manifest.csv").read_text() and not told.remaining.findings


def test_the_broken_example_keeps_no_finding_a_repair_covers_unless_it_is_listed(tmp_path, untouched):
    package = untouched(EXAMPLES / "broken-1.1")
    covered = {code for spec in all_repairs() for code in spec.fixes}
    result = fix_package(package, tmp_path / "out")
    listed = {(e.file, e.code, e.field, row) for e in result.left for row in (e.rows or [None])}
    remaining = [f for f in lint(tmp_path / "out").findings if f.code in covered]
    assert remaining, "the example keeps cases no repair can be sure of (Yes for true, 2025-02-30)"
    for f in remaining:
        assert (f.file, f.code, f.field, f.row) in listed, f
    fixed = {c.fixes for c in result.changes}
    assert {"P203", "P207", "R201", "R202", "S002", "S003", "R001", "P004"} <= fixed


# --- the command line ---------------------------------------------------------------------

def test_values_are_shown_only_with_show_values(tmp_path):
    patch = {"users.csv": baseline.edit("users.csv", {"t1": {"enabledUser": "TRUE"}}),
             "academicSessions.csv": baseline.edit("academicSessions.csv", {"fall": {"startDate": "8/1/2025"}})}
    package = make(tmp_path, patch)
    hidden = cli("fix", package, "--output", tmp_path / "a")
    assert "users.csv" in hidden.stdout and "F004  row 2, enabledUser: boolean-case (fixes S002)" in hidden.stdout
    assert "TRUE" not in hidden.stdout and "8/1/2025" not in hidden.stdout and "Left alone (1)" in hidden.stdout
    shown = cli("fix", package, "--output", tmp_path / "b", "--show-values")
    assert "['TRUE' → 'true']" in shown.stdout and "'8/1/2025' could be 8 January or 1 August" in shown.stdout


def test_a_value_is_escaped_when_shown(tmp_path):
    package = make(tmp_path, {"users.csv": baseline.edit("users.csv", {"t1": {"enabledUser": "\x1b[31mYes"}})})
    shown = cli("fix", package, "--output", tmp_path / "out", "--show-values")
    assert "\x1b" not in shown.stdout and "'\\x1b[31mYes'" in shown.stdout


def test_exit_codes_follow_what_remains(tmp_path):
    clean = make(tmp_path, CASES["booleans"][0], "clean")
    assert cli("fix", clean, "--output", tmp_path / "c1").exit_code == 0
    reversed_dates = make(tmp_path, {"academicSessions.csv": baseline.edit("academicSessions.csv", {"fall": {"startDate": "12/20/2025"}})}, "warn")
    assert cli("fix", reversed_dates, "--output", tmp_path / "w1").exit_code == 0  # R101, a warning, remains
    assert cli("fix", reversed_dates, "--output", tmp_path / "w2", "--fail-on", "warning").exit_code == 1
    assert cli("fix", EXAMPLES / "broken-1.1", "--output", tmp_path / "b1").exit_code == 1
    missing = cli("fix", tmp_path / "nowhere", "--output", tmp_path / "n1")
    assert missing.exit_code == 2 and missing.stderr.count("\n") == 1 and not (tmp_path / "n1").exists()


def test_the_repaired_copy_is_checked_with_the_configuration_as_check_would(tmp_path):
    reversed_dates = make(tmp_path, {"academicSessions.csv": baseline.edit("academicSessions.csv", {"fall": {"startDate": "12/20/2025"}})}, "warn")
    config = tmp_path / "lint.toml"
    config.write_text('fail-on = "warning"\n')
    assert cli("fix", reversed_dates, "--output", tmp_path / "f1", "--config", config).exit_code == 1  # R101 fails on warning
    assert cli("fix", reversed_dates, "--output", tmp_path / "f2", "--config", config, "--fail-on", "error").exit_code == 0
    config.write_text('fail-on = "warning"\nignore = ["R101"]\n')
    ignored = cli("fix", reversed_dates, "--output", tmp_path / "f3", "--config", config)
    assert ignored.exit_code == 0 and "R101" not in ignored.stdout
    config.write_text('ignore = ["R1O1"]\n')
    typo = cli("fix", reversed_dates, "--output", tmp_path / "f4", "--config", config)
    assert typo.exit_code == 2 and "R1O1" in typo.stderr and not (tmp_path / "f4").exists()


def test_the_output_is_never_the_input_nor_inside_it_nor_around_it(tmp_path, untouched):
    package = untouched(make(tmp_path, CASES["booleans"][0], "outer/in"))
    for target, force in ((package, ()), (package / "fixed", ()), (tmp_path / "outer", ("--force",)), (package / "users.csv", ())):
        result = cli("fix", package, "--output", target, *force)
        assert result.exit_code == 2 and result.stderr.count("\n") == 1, (target, result.stderr)
    assert (tmp_path / "outer" / "in").is_dir()


def test_an_existing_output_is_refused_without_force_and_replaced_with_it(tmp_path, untouched):
    package = untouched(make(tmp_path, CASES["booleans"][0]))
    target = tmp_path / "out"
    target.mkdir()
    (target / "old.txt").write_text("keep me")
    refused = cli("fix", package, "--output", target)
    assert refused.exit_code == 2 and "already exists" in refused.stderr and "--force" in refused.stderr
    assert (target / "old.txt").read_text() == "keep me"
    assert cli("fix", package, "--output", target, "--force").exit_code == 0
    assert sorted(files(target)) == sorted(files(package)) and not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_a_zip_output_is_read_by_check_and_a_zip_input_is_repaired(tmp_path, untouched):
    package = make(tmp_path, CASES["header"][0])
    archive = tmp_path / "in.zip"
    with zipfile.ZipFile(archive, "w") as out:
        for path in sorted(package.iterdir()):
            out.write(path, path.name)
    untouched(archive)
    result = cli("fix", archive, "--output", tmp_path / "fixed.zip")
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(tmp_path / "fixed.zip") as copy:
        assert sorted(copy.namelist()) == sorted(p.name for p in package.iterdir())
    assert cli("check", tmp_path / "fixed.zip").exit_code == 0


def test_dry_run_writes_nothing(tmp_path, untouched):
    package = untouched(make(tmp_path, CASES["booleans"][0]))
    before = sorted(p.name for p in tmp_path.iterdir())
    result = cli("fix", package, "--output", tmp_path / "out", "--dry-run")
    assert result.exit_code == 0 and "dry run: nothing was written" in result.stdout and "F004" in result.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == before


# --- the declarations ---------------------------------------------------------------------

def test_every_repair_names_registered_codes_and_a_wrong_one_is_refused(monkeypatch):
    check_fixes()
    assert covered_codes() <= set(REGISTRY)
    assert not {spec.name for spec in all_repairs()} & {spec.name for spec in REGISTRY.values()}  # explain finds each by name
    monkeypatch.setitem(REPAIRS, "F999", RepairSpec("F999", "nothing", "t", "w", "l", ("Q123",)))
    with pytest.raises(ValueError, match="Q123"):
        check_fixes()


def test_explain_and_the_site_read_the_declarations(example_reports):
    out = cli("explain", "F003")
    assert out.exit_code == 0 and out.stdout.startswith("F003 header-names") and "P203" in out.stdout
    assert cli("explain", "vocabulary-case").stdout.startswith("F005")
    assert cli("explain", "F404").exit_code == 2
    site = pages(Examples(example_reports))
    page = site["reference/repairs.md"]
    for spec in all_repairs():
        assert f"## {spec.code} {spec.name}" in page
        for code in spec.fixes:
            assert "`oneroster-lint fix` repairs this (" in site[f"rules/{code}.md"] and f"{spec.code}](" in site[f"rules/{code}.md"]
    assert "oneroster-lint fix" not in site["rules/R203.md"]
