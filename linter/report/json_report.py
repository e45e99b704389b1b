"""The JSON report: a stable contract that CI and other tools build on (see README).

json escapes quotes and controls itself; `escape.json_document` only makes the bytes of a name
that is not UTF-8 visible (\\xff), so the document is always valid UTF-8, and keeps a CI log from
reading a command in it; clean documents are unchanged."""

from __future__ import annotations

import json
from collections.abc import Iterator

from linter.findings import Finding, Report, Severity
from linter.report.escape import json_document


def finding_dict(finding: Finding, show_values: bool = False) -> dict:
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


def summary(report: Report) -> dict:
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
    """The document in pieces, one finding at a time, exactly as json.dumps(indent=2) writes the
    whole: memory for the output does not grow with the number of findings."""
    if not report.findings:
        yield '{\n  "findings": [],\n'
    else:
        yield '{\n  "findings": [\n'
        for i, finding in enumerate(report.findings):
            entry = json.dumps(finding_dict(finding, show_values), ensure_ascii=False, indent=2)
            yield ("" if i == 0 else ",\n") + json_document(_indented(entry, 4))
        yield "\n  ],\n"
    yield f'  "summary": {_indented(json.dumps(summary(report), indent=2), 2).lstrip()}\n}}\n'


def _indented(text: str, spaces: int) -> str:
    pad = " " * spaces
    return pad + text.replace("\n", "\n" + pad)
