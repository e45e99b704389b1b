"""SARIF 2.1.0, for GitHub code scanning and any other SARIF viewer.

One run; `tool.driver.rules` lists the rules that fired in it, in code order, and every
result's `ruleIndex` points into that list. A log thus carries the help of the rules it needs
and no others: rewording a rule changes only the logs where it fired.

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
from collections.abc import Callable, Iterator
from typing import Any

import polars as pl

from linter import __version__
from linter.findings import Finding, Report, Severity
from linter.registry import RuleSpec
from linter.report.escape import json_document, sarif_text
from linter.report.locate import DOCS_URL, artifacts, place, rule_url, spec_of, uri
from linter.report.slices import is_plain, pieces, places
from linter.utf8 import printable

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
FINGERPRINT = "oneroster-lint/v1"
SLOT = "\x00results\x00"  # stands for the results while the rest is indented; rule texts never hold it


def render(report: Report, *, show_values: bool = False, origin: str = "", docs_url: str = DOCS_URL, **_: object) -> str:
    return "".join(stream(report, show_values=show_values, origin=origin, docs_url=docs_url))


def stream(report: Report, *, show_values: bool = False, origin: str = "", docs_url: str = DOCS_URL, **_: object) -> Iterator[str]:
    """The document in pieces, one result at a time: memory for the output does not grow with
    the number of findings."""
    specs = _fired_rules(report)
    index = {spec.code: i for i, spec in enumerate(specs)}
    driver = {
        "name": "oneroster-lint",
        "version": __version__,
        "informationUri": docs_url,
        "rules": [_rule(spec, docs_url) for spec in specs],
    }
    locate = artifacts(origin)
    document = {"$schema": SCHEMA, "version": "2.1.0", "runs": [{"tool": {"driver": driver}, "results": SLOT}]}
    head, tail = json_document(json.dumps(document, ensure_ascii=False, indent=2)).split(json.dumps(SLOT))
    if report.table.is_empty():
        yield head + "[]" + tail + "\n"
        return
    yield head + "[\n"
    # One line per result: readable, diffable, and fast to write.
    for i, piece in enumerate(_result_lines(report, locate, index, show_values)):
        if i:
            yield ",\n"
        yield piece
    yield "\n      ]" + tail + "\n"


def _fired_rules(report: Report) -> list[RuleSpec]:
    """The registry's rules of the codes in the report, in code order (a code it does not know
    has none: its results carry no ruleIndex)."""
    codes = report.table.get_column("code").unique().sort().to_list()
    return [spec for spec in map(spec_of, codes) if spec is not None]


SLICE = 4_096  # results at a time: their keys and fingerprints are held as Python strings


def _result_lines(report: Report, locate: Callable[[str | None], tuple[str, str | None]], index: dict[str, int],
                  show_values: bool) -> Iterator[str]:
    """The results in pieces, joined by ',\\n'. Slices of plain text are built by polars
    string expressions, as json.dumps writes `_result`; the others finding by finding. The
    fingerprints are sha256 in Python, over keys that polars builds."""
    table, where = report.table, places(report, locate)
    # A frame holds UTF-8 only: the paths as shown; a slice with a name that is not UTF-8 is written finding by finding.
    paths = {file: printable(path) for file, (path, _) in where.items() if file is not None}
    members = {file: printable(member) for file, (_, member) in where.items() if file is not None and member is not None}
    path = pl.col("file").replace_strict(paths, default=printable(where.get(None, (".", None))[0]), return_dtype=pl.String)
    member = pl.col("file").replace_strict(members, default=None, return_dtype=pl.String) if members else pl.lit(None, pl.String)
    key = pl.concat_str([pl.col("code"), path, member.fill_null(""), pl.col("row").cast(pl.String).fill_null(""), pl.col("field").fill_null("")],
                        separator="\x1f")
    # The n-th finding in a row at the very same place adds its n to the key (see _digest).
    framed = table.with_columns(path.alias("path"), member.alias("member"), key.alias("key"),
                                (pl.int_range(pl.len()).over(key.rle_id()) + 1).alias("repeat"))
    texts = ["code", "message", "field", "hint", "path", "member", *(["value"] if show_values else [])]
    odd_names = list(report.names)
    for part in framed.iter_slices(SLICE):
        repeats = part.get_column("repeat").to_list()
        if not is_plain(part, texts) or part.get_column("file").is_in(odd_names).any():
            yield from pieces((_result_line(finding, locate(finding.file), index, show_values, repeat)
                               for finding, repeat in zip(report.each(part), repeats, strict=True)), ",\n")
            continue
        fingerprints = [_digest(key, repeat) for key, repeat in zip(part.get_column("key").to_list(), repeats, strict=True)]
        yield from pieces(part.with_columns(pl.Series("fingerprint", fingerprints, dtype=pl.String)).select(_line(index, show_values)).to_series(), ",\n")


def _result_line(finding: Finding, artifact: tuple[str, str | None], index: dict[str, int], show_values: bool, repeat: int) -> str:
    """One result as json.dumps writes it, for a finding that is not plain text."""
    fingerprint = _digest(_key(finding, *artifact), repeat)
    return json_document(" " * 8 + json.dumps(_result(finding, artifact, index, show_values, fingerprint), ensure_ascii=False))


def _json(column: pl.Expr) -> pl.Expr:
    """A JSON string of plain text, as json.dumps then escape.json_document write it."""
    escaped = column.str.replace_all("\\", "\\\\", literal=True).str.replace_all('"', '\\"', literal=True)
    return pl.lit('"') + escaped.str.replace_all("##[", "##\\u005b", literal=True) + pl.lit('"')


def _sarif_text(column: pl.Expr) -> pl.Expr:
    return column.str.replace_all("[", "\\[", literal=True).str.replace_all("]", "\\]", literal=True)


def _line(index: dict[str, int], show_values: bool) -> pl.Expr:
    """One result of plain text, as `_result` and json.dumps write it."""
    member, row, field = pl.col("member"), pl.col("row"), pl.col("field")
    where = pl.concat_str([member, pl.when(member.is_not_null()).then(pl.lit("row ") + row.cast(pl.String)),
                           pl.when(field != "").then(field)], separator=", ", ignore_nulls=True)
    text = pl.when(where != "").then(_sarif_text(where) + pl.lit(": ") + _sarif_text(pl.col("message"))).otherwise(_sarif_text(pl.col("message")))
    rule_index = pl.col("code").replace_strict({code: f'"ruleIndex": {i}, ' for code, i in index.items()}, default="", return_dtype=pl.String)
    level = pl.col("severity").replace_strict({s.value: LEVELS[s] for s in Severity}, return_dtype=pl.String)
    line = pl.when(member.is_null() & row.is_not_null()).then(row.cast(pl.String)).otherwise(pl.lit("1"))
    logical = pl.when(member.is_not_null()).then(
        pl.lit(', "logicalLocations": [{"name": ') + _json(member) + pl.lit(', "fullyQualifiedName": ')
        + _json(pl.col("path") + pl.lit("/") + member) + pl.lit(', "kind": "resource"}]')).otherwise(pl.lit(""))
    hint = pl.when(pl.col("hint").fill_null("") != "").then(pl.lit('"hint": ') + _json(pl.col("hint")))
    value = pl.when(pl.col("value").is_not_null()).then(pl.lit('"value": ') + _json(pl.col("value"))) if show_values else pl.lit(None, pl.String)
    properties = pl.concat_str([hint, value], separator=", ", ignore_nulls=True)
    return pl.concat_str([
        pl.lit(' ' * 8 + '{"ruleId": "'), pl.col("code"), pl.lit('", '), rule_index, pl.lit('"level": "'), level,
        pl.lit('", "message": {"text": '), _json(text), pl.lit('}, "locations": [{"physicalLocation": {"artifactLocation": {"uri": '),
        _json(pl.col("path").map_batches(_uris, return_dtype=pl.String)), pl.lit('}, "region": {"startLine": '), line, pl.lit("}}"), logical,
        pl.lit('}], "partialFingerprints": {"' + FINGERPRINT + '": "'), pl.col("fingerprint"), pl.lit('"}'),
        pl.when(properties != "").then(pl.lit(', "properties": {') + properties + pl.lit("}")).otherwise(pl.lit("")), pl.lit("}"),
    ]).alias("line")


def _uris(paths: pl.Series) -> pl.Series:
    """uri() of each distinct path, once."""
    distinct = paths.unique().to_list()
    return paths.replace_strict(distinct, [uri(p) for p in distinct], return_dtype=pl.String)


def _rule(spec: RuleSpec, docs_url: str) -> dict[str, Any]:
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
            fingerprint: str) -> dict[str, Any]:
    path, member = artifact
    line = finding.row if finding.row is not None and member is None else 1
    where = place(finding, member=member, row=member is not None)
    result: dict[str, Any] = {"ruleId": finding.code}
    if finding.code in index:
        result["ruleIndex"] = index[finding.code]
    result["level"] = LEVELS[finding.severity]
    text = sarif_text(finding.message)
    result["message"] = {"text": f"{sarif_text(where)}: {text}" if where else text}
    location: dict[str, Any] = {"physicalLocation": {"artifactLocation": {"uri": uri(path)}, "region": {"startLine": line}}}
    if member:
        location["logicalLocations"] = [{"name": member, "fullyQualifiedName": f"{path}/{member}", "kind": "resource"}]
    result["locations"] = [location]
    result["partialFingerprints"] = {FINGERPRINT: fingerprint}
    properties = {"hint": finding.hint} if finding.hint else {}
    if show_values and finding.value is not None:
        properties["value"] = finding.value
    if properties:
        result["properties"] = properties
    return result


def _key(finding: Finding, path: str, member: str | None) -> str:
    """Where the problem is, as its fingerprint hashes it: never the cell value."""
    return "\x1f".join([finding.code, path, member or "", str(finding.row or ""), finding.field or ""])


def _digest(key: str, repeat: int) -> str:
    """A place's fingerprint, 32 hex digits of the sha256 of its key; the n-th finding in a row
    at the very same place (say two package-level findings of one code) adds its n, so that
    each keeps its own alert."""
    if repeat > 1:
        key += f"\x1f{repeat}"
    return hashlib.sha256(key.encode("utf-8", "surrogateescape")).hexdigest()[:32]
