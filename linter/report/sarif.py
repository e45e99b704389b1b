"""SARIF 2.1.0, for GitHub code scanning and any other SARIF viewer.

One run; `tool.driver.rules` is the whole rule registry, so every result's `ruleIndex`
is stable for a given version of the linter.

Locations, chosen so that GitHub code scanning accepts them and shows them on the right line:
- `artifactLocation.uri` is the CSV file's path as given on the command line, relative and
  with no `uriBaseId` (GitHub resolves it against the repository root, so run the linter
  from there): `exports/district/users.csv`. An absolute path under the working folder is
  made relative to it.
- `region.startLine` is the CSV row (header = 1; a row is a line unless a quoted value holds
  a line break). A finding about a whole file points at its line 1, one about the whole
  package at the package folder, line 1: GitHub requires a line.
- A zip's members are not files in the repository: the location is the zip itself at line 1,
  the member and row open the message ("users.csv, row 5, email: ..."), and a logical location
  `zip/member` names the member for viewers that read it.
- `partialFingerprints["oneroster-lint/v1"]` hashes (code, file, member, row, field): the same
  problem in the same cell keeps its alert across runs even when a message's wording changes
  (a second finding at the very same place adds its occurrence number). It never hashes the
  cell value (personal data, and guessable from a hash).

Cell values appear only with show_values, in `properties.value`.

SARIF is JSON, whose encoder escapes quotes and controls; the log goes through
`escape.json_document` (as the JSON report does), so a file name that is not UTF-8 shows its bytes as
\\xNN and the log stays valid UTF-8. The URI keeps the real bytes, percent-encoded. The message
text is one visible line with its brackets escaped (`escape.sarif_text`): no embedded link.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator

from linter import __version__
from linter.findings import Finding, Report, Severity
from linter.registry import RuleSpec, all_specs
from linter.report.escape import json_document, sarif_text
from linter.report.locate import DOCS_URL, artifacts, place, rule_url, uri

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
FINGERPRINT = "oneroster-lint/v1"
SLOT = "\x00results\x00"  # stands for the results while the rest is indented; rule texts never hold it


def render(report: Report, *, show_values: bool = False, origin: str = "", docs_url: str = DOCS_URL, **_: object) -> str:
    return "".join(stream(report, show_values=show_values, origin=origin, docs_url=docs_url))


def stream(report: Report, *, show_values: bool = False, origin: str = "", docs_url: str = DOCS_URL, **_: object) -> Iterator[str]:
    """The document in pieces, one result at a time: memory for the output does not grow with
    the number of findings."""
    specs = all_specs()
    index = {spec.code: i for i, spec in enumerate(specs)}
    driver = {
        "name": "oneroster-lint",
        "version": __version__,
        "informationUri": docs_url,
        "rules": [_rule(spec, docs_url) for spec in specs],
    }
    locate, seen = artifacts(origin), _Repeats()
    document = {"$schema": SCHEMA, "version": "2.1.0", "runs": [{"tool": {"driver": driver}, "results": SLOT}]}
    head, tail = json_document(json.dumps(document, ensure_ascii=False, indent=2)).split(json.dumps(SLOT))
    if report.table.is_empty():
        yield head + "[]" + tail + "\n"
        return
    yield head + "[\n"
    # One line per result: readable, diffable, and fast (json's C encoder does not indent).
    for i, finding in enumerate(report.each()):
        line = " " * 8 + json.dumps(_result(finding, locate(finding.file), index, show_values, seen), ensure_ascii=False)
        yield ("" if i == 0 else ",\n") + json_document(line)
    yield "\n      ]" + tail + "\n"


def _rule(spec: RuleSpec, docs_url: str) -> dict:
    return {
        "id": spec.code,
        "name": spec.name,
        "shortDescription": {"text": spec.title},
        "fullDescription": {"text": spec.why},
        "help": {"text": spec.fix},
        "helpUri": rule_url(spec.code, docs_url),
        "defaultConfiguration": {"level": LEVELS[spec.severity]},
        "properties": {"basis": spec.basis.value, "clause": spec.clause},
    }


def _result(finding: Finding, artifact: tuple[str, str | None], index: dict[str, int], show_values: bool,
            seen: _Repeats) -> dict:
    path, member = artifact
    line = finding.row if finding.row is not None and member is None else 1
    where = place(finding, member=member, row=member is not None)
    result: dict = {"ruleId": finding.code}
    if finding.code in index:
        result["ruleIndex"] = index[finding.code]
    result["level"] = LEVELS[finding.severity]
    text = sarif_text(finding.message)
    result["message"] = {"text": f"{sarif_text(where)}: {text}" if where else text}
    location: dict = {"physicalLocation": {"artifactLocation": {"uri": uri(path)}, "region": {"startLine": line}}}
    if member:
        location["logicalLocations"] = [{"name": member, "fullyQualifiedName": f"{path}/{member}", "kind": "resource"}]
    result["locations"] = [location]
    result["partialFingerprints"] = {FINGERPRINT: _fingerprint(finding, path, member, seen)}
    properties = {"hint": finding.hint} if finding.hint else {}
    if show_values and finding.value is not None:
        properties["value"] = finding.value
    if properties:
        result["properties"] = properties
    return result


class _Repeats:
    """How many findings in a row stood at the same place. A report is sorted by place, so the
    findings at one place are neighbours: only the last place is remembered, never all of them."""

    def __init__(self) -> None:
        self.place, self.count = "", 0

    def __call__(self, place: str) -> int:
        self.place, self.count = place, (self.count + 1 if place == self.place else 1)
        return self.count


def _fingerprint(finding: Finding, path: str, member: str | None, seen: _Repeats) -> str:
    """Hash of where the problem is; the n-th finding at the very same place (say two
    package-level findings of one code) adds its n so that each keeps its own alert."""
    key = "\x1f".join([finding.code, path, member or "", str(finding.row or ""), finding.field or ""])
    repeat = seen(key)
    if repeat > 1:
        key += f"\x1f{repeat}"
    return hashlib.sha256(key.encode("utf-8", "surrogateescape")).hexdigest()[:32]
