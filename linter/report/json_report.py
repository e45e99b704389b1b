"""The JSON report: a stable contract that CI and other tools build on (see README).

json escapes quotes and controls itself; `escape.json_document` only makes the bytes of a name
that is not UTF-8 visible (\\xff), so the document is always valid UTF-8, and keeps a CI log from
reading a command in it; clean documents are unchanged."""

from __future__ import annotations

import json

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
    document = {"findings": [finding_dict(f, show_values) for f in report.findings], "summary": summary(report)}
    return json_document(json.dumps(document, ensure_ascii=False, indent=2)) + "\n"
