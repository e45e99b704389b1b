"""Reports that list every finding are written in pieces: the memory for the output does not
grow with the number of findings, and the pieces make exactly the document `render` returns."""

from __future__ import annotations

import tracemalloc

import pytest

from linter.findings import Finding, Report, Severity
from linter.report import FORMATS, STREAMS, stream

MANY = 50_000


def many_findings(count: int) -> Report:
    findings = [Finding("S003", Severity.ERROR, "role is not one of the allowed values", "enrollments.csv", row, "role",
                        "did you mean student?", "Student") for row in range(2, count + 2)]
    return Report(findings, "1.1", {"enrollments.csv": count})


@pytest.mark.parametrize("output_format", sorted(STREAMS))
def test_the_pieces_make_the_rendered_document(output_format):
    for report in (many_findings(3), many_findings(0)):
        options = {"show_values": True, "origin": "exports/district"}
        assert "".join(stream(output_format)(report, **options)) == FORMATS[output_format](report, **options)


@pytest.mark.parametrize("output_format", sorted(STREAMS))
def test_writing_holds_a_piece_not_the_document(output_format):
    report = many_findings(MANY)
    tracemalloc.start()
    try:
        written = sum(len(piece) for piece in stream(output_format)(report, show_values=True, origin="exports/district"))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert written > 100 * MANY and peak < written / 10, (written, peak)
