"""Text that is UTF-8 everywhere: Python gives a file name's bytes that are not UTF-8 as lone
surrogates, which no report (and no polars frame) can hold."""

from __future__ import annotations

import re

SURROGATE = re.compile("[\\ud800-\\udfff]")


def byte_text(match: re.Match[str]) -> str:
    point = ord(match.group())
    # U+DC80..U+DCFF is surrogateescape's stand-in for the byte 0x80..0xFF: show the byte itself.
    return f"\\x{point - 0xDC00:02x}" if 0xDC80 <= point <= 0xDCFF else f"\\u{point:04x}"


def printable(text: str | None) -> str:
    """The text, encodable as UTF-8: each lone surrogate shown as the byte (or code) it stands for.
    An empty cell (None) is shown as nothing."""
    if not text:
        return ""
    return text if text.isascii() or not SURROGATE.search(text) else SURROGATE.sub(byte_text, text)
