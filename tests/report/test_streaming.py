"""Reports that list every finding are written in pieces: the memory for the output does not
grow with the number of findings, and the pieces make exactly the document `render` returns."""

from __future__ import annotations

import functools
import json
import tempfile
import tracemalloc
import xml.etree.ElementTree as ET
from contextlib import contextmanager
from pathlib import Path

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from linter.findings import Finding, Report, Severity
from linter.report import FORMATS, STREAMS, csv_report, github, json_report, junit, sarif, slices, stream
from linter.report.escape import PLAIN, csv_cell, json_document, visible, xml_document, xml_text
from linter.report.locate import artifacts

MANY = 50_000


def many_findings(count: int) -> Report:
    findings = [Finding("S003", Severity.ERROR, "role is not one of the allowed values", "enrollments.csv", row, "role",
                        "did you mean student?", "Student") for row in range(2, count + 2)]
    return Report(findings, "1.1", {"enrollments.csv": count})


def mixed_findings(count: int) -> Report:
    """Findings whose text is plain (written by polars) or holds a control character (written
    one at a time), alternating in runs of three, so that slices of two meet both kinds."""
    findings = [Finding("S003", Severity.ERROR, "role is not one of the allowed values" + ("\x1b[2J" if (row // 3) % 2 else ""),
                        "enrollments.csv", row, "role", "did you mean student?", "Student\u202e" if row % 5 == 0 else "Student")
                for row in range(2, count + 2)]
    return Report(findings, "1.1", {"enrollments.csv": count})


SLICED = {"json": json_report, "csv": csv_report, "github": github, "junit": junit, "sarif": sarif}


@pytest.mark.parametrize("output_format", sorted(STREAMS))
def test_the_document_is_the_same_whatever_the_slices_and_pieces(output_format, monkeypatch):
    """Written in slices of two findings and pieces of one, every join between slices, between
    pieces and between the two writers shows; the document must not change."""
    assert set(SLICED) == set(STREAMS)
    options = {"show_values": True, "origin": "exports/district"}
    for report in (mixed_findings(23), many_findings(3), many_findings(0)):
        whole = FORMATS[output_format](report, **options)
        with monkeypatch.context() as small:
            small.setattr(SLICED[output_format], "SLICE", 2)
            small.setattr(slices, "PIECE", 1)
            pieces = list(stream(output_format)(report, **options))
        assert "".join(pieces) == whole
        assert len(report.findings) < 4 or len(pieces) > 4  # the small slices were really used


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


def findings_of(text, *, codes=("S003",), files=("users.csv",), fields=("role",), rows=st.integers(1, 10**9), severity=Severity.WARNING):
    """Lists of findings whose message, hint and value are drawn from `text`, for holding a
    format's polars writer to the writer that goes one finding at a time."""
    return st.lists(st.builds(Finding, st.sampled_from(codes), st.just(severity), text, st.sampled_from(files), st.one_of(st.none(), rows),
                              st.sampled_from(fields), st.one_of(st.none(), text), st.one_of(st.none(), text)), min_size=1, max_size=6)


@functools.cache
def _is_plain(char: str) -> bool:
    """Asked of polars, whose pattern the writers use (Python's re has no \\p{...})."""
    return bool(pl.Series([char]).str.contains(PLAIN).item())


def _plain_only(text: str) -> str:
    return "".join(char for char in text if _is_plain(char))


def both_paths(text, **kwargs):
    """Findings of `text` half the time, and half the time of `text` kept to plain characters,
    so the polars writer (plain slices) is tested as often as the per-finding one it falls back to."""
    return st.one_of(findings_of(text.map(_plain_only), **kwargs), findings_of(text, **kwargs))


@contextmanager
def package_origin(zipped: bool):
    """A folder's origin, or a zip's (every location is then the zip at line 1, its member named beside it)."""
    with tempfile.TemporaryDirectory() as folder:
        if not zipped:
            yield "exports/district"
            return
        zip_path = Path(folder) / "district.zip"
        zip_path.write_bytes(b"PK")
        yield str(zip_path)


# Every character class the JSON writer treats differently: quotes, backslashes, the controls
# with short escapes, the rare ones json writes as \u00XX, '##[', non-ASCII and astral text.
TRICKY = st.text(st.sampled_from(['"', "\\", "\n", "\r", "\t", "\b", "\f", "\x01", "\x1f", "\x7f", "#", "[", "é", "\u2028", "😀", "a", ","]),
                 max_size=12)


@settings(max_examples=200, deadline=None)
@given(both_paths(TRICKY))
def test_the_columnar_json_is_what_json_dumps_writes(findings):
    report = Report(findings, "1.1", {"users.csv": 3})
    for show_values in (False, True):
        document = json_report.render(report, show_values=show_values)
        by_json = [json_report.finding_dict(f, show_values) for f in findings]
        assert json.loads(document)["findings"] == json.loads(json.dumps(by_json).replace("##[", "##\\u005b"))
        written_by_json = ",\n".join(json_report._entry_of(f, show_values) for f in findings)
        assert written_by_json in document


def test_the_text_report_groups_repeats_without_one_object_per_finding():
    report = many_findings(MANY)
    text_report = FORMATS["text"](report, show_values=True)
    assert "50,000 rows (2, 3, 4, 5, 6, … 49,995 more) with the same value: role is not one of the allowed values [value: 'Student']" in text_report
    assert text_report.count("S003") == 1


CSV_TRICKY = st.text(st.sampled_from([",", '"', "=", "+", "-", "@", ":", " ", "#", "[", "é", "\u200b", "\u00a0", "\n", "\t", "a", "1"]),
                     max_size=10)


@settings(max_examples=300, deadline=None)
@given(both_paths(CSV_TRICKY, fields=(None, "", "role", "=x,y")))
def test_the_columnar_csv_is_what_the_csv_module_writes(findings):
    report = Report(findings, "1.1", {"users.csv": 3})
    for show_values in (False, True):
        record = csv_report._Records()
        expected = record([*csv_report.COLUMNS, *(["value"] if show_values else [])]) + "".join(
            record([csv_cell(c) for c in [f.file, f.row, f.field, f.code, f.severity.value, f.message, f.hint, *([f.value] if show_values else [])]])
            for f in findings)
        assert csv_report.render(report, show_values=show_values) == expected


@settings(max_examples=150, deadline=None)
@given(both_paths(CSV_TRICKY, codes=("S003", "P009", "R107"), files=(None, "users.csv", "a[1].csv"), fields=(None, "", "role", "ro[le"),
                   rows=st.integers(1, 3)),
       st.booleans())
def test_the_columnar_sarif_is_what_the_per_finding_writer_writes(findings, zipped):
    with package_origin(zipped) as origin:
        report = Report(findings, "1.1", {"users.csv": 3})
        index = {code: i for i, code in enumerate(sorted({f.code for f in findings}))}  # the rules that fired, in code order
        locate, previous, count, lines = artifacts(origin), None, 0, []
        for f in findings:
            artifact = locate(f.file)
            key = sarif._key(f, *artifact)
            count = count + 1 if key == previous else 1
            previous = key
            lines.append(json_document(" " * 8 + json.dumps(sarif._result(f, artifact, index, True, sarif._digest(key, count)), ensure_ascii=False)))
        document = sarif.render(report, show_values=True, origin=origin)
        assert ",\n".join(lines) in document
        assert len(json.loads(document)["runs"][0]["results"]) == len(findings)


XML_TRICKY = st.text(st.sampled_from(["&", "<", ">", '"', "'", ":", "#", "[", "é", "\u200b", "\n", "\x01", "a", " "]), max_size=10)


@settings(max_examples=200, deadline=None)
@given(both_paths(XML_TRICKY, fields=(None, "", "role"), rows=st.integers(1, 10**6)))
def test_the_columnar_junit_is_what_elementtree_writes(findings):
    report = Report(findings, "1.1", {"users.csv": 3})
    for show_values in (False, True):
        expected = []
        for f in findings:
            failure = junit._element("failure", message=visible(f.message), type=f.code)
            failure.text = xml_text(junit._details(f, show_values))
            expected.append("      " + xml_document(ET.tostring(failure, encoding="unicode")) + "\n")
        assert "".join(expected) in junit.render(report, show_values=show_values)


@settings(max_examples=200, deadline=None)
@given(both_paths(CSV_TRICKY, files=(None, "users.csv", "a,b%.csv"), fields=(None, "", "role"), rows=st.integers(1, 10**6), severity=Severity.ERROR),
       st.booleans())
def test_the_columnar_github_annotations_are_what_the_per_finding_writer_writes(findings, zipped):
    with package_origin(zipped) as origin:
        report = Report(findings, "1.1", {"users.csv": 3})
        locate = artifacts(origin)
        for show_values in (False, True):
            expected = "".join(github._command(f, locate(f.file), show_values) + "\n" for f in findings)
            assert github.render(report, show_values=show_values, origin=origin) == expected
