"""Decompressing one zip member in bounded steps, counting the bytes it really produces.

`zipfile` trusts what a member declares and, for bzip2 and LZMA, inflates a whole chunk of
compressed input at once, so a member that declares 1,000 bytes can fill gigabytes before
anything is checked. Here the compressed bytes are read from the archive READ_STEP at a time,
each decompressor is asked for at most OUTPUT_STEP bytes per call, and a `Budget` shared by
all the members of one zip sees every step: it refuses the zip as soon as the bytes produced
pass a cap (`OverCap`). A member stops one byte past the size it declares, so what it holds in
memory is its declared size plus one step, whatever its data says.
"""

from __future__ import annotations

import bz2
import io
import lzma
import struct
import zlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, BinaryIO, Protocol

from linter.source.limits import Limits
from linter.units import size_text

if TYPE_CHECKING:
    import zipfile

READ_STEP = 16 * 1024  # compressed bytes read at a time; bzip2 and LZMA count them as used at once (200 times this is 3 MiB)
OUTPUT_STEP = 1024**2  # bytes asked of a decompressor at a time: the most a cap is overshot by
LOCAL_HEADER = struct.Struct("<4s22x2H")  # signature, then the name and extra-field lengths at offset 26

# Methods of the zip specification (APPNOTE 4.4.5), to name the one a member uses.
METHOD_NAMES = {
    0: "no compression", 1: "Shrink", 2: "Reduce", 3: "Reduce", 4: "Reduce", 5: "Reduce", 6: "Implode",
    8: "Deflate", 9: "Deflate64", 10: "PKWARE DCL Implode", 12: "bzip2", 14: "LZMA", 16: "IBM z/OS CMPSC",
    18: "IBM TERSE", 19: "IBM LZ77", 20: "Zstandard", 93: "Zstandard", 94: "MP3", 95: "XZ", 96: "JPEG",
    97: "WavPack", 98: "PPMd", 99: "WinZip AES encryption",
}


class OverCap(Exception):
    """The zip as a whole is past a cap: nothing is checked (the caller raises CannotLint)."""


class Damaged(Exception):
    """This member cannot be read; the message says why, in words for the report."""


class Unsupported(Damaged):
    """The member uses a compression method the linter does not read."""

    def __init__(self, method: int) -> None:
        name = METHOD_NAMES.get(method)
        self.method_name = name or f"method {method}"
        described = f"{name} (zip method {method})" if name else f"zip method {method}, which the zip specification does not define"
        super().__init__(f"it is compressed with {described}; the linter and most OneRoster consumers cannot read it")


@dataclass
class Budget:
    """What all the members of one zip have produced and consumed so far, against the caps."""

    limits: Limits
    produced: int = 0  # bytes decompressed, all members together
    consumed: int = 0  # compressed bytes read to produce them
    declared: int = 0  # bytes the members admitted so far declare

    def admit(self, name: str, declared: int, compressed: int) -> None:
        """Refuse before decompressing a member when the sizes declared so far already break a cap."""
        self.declared += declared
        self._check(name, max(self.declared, self.produced + declared), self.consumed + compressed, "would bring")

    def produce(self, name: str, count: int, unused: int = 0) -> None:
        """Count `count` bytes produced; `unused` of the compressed bytes read are not used yet."""
        self.produced += count
        self._check(name, self.produced, self.consumed - unused, "brought")

    def _check(self, name: str, produced: int, consumed: int, verb: str) -> None:
        limits = self.limits
        if produced > limits.max_total_bytes:
            raise OverCap(f"the CSV files hold more than {size_text(limits.max_total_bytes, exact=True)}, the cap for one package "
                          f"('{name}' {verb} them to {produced:,})")
        if produced > limits.ratio_floor and produced > limits.max_ratio * consumed:
            raise OverCap(f"'{name}' {verb} the CSV files to {produced:,} bytes from {consumed:,} compressed, "
                          f"{produced / max(consumed, 1):,.0f} times, past the cap of {limits.max_ratio} for a zip (a zip bomb?)")


class _Inflater(Protocol):
    @property
    def eof(self) -> bool: ...
    @property
    def needs_input(self) -> bool: ...
    @property
    def unused(self) -> int: ...  # compressed bytes given but not used yet, where the decompressor tells
    def take(self, data: bytes, limit: int) -> bytes: ...


class _Compressed:
    """The member's compressed bytes, read from the archive a step at a time and counted."""

    def __init__(self, file: BinaryIO, member: zipfile.ZipInfo, budget: Budget) -> None:
        file.seek(member.header_offset)
        header = file.read(LOCAL_HEADER.size)
        if len(header) < LOCAL_HEADER.size or not header.startswith(b"PK\x03\x04"):
            raise Damaged("its local header is missing")
        _, name_length, extra_length = LOCAL_HEADER.unpack(header)  # the local header's own lengths, not the directory's
        file.seek(member.header_offset + LOCAL_HEADER.size + name_length + extra_length)
        self.file, self.left, self.budget = file, member.compress_size, budget

    def read(self, size: int) -> bytes:
        data = self.file.read(min(size, self.left))
        self.left -= len(data)
        self.budget.consumed += len(data)
        return data


class _Stored:
    eof = False  # no end marker: the data ends with its compressed size

    def __init__(self) -> None:
        self.tail = b""

    @property
    def needs_input(self) -> bool:
        return not self.tail

    @property
    def unused(self) -> int:
        return len(self.tail)

    def take(self, data: bytes, limit: int) -> bytes:
        data = self.tail or data
        self.tail = data[limit:]
        return data[:limit]


class _Deflate:
    def __init__(self) -> None:
        self.decompressor = zlib.decompressobj(-15)  # raw deflate, no zlib header
        self.full = False

    @property
    def eof(self) -> bool:
        return self.decompressor.eof

    @property
    def needs_input(self) -> bool:  # a full step may leave output pending even with no input left
        return not self.decompressor.unconsumed_tail and not self.full

    @property
    def unused(self) -> int:
        return len(self.decompressor.unconsumed_tail)

    def take(self, data: bytes, limit: int) -> bytes:
        out = self.decompressor.decompress(self.decompressor.unconsumed_tail or data, limit)
        self.full = len(out) == limit
        return out


class _Stream:
    """bz2 and lzma decompressors: they keep unread input themselves and say when they need more."""

    def __init__(self, decompressor: bz2.BZ2Decompressor | lzma.LZMADecompressor) -> None:
        self.decompressor = decompressor

    @property
    def eof(self) -> bool:
        return self.decompressor.eof

    @property
    def needs_input(self) -> bool:
        return self.decompressor.needs_input

    unused = 0  # they keep what they have not used to themselves: counted as used, at most READ_STEP early

    def take(self, data: bytes, limit: int) -> bytes:
        return self.decompressor.decompress(data, limit)


def _lzma(compressed: _Compressed, declared: int) -> _Stream:
    """Zip's LZMA: a 2-byte version, a 2-byte size of the properties, the properties, then a raw
    LZMA1 stream. The dictionary is allocated at its declared size (up to 4 GiB), but an honest
    member never looks back further than its own length, so it is clipped to that."""
    head = compressed.read(4)
    props = compressed.read(int.from_bytes(head[2:4], "little")) if len(head) == 4 else b""
    try:
        lzma1 = lzma._decode_filter_properties(lzma.FILTER_LZMA1, props)  # type: ignore[attr-defined]
    except (lzma.LZMAError, ValueError, TypeError):
        raise Damaged("its LZMA header is damaged") from None
    lzma1["dict_size"] = max(4096, min(lzma1["dict_size"], declared + 1))
    return _Stream(lzma.LZMADecompressor(lzma.FORMAT_RAW, filters=[lzma1]))


def _inflater(member: zipfile.ZipInfo, compressed: _Compressed) -> _Inflater:
    method = member.compress_type
    if method == 0:
        return _Stored()
    if method == 8:
        return _Deflate()
    if method == 12:
        return _Stream(bz2.BZ2Decompressor())
    if method == 14:
        return _lzma(compressed, member.file_size)
    raise Unsupported(method)


def read_member(file: BinaryIO, member: zipfile.ZipInfo, budget: Budget) -> bytes:
    """The member's bytes, checked against the size and CRC-32 its directory entry declares.
    Raises Damaged (a finding for this member) or OverCap (the whole zip is refused)."""
    if member.compress_type not in (0, 8, 12, 14):
        raise Unsupported(member.compress_type)
    budget.admit(member.filename, member.file_size, member.compress_size)
    compressed = _Compressed(file, member, budget)
    try:
        inflater = _inflater(member, compressed)
        out, produced, crc, idle = io.BytesIO(), 0, 0, 0  # BytesIO hands its buffer over without a copy
        while not inflater.eof and idle < 2:
            data = compressed.read(READ_STEP) if inflater.needs_input else b""
            if inflater.needs_input and not data:
                break  # the compressed bytes are all read
            chunk = inflater.take(data, min(OUTPUT_STEP, member.file_size - produced + 1))
            idle = 0 if chunk or data else idle + 1
            produced += len(chunk)
            budget.produce(member.filename, len(chunk), inflater.unused)
            if produced > member.file_size:
                raise Damaged(f"it expands past the {member.file_size:,} bytes it declares")
            out.write(chunk)
            crc = zlib.crc32(chunk, crc)
    except (zlib.error, lzma.LZMAError, OSError, EOFError, ValueError) as error:  # bz2 raises OSError on bad data
        raise Damaged(f"its compressed data is damaged ({error})") from None
    if produced < member.file_size:
        raise Damaged(f"its data ends after {produced:,} of the {member.file_size:,} bytes it declares")
    if crc != member.CRC:
        raise Damaged("its CRC-32 check fails: these are not the bytes that were zipped")
    return out.getvalue()
