"""The careful parser (the csv module, for files the fast path cannot prove) reads in chunks:
its Python memory does not grow with the file, and the chunks join into the same frame."""

from __future__ import annotations

import tracemalloc

from linter import baseline
from linter.engine import csvfile

HEADER = baseline.header("enrollments.csv")


def bare_cr_file(rows: int, bad_row: int | None = None) -> bytes:
    """Old-Mac line endings send a file to the careful path; a short row gives a finding."""
    lines = [f"e{i},,,alg1-p1,sch,s{i},student,false,," for i in range(rows)]
    if bad_row is not None:
        lines[bad_row - 2] = "short,row"
    return ("\r".join([HEADER, *lines]) + "\r").encode()


def python_peak(data: bytes) -> int:
    tracemalloc.start()
    try:
        csvfile.parse("enrollments.csv", data)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_python_memory_does_not_grow_with_the_file():
    small, large = python_peak(bare_cr_file(40_000)), python_peak(bare_cr_file(160_000))
    assert large < 1.5 * small, (small, large)


def test_chunks_join_into_the_frame_one_chunk_gives(monkeypatch):
    data = bare_cr_file(25, bad_row=17)
    whole = csvfile.parse("enrollments.csv", data)
    monkeypatch.setattr(csvfile, "CHUNK_ROWS", 4)
    chunked = csvfile.parse("enrollments.csv", data)
    assert chunked.frame.equals(whole.frame) and chunked.findings == whole.findings
    assert {(f.code, f.row) for f in whole.findings} >= {("P103", None), ("P104", 17)}
