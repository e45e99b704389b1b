"""The bad-input corpus, continued. Zip and folder containers at their edges: compression methods, sizes that lie, names that collide."""

from __future__ import annotations

import io
import os
import struct
import unicodedata
import zipfile
import zlib
from functools import cache
from pathlib import Path

from linter.examples import edit_headers
from linter.source import Limits
from tests.corpus import USERS, Build, baseline_members, case, folder, set_sizes, with_link, write_zip, zipped

FLOOR = Limits().ratio_floor
LOCAL = struct.Struct("<4s5H3L2H")  # signature, versions, flags, method, time, date, CRC-32, sizes, name and extra lengths
CENTRAL = struct.Struct("<4s6H3L5H2L")
END = struct.Struct("<4s4H2LH")


# --- building zips byte by byte -----------------------------------------------------------------


def raw_zip(path: Path, members: list[tuple[str, int, bytes, int, int]]) -> Path:
    """A zip of (name, method, compressed bytes, CRC-32, size) members, written without zipfile,
    so that a case can say anything it likes, as fast as it can be written."""
    out, directory = bytearray(), bytearray()
    for name, method, data, crc, size in members:
        encoded = name.encode()
        directory += CENTRAL.pack(b"PK\x01\x02", 20, 20, 0, method, 0, 0x21, crc, len(data), size,
                                  len(encoded), 0, 0, 0, 0, 0, len(out)) + encoded
        out += LOCAL.pack(b"PK\x03\x04", 20, 0, method, 0, 0x21, crc, len(data), size, len(encoded), 0) + encoded + data
    out += directory + END.pack(b"PK\x05\x06", 0, 0, len(members), len(members), len(directory), len(out), 0)
    path.write_bytes(bytes(out))
    return path


def deflated(name: str, data: bytes) -> tuple[str, int, bytes, int, int]:
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    return name, zipfile.ZIP_DEFLATED, packer.compress(data) + packer.flush(), zlib.crc32(data), len(data)


@cache
def deflated_zeros(size: int) -> bytes:
    return deflated("", bytes(size))[2]


def at_the_floor(count: int, floor: int = FLOOR) -> Build:
    """The baseline with `count` more members, each `floor` zero bytes: no member alone is past
    the floor, all together are thousands of times past it."""

    def build(root: Path) -> Path:
        members = [deflated(name, data) for name, data in baseline_members()]
        packed = deflated_zeros(floor)
        extra = [(f"extra-{i:03}.csv", zipfile.ZIP_DEFLATED, packed, zlib.crc32(bytes(floor)), floor) for i in range(count)]
        return raw_zip(root / "export.zip", members + extra)

    return build


def many_empty_members(count: int) -> Build:
    return lambda root: raw_zip(root / "export.zip", [(f"extra-{i}.csv", 0, b"", 0, 0) for i in range(count)])


# --- members that lie, or that use another method ----------------------------------------------------


def compressed_as(name: str, method: int) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name)
    info.compress_type = method
    return info


def zip_replacing(*members: tuple[zipfile.ZipInfo, bytes]) -> Build:
    """The baseline as export.zip, these members in place of the baseline's of the same name."""
    names = {info.filename for info, _ in members}
    return lambda root: write_zip(root / "export.zip", [m for m in baseline_members() if m[0] not in names] + list(members))


def all_compressed_as(method: int) -> Build:
    return zip_replacing(*((compressed_as(name, method), data) for name, data in baseline_members()))


def lying_member(method: int, declared: int, actual: int, compressed: int | None = None) -> Build:
    """users.csv compressed with `method`, holding `actual` bytes of line breaks, declaring
    `declared` bytes (and `compressed` bytes of compressed data, to look like a modest ratio)."""

    def build(root: Path) -> Path:
        archive = zip_replacing((compressed_as("users.csv", method), b"\n" * actual))(root)
        set_sizes(archive, "users.csv", declared)
        if compressed is not None:

            def declare(data: bytearray, local: int, entry: int) -> None:
                struct.pack_into("<L", data, local + 18, compressed)
                struct.pack_into("<L", data, entry + 20, compressed)

            edit_headers(archive, "users.csv", declare)
        return archive

    return build


def stored_declaring(declared: int) -> Build:
    """users.csv stored as it is, declaring another size than its bytes have."""

    def build(root: Path) -> Path:
        archive = zip_replacing((compressed_as("users.csv", zipfile.ZIP_STORED), USERS.encode()))(root)
        set_sizes(archive, "users.csv", declared)
        return archive

    return build


def with_method(method: int) -> Build:
    """users.csv marked as compressed with `method` in both its headers (its bytes stay deflate)."""

    def build(root: Path) -> Path:
        archive = zipped()(root)

        def mark(data: bytearray, local: int, entry: int) -> None:
            struct.pack_into("<H", data, local + 8, method)
            struct.pack_into("<H", data, entry + 10, method)

        edit_headers(archive, "users.csv", mark)
        return archive

    return build


def bad_crc(root: Path) -> Path:
    archive = zipped()(root)

    def flip(data: bytearray, local: int, entry: int) -> None:
        for at in (local + 14, entry + 16):
            data[at] ^= 0xFF

    edit_headers(archive, "users.csv", flip)
    return archive


def truncated_directory(root: Path) -> Path:
    """The end record stays, but the last 40 bytes of the directory before it are gone."""
    archive = zipped()(root)
    data = archive.read_bytes()
    end = data.rindex(b"PK\x05\x06")
    archive.write_bytes(data[: end - 40] + data[end:])
    return archive


def zip64_members(root: Path) -> Path:
    """Every member with zip64 sizes in its headers, as zipfile writes them for large files."""
    path = root / "export.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in baseline_members():
            with archive.open(name, "w", force_zip64=True) as member:
                member.write(data)
    return path


class Unseekable(io.RawIOBase):
    """A pipe-like output: a zip streamed to it carries data descriptors (flag bit 3) after each member."""

    def __init__(self) -> None:
        self.written = bytearray()

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:  # type: ignore[override]
        self.written += data
        return len(data)


def streamed(root: Path) -> Path:
    out = Unseekable()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in baseline_members():
            archive.writestr(name, data)
    path = root / "export.zip"
    path.write_bytes(bytes(out.written))
    return path


# --- names that one file becomes ------------------------------------------------------------------


def zip_with(names: dict[str, bytes], drop: tuple[str, ...] = ()) -> Build:
    """The baseline as export.zip, without the members in `drop`, with these members added."""
    return lambda root: write_zip(root / "export.zip", [m for m in baseline_members() if m[0] not in drop] + list(names.items()))


NFC, NFD = unicodedata.normalize("NFC", "Renée.csv"), unicodedata.normalize("NFD", "Renée.csv")
EXTRA_CSV = b"sourcedId\nx\n"


def fifo_named(name: str, replace: str | None = None) -> Build:
    def build(root: Path) -> Path:
        package = folder({replace: None} if replace else None)(root)
        os.mkfifo(package / name)
        return package

    return build


# --- the cases ---------------------------------------------------------------------------------------

# Sizes that lie and bombs: every cap counts the bytes really produced, whatever a member declares.
case("zip-bzip2-bomb-declaring-1000-bytes", lying_member(zipfile.ZIP_BZIP2, 1000, 100_000_000), 1, "P013", only=True)
case("zip-lzma-bomb-declaring-1000-bytes", lying_member(zipfile.ZIP_LZMA, 1000, 50_000_000), 1, "P013", only=True)
case("zip-deflate-bomb-just-under-the-floor", lying_member(zipfile.ZIP_DEFLATED, FLOOR - 1, 100_000_000), 2,
     stderr="brought the CSV files to")
case("zip-480-members-each-at-the-floor", at_the_floor(480), 2, stderr="past the cap of 200 for a zip")
case("zip-stored-member-declaring-less", stored_declaring(100), 1, "P013", only=True)
case("zip-stored-member-declaring-more", stored_declaring(len(USERS.encode()) + 500), 1, "P013", only=True)
case("zip-bad-crc", bad_crc, 1, "P013", only=True)
# Methods
case("zip-bzip2-members", all_compressed_as(zipfile.ZIP_BZIP2), 0, only=True)
case("zip-lzma-members", all_compressed_as(zipfile.ZIP_LZMA), 0, only=True)
case("zip-stored-members", all_compressed_as(zipfile.ZIP_STORED), 0, only=True)
case("zip-deflate64-member", with_method(9), 1, "P013", only=True)
case("zip-unknown-method", with_method(42), 1, "P013", only=True)
case("zip-winzip-aes-method", with_method(99), 1, "P018", only=True)
# Layouts other writers produce
case("zip-zip64-members", zip64_members, 0, only=True)
case("zip-data-descriptors", streamed, 0, only=True)
case("zip-truncated-directory", truncated_directory, 2, stderr="the zip archive cannot be read")
case("zip-10000-members", many_empty_members(10_000), 2, stderr="the zip holds 10,000 entries")
# Names that are one file once unpacked on Windows or a Mac
case("zip-names-differing-in-case", zip_with({"Users.csv": USERS.encode()}), 1, "P007", "P006", only=True)
case("zip-names-differing-in-normalisation", zip_with({NFC: EXTRA_CSV, NFD: EXTRA_CSV}), 1, "P007", "P006", only=True)
case("zip-trailing-dot-beside-the-file", zip_with({"users.csv.": USERS.encode()}), 1, "P007", only=True)
case("zip-trailing-space-beside-the-file", zip_with({"users.csv ": USERS.encode()}), 1, "P007", only=True)
case("zip-trailing-dot-alone", zip_with({"users.csv.": USERS.encode()}, drop=("users.csv",)), 1, "P021", only=True)
case("zip-trailing-space-alone", zip_with({"users.csv ": USERS.encode()}, drop=("users.csv",)), 1, "P021", only=True)
case("folder-names-differing-in-case", folder({"Users.csv": USERS}), 1, "P007", "P006", only=True)
case("folder-names-differing-in-normalisation", folder({NFC: EXTRA_CSV, NFD: EXTRA_CSV}), 1, "P007", "P006", only=True)
case("folder-trailing-dot-beside-the-file", folder({"users.csv.": USERS}), 1, "P007", only=True)
case("folder-trailing-space-beside-the-file", folder({"users.csv ": USERS}), 1, "P007", only=True)
case("folder-trailing-dot-alone", folder({"users.csv.": USERS, "users.csv": None}), 1, "P021", only=True)
case("folder-trailing-space-alone", folder({"users.csv ": USERS, "users.csv": None}), 1, "P021", only=True)
# What is not a regular file, named like a CSV
case("folder-pipe-named-like-an-extra-csv", fifo_named("live.csv"), 1, "P013", "P006", only=True)
case("folder-pipe-with-a-trailing-space", fifo_named("users.csv ", replace="users.csv"), 1, "P013", "P021", only=True)
case("folder-link-to-a-device", with_link("zero.csv", "/dev/zero"), 1, "P012", only=True)
