"""The JSON report: a stable contract that CI and other tools build on (see README).

json escapes quotes and controls itself; `escape.json_document` only makes the bytes of a name
that is not UTF-8 visible (\\xff), so the document is always valid UTF-8, and keeps a CI log from
reading a command in it; clean documents are unchanged."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import polars as pl

from linter.findings import Finding, Report, Severity
from linter.report.escape import LEGACY, json_document
from linter.report.slices import pieces

FIELDS = ("code", "severity", "message", "file", "row", "field", "hint")  # every finding's keys; "value" with show_values


def finding_dict(finding: Finding, show_values: bool = False) -> dict[str, Any]:
    entry = {
        "code": finding.code,
        "severity": finding.severity.value,
        "message": finding.message,
        "file": finding.file,
        "row": finding.row,
        "field": finding.field,
        "hint": finding.hint,
    }
    if show_values:
        entry["value"] = finding.value
    return entry


def summary(report: Report) -> dict[str, Any]:
    return {
        "errors": report.count(Severity.ERROR),
        "warnings": report.count(Severity.WARNING),
        "info": report.count(Severity.INFO),
        "files": len(report.files),
        "rows": report.rows,
    }


def render(report: Report, *, show_values: bool = False, **_: object) -> str:
    return "".join(stream(report, show_values=show_values))


def stream(report: Report, *, show_values: bool = False, **_: object) -> Iterator[str]:
    """The document in pieces, exactly as json.dumps(indent=2) writes the whole: each slice of
    findings is written by polars as one column of text, so memory for the output does not grow
    with the number of findings and no Python code runs per finding."""
    if report.table.is_empty():
        yield '{\n  "findings": [],\n'
    else:
        yield '{\n  "findings": [\n'
        entry = _entry(show_values)
        for i, piece in enumerate(_pieces(report, entry, show_values)):
            if i:
                yield ",\n"
            yield piece
        yield "\n  ],\n"
    yield f'  "summary": {_indented(json.dumps(summary(report), indent=2), 2).lstrip()}\n}}\n'


SLICE = 65_536  # findings rendered by polars at a time (tens of megabytes, outside Python)
RARE_CONTROL = "[\x00-\x07\x0b\x0e-\x1f]"  # controls json writes as \u00XX; the others have short escapes
ESCAPES = (("\\", "\\\\"), ('"', '\\"'), ("\n", "\\n"), ("\r", "\\r"), ("\t", "\\t"), ("\b", "\\b"), ("\f", "\\f"),
           (LEGACY, "##\\u005b"))  # as json.dumps(ensure_ascii=False) escapes, then json_document's '##['


def _pieces(report: Report, entry: pl.Expr, show_values: bool) -> Iterator[str]:
    """The findings' JSON objects in pieces, joined by ',\\n'."""
    for part in report.table.iter_slices(SLICE):
        written = [key for key in (*FIELDS, *(["value"] if show_values else [])) if key != "row"]
        if part.select(pl.any_horizontal(pl.col(written).str.contains(RARE_CONTROL)).any()).item():
            yield from pieces((_entry_of(finding, show_values) for finding in report.each(part)), ",\n")  # json's own \u00XX
            continue
        yield from pieces(part.select(entry).to_series(), ",\n")


def _entry(show_values: bool) -> pl.Expr:
    """One finding's indented JSON object, as a polars expression over the frame's columns."""
    keys = [*FIELDS, *(["value"] if show_values else [])]
    parts: list[pl.Expr | str] = ["    {\n"]
    for i, key in enumerate(keys):
        parts += [f'      "{key}": ', _json_value(key), ",\n" if i < len(keys) - 1 else "\n"]
    parts.append("    }")
    return pl.concat_str([pl.lit(part) if isinstance(part, str) else part for part in parts]).alias("entry")


def _json_value(column: str) -> pl.Expr:
    value = pl.col(column)
    if column == "row":
        return value.cast(pl.String).fill_null("null")
    for raw, escaped in ESCAPES:
        value = value.str.replace_all(raw, escaped, literal=True)
    return pl.concat_str(pl.lit('"'), value, pl.lit('"')).fill_null("null")


def _entry_of(finding: Finding, show_values: bool) -> str:
    return json_document(_indented(json.dumps(finding_dict(finding, show_values), ensure_ascii=False, indent=2), 4))


def _indented(text: str, spaces: int) -> str:
    pad = " " * spaces
    return pad + text.replace("\n", "\n" + pad)
