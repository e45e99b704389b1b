"""The minimal valid package that every rule's bad and good examples patch.

Examples are written as edits of these files so they stay short in the rule declarations,
yet each one is a complete file that the docs can show and the tests can lint.
"""

from __future__ import annotations

import csv
import io
from functools import cache
from pathlib import Path

FOLDER = Path(__file__).resolve().parent


def folder(version: str = "1.1") -> Path:
    return FOLDER / f"oneroster-{version}"


@cache
def text(file: str, version: str = "1.1") -> str:
    return (folder(version) / file).read_text(encoding="utf-8")


def header(file: str, version: str = "1.1") -> str:
    return text(file, version).split("\n", 1)[0]


def rows(file: str, *lines: str, version: str = "1.1") -> str:
    """The file with its header and these data lines instead of the baseline's."""
    return "\n".join((header(file, version), *lines)) + "\n"


def edit(file: str, changes: dict[str, dict[str, str]] | None = None, *, drop: tuple[str, ...] = (),
         add: tuple[str, ...] = (), version: str = "1.1") -> str:
    """The baseline file with cells changed ({sourcedId: {column: value}}), rows dropped by
    sourcedId, and raw lines appended."""
    records = list(csv.reader(io.StringIO(text(file, version))))
    columns = records[0]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for record in records[1:]:
        if record[0] in drop:
            continue
        for column, value in (changes or {}).get(record[0], {}).items():
            record[columns.index(column)] = value
        writer.writerow(record)
    return out.getvalue() + "".join(line + "\n" for line in add)
