"""Reading a package from a folder or a .zip, read-only, never extracting anything.

The result is the raw bytes of each CSV file at the package's top level plus notices about
the container itself, which the engine reports (linter.engine.container) (a zipped folder, sub-folders, stray files, links, archives inside
the package, encrypted members, unsupported compression, names that one file becomes once
unpacked). Anything that makes linting impossible raises `CannotLint` with one clear line
(exit code 2).

Nothing is ever written: files are opened for reading only, zip members are decompressed in
memory by linter.source.unzip (in bounded steps, never by zipfile, which trusts declared sizes),
links are followed only while they stay inside the package, and anything that is not a
regular file (a pipe, a device) is never opened, because reading it could block for ever.

Caps, a `Limits` (the defaults are generous for any real district; a service that checks
untrusted uploads can set them lower). Past a cap nothing is checked and `CannotLint` says which.
For a zip every cap counts the bytes really produced, whatever the members declare:

    max_files        1,000  entries in the folder or zip; for a zip, the count and the size of
                            its directory are read from its end record before the directory itself
    max_total_bytes  4 GiB  CSV bytes held in memory, all files together (for a zip, both the
                            sizes declared and the bytes produced; a member stops one byte past
                            the size it declares, and is then damaged)
    max_ratio        200    how many times the zip's CSV members together may expand (a zip
                            bomb), counted on the compressed bytes read so far ...
    ratio_floor      8 MiB  ... once they produce more than this; small files compress well

Reading one member holds its bytes plus a step of 1 MiB (and bzip2's 4 MiB of tables, or an
LZMA dictionary no larger than the member). A whole check then takes about 3-4 times the CSV
bytes for clean files, more for damaged files that take the careful parser, plus about 4 KB
per finding (docs/limits.md has the measurements).
"""

from __future__ import annotations

import itertools
import os
import re
import stat
import struct
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from linter.source import unzip
from linter.source.filenames import looks_csv, one_name_per_file, windows_name
from linter.source.limits import Limits
from linter.source.notices import Notice, Noticed
from linter.units import size_text

ARCHIVES = (".zip", ".7z", ".rar", ".tar", ".gz", ".tgz", ".bz2", ".xz", ".zst")
DIRECTORY_BYTES_PER_FILE = 1024  # a zip's directory entry takes 100-200 bytes; more is padding or an attack
WINZIP_AES = 99  # the compression method of a member encrypted with AES (WinZip's AE-1/AE-2)



class CannotLint(Exception):
    """The input is not something the linter can read at all (exit code 2)."""

    def __init__(self, message: str) -> None:
        # One line on stderr, even when a file name holds a line break.
        super().__init__(message.replace("\r", "\\r").replace("\n", "\\n"))


@dataclass
class RawPackage:
    origin: str
    files: dict[str, bytes] = field(default_factory=dict)
    unreadable: set[str] = field(default_factory=set)  # present, but their bytes could not be read
    notices: list[Notice] = field(default_factory=list)  # what the engine reports about the container


def read_package(path: str | Path, limits: Limits = Limits()) -> RawPackage:
    """The package at `path` (a folder or a zip), or CannotLint with the reason in one line."""
    path = Path(path)
    try:
        mode = path.stat().st_mode
    except (FileNotFoundError, NotADirectoryError):
        raise CannotLint(f"{path}: no such file or folder") from None
    except OSError as error:
        raise CannotLint(f"{path}: cannot be read ({error.strerror or error})") from None
    if stat.S_ISDIR(mode):
        package = _read_folder(path, limits)
    elif not stat.S_ISREG(mode):  # a pipe or a device: opening it could block for ever
        raise CannotLint(f"{path}: not a folder or a .zip of OneRoster CSV files")
    elif (directory := _zip_directory(path)) is not None:
        package = _read_zip(path, directory, limits)
    elif path.suffix.lower() == ".zip":
        raise CannotLint(f"{path}: named .zip but it is not a readable zip archive")
    else:
        raise CannotLint(f"{path}: not a folder or a .zip of OneRoster CSV files")
    if not package.files and not package.notices:
        raise CannotLint(f"{path}: the {'folder' if stat.S_ISDIR(mode) else 'zip'} holds no CSV files")
    return package


def _read_folder(folder: Path, limits: Limits) -> RawPackage:
    package = RawPackage(origin=str(folder))
    try:
        root = folder.resolve(strict=True)
        with os.scandir(folder) as listing:
            names = [entry.name for entry in itertools.islice(listing, limits.max_files + 1)]
    except OSError as error:
        raise CannotLint(f"{folder}: cannot list the folder ({error.strerror or error})") from None
    if len(names) > limits.max_files:
        raise CannotLint(f"{folder}: the folder holds more than {limits.max_files:,} entries; a OneRoster package has far fewer")
    total = 0
    names = sorted(name for name in names if not _is_litter(name))
    read_as = _one_name_per_file(package, [name for name in names if looks_csv(name)])
    for name in names:
        if looks_csv(name) and name not in read_as:
            continue  # another name for a file already read: reported as a duplicate
        entry = folder / name
        try:
            inside = entry.resolve(strict=True).is_relative_to(root)
            info = entry.stat()  # follows a link, which now stays inside the package
        except (OSError, RuntimeError) as error:  # a broken link, one that loops, or an entry gone meanwhile
            _unreadable(package, read_as.get(name, name), "it is a link that leads nowhere" if entry.is_symlink() else str(error))
            continue
        if not inside:
            package.notices.append(Notice(Noticed.UNSAFE_ENTRY, None, message=f"'{name}' is a link to a place outside the package; it was not read"))
        elif stat.S_ISDIR(info.st_mode):
            package.notices.append(Notice(Noticed.SUB_FOLDER, None, message=f"sub-folder '{name}' is not part of a OneRoster package; it was not read"))
        elif not _csv_else_report(package, name):
            continue
        elif not stat.S_ISREG(info.st_mode):
            _unreadable(package, read_as[name], "it is not a regular file (a pipe or a device)")
        else:
            total += info.st_size
            _check_total(folder, total, limits)
            try:
                with open(entry, "rb") as file:  # read-only: never created, never truncated
                    data = file.read(limits.max_total_bytes - total + info.st_size + 1)
            except OSError as error:
                _unreadable(package, read_as[name], error.strerror or str(error))
                continue
            _check_total(folder, total - info.st_size + len(data), limits)  # it grew while we looked
            package.files[read_as[name]] = data
    return package


def _read_zip(path: Path, directory: tuple[int, int], limits: Limits) -> RawPackage:
    entries, directory_bytes = directory
    if entries > limits.max_files or directory_bytes > limits.max_files * DIRECTORY_BYTES_PER_FILE:
        raise CannotLint(f"{path}: the zip holds {entries:,} entries ({directory_bytes:,} bytes of directory); "
                         f"a OneRoster package has at most {limits.max_files:,} files")
    try:
        raw = open(path, "rb")  # read-only
    except OSError as error:
        raise CannotLint(f"{path}: cannot be read ({error.strerror or error})") from None
    with raw:
        try:
            archive = zipfile.ZipFile(raw)  # for its directory only: linter.source.unzip decompresses the members
        except Exception as error:  # zipfile raises many types on crafted bytes (BadZipFile, ValueError, struct.error...)
            raise CannotLint(f"{path}: the zip archive cannot be read ({error})") from None
        with archive:
            return _read_members(path, raw, archive, limits)


def _read_members(path: Path, raw: BinaryIO, archive: zipfile.ZipFile, limits: Limits) -> RawPackage:
    package = RawPackage(origin=str(path))
    if len(archive.infolist()) > limits.max_files:  # more entries packed in than the end record said
        raise CannotLint(f"{path}: the zip holds {len(archive.infolist()):,} entries; a OneRoster package has at most {limits.max_files:,} files")
    members = _safe_members(package, archive.infolist())
    prefix = _zipped_folder(members)
    if prefix:
        package.notices.append(Notice(Noticed.FOLDER_ZIPPED, None, message=f"the files are inside the folder '{prefix}/' in the zip instead of at its top level"))
    sub_folders: set[str] = set()
    csv_members: dict[str, zipfile.ZipInfo] = {}
    for member, parts in members:
        parts = parts[1:] if prefix else parts
        if len(parts) > 1 or (parts and member.is_dir()):
            sub_folders.add(parts[0])
        elif parts and _csv_else_report(package, parts[0]):
            if parts[0] in csv_members:
                package.notices.append(Notice(Noticed.DUPLICATE_FILE, parts[0], message="the zip holds this file twice; only the first copy was read"))
            else:
                csv_members[parts[0]] = member
    budget = unzip.Budget(limits)
    for name, read_as in _one_name_per_file(package, list(csv_members)).items():
        _read_one_member(package, path, raw, csv_members[name], read_as, budget)
    for folder in sorted(sub_folders):
        package.notices.append(Notice(Noticed.SUB_FOLDER, None, message=f"the zip holds a sub-folder '{folder}'; it was not read"))
    return package


def _read_one_member(package: RawPackage, path: Path, raw: BinaryIO, member: zipfile.ZipInfo, name: str, budget: unzip.Budget) -> None:
    if member.flag_bits & 0x1 or member.compress_type == WINZIP_AES:  # never try to decrypt: there is no password to try
        package.notices.append(Notice(Noticed.ENCRYPTED_FILE, name, message="the file is encrypted in the zip; it was not read"))
        package.unreadable.add(name)
        return
    try:
        package.files[name] = unzip.read_member(raw, member, budget)
    except unzip.OverCap as error:
        raise CannotLint(f"{path}: {error}") from None
    except unzip.Unsupported as error:
        package.notices.append(Notice(Noticed.UNREADABLE_FILE, name, message=f"the file cannot be read: {error}",
                                        hint=f"Zip the files again with ordinary Deflate compression (not {error.method_name}), as the zip "
                                             f"built into Windows and macOS does, or 7-Zip with the method 'Deflate'."))
        package.unreadable.add(name)
    except unzip.Damaged as error:
        _unreadable(package, name, f"the zip member is damaged: {error}")


def _safe_members(package: RawPackage, members: list[zipfile.ZipInfo]) -> list[tuple[zipfile.ZipInfo, tuple[str, ...]]]:
    """Each member with its path parts; members that point outside the package (`../`, an
    absolute or drive path, a link) are reported and dropped, operating-system litter skipped.
    Backslashes count as separators because Windows tools unpack them as such."""
    safe = []
    for member in members:
        raw = member.filename
        parts = tuple(p for p in re.split(r"[/\\]", raw) if p not in ("", "."))
        if raw.startswith(("/", "\\")) or re.match(r"[A-Za-z]:", raw) or ".." in parts or stat.S_ISLNK(member.external_attr >> 16):
            package.notices.append(Notice(Noticed.UNSAFE_ENTRY, None, message=f"zip member '{raw}' points outside the package; it was not read"))
        elif not any(_is_litter(part) for part in parts):
            safe.append((member, parts))
    return safe


def _zipped_folder(members: list[tuple[zipfile.ZipInfo, tuple[str, ...]]]) -> str:
    """'export' when every file sits in that one top-level folder: the folder was zipped."""
    files = [parts for member, parts in members if not member.is_dir() and parts]
    tops = {parts[0] for parts in files}
    return tops.pop() if len(tops) == 1 and all(len(parts) > 1 for parts in files) else ""


def _zip_directory(path: Path) -> tuple[int, int] | None:
    """(entries, directory bytes) from a zip's end record, read before zipfile parses the
    directory (which it does all at once); None when the file is not a zip."""
    end, locator, end64 = struct.Struct("<4s4H2LH"), struct.Struct("<4sLQL"), struct.Struct("<4sQ2H2L4Q")
    try:
        with open(path, "rb") as file:
            start = max(0, file.seek(0, os.SEEK_END) - end.size - 0xFFFF)  # the record, then a comment of up to 64 KiB
            file.seek(start)
            tail = file.read()
            at = tail.rfind(b"PK\x05\x06")
            if at < 0 or len(tail) - at < end.size:
                return None
            *_, entries, size, _offset, _comment = end.unpack_from(tail, at)
            if (entries == 0xFFFF or size == 0xFFFFFFFF) and start + at >= locator.size:  # zip64 keeps the real values apart
                file.seek(start + at - locator.size)
                signature, _disk, where, _disks = locator.unpack(file.read(locator.size))
                if signature == b"PK\x06\x07":
                    file.seek(where)
                    record = file.read(end64.size)
                    if len(record) == end64.size and record.startswith(b"PK\x06\x06"):
                        entries, size = end64.unpack(record)[7:9]
    except OSError as error:
        raise CannotLint(f"{path}: cannot be read ({error.strerror or error})") from None
    return entries, size


def _check_total(path: Path, total: int, limits: Limits) -> None:
    if total > limits.max_total_bytes:
        raise CannotLint(f"{path}: the CSV files hold more than {size_text(limits.max_total_bytes, exact=True)}, the cap for one package")


def _is_litter(name: str) -> bool:
    """Files and folders the operating system adds on its own: never worth a finding."""
    return name.startswith(".") or name.lower() in {"thumbs.db", "desktop.ini", "__macosx"}


def _csv_else_report(package: RawPackage, name: str) -> bool:
    """True for a CSV file, to be read; anything else is reported."""
    if looks_csv(name):
        return True
    if windows_name(name).lower().endswith(ARCHIVES):
        package.notices.append(Notice(Noticed.NESTED_ARCHIVE, None, message=f"'{name}' is an archive inside the package; it was not opened"))
    else:
        package.notices.append(Notice(Noticed.STRAY_FILE, None, message=f"'{name}' is not a CSV file; it was not read"))
    return False


def _one_name_per_file(package: RawPackage, names: list[str]) -> dict[str, str]:
    read_as, notices = one_name_per_file(names)
    package.notices.extend(notices)
    return read_as


def _unreadable(package: RawPackage, name: str, why: str) -> None:
    package.notices.append(Notice(Noticed.UNREADABLE_FILE, name, message=f"the file cannot be read: {why}"))
    if name.lower().endswith(".csv"):
        package.unreadable.add(name)
