"""Zip members are read in bounded steps whatever they declare: the caps count the bytes really
produced by all members together, memory stays near them, and what cannot be read says why."""

from __future__ import annotations

import struct
import tracemalloc
import zipfile
from pathlib import Path

import pytest

from linter import baseline
from linter.engine.container import container_findings
from linter.source import CannotLint, Limits, read_package
from tests.corpus import BY_ID, USERS
from tests.corpus_archives import at_the_floor, lying_member

MiB = 1024**2
FLOOR = 2 * MiB  # small caps, so that the bombs are quick to refuse
SMALL = Limits(max_total_bytes=64 * MiB, ratio_floor=FLOOR)

# Each bomb declares less than the floor (and, with `compressed`, a modest ratio), so only the
# bytes it really produces can give it away.
BOMBS = {
    "bzip2": lying_member(zipfile.ZIP_BZIP2, FLOOR - 1, 200_000_000, compressed=10**6),
    "lzma": lying_member(zipfile.ZIP_LZMA, FLOOR - 1, 50_000_000, compressed=10**6),
    "deflate": lying_member(zipfile.ZIP_DEFLATED, FLOOR - 1, 100_000_000, compressed=10**6),
    "deflate-declaring-more-than-the-floor": lying_member(zipfile.ZIP_DEFLATED, 60 * MiB, 100_000_000, compressed=10**6),
    "bzip2-declaring-1000-bytes": lying_member(zipfile.ZIP_BZIP2, 1000, 200_000_000),
    "lzma-declaring-1000-bytes": lying_member(zipfile.ZIP_LZMA, 1000, 50_000_000),
    "480-members-at-the-floor": at_the_floor(480, FLOOR),
}


def peak_while(read):
    tracemalloc.start()
    try:
        try:
            outcome = read()
        except CannotLint as error:
            outcome = error
        return outcome, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("name", BOMBS)
def test_a_bomb_stays_near_the_caps_in_memory(name, tmp_path):
    archive = BOMBS[name](tmp_path)
    outcome, peak = peak_while(lambda: read_package(archive, SMALL))
    assert peak < 4 * FLOOR, f"{peak:,} bytes at the peak"
    if name.endswith("1000-bytes"):  # stopped one byte past its declared size
        assert outcome.unreadable == {"users.csv"} and "expands past the 1,000 bytes it declares" in outcome.notices[0].message
    else:
        assert isinstance(outcome, CannotLint) and "past the cap of 200 for a zip (a zip bomb?)" in str(outcome)


@pytest.mark.parametrize("name", ["bzip2", "lzma", "deflate"])
def test_a_bomb_that_declares_little_is_refused_on_what_it_produces(name, tmp_path):
    with pytest.raises(CannotLint, match=r"'users.csv' brought the CSV files to 2,\d{3},\d{3} bytes from [\d,]+ compressed"):
        read_package(BOMBS[name](tmp_path), SMALL)


def test_the_ratio_floor_is_for_all_members_together(tmp_path):
    """No member alone is past the floor; the second one brings them all past it."""
    archive = at_the_floor(2, MiB)(tmp_path)
    with pytest.raises(CannotLint, match="'extra-001.csv' would bring the CSV files to 2,09"):
        read_package(archive, Limits(ratio_floor=int(1.5 * MiB)))
    assert read_package(archive, Limits(ratio_floor=3 * MiB)).files.keys() >= {"extra-000.csv", "extra-001.csv"}


def test_the_total_cap_counts_the_bytes_produced(tmp_path):
    archive = at_the_floor(3, MiB)(tmp_path)
    with pytest.raises(CannotLint, match=r"more than 2 MiB \(2,097,152 bytes\), the cap for one package \('extra-001.csv' would bring"):
        read_package(archive, Limits(max_total_bytes=2 * MiB, max_ratio=10**6))


def fresh(tmp_path: Path, name: str) -> Path:
    folder = tmp_path / name
    folder.mkdir()
    return folder


def reason(case: str, tmp_path: Path) -> tuple[str, str]:
    (found,) = read_package(BY_ID[case].build(fresh(tmp_path, case))).notices
    return found.message, found.hint or ""


def test_deflate64_is_named_with_its_fix(tmp_path):
    message, hint = reason("zip-deflate64-member", tmp_path)
    assert "compressed with Deflate64 (zip method 9)" in message and "damaged" not in message
    assert hint.startswith("Zip the files again with ordinary Deflate compression (not Deflate64)")


def test_an_unknown_method_is_named(tmp_path):
    message, hint = reason("zip-unknown-method", tmp_path)
    assert "zip method 42, which the zip specification does not define" in message and "(not method 42)" in hint


@pytest.mark.parametrize(("case", "why"), [
    ("zip-bad-crc", "its CRC-32 check fails: these are not the bytes that were zipped"),
    ("zip-stored-member-declaring-less", "it expands past the 100 bytes it declares"),
    ("zip-stored-member-declaring-more", f"its data ends after {len(USERS.encode()):,} of the {len(USERS.encode()) + 500:,} bytes it declares"),
    ("zip-lzma-bomb-declaring-1000-bytes", "it expands past the 1,000 bytes it declares"),
    ("zip-corrupt-member", "its compressed data is damaged (Error -3 while decompressing data"),
])
def test_a_damaged_member_says_what_is_wrong(case, why, tmp_path):
    message, _ = reason(case, tmp_path)
    assert message.startswith(f"the file cannot be read: the zip member is damaged: {why}"), message


def test_data_descriptors_are_really_written_and_read(tmp_path):
    archive = BY_ID["zip-data-descriptors"].build(tmp_path)
    with zipfile.ZipFile(archive) as opened:
        assert all(member.flag_bits & 0x8 for member in opened.infolist())
    assert read_package(archive).files == read_package(baseline.folder()).files


def test_the_data_starts_where_the_local_header_says(tmp_path):
    """zip64 members carry a zip64 extra field in their local header that the directory lacks:
    the data offset must come from the local header."""
    archive = BY_ID["zip-zip64-members"].build(tmp_path)
    data = archive.read_bytes()
    with zipfile.ZipFile(archive) as opened:
        member = opened.getinfo("users.csv")
    assert struct.unpack_from("<H", data, member.header_offset + 28)[0] != len(member.extra)
    assert read_package(archive).files == read_package(baseline.folder()).files


def test_10000_members_are_refused_before_zipfile_reads_the_directory(tmp_path, monkeypatch):
    archive = BY_ID["zip-10000-members"].build(tmp_path)
    monkeypatch.setattr(zipfile, "ZipFile", None)
    with pytest.raises(CannotLint, match="the zip holds 10,000 entries"):
        read_package(archive)


@pytest.mark.parametrize("where", ["zip", "folder"])
def test_a_lone_name_with_a_trailing_space_is_read_under_the_name_windows_gives_it(where, tmp_path):
    raw = read_package(BY_ID[f"{where}-trailing-space-alone"].build(tmp_path))
    found = container_findings(raw.notices)
    assert raw.files["users.csv"] == USERS.encode() and [(f.code, f.file) for f in found] == [("P021", "users.csv")]
    assert "'users.csv ' ends with a space: Windows unpacks it as 'users.csv', but a consumer" in found[0].message


@pytest.mark.parametrize("where", ["zip", "folder"])
def test_of_names_that_differ_in_case_both_are_read_and_one_is_a_duplicate(where, tmp_path):
    raw = read_package(BY_ID[f"{where}-names-differing-in-case"].build(tmp_path))
    assert {"Users.csv", "users.csv"} <= raw.files.keys() and [(f.code, f.file) for f in container_findings(raw.notices)] == [("P007", "Users.csv")]


def test_every_notice_reading_can_give_is_reported_under_a_declared_code():
    from linter.engine.container import CODES
    from linter.source import Noticed

    assert set(CODES) == set(Noticed)
    assert all(spec.code.startswith("P") and spec.name == kind.value for kind, spec in CODES.items())
