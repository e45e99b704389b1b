"""One report of several packages (`oneroster-lint check A B C`), built from each package's own
report as it is checked, so memory holds one package's findings at a time.

What each format becomes (a single package always gets the format's own document, unchanged):
- text: a section per package (its header line and findings), then one totals line for all;
- json: an array of the per-package documents, in the order given; a package that could not be
  read at all is `{"error": "<the one line printed on stderr>"}` in its place;
- sarif: one run per package, whose `tool.driver.rules` lists the rules that fired in that
  package; an unreadable package is a run without results or rules whose invocation failed
  (`executionSuccessful: false`) with the reason as a notification;
- junit: every package's test suites (one per file, named by its path as today) in one
  `<testsuites>`, which carries no totals (each suite keeps its own); an unreadable package is a
  suite with one test case in error;
- github: the annotations of every package, and an error annotation for an unreadable one;
- csv and html are refused (REFUSED): a CSV row names its file without its package, and the
  HTML page is one package's page.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from linter import __version__
from linter.findings import Report, Severity
from linter.report import sarif, stream, text
from linter.report.escape import json_document, terminal, visible, workflow_data, workflow_property, xml_document, xml_text
from linter.report.locate import DOCS_URL

# Formats that cannot hold several packages, and the one line that says so.
REFUSED = {
    "csv": "give one package per run for --format csv: its rows name files without their package",
    "html": "give one package per run for --format html",
}

Outcome = tuple[str, "Report | Exception"]  # (the package as typed, its report or why it could not be read)


@dataclass
class Tally:
    """What the packages held, added up while the report is written."""

    errors: int = 0
    warnings: int = 0
    info: int = 0
    packages: int = 0
    unreadable: int = 0
    worst: int = -1  # the highest severity rank found

    def add(self, outcome: Report | Exception) -> None:
        self.packages += 1
        if isinstance(outcome, Exception):
            self.unreadable += 1
            return
        errors, warnings, info = text.counts(outcome)
        self.errors, self.warnings, self.info = self.errors + errors, self.warnings + warnings, self.info + info
        self.worst = max(self.worst, outcome.worst)

    @property
    def findings(self) -> int:
        return self.errors + self.warnings + self.info

    def described(self) -> str:
        """'29 findings', or with several packages '2 packages, 58 findings'."""
        found = f"{self.findings:,} finding{'s' * (self.findings != 1)}"
        return found if self.packages < 2 else f"{self.packages} packages, {found}"

    def fails(self, threshold: Severity) -> bool:
        return self.worst >= threshold.rank


def render(output_format: str, outcomes: Iterable[Outcome], tally: Tally, **options: object) -> Iterator[str]:
    """The report of every outcome in `output_format`, in pieces; `tally` is filled as it goes."""
    writer = WRITERS[output_format]

    def counted() -> Iterator[Outcome]:
        for origin, outcome in outcomes:
            tally.add(outcome)
            yield origin, outcome

    return writer(counted(), tally, **options)


def _text(outcomes: Iterator[Outcome], tally: Tally, *, quiet: bool = False, colour: bool = False, show_values: bool = False,
          **_: object) -> Iterator[str]:
    for origin, outcome in outcomes:
        if quiet:
            continue
        if isinstance(outcome, Exception):
            yield text.unchecked(origin, str(outcome))
        else:
            yield text.section(outcome, show_values=show_values, origin=origin, colour=colour)
    yield text.totals((tally.errors, tally.warnings, tally.info), show_values=show_values, colour=colour, quiet=quiet,
                      unreadable=tally.unreadable)


def _json(outcomes: Iterator[Outcome], tally: Tally, **options: object) -> Iterator[str]:
    yield "["
    for i, (origin, outcome) in enumerate(outcomes):
        yield ("\n  " if i == 0 else ",\n  ")
        if isinstance(outcome, Exception):
            yield json_document(json.dumps({"error": str(outcome)}, ensure_ascii=False, indent=2).replace("\n", "\n  "))
            continue
        for piece in _without_end(stream("json")(outcome, origin=origin, **options), "\n"):
            yield piece.replace("\n", "\n  ")
    yield "\n]\n" if tally.packages else "]\n"


def _sarif(outcomes: Iterator[Outcome], tally: Tally, **options: object) -> Iterator[str]:
    head, tail = _sarif_frame()
    yield head
    for i, (origin, outcome) in enumerate(outcomes):
        if i:
            yield ",\n"
        if isinstance(outcome, Exception):
            run = _failed_run(str(outcome), str(options.get("docs_url") or DOCS_URL))
            yield json_document(_indented(json.dumps(run, ensure_ascii=False, indent=2), 4))
            continue
        pieces = stream("sarif")(outcome, origin=origin, **options)
        first = next(pieces)
        if not first.startswith(head):
            raise AssertionError("the SARIF document no longer starts as linter.report.several expects")
        yield from _without_end(_chain(first[len(head):], pieces), tail)
    yield tail


def _sarif_frame() -> tuple[str, str]:
    """The text of a SARIF log before its first run and after its last, as sarif.stream writes them."""
    slot = "\x00run\x00"
    head, tail = json.dumps({"$schema": sarif.SCHEMA, "version": "2.1.0", "runs": [slot]}, indent=2).split(json.dumps(slot))
    return head.rstrip(" "), tail + "\n"


def _failed_run(reason: str, docs_url: str) -> dict[str, Any]:
    return {"tool": {"driver": {"name": "oneroster-lint", "version": __version__, "informationUri": docs_url, "rules": []}},
            "invocations": [{"executionSuccessful": False,
                             "toolExecutionNotifications": [{"level": "error", "message": {"text": visible(reason)}}]}],
            "results": []}


def _junit(outcomes: Iterator[Outcome], tally: Tally, **options: object) -> Iterator[str]:
    yield "<?xml version='1.0' encoding='utf-8'?>\n"
    yield '<testsuites name="oneroster-lint">\n'
    for origin, outcome in outcomes:
        if isinstance(outcome, Exception):
            yield _failed_suite(origin, str(outcome))
            continue
        pieces = stream("junit")(outcome, origin=origin, **options)
        declaration, suites = next(pieces), next(pieces)
        if not (declaration.startswith("<?xml") and suites.startswith("<testsuites")):
            raise AssertionError("the JUnit document no longer starts as linter.report.several expects")
        yield from _without_end(pieces, "</testsuites>\n")
    yield "</testsuites>\n"


def _failed_suite(origin: str, reason: str) -> str:
    name = xml_text(visible(origin))
    suite = ET.Element("testsuite", {"name": name, "tests": "1", "failures": "0", "errors": "1", "skipped": "0"})
    case = ET.SubElement(suite, "testcase", {"classname": name, "name": "could not be checked"})
    ET.SubElement(case, "error", {"message": xml_text(visible(reason)), "type": "cannot-lint"})
    ET.indent(suite, "  ", level=1)
    return "  " + xml_document(ET.tostring(suite, encoding="unicode")) + "\n"


def _github(outcomes: Iterator[Outcome], tally: Tally, **options: object) -> Iterator[str]:
    for origin, outcome in outcomes:
        if isinstance(outcome, Exception):
            yield f"::error title={workflow_property('oneroster-lint: could not be checked')}::{workflow_data(terminal(str(outcome)))}\n"
        else:
            yield from stream("github")(outcome, origin=origin, **options)


WRITERS: dict[str, Callable[..., Iterator[str]]] = {"text": _text, "json": _json, "sarif": _sarif, "junit": _junit, "github": _github}


def _chain(first: str, rest: Iterator[str]) -> Iterator[str]:
    yield first
    yield from rest


def _without_end(pieces: Iterable[str], end: str) -> Iterator[str]:
    """The pieces, the last of them without `end` (which it must end with); one piece held back."""
    held: str | None = None
    for piece in pieces:
        if held is not None:
            yield held
        held = piece
    if held is None or not held.endswith(end):
        raise AssertionError(f"a report no longer ends with {end!r} as linter.report.several expects")
    yield held[: len(held) - len(end)]


def _indented(serialized: str, spaces: int) -> str:
    pad = " " * spaces
    return pad + serialized.replace("\n", "\n" + pad)
