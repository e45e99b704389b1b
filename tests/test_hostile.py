"""Hostile and broken input: every case of the corpus gives its outcome, never a traceback,
never a changed byte; unreadable files, caps and zip tricks behave as documented."""

from __future__ import annotations

import json
import re
import tempfile
import time
import tracemalloc
import zipfile
from dataclasses import replace
from pathlib import Path

import polars as pl
import pytest

import linter.rules
from linter import baseline, lint
from linter.catalogue import all_specs
from linter.engine import csvfile
from linter.engine.container import container_findings
from linter.source import CannotLint, Limits, read_package
from linter.units import size_text
from tests.conftest import EXAMPLES, cli
from tests.corpus import BY_ID, CASES, USERS, Case, bomb, folder, set_sizes, zipped
from tests.isolation import as_nobody, fingerprint, make_read_only, shared_folder

SLOW_ENOUGH = 20.0  # seconds; the largest case (a 20 MB cell) takes well under one


def check(case: Case, root: Path, monkeypatch) -> tuple[int, str, list[dict]]:
    """Run the case through the command line in this process, with a private, watched temp dir."""
    scratch = Path(tempfile.mkdtemp(prefix="scratch-", dir=root.parent))
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    monkeypatch.setenv("TMPDIR", str(scratch))
    path = case.build(root)
    before = fingerprint(root)
    result = cli("check", path, "--format", "json")
    assert "internal error" not in result.stderr and "Traceback" not in result.output, result.stderr
    assert fingerprint(root) == before, "the check changed something around its input"
    assert list(scratch.iterdir()) == [], "the check wrote to the temp folder"
    findings = json.loads(result.stdout)["findings"] if result.exit_code in (0, 1) else []
    return result.exit_code, result.stderr, findings


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_corpus_case_gives_its_outcome(case, tmp_path, monkeypatch):
    root = tmp_path / "around"
    root.mkdir()
    exit_code, stderr, findings = check(case, root, monkeypatch)
    codes = {f["code"] for f in findings}
    assert exit_code == case.exit, (exit_code, stderr, sorted(codes))
    if case.exit == 2:
        assert stderr.count("\n") == 1 and stderr.startswith("oneroster-lint: ") and case.stderr in stderr, stderr
        return
    assert stderr == ""
    assert "P999" not in codes
    assert set(case.codes) <= codes, sorted(codes)
    if case.only:
        assert codes == set(case.codes), sorted(codes)


def test_structural_findings_name_the_row(tmp_path, monkeypatch):
    expected = {
        "windows-1252": ("P101", "users.csv", 2), "invalid-utf-8": ("P101", "users.csv", 3), "nul-bytes": ("P109", "users.csv", 3),
        "unterminated-quote": ("P106", "orgs.csv", 3), "too-few-cells": ("P104", "orgs.csv", 3), "too-many-cells": ("P105", "orgs.csv", 3),
        "20-mb-field": ("P110", "orgs.csv", 3), "very-long-header": ("P110", "orgs.csv", 1), "blank-header-name": ("P206", "orgs.csv", 1),
    }
    for name, where in expected.items():
        root = tmp_path / name
        root.mkdir()
        _, _, findings = check(BY_ID[name], root, monkeypatch)
        assert where in {(f["code"], f["file"], f["row"]) for f in findings}, (name, findings)


def test_the_long_cell_is_named_but_never_printed(tmp_path, monkeypatch):
    root = tmp_path / "around"
    root.mkdir()
    path = BY_ID["20-mb-field"].build(root)
    shown = cli("check", path, "--format", "json", "--show-values").stdout
    assert len(shown) < 10_000 and '"field": "name"' in shown


def test_a_crashing_rule_is_a_finding_in_the_json_and_the_rest_still_runs(monkeypatch):
    all_specs()

    def broken(ctx):
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(linter.rules, "RULES", tuple(replace(spec, check=broken) if spec.code == "R101" else spec for spec in linter.rules.RULES))
    result = cli("check", EXAMPLES / "broken-1.1", "--format", "json")
    found = json.loads(result.stdout)["findings"]
    assert result.exit_code == 1 and result.stderr == ""
    internal = [f for f in found if f["code"] == "P999"]
    assert len(internal) == 1 and "R101" in internal[0]["message"] and "ZeroDivisionError" in internal[0]["message"]
    assert {"P104", "R112", "X001"} <= {f["code"] for f in found} and "R101" not in {f["code"] for f in found}


# --- unreadable input, with real permissions (as_nobody drops root) -----------------------------


def test_an_unreadable_file_is_a_finding_and_the_rest_is_read():
    with shared_folder() as shared:
        package = folder()(shared)
        package.chmod(0o755)
        (package / "users.csv").chmod(0o000)
        outcome, raw = as_nobody(read_package, package)
    assert outcome == "returned", raw
    assert raw.unreadable == {"users.csv"} and "users.csv" not in raw.files and "orgs.csv" in raw.files
    assert [(f.code, f.file) for f in container_findings(raw.notices)] == [("P013", "users.csv")]
    assert "Permission denied" in raw.notices[0].message


@pytest.mark.parametrize("which", ["folder", "zip"])
def test_an_unreadable_package_cannot_be_linted(which):
    with shared_folder() as shared:
        path = folder()(shared) if which == "folder" else zipped()(shared)
        path.chmod(0o000)
        outcome, error = as_nobody(read_package, path)
    assert outcome == "raised" and isinstance(error, CannotLint) and "Permission denied" in str(error)


@pytest.mark.parametrize("which", ["folder", "zip"])
def test_a_read_only_package_reads_the_same_for_an_ordinary_user(which):
    with shared_folder() as shared:
        path = folder()(shared) if which == "folder" else zipped()(shared)
        expected = read_package(path)
        make_read_only(shared)
        outcome, raw = as_nobody(read_package, path)
    assert outcome == "returned", raw
    assert raw.files == expected.files and raw.notices == expected.notices == []


def test_an_unreadable_file_through_the_command_line(tmp_path, monkeypatch):
    """The same refusal as above, simulated at the one place the reader opens a file, to see the
    whole report: P013 for the file, and no P004 claiming it is missing."""
    import linter.source.reading

    def refuse(path, mode="r", *args, **kwargs):
        if Path(path).name == "users.csv":
            raise PermissionError(13, "Permission denied", str(path))
        return open(path, mode, *args, **kwargs)

    monkeypatch.setattr(linter.source.reading, "open", refuse, raising=False)
    result = cli("check", folder()(tmp_path), "--format", "json")
    found = {(f["code"], f["file"]) for f in json.loads(result.stdout)["findings"]}
    assert result.exit_code == 1 and ("P013", "users.csv") in found and not any(code == "P004" for code, _ in found)


# --- caps ------------------------------------------------------------------------------------


def test_caps_have_the_documented_defaults():
    import linter.source.reading

    assert Limits() == Limits(max_files=1000, max_total_bytes=4 * 1024**3, max_ratio=200, ratio_floor=8 * 1024**2)
    for name in ("max_files", "max_total_bytes", "max_ratio", "ratio_floor"):
        assert name in linter.source.reading.__doc__


@pytest.mark.parametrize("which", ["folder", "zip"])
def test_total_size_cap(which, tmp_path):
    path = folder()(tmp_path) if which == "folder" else zipped()(tmp_path)
    size = sum(len(content) for content in read_package(path).files.values())
    assert read_package(path, Limits(max_total_bytes=size)).files
    with pytest.raises(CannotLint, match=re.escape(f"more than {size_text(size - 1, exact=True)}, the cap")):
        read_package(path, Limits(max_total_bytes=size - 1))


@pytest.mark.parametrize("which", ["folder", "zip"])
def test_file_count_cap(which, tmp_path):
    path = folder()(tmp_path) if which == "folder" else zipped()(tmp_path)
    count = len(list(baseline.folder().iterdir()))
    assert read_package(path, Limits(max_files=count)).files
    with pytest.raises(CannotLint, match=f"{count - 1}"):
        read_package(path, Limits(max_files=count - 1))


def test_ratio_cap_applies_above_its_floor(tmp_path):
    """The floor and the ratio are for all the members together (about 7 KB from 1.4 KB here)."""
    archive = zipped(("users.csv", USERS.encode() + b"\n" * 5000))(tmp_path)
    assert read_package(archive, Limits(max_ratio=2, ratio_floor=8000)).files  # under the floor: fine
    assert read_package(archive, Limits(max_ratio=6, ratio_floor=1000)).files  # under the ratio: fine
    with pytest.raises(CannotLint, match="'users.csv' would bring the CSV files to 7,.* times, past the cap of 2 for a zip"):
        read_package(archive, Limits(max_ratio=2, ratio_floor=1000))


def test_declared_sizes_are_checked_before_anything_is_decompressed(tmp_path):
    """Two members that claim 3 GiB each: refused on the sizes alone, in a few KB of memory."""
    archive = zipped()(tmp_path)
    for name in ("users.csv", "orgs.csv"):
        set_sizes(archive, name, 3 * 1024**3)
    tracemalloc.start()
    try:
        with pytest.raises(CannotLint, match="cap"):
            read_package(archive, Limits(max_ratio=10**9))  # only the total cap stands in the way
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 2 * 1024**2


def test_a_member_that_lies_about_its_size_is_never_expanded_past_it(tmp_path):
    archive = BY_ID["zip-lying-sizes"].build(tmp_path)
    tracemalloc.start()
    try:
        raw = read_package(archive)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert raw.unreadable == {"users.csv"} and peak < 5 * 1024**2  # the data expands to 20 MB


def test_a_zip_bomb_is_refused_before_it_is_expanded(tmp_path):
    archive = bomb(tmp_path)
    tracemalloc.start()
    try:
        with pytest.raises(CannotLint, match=r"'users.csv' would bring the CSV files to 50,0.* 1,0\d\d times, past the cap of 200"):
            read_package(archive)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 2 * 1024**2


def test_the_entry_count_is_read_before_the_zip_directory(tmp_path, monkeypatch):
    """zipfile parses the whole directory at once, so a zip with a million entries is refused
    from its end record, before zipfile ever sees it."""
    archive = zipped()(tmp_path)
    data = bytearray(archive.read_bytes())
    end = data.rindex(b"PK\x05\x06")
    data[end + 8 : end + 12] = (60_000).to_bytes(2, "little") * 2  # entries on this disk, entries in all
    archive.write_bytes(bytes(data))

    def never(*args, **kwargs):
        raise AssertionError("zipfile opened the archive")

    monkeypatch.setattr(zipfile, "ZipFile", never)
    with pytest.raises(CannotLint, match="60,000 entries"):
        read_package(archive)


def test_an_oversized_zip_directory_is_refused_from_the_end_record(tmp_path, monkeypatch):
    archive = zipped()(tmp_path)
    data = bytearray(archive.read_bytes())
    end = data.rindex(b"PK\x05\x06")
    data[end + 12 : end + 16] = (2_000_000).to_bytes(4, "little")  # bytes of directory for 8 entries
    archive.write_bytes(bytes(data))
    monkeypatch.setattr(zipfile, "ZipFile", None)  # refused before zipfile is even called
    with pytest.raises(CannotLint, match="2,000,000 bytes of directory"):
        read_package(archive)


def test_more_entries_than_the_end_record_admits_are_still_capped(tmp_path):
    archive = zipped()(tmp_path)
    data = bytearray(archive.read_bytes())
    end = data.rindex(b"PK\x05\x06")
    data[end + 8 : end + 12] = (3).to_bytes(2, "little") * 2  # zipfile reads the directory by size, not count
    archive.write_bytes(bytes(data))
    with pytest.raises(CannotLint, match="holds 8 entries"):
        read_package(archive, Limits(max_files=5))


def test_zip64_end_records_are_understood(tmp_path, monkeypatch):
    """Past 65,535 entries a zip keeps its counts in a zip64 end record; make zipfile write one
    for a few entries and check both that it reads and that the count is capped."""
    monkeypatch.setattr(zipfile, "ZIP_FILECOUNT_LIMIT", 2)
    archive = zipped()(tmp_path)
    monkeypatch.undo()
    assert archive.read_bytes().count(b"PK\x06\x06") == 1
    assert read_package(archive).files.keys() == {f.name for f in baseline.folder().iterdir()}
    with pytest.raises(CannotLint, match="holds 8 entries"):
        read_package(archive, Limits(max_files=5))


# --- parsing fallbacks --------------------------------------------------------------------------


def test_a_panic_inside_polars_falls_back_to_the_careful_parser(monkeypatch):
    text = baseline.text("orgs.csv").encode()
    expected = csvfile.parse("orgs.csv", text)

    def panic(*args, **kwargs):
        raise pl.exceptions.PanicException("polars panicked")

    monkeypatch.setattr(csvfile.pl, "read_csv", panic)
    parsed = csvfile.parse("orgs.csv", text)
    assert parsed.header == expected.header and parsed.frame.select(expected.frame.columns).equals(expected.frame) and parsed.findings == []


@pytest.mark.parametrize("name", ["20-mb-field", "20-mb-quoted-field-ragged", "very-long-line"])
def test_huge_cells_and_lines_are_not_slow(name, tmp_path):
    """A guard against pathological slowness (a backtracking regex or a per-byte loop)."""
    path = BY_ID[name].build(tmp_path)
    start = time.perf_counter()
    lint(path)
    assert time.perf_counter() - start < SLOW_ENOUGH
