"""Reading the package for fix, and writing the repaired copy.

The package is read through the same reader as `check` (linter.source), never written. The
copy is written to a temporary sibling of NEW and moved into place only when it is complete,
so a failed run leaves no half package; an existing NEW is replaced only with --force, and only
once the new copy is ready.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import zipfile
from pathlib import Path

import polars as pl

from linter.engine import load_package
from linter.engine.container import container_findings
from linter.engine.csvfile import ROW, parse
from linter.engine.header import looks_like_data, map_header
from linter.engine.manifest import MANIFEST, restore_header
from linter.fix.work import CLEAN_PARSE, FileWork, Work
from linter.paths import check_writable, refuse_inputs, shown, write_failed
from linter.schemas import TableSpec
from linter.source import CannotLint, Limits, RawPackage, read_package

RFC4180_SPECIAL = (",", '"', "\n", "\r")


def load_work(path: Path, version: str, limits: Limits) -> Work:
    raw = read_package(path, limits)
    if raw.unreadable:
        names = ", ".join(sorted(raw.unreadable))
        raise CannotLint(f"{shown(path)}: {names} cannot be read; fix repairs only a package it can read whole ('oneroster-lint check' says why)")
    originals = dict(raw.files)
    ctx, findings = load_package(RawPackage(raw.origin, dict(raw.files), set(), list(raw.notices)), version=version, checks=False)
    work = Work(ctx, {}, version, container=container_findings(raw.notices), loaded=findings)
    for name, data in originals.items():
        work.files[name] = _file_work(name, data, ctx.schema.tables.get(name))
    return work


def _file_work(name: str, data: bytes, table: TableSpec | None) -> FileWork:
    parsed = parse(name, data)
    if name == MANIFEST:
        parsed, _ = restore_header(parsed)
    if table is None or not parsed.header or looks_like_data(table, parsed.header):
        return FileWork(name, data, None, table, {}, pl.DataFrame(), list(parsed.header))  # copied as it is
    mapping, _ = map_header(table, parsed.header)
    frame = parsed.frame.select(ROW, *(pl.col(f"c{position}").alias(field) for position, field in mapping.items()))
    damage = sorted({f.code for f in parsed.findings if f.code not in CLEAN_PARSE})
    blocked = None
    if damage or not parsed.complete:
        blocked = (f"{name} has rows that cannot be read exactly as written ({', '.join(damage) or 'it was read only in part'}), "
                   "so fix does not rewrite it; repair those rows, then run fix again")
    return FileWork(name, data, parsed, table, mapping, frame, list(parsed.header), blocked=blocked)


def serialise(file: FileWork) -> bytes:
    """The file's bytes in the repaired copy: the original bytes unless a repair changed it."""
    data = file.raw
    if file.changed and not file.blocked:
        return _write_csv(file)
    if file.strip_bom and data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if file.line_ending is not None:  # a file fix cannot rewrite, without quotes: only its line breaks change
        data = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n").replace(b"\n", file.line_ending.encode())
    return data


def _write_csv(file: FileWork) -> bytes:
    """RFC 4180: a cell is quoted only when it holds a comma, a quote or a line break, quotes
    inside doubled; the columns in their order; every cell fix did not repair as it was read."""
    ending = file.line_ending or ("\r\n" if b"\r\n" in file.raw else "\n")
    width = len(file.labels)
    positional = file.parsed.frame if file.parsed is not None else pl.DataFrame()
    columns = []
    for position in range(width):
        source = file.frame.get_column(file.mapping[position]) if position in file.mapping else positional.get_column(f"c{position}")
        columns.append(source.alias(f"c{position}"))
    body = pl.DataFrame(columns) if columns else pl.DataFrame()
    body = body.with_columns(pl.when(pl.col(c) == "").then(None).otherwise(pl.col(c)).alias(c) for c in body.columns)
    header = ",".join(quote(label) for label in file.labels) + ending
    rows = body.write_csv(include_header=False, quote_style="necessary", line_terminator=ending) if body.height else ""
    return (header + rows).encode("utf-8")


def quote(cell: str) -> str:
    return f'"{cell.replace(chr(34), chr(34) * 2)}"' if any(c in cell for c in RFC4180_SPECIAL) else cell


def check_target(package: Path, target: Path, force: bool, dry_run: bool) -> None:
    """NEW is never the input nor inside it (nor does it hold the input: --force would delete it),
    and an existing NEW is replaced only with --force."""
    refuse_inputs(target, (package,), "repaired package")
    try:
        if package.resolve().is_relative_to(target.resolve()):
            raise CannotLint(f"{shown(target)}: the package {shown(package)} lies inside it; choose a path outside the package")
    except (OSError, RuntimeError):
        pass
    if dry_run:
        return
    if target.exists() or target.is_symlink():
        if not force:
            raise CannotLint(f"{shown(target)} already exists; choose a new name, or add --force to replace it")
        parent = target.absolute().parent
        if not os.access(parent, os.W_OK):
            raise CannotLint(f"{shown(target)}: cannot write the repaired package: the folder {shown(parent)} is not writable")
        return
    check_writable(target, "repaired package")


def is_zip(target: Path) -> bool:
    return target.name.lower().endswith(".zip")


def write_package(files: dict[str, bytes], target: Path, force: bool) -> None:
    """Write the files to a temporary sibling of `target`, then move it into place."""
    parent = target.absolute().parent
    temporary: Path | None = None
    try:
        if is_zip(target):
            handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".partial", dir=parent)
            temporary = Path(name)
            with os.fdopen(handle, "wb") as out, zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
                for file, data in files.items():
                    archive.writestr(file, data)
            os.chmod(temporary, 0o666 & ~_umask())
        else:
            temporary = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".partial", dir=parent))
            os.chmod(temporary, 0o777 & ~_umask())
            for file, data in files.items():
                (temporary / file).write_bytes(data)
    except OSError as error:
        _discard(temporary)
        raise write_failed(target, "repaired package", error) from None
    _move_into_place(temporary, target, force)


def _move_into_place(temporary: Path, target: Path, force: bool) -> None:
    old = None
    try:
        if force and (target.exists() or target.is_symlink()):
            old = target.with_name(f".{target.name}.replaced-{os.getpid()}")
            os.rename(target, old)
        os.rename(temporary, target)
    except OSError as error:
        if old is not None and not target.exists():
            os.rename(old, target)  # put the old one back
            old = None
        _discard(temporary)
        raise write_failed(target, "repaired package", error) from None
    _discard(old)


def _discard(path: Path | None) -> None:
    if path is None:
        return
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
