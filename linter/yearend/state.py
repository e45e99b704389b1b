"""What the district has told the vendor, remembered between runs: which schools it set to
Paused or Frozen, and since when; and (linter.yearend.recorded) the last upload it sent.

The state is one SQLite file (standard library, one writer, readable with any SQLite tool) in
a folder of the district's choosing, `.oneroster-lint/` by default. It holds school ids and
statuses only: school ids are not personal data. Its layout carries a format number, so a
newer linter reads an older state and an older linter refuses a newer one with a clear message.

    meta(key TEXT PRIMARY KEY, value TEXT)            format = 1; hash-key (for recorded uploads)
    school_status(school TEXT PRIMARY KEY, status TEXT, since TEXT, recorded_at TEXT)
    last-upload/<file>.parquet, last-upload/upload.json   the last upload sent, personal values hashed
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

STATE_DIR = ".oneroster-lint"
FILE = "state.sqlite3"
FORMAT = 1
STATUSES = ("Paused", "Frozen")


class StateError(Exception):
    """The state cannot be read or written; the message says where and why."""


def state_file(folder: str | Path | None) -> Path:
    return Path(folder or STATE_DIR) / FILE


def school_statuses(folder: str | Path | None) -> dict[str, dict[str, Any]]:
    """{school sourcedId: {"status", "since"}} as recorded; {} when nothing was recorded."""
    path = state_file(folder)
    if not path.is_file():
        return {}
    with closing(_open(path, write=False)) as db:
        return {school: {"status": status, "since": since} for school, status, since in
                db.execute("SELECT school, status, since FROM school_status ORDER BY school")}


def record_school(folder: str | Path | None, school: str, status: str | None, since: date) -> Path:
    """Remember that the district set `school` to `status` (Paused or Frozen) at the vendor, or
    forget it (None: the school is Active again)."""
    path = _writable(folder)
    with closing(_open(path, write=True)) as db, db:
        if status is None:
            db.execute("DELETE FROM school_status WHERE school = ?", (school,))
        else:
            db.execute("INSERT INTO school_status (school, status, since, recorded_at) VALUES (?, ?, ?, ?) "
                       "ON CONFLICT(school) DO UPDATE SET status = excluded.status, since = excluded.since, recorded_at = excluded.recorded_at",
                       (school, status, since.isoformat(), datetime.now(timezone.utc).isoformat(timespec="seconds")))
    return path


def meta(folder: str | Path | None, key: str) -> str | None:
    """A value of the state's meta table (such as the key recorded uploads are hashed with)."""
    path = state_file(folder)
    if not path.is_file():
        return None
    with closing(_open(path, write=False)) as db:
        row = db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return row[0] if row else None


def set_meta(folder: str | Path | None, key: str, value: str) -> None:
    path = _writable(folder)
    with closing(_open(path, write=True)) as db, db:
        db.execute("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", (key, value))


def _writable(folder: str | Path | None) -> Path:
    """The state file, its folder created when it is the first write."""
    path = state_file(folder)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StateError(f"{path.parent}: cannot create the state folder ({error.strerror or error})") from None
    return path


def _open(path: Path, *, write: bool) -> sqlite3.Connection:
    try:
        db = sqlite3.connect(path if write else f"file:{path}?mode=ro", uri=not write)
        if write:
            db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
            db.execute("INSERT OR IGNORE INTO meta (key, value) VALUES ('format', ?)", (str(FORMAT),))
            db.execute("CREATE TABLE IF NOT EXISTS school_status (school TEXT PRIMARY KEY, status TEXT NOT NULL CHECK (status IN ('Paused', 'Frozen')), "
                       "since TEXT NOT NULL, recorded_at TEXT NOT NULL)")
            db.commit()
        row = db.execute("SELECT value FROM meta WHERE key = 'format'").fetchone()
    except sqlite3.Error as error:
        raise StateError(f"{path}: not a readable oneroster-lint state ({error})") from None
    if row is None or not row[0].isdigit():
        raise StateError(f"{path}: not a oneroster-lint state (no format number)")
    if int(row[0]) > FORMAT:
        raise StateError(f"{path}: written by a newer oneroster-lint (state format {row[0]}, this one reads up to {FORMAT}); upgrade oneroster-lint")
    return db
