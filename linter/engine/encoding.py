"""Which encoding a file that is not UTF-8 most likely has, so P101 can name it and the
careful path can still read the rest of the file.

SIS exports that are not UTF-8 come from a spreadsheet or an old system set to the district's
locale: Windows-1252 in the Americas and Western Europe, Shift-JIS in Japan, GB18030 (GBK) in
China. Each candidate decodes the non-ASCII part of the file and is scored by
how much of what it produces is ordinary text in that script; the best one wins.
"""

from __future__ import annotations

import re
import unicodedata

SAMPLE_BYTES = 256 * 1024  # enough text to judge; the guess never reads a whole large file
LATIN_1 = ("Latin-1 (ISO-8859-1)", "latin-1")  # decodes any bytes: the last resort
# (name shown to the user, Python codec); earlier ones win a tie.
CANDIDATES = (("Windows-1252", "cp1252"), ("Shift-JIS", "shift_jis"), ("GB18030", "gb18030"))
_LATIN_PUNCTUATION = set("‘’“”–—•…€©®°«»¿¡ªº·")
_NON_ASCII_RUN = re.compile(rb"[\x80-\xff]+")


def guess_encoding(raw: bytes) -> tuple[str, str]:
    """(the encoding's usual name, its Python codec) for bytes that are not UTF-8."""
    sample = _sample(raw)
    best, best_score = LATIN_1, 0.0
    for name, codec in CANDIDATES:
        try:
            text = sample.decode(codec)
        except UnicodeDecodeError:
            continue
        score = _plausible(codec, text)
        if score > best_score:
            best, best_score = (name, codec), score
    return best


def _sample(raw: bytes) -> bytes:
    """Up to SAMPLE_BYTES of the lines that hold non-ASCII bytes, whole lines only (a cut in a
    double-byte pair would not decode)."""
    lines = raw[: SAMPLE_BYTES * 4].split(b"\n")
    if len(raw) > SAMPLE_BYTES * 4:
        lines.pop()  # cut by the slice
    kept, size = [], 0
    for line in lines:
        if _NON_ASCII_RUN.search(line):
            kept.append(line)
            size += len(line)
            if size >= SAMPLE_BYTES:
                break
    return b"\n".join(kept)


def _plausible(codec: str, text: str) -> float:
    """The share of the non-ASCII characters that are ordinary text in the codec's script."""
    odd = [(i, ch) for i, ch in enumerate(text) if ord(ch) > 0x7F]
    if not odd:
        return 0.0
    fits = {"cp1252": _latin, "shift_jis": _japanese, "gb18030": _chinese}[codec]
    return sum(1 for i, ch in odd if fits(text, i, ch)) / len(odd)


def _latin(text: str, i: int, ch: str) -> bool:
    """An accented letter next to a plain letter (Renée, Müller), or Latin punctuation. Bytes of
    a double-byte script decoded as Windows-1252 give runs of accented letters instead."""
    if ch in _LATIN_PUNCTUATION:
        return True
    if not (unicodedata.category(ch).startswith("L") and ord(ch) < 0x250):
        return False
    around = text[i - 1: i] + text[i + 1: i + 2]
    return any(c.isascii() and c.isalpha() for c in around)


def _japanese(text: str, i: int, ch: str) -> bool:
    """Kana and kanji; half-width katakana are what Chinese or Korean bytes decode to."""
    return "\u3040" <= ch <= "\u30ff" or ("\u4e00" <= ch <= "\u9fff" and _encodes(ch, "euc_jp")) or ch in "、。「」・ー（）"


def _chinese(text: str, i: int, ch: str) -> bool:
    """Characters of the everyday GB2312 set; Japanese kana bytes decode to rare ones instead."""
    return "\u4e00" <= ch <= "\u9fff" and _encodes(ch, "gb2312") or ch in "，。、“”（）：；"


def _encodes(ch: str, codec: str) -> bool:
    try:
        ch.encode(codec)
        return True
    except UnicodeEncodeError:
        return False
