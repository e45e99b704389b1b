"""The paths a command is given: what it reads must be readable, and what it writes (a report, a
job summary, a calendar, the state) is never an input. Paths are compared as files, not names: a
hard link to a package file (same device and inode) or a symbolic link to one is that file.
Everything is checked before linting, so a long check never ends in a refused or failing write.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from linter.report.escape import visible
from linter.source import CannotLint


def shown(path: str | Path) -> str:
    """A path as one printable line: bytes that are not UTF-8 as \\xNN, control and invisible
    characters (line breaks, terminal escapes, bidi overrides) escaped."""
    return visible(str(path))


def check_readable(path: Path) -> None:
    """CannotLint when `path` exists but cannot be read; a missing path is left to the reader,
    which says so. A pipe or a device is never opened (it could block for ever)."""
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            with os.scandir(path):
                pass
        elif stat.S_ISREG(info.st_mode):
            with open(path, "rb"):
                pass
    except (FileNotFoundError, NotADirectoryError):
        return
    except OSError as error:
        raise CannotLint(f"{shown(path)}: cannot be read ({error.strerror or error})") from None


def refuse_inputs(target: Path | None, inputs: Iterable[Path | None], what: str) -> None:
    """CannotLint when writing `target` would change an input: it is, or links to, a file of an
    input package (any file of a folder, the zip itself), or it lies inside an input folder."""
    if target is None:
        return
    place, identity = _resolved(target), _identity(target)
    for package in inputs:
        if package is None or (kind := _kind(package)) is None:
            continue
        root = _resolved(package)
        if kind == "folder":
            hit = place == root or place.is_relative_to(root) or (identity is not None and identity in _files(package))
        else:
            hit = place == root or identity == _identity(package)
        if hit:
            raise CannotLint(f"{shown(target)}: the {what} would be written into the package {shown(package)}; choose a path outside it")


def check_writable(target: Path | None, what: str) -> None:
    """CannotLint now, rather than after the check, when `target` certainly cannot be written."""
    if target is None:
        return
    try:
        info = target.stat()
    except FileNotFoundError:
        folder = target.absolute().parent
        if not folder.is_dir():
            raise CannotLint(f"{shown(target)}: cannot write the {what}: the folder {shown(folder)} does not exist") from None
        if not os.access(folder, os.W_OK):
            raise CannotLint(f"{shown(target)}: cannot write the {what}: the folder {shown(folder)} is not writable") from None
        return
    except OSError as error:
        raise write_failed(target, what, error) from None
    if stat.S_ISDIR(info.st_mode):
        raise CannotLint(f"{shown(target)}: cannot write the {what}: it is a folder; name a file")
    if not os.access(target, os.W_OK):
        raise CannotLint(f"{shown(target)}: cannot write the {what}: the file is read-only")


def write_text(target: Path, text: str | Iterable[str], what: str, *, append: bool = False, newline: str | None = None) -> None:
    """Write (or append) `text`, whole or in pieces, as UTF-8, or CannotLint saying in one line why it failed."""
    try:
        with open(target, "a" if append else "w", encoding="utf-8", newline=newline) as out:
            out.writelines([text] if isinstance(text, str) else text)
    except OSError as error:
        raise write_failed(target, what, error) from None


def write_failed(target: str | Path, what: str, error: OSError) -> CannotLint:
    """The one line that says why a write of `target` failed."""
    reasons: dict[int | None, str] = {
        errno.ENOENT: f"the folder {shown(Path(target).absolute().parent)} does not exist", errno.EISDIR: "it is a folder; name a file",
        errno.EACCES: "permission denied", errno.EROFS: "the file system is read-only", errno.ENOSPC: "no space left on the device"}
    why = reasons.get(error.errno, error.strerror or str(error))
    return CannotLint(f"{shown(target)}: cannot write the {what}: {why}")


def _kind(path: Path) -> str | None:
    try:
        return "folder" if stat.S_ISDIR(path.stat().st_mode) else "file"
    except OSError:
        return None  # missing or unreadable: nothing there to overwrite (the reader reports it)


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # a link that loops: compare the name as given
        return path.absolute()


def _identity(path: Path) -> tuple[int, int] | None:
    """(device, inode) of the file `path` names, through links; None when there is none."""
    try:
        info = path.stat()
    except (OSError, RuntimeError):
        return None
    return info.st_dev, info.st_ino


def _files(folder: Path) -> Iterator[tuple[int, int]]:
    """The identity of every entry under `folder`, and of what its links point to."""
    for parent, folders, files in os.walk(folder):
        for name in folders + files:
            identity = _identity(Path(parent) / name)
            if identity is not None:
                yield identity
