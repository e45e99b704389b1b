"""The last upload actually sent, kept in the state folder without readable personal data.

`oneroster-lint record PACKAGE` stores each file of the package as Parquet under
`<state>/last-upload/`, with every value that could identify a person (names, emails,
usernames, birth dates, ids of people) replaced by a keyed BLAKE2b hash. The key is random per
state folder and stored in its SQLite file, so the same value hashes the same way in the next
run, and `diff CURRENT` compares the next upload, protected the same way, with it: counts,
school statuses and re-keyed records come out as before, while the folder holds nothing to read.
Institutions (orgs, classes, courses, sessions; class and course titles are hashed, they often
name a teacher), vocabularies, booleans, grades and the dates of enrollments and sessions are
kept as they are: the year-end questions are about them.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import shutil
from pathlib import Path

import polars as pl

from linter.engine.context import Context
from linter.engine.csvfile import ROW
from linter.schemas import SchemaPackage, TableSpec, load
from linter.yearend.snapshot import Snapshot
from linter.yearend.state import StateError, meta, set_meta, state_file

FOLDER = "last-upload"
# Every value of these files describes one person (sex, race, place of birth): all are hashed.
ABOUT_ONE_PERSON = ("demographics.csv",)
# Free text of institution files that often names a teacher ("Grade 3 Homeroom - Dubois").
NAMES_A_TEACHER = ("title", "location")


def record_upload(snapshot: Snapshot, folder: str | Path | None, source: str) -> Path:
    """Keep `snapshot` as the last upload sent; returns the folder it is kept in."""
    key = _key(folder)
    target = state_file(folder).parent / FOLDER
    staging = target.with_name(FOLDER + ".new")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    protected = protect(snapshot.ctx, key)
    for file, frame in protected.tables.items():
        frame.write_parquet(staging / f"{file}.parquet")
    (staging / "upload.json").write_text(json.dumps({"version": snapshot.ctx.version, "modes": snapshot.ctx.modes, "source": Path(source).name}), encoding="utf-8")
    shutil.rmtree(target, ignore_errors=True)
    staging.rename(target)  # the old record is replaced only once the new one is complete
    return target


def last_upload(folder: str | Path | None) -> tuple[Snapshot, bytes]:
    """The recorded upload and the key its values were hashed with."""
    target = state_file(folder).parent / FOLDER
    described = target / "upload.json"
    key = meta(folder, "hash-key")
    if not described.is_file() or key is None:
        raise StateError(f"{state_file(folder).parent}: no upload recorded yet; run 'oneroster-lint record LAST_UPLOAD' once, then after every upload you send")
    info = json.loads(described.read_text(encoding="utf-8"))
    ctx = Context(version=info["version"], schema=load(info["version"]), modes=dict(info["modes"]))
    for path in sorted(target.glob("*.csv.parquet")):
        ctx.tables[path.name.removesuffix(".parquet")] = pl.read_parquet(path)
    return Snapshot(ctx), bytes.fromhex(key)


def protect(ctx: Context, key: bytes) -> Context:
    """The same tables with every personal value replaced by its keyed hash."""
    safe = Context(version=ctx.version, schema=ctx.schema, modes=dict(ctx.modes), damaged=set(ctx.damaged))
    for file, frame in ctx.tables.items():
        table = ctx.schema.tables.get(file)
        columns = [c for c in frame.columns if table is not None and _personal(ctx.schema, table, c)]
        safe.tables[file] = frame.with_columns(_hashed(frame, column, key) for column in columns) if columns else frame
    return safe


def _personal(schema: SchemaPackage, table: TableSpec, column: str) -> bool:
    """Could the column identify a person? Everything in a file about people is, except what
    the year-end questions need and no one can be found by: vocabularies, booleans, grades,
    the dates of enrollments and sessions, and references to institutions."""
    if column in (ROW, "status", "dateLastModified"):
        return False
    if table.file in ABOUT_ONE_PERSON:
        return True
    if table.public_ids:
        return column in NAMES_A_TEACHER and table.file != "academicSessions.csv"
    if column == "grades":
        return False
    spec = table.field(column)
    if spec is None:
        return True  # an extension column: anything may be in it
    # A date outside demographics (birthDate, hashed above) dates an enrollment, a session, a score: no one is found by it.
    if spec.enum is not None or spec.item_enum is not None or spec.type in ("boolean", "date"):
        return False
    target = schema.tables.get(spec.reference.file) if spec.reference else None
    return not (target is not None and target.public_ids)


def _hashed(frame: pl.DataFrame, column: str, key: bytes) -> pl.Expr:
    """Each distinct value hashed once (a column of two million enrollments has two million ids,
    a column of names far fewer); lists hash item by item, so a reference still matches."""
    distinct = frame.get_column(column).unique().to_list()
    digests = {value: ",".join(_digest(item, key) if item else "" for item in value.split(",")) for value in distinct if value}
    return pl.col(column).replace_strict(list(digests), list(digests.values()), default=pl.col(column), return_dtype=pl.String)


def _digest(value: str, key: bytes) -> str:
    return hashlib.blake2b(value.strip().encode("utf-8"), key=key, digest_size=12).hexdigest()


def _key(folder: str | Path | None) -> bytes:
    key = meta(folder, "hash-key")
    if key is None:
        key = secrets.token_hex(32)
        set_meta(folder, "hash-key", key)
    return bytes.fromhex(key)
