"""JUnit XML, the test report every CI system displays (GitLab, Jenkins, Azure, CircleCI…).

One <testsuite> per file (named by its path), one <testcase> per rule code found in that
file, one <failure> per finding (type = the code). `tests` counts test cases and `failures`
the test cases that failed, as JUnit readers expect; `errors` and `skipped` are always 0.
A file read without findings gets one passing test case ("no problems found"), and so does a
package without findings, so CI shows what was checked.

Names and messages from the package are made one visible line (`escape.visible`), so a line break
in a name cannot forge a line of the failure text; every attribute and text then passes through
`escape.xml_text`, the guard for what XML 1.0 cannot hold. ElementTree escapes the markup itself;
`escape.xml_document` spells a name's '##[' with a reference, which a CI log would run.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator, Mapping

import polars as pl

from linter.findings import Finding, Report
from linter.report.escape import quoted, visible, xml_document, xml_text
from linter.report.locate import artifacts, place, rule_name
from linter.report.slices import is_plain, pieces

CLEAN = "no problems found"


def render(report: Report, *, show_values: bool = False, origin: str = "", **_: object) -> str:
    return "".join(stream(report, show_values=show_values, origin=origin))


def stream(report: Report, *, show_values: bool = False, origin: str = "", **_: object) -> Iterator[str]:
    """The document in pieces, one failure at a time, laid out as ElementTree indents the whole:
    memory for the output does not grow with the number of findings."""
    suites = _suites(report, origin)
    counts = {name: (len(by_code), sum(1 for files in by_code.values() if files)) for name, by_code in suites.items()}
    tests, failures = (sum(count[i] for count in counts.values()) for i in (0, 1))
    yield "<?xml version='1.0' encoding='utf-8'?>\n"
    yield _open("testsuites", name="oneroster-lint", tests=tests, failures=failures, errors=0, skipped=0) + "\n"
    for name, by_code in suites.items():
        yield "  " + _open("testsuite", name=name, tests=counts[name][0], failures=counts[name][1], errors=0, skipped=0) + "\n"
        for code, files in by_code.items():
            case = {"classname": name, "name": f"{code} {rule_name(code)}" if files else CLEAN}
            if not files:
                yield "    " + _tag("testcase", case) + "\n"
                continue
            yield "    " + _open("testcase", **case) + "\n"
            found = report.table.filter((pl.col("code") == code) & pl.any_horizontal(pl.col("file").eq_missing(f) for f in files))
            yield from _failures(report, found, code, show_values)
            yield "    </testcase>\n"
        yield "  </testsuite>\n"
    yield "</testsuites>\n"


SLICE = 4_096  # failures at a time


def _failures(report: Report, found: pl.DataFrame, code: str, show_values: bool) -> Iterator[str]:
    """The <failure> lines of one test case. Slices of plain text are written by polars string
    expressions, as ElementTree writes them; the others finding by finding."""
    texts = ["message", "field", "hint", *(["value"] if show_values else [])]
    for part in found.iter_slices(SLICE):
        if not is_plain(part, texts):
            for finding in report.each(part):
                failure = _element("failure", message=visible(finding.message), type=code)
                failure.text = xml_text(_details(finding, show_values))
                yield "      " + xml_document(ET.tostring(failure, encoding="unicode")) + "\n"
            continue
        yield from pieces(part.select(_failure_line(code, show_values)).to_series())


def _xml(text: pl.Expr, attribute: bool = False) -> pl.Expr:
    """Plain text escaped as ElementTree escapes text (or an attribute), then '##[' as xml_document spells it."""
    text = text.str.replace_all("&", "&amp;", literal=True).str.replace_all("<", "&lt;", literal=True).str.replace_all(">", "&gt;", literal=True)
    if attribute:
        text = text.str.replace_all('"', "&quot;", literal=True)
    return text.str.replace_all("##[", "##&#91;", literal=True)


def _failure_line(code: str, show_values: bool) -> pl.Expr:
    """One <failure> of plain text, as ET.tostring writes `_details` in it."""
    row, field, hint = pl.col("row"), pl.col("field"), pl.col("hint")
    where = pl.concat_str([pl.lit("row ") + row.cast(pl.String), pl.when(field != "").then(field)], separator=", ", ignore_nulls=True)
    lines = [pl.col("severity") + pl.lit(": ") + pl.col("message"),
             pl.when(where != "").then(pl.lit("at ") + where),
             pl.when(hint != "").then(pl.lit("fix: ") + hint)]
    if show_values:  # as quoted() shows a value: escaped like a name in a line of text
        shown = pl.col("value").str.replace_all("::", ":\\x3a", literal=True).str.replace_all("##[", "##\\x5b", literal=True)
        lines.append(pl.lit("value: '") + shown + pl.lit("'"))
    details = pl.concat_str(lines, separator="\n", ignore_nulls=True)
    return pl.concat_str([pl.lit('      <failure message="'), _xml(pl.col("message"), attribute=True), pl.lit(f'" type="{code}">'),
                          _xml(details), pl.lit("</failure>\n")])


def _open(tag: str, **attributes: object) -> str:
    """The start tag of an element whose children follow, escaped as ElementTree escapes it."""
    return _tag(tag, attributes).removesuffix(" />") + ">"


def _tag(tag: str, attributes: Mapping[str, object]) -> str:
    return xml_document(ET.tostring(_element(tag, **attributes), encoding="unicode"))


def _suites(report: Report, origin: str) -> dict[str, dict[str, list[str | None]]]:
    """{suite name: {test case name: the files whose findings it holds}}, in report order;
    a file without findings passes one case."""
    locate = artifacts(origin)

    def name(file: str | None) -> str:
        path, member = locate(file)
        return visible(f"{path}/{member}" if member else path)

    suites: dict[str, dict[str, list[str | None]]] = {}
    for file, code in report.table.select("file", "code").unique(maintain_order=True).iter_rows():
        suites.setdefault(name(file), {}).setdefault(code, []).append(file)
    for file in report.files:
        suites.setdefault(name(file), {CLEAN: []})
    return suites or {visible(origin) or "oneroster-lint": {CLEAN: []}}


def _element(tag: str, **attributes: object) -> ET.Element:
    return ET.Element(tag, {key: xml_text(str(value)) for key, value in attributes.items()})


def _details(finding: Finding, show_values: bool) -> str:
    lines = [f"{finding.severity.value}: {visible(finding.message)}"]
    where = place(finding)
    if where:
        lines.append(f"at {visible(where)}")
    if finding.hint:
        lines.append(f"fix: {visible(finding.hint)}")
    if show_values and finding.value is not None:
        lines.append(f"value: {quoted(finding.value)}")
    return "\n".join(lines)

