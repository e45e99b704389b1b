"""Builds a rule's bad or good example as a real package and lints it.

Tests run every declared example this way, and the help site shows the findings the linter
really printed for it, so an example can never go stale.
"""

from __future__ import annotations

import shutil
import struct
import tempfile
import warnings
import zipfile
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from linter import baseline
from linter.registry import Patch, RuleSpec

ZIP = "(zip)"  # the package is zipped, every member under this prefix ("" for the top level)
ZIP_DUPLICATE = "(zip-duplicate)"  # this member is added to the zip a second time
ZIP_CORRUPT = "(zip-corrupt)"  # this member's compressed bytes are damaged
ZIP_ENCRYPTED = "(zip-encrypted)"  # this member is marked encrypted, as a password-protected zip does
PREVIOUS = "(previous)"  # a patch of its own: the last upload, for the year-end codes
PROFILE = "(profile)"  # the vendor profile the example is checked under
VERSION = "(version)"  # the OneRoster version the example is written in, when not the rule's first
AS_OF = "(as-of)"  # the day a year-end example is sent on
SCHOOL_STATUS = "(school-status)"  # "school:Paused" or "school:Frozen": what the district recorded at the vendor
EXAMPLE_DAY = "2026-03-02"  # a school day of the baseline's 2025-2026 year: rollover signs are errors then


def example_version(spec: RuleSpec) -> str:
    if VERSION in spec.bad:
        return str(spec.bad[VERSION])
    return "1.1" if "1.1" in spec.versions else spec.versions[0]


def file_content(name: str, content: str | bytes | Patch | None) -> str | bytes | None:
    """A file's entry in a patch: new text, raw bytes, or None to delete it (only a setting holds a patch)."""
    if isinstance(content, Mapping):
        raise TypeError(f"{name}: a file's entry in a patch is text, bytes or None, not a patch")
    return content


@contextmanager
def materialize(patch: Patch, version: str = "1.1") -> Iterator[Path]:
    """The baseline package with the patch applied, as a folder or a zip in a temporary place."""
    with tempfile.TemporaryDirectory(prefix="oneroster-example-") as tmp:
        folder = Path(tmp) / "package"
        shutil.copytree(baseline.folder(version), folder)
        for name, content in patch.items():
            if name.startswith("("):
                continue
            target = folder / name
            content = file_content(name, content)
            if content is None:
                target.unlink(missing_ok=True)
                continue
            if ZIP not in patch:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        if ZIP not in patch:
            yield folder
            return
        archive = Path(tmp) / "package.zip"
        _zip(folder, archive, patch)
        yield archive


def _zip(folder: Path, archive: Path, patch: Patch) -> None:
    prefix = str(patch[ZIP])
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as out:
        for file in sorted(folder.iterdir()):
            out.write(file, prefix + file.name)
        for name, content in patch.items():
            content = file_content(name, content)
            if not name.startswith("(") and content is not None:
                out.writestr(name, content)  # raw member names: this is how unsafe paths get in
        duplicate = patch.get(ZIP_DUPLICATE)
        if duplicate:
            with warnings.catch_warnings():  # zipfile warns about the very duplicate we want
                warnings.simplefilter("ignore")
                out.writestr(prefix + str(duplicate), (folder / str(duplicate)).read_bytes())
    corrupt = patch.get(ZIP_CORRUPT)
    if corrupt:
        _corrupt_member(archive, prefix + str(corrupt))
    encrypted = patch.get(ZIP_ENCRYPTED)
    if encrypted:
        mark_encrypted(archive, prefix + str(encrypted))


def _corrupt_member(archive: Path, member: str) -> None:
    with zipfile.ZipFile(archive) as zipped:
        info = zipped.getinfo(member)
    data = bytearray(archive.read_bytes())
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for offset in range(start, start + min(info.compress_size, 16)):
        data[offset] ^= 0xFF
    archive.write_bytes(bytes(data))


def mark_encrypted(archive: Path, member: str) -> None:
    """Set the member's 'encrypted' flag (bit 0) in its local header and its directory entry.
    Python cannot write encrypted zips, and the flag is all a reader sees before it asks for a
    password; the linter must never get further than that."""

    def flag(data: bytearray, local: int, entry: int) -> None:
        data[local + 6] |= 0x1
        data[entry + 8] |= 0x1

    edit_headers(archive, member, flag)


def edit_headers(archive: Path, member: str, edit: Callable[[bytearray, int, int], None]) -> None:
    """Rewrite the zip with edit(bytes, member's local header offset, its directory entry offset)."""
    with zipfile.ZipFile(archive) as zipped:
        local = zipped.getinfo(member).header_offset
        entry = zipped.start_dir
    data = bytearray(archive.read_bytes())
    while data[entry : entry + 4] == b"PK\x01\x02":
        name_length, extra_length, comment_length = struct.unpack_from("<3H", data, entry + 28)
        if data[entry + 46 : entry + 46 + name_length] == member.encode():
            edit(data, local, entry)
            break
        entry += 46 + name_length + extra_length + comment_length
    archive.write_bytes(bytes(data))
