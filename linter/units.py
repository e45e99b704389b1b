"""Sizes in the units people type and read: `4GiB`, `500MB`, `2g` in, `4 GiB` out.

One function writes a size (`size_text`) for the help, the caps' messages and the docs, so a cap
reads the same everywhere. Units, case-insensitive, a space before them allowed:
- `B` or none: bytes (`1073741824`);
- `KB`, `MB`, `GB`, `TB`: powers of 1000, as disks and networks count;
- `KiB`, `MiB`, `GiB`, `TiB` and the single letters `K`, `M`, `G`, `T`: powers of 1024, as
  memory counts (the letters mean what they mean to `dd` and `java -Xmx`).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import click

DECIMAL = {"kb": 1000, "mb": 1000**2, "gb": 1000**3, "tb": 1000**4}
BINARY = {"kib": 1024, "mib": 1024**2, "gib": 1024**3, "tib": 1024**4}
LETTERS = {"k": 1024, "m": 1024**2, "g": 1024**3, "t": 1024**4}
UNITS = {"": 1, "b": 1, **DECIMAL, **BINARY, **LETTERS}
SHOWN = (("TiB", 1024**4), ("GiB", 1024**3), ("MiB", 1024**2), ("KiB", 1024))  # largest first
SIZE = re.compile(r"\s*(\d+(?:\.\d+)?|\.\d+)\s*([a-z]*)\s*", re.I)
EXAMPLES = "500MB, 4GiB, 2g or 1073741824"


class SizeError(ValueError):
    """A text that is not a size; the message says what a size looks like."""


def parse_size(text: str) -> int:
    """The number of bytes `text` names (rounded down to a whole byte), or SizeError."""
    match = SIZE.fullmatch(text)
    unit = match.group(2).lower() if match else None
    if match is None or unit not in UNITS:
        raise SizeError(f"'{text}' is not a size: give bytes or a number with a unit, e.g. {EXAMPLES}")
    return int(float(match.group(1)) * UNITS[unit]) if "." in match.group(1) else int(match.group(1)) * UNITS[unit]


def size_text(count: int, *, exact: bool = False) -> str:
    """A size in the largest binary unit it fills: '4 GiB', '1.5 MiB', '1,000 bytes'. With
    `exact`, a size in units also gives its bytes: '4 GiB (4,294,967,296 bytes)'."""
    for unit, scale in SHOWN:
        if count >= scale:
            value = count / scale
            shown = f"{count // scale:,} {unit}" if count % scale == 0 else f"{value:,.1f} {unit}"
            return f"{shown} ({count:,} bytes)" if exact else shown
    return f"{count:,} byte{'s' * (count != 1)}"


if TYPE_CHECKING:  # ParamType is generic only in recent clicks (pyproject allows 8.1): subscript it for mypy, never at run time
    _ParamType = click.ParamType[int]
else:
    _ParamType = click.ParamType


class Size(_ParamType):
    """A click option value that is a size of at least one byte."""

    name = "size"

    def get_metavar(self, param: click.Parameter, ctx: click.Context | None = None) -> str:
        return "SIZE"

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None) -> int:
        if isinstance(value, int):
            return value
        try:
            count = parse_size(str(value))
        except SizeError as error:
            self.fail(str(error), param, ctx)
        if count < 1:
            self.fail(f"'{value}' is less than one byte", param, ctx)
        return count
