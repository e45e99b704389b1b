"""Reading a package from a folder or a .zip, read-only, never extracting anything.

The result is the raw bytes of each CSV file at the package's top level plus the findings
about the container itself (folder zipped instead of its files, sub-folders, stray files).
Anything that makes linting impossible raises `CannotLint` with one clear sentence.
"""

from __future__ import annotations

import stat
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from linter.findings import Severity
from linter.registry import declare, finding

# Caps that keep a hostile zip from exhausting memory; generous for any real district.
MAX_MEMBERS = 1000
MAX_TOTAL_BYTES = 4 * 1024**3
MAX_RATIO = 200  # uncompressed / compressed, for members above a few MB

declare(
    code="P007", name="duplicate-file", severity=Severity.ERROR,
    title="The same file appears twice in the package",
    why="A consumer reads one copy and ignores the other, and nobody can tell which one.",
    fix="Keep one copy of each file at the top level of the zip.",
    bad={"(zip)": "", "(zip-duplicate)": "users.csv"}, good={"(zip)": ""},
)
declare(
    code="P008", name="folder-zipped", severity=Severity.ERROR,
    title="The files sit inside a folder in the zip",
    why="Consumers look for manifest.csv at the top of the zip; a zipped folder looks empty to them.",
    fix="Select the CSV files themselves (not their folder) and zip those.",
    bad={"(zip)": "export/"}, good={"(zip)": ""},
)
declare(
    code="P009", name="sub-folder", severity=Severity.WARNING,
    title="The package holds a sub-folder",
    why="A OneRoster package is a flat set of files; anything in a sub-folder is ignored by consumers.",
    fix="Move the files you meant to send to the top level, or remove the sub-folder.",
    bad={"old/users.csv": "sourcedId\n"}, good={},
)
declare(
    code="P010", name="stray-file", severity=Severity.WARNING,
    title="The package holds a file that is not CSV",
    why="Consumers may reject a package with unexpected files, and it may carry data nobody meant to send.",
    fix="Remove the file from the export folder or zip.",
    bad={"notes.txt": "remember to send this on Monday\n"}, good={},
)
declare(
    code="P012", name="unsafe-entry", severity=Severity.ERROR,
    title="An entry points outside the package",
    why="A zip member with '../' or an absolute path, or a link out of the folder, can overwrite or leak files wherever it is unpacked.",
    fix="Rebuild the zip from the CSV files alone, without links or paths.",
    bad={"(zip)": "", "../users-old.csv": "sourcedId\n"}, good={"(zip)": ""},
)
declare(
    code="P013", name="unreadable-file", severity=Severity.ERROR,
    title="A file cannot be read",
    why="A file that cannot be read (permissions, a damaged or encrypted zip member) reaches the consumer broken or not at all.",
    fix="Export the file again and rebuild the zip; do not encrypt members.",
    bad={"(zip)": "", "(zip-corrupt)": "users.csv"}, good={"(zip)": ""},
)


class CannotLint(Exception):
    """The input is not something the linter can read at all (exit code 2)."""


@dataclass
class RawPackage:
    origin: str
    files: dict[str, bytes] = field(default_factory=dict)
    unreadable: set[str] = field(default_factory=set)  # present, but their bytes could not be read
    findings: list = field(default_factory=list)


def read_package(path: str | Path) -> RawPackage:
    path = Path(path)
    if not path.exists():
        raise CannotLint(f"{path}: no such file or folder")
    if path.is_dir():
        return _read_folder(path)
    if zipfile.is_zipfile(path):
        return _read_zip(path)
    if path.suffix.lower() == ".zip":
        raise CannotLint(f"{path}: named .zip but it is not a readable zip archive")
    raise CannotLint(f"{path}: not a folder or a .zip of OneRoster CSV files")


def _read_folder(folder: Path) -> RawPackage:
    package = RawPackage(origin=str(folder))
    try:
        entries = sorted(folder.iterdir())
    except OSError as error:
        raise CannotLint(f"{folder}: cannot list the folder ({error.strerror})") from None
    for entry in entries:
        if entry.is_symlink() and not entry.resolve().is_relative_to(folder.resolve()):
            package.findings.append(finding("P012", None, message=f"'{entry.name}' is a link to a place outside the package; it was not read"))
            continue
        if entry.is_dir():
            package.findings.append(finding("P009", None, message=f"sub-folder '{entry.name}' is not part of a OneRoster package; it was not read"))
            continue
        if entry.suffix.lower() != ".csv" or not stat.S_ISREG(entry.stat().st_mode):
            _note_stray(package, entry.name)
            continue
        try:
            package.files[entry.name] = entry.read_bytes()
        except OSError as error:
            package.findings.append(finding("P013", entry.name, message=f"the file cannot be read ({error.strerror})"))
            package.unreadable.add(entry.name)
    if not package.files and not package.findings:
        raise CannotLint(f"{folder}: the folder holds no CSV files")
    return package


def _read_zip(path: Path) -> RawPackage:
    package = RawPackage(origin=str(path))
    try:
        archive = zipfile.ZipFile(path)
        members = [m for m in archive.infolist() if not m.is_dir()]
    except (zipfile.BadZipFile, OSError) as error:
        raise CannotLint(f"{path}: the zip archive cannot be read ({error})") from None
    if len(members) > MAX_MEMBERS:
        raise CannotLint(f"{path}: the zip holds {len(members)} files; a OneRoster package has at most {MAX_MEMBERS}")
    prefix = _common_folder(members)
    if prefix:
        package.findings.append(finding("P008", None, message=f"the files are inside the folder '{prefix}' in the zip instead of at its top level"))
    total = 0
    with archive:
        for member in members:
            name = member.filename[len(prefix) :] if prefix else member.filename
            parts = PurePosixPath(name).parts
            if name.startswith("/") or ".." in parts or _is_symlink(member):
                package.findings.append(finding("P012", None, message=f"zip member '{member.filename}' points outside the package; it was not read"))
                continue
            if len(parts) > 1:
                package.findings.append(finding("P009", None, message=f"'{member.filename}' is in a sub-folder of the zip; it was not read"))
                continue
            if not name.lower().endswith(".csv"):
                _note_stray(package, name)
                continue
            if name in package.files:
                package.findings.append(finding("P007", name, message="the zip holds this file twice; only the first copy was read"))
                continue
            total += member.file_size
            ratio = member.file_size / max(member.compress_size, 1)
            if total > MAX_TOTAL_BYTES or (member.file_size > 8 * 1024**2 and ratio > MAX_RATIO):
                raise CannotLint(f"{path}: '{member.filename}' expands to {member.file_size:,} bytes, past the safety caps for a zip")
            try:
                package.files[name] = archive.read(member)
            except (RuntimeError, zipfile.BadZipFile, NotImplementedError, OSError, zlib.error) as error:
                package.findings.append(finding("P013", name, message=f"the zip member cannot be read ({error})"))
                package.unreadable.add(name)
    if not package.files and not package.findings:
        raise CannotLint(f"{path}: the zip holds no CSV files")
    return package


def _common_folder(members: list[zipfile.ZipInfo]) -> str:
    """'export/' when every member sits in one top-level folder: the folder was zipped."""
    tops = {PurePosixPath(m.filename).parts[0] for m in members if "/" in m.filename}
    if len(tops) == 1 and all("/" in m.filename for m in members):
        return tops.pop() + "/"
    return ""


def _is_symlink(member: zipfile.ZipInfo) -> bool:
    return stat.S_ISLNK(member.external_attr >> 16)


def _note_stray(package: RawPackage, name: str) -> None:
    if name.startswith(".") or name.lower() in {"thumbs.db", "desktop.ini"}:
        return  # operating-system litter, not worth a finding
    package.findings.append(finding("P010", None, message=f"'{name}' is not a CSV file; it was not read"))
