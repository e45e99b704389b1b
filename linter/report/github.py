"""GitHub Actions: workflow commands that annotate the CSV rows, and a Markdown job summary.

`render` returns the commands (`::error file=...,line=...,title=...::message`, `::warning`,
`::notice` for info), one per finding, for stdout. GitHub shows only the first few
annotations of each kind per step, so `write_step_summary` appends every finding, grouped
by file and code, to the job summary: the caller passes the file that GITHUB_STEP_SUMMARY
names. It is the only thing in the report package that writes a file.

Names and messages from the package are made one visible line (`escape.terminal`) before the
command's own escaping, so a line break in a name can neither start a command of its own nor
split the annotation; the summary passes them through `escape.markdown_text`, so a file name
can never become a link, an image or HTML there.

Annotations need a file in the repository: a folder's CSV file at its row, or, for a zip,
the zip itself with the member and row at the start of the message. There is no `col`: a
finding knows its column by name, not its character offset on the line.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import polars as pl

from linter.findings import Finding, Report, Severity
from linter.report import text
from linter.report.escape import markdown_text, quoted, terminal, workflow_data, workflow_property
from linter.report.locate import DOCS_URL, artifacts, place, rule_name, rule_url, spec_of
from linter.report.slices import is_plain, pieces, places

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def render(report: Report, *, show_values: bool = False, origin: str = "", **_: object) -> str:
    return "".join(stream(report, show_values=show_values, origin=origin))


SLICE = 65_536  # annotations built by polars at a time


def stream(report: Report, *, show_values: bool = False, origin: str = "", **_: object) -> Iterator[str]:
    """The annotations in pieces, one line each: memory does not grow with the findings. Slices
    of plain text are written by polars string expressions, as `_command` writes one; the
    others (and names that are not UTF-8) finding by finding."""
    locate = artifacts(origin)
    table, where = report.table, places(report, locate)
    odd = list(report.names)
    texts = ["message", "field", "hint", *(["value"] if show_values else [])]
    for part in table.iter_slices(SLICE):
        files = part.get_column("file").unique().to_list()
        plain = all(_plain(where[file][0]) and _plain(where[file][1] or "") for file in files) and not set(files) & set(odd)
        if not plain or not is_plain(part, texts):
            yield from pieces(_command(finding, locate(finding.file), show_values) + "\n" for finding in report.each(part))
            continue
        codes = part.get_column("code").unique().to_list()
        titles = {code: workflow_property(terminal(f"{code} {rule_name(code)}".strip())) for code in codes}
        paths = {file: workflow_property(terminal(where[file][0])) for file in files if file is not None}
        members = {file: member for file in files if file is not None and (member := where[file][1]) is not None}
        package = workflow_property(terminal(where[None][0])) if None in files else ""
        yield from pieces(part.select(_line(paths, members, titles, package, show_values)).to_series())


def _plain(text: str) -> bool:
    return all(char.isprintable() for char in text)


def _terminal(text: pl.Expr) -> pl.Expr:
    """escape.terminal of plain text."""
    return text.str.replace_all("::", ":\\x3a", literal=True).str.replace_all("##[", "##\\x5b", literal=True)


def _workflow_data(text: pl.Expr) -> pl.Expr:
    """escape.workflow_data of text without line breaks of its own (the fix line's is added after)."""
    return text.str.replace_all("%", "%25", literal=True)


def _line(paths: dict[str, str], members: dict[str, str], titles: dict[str, str], package: str, show_values: bool) -> pl.Expr:
    """One annotation of plain text, as `_command` writes it."""
    file, row, field, hint = pl.col("file"), pl.col("row"), pl.col("field"), pl.col("hint")
    member = file.replace_strict(members, default=None, return_dtype=pl.String) if members else pl.lit(None, pl.String)
    path = file.replace_strict(paths, default=package, return_dtype=pl.String)
    line = pl.when(row.is_not_null() & member.is_null()).then(pl.lit(",line=") + row.cast(pl.String)).otherwise(pl.lit(""))
    where = pl.concat_str([member, pl.when(member.is_not_null()).then(pl.lit("row ") + row.cast(pl.String)), pl.when(field != "").then(field)],
                          separator=", ", ignore_nulls=True)
    message = pl.when(where != "").then(_terminal(where) + pl.lit(": ") + _terminal(pl.col("message"))).otherwise(_terminal(pl.col("message")))
    if show_values:
        message = message + pl.when(pl.col("value").is_not_null()).then(pl.lit(" [value: '") + _terminal(pl.col("value")) + pl.lit("']")).otherwise(pl.lit(""))
    fix = pl.when(hint.fill_null("") != "").then(pl.lit("%0Afix: ") + _workflow_data(_terminal(hint))).otherwise(pl.lit(""))
    command = pl.col("severity").replace_strict({s.value: COMMANDS[s] for s in Severity}, return_dtype=pl.String)
    return pl.concat_str([pl.lit("::"), command, pl.lit(" file="), path, line, pl.lit(",title="),
                          pl.col("code").replace_strict(titles, return_dtype=pl.String), pl.lit("::"), _workflow_data(message), fix, pl.lit("\n")])


def _command(finding: Finding, artifact: tuple[str, str | None], show_values: bool) -> str:
    path, member = artifact
    properties = {"file": path}
    if finding.row is not None and member is None:
        properties["line"] = str(finding.row)
    properties["title"] = f"{finding.code} {rule_name(finding.code)}".strip()
    where = terminal(place(finding, member=member, row=member is not None))
    message = f"{where}: {terminal(finding.message)}" if where else terminal(finding.message)
    if show_values and finding.value is not None:
        message += f" [value: {quoted(finding.value)}]"
    if finding.hint:
        message += f"\nfix: {terminal(finding.hint)}"  # the one line break, the linter's own
    joined = ",".join(f"{key}={workflow_property(terminal(value))}" for key, value in properties.items())
    return f"::{COMMANDS[finding.severity]} {joined}::{workflow_data(message)}"


def summary_markdown(report: Report, *, origin: str = "", docs_url: str = DOCS_URL) -> str:
    """The job summary: totals, then one table line per file and code. Never a cell value."""
    totals = ", ".join(_plural(report.count(s), s.value) for s in Severity)
    lines = [f"## oneroster-lint: {markdown_text(origin) if origin else 'the package'}", "",
             f"OneRoster {report.version or '(version unknown)'}: {_plural(len(report.files), 'file')}, {_plural(report.rows, 'row')}. **{totals}.**", ""]
    if report.table.is_empty():
        return "\n".join([*lines, "No problems found.", ""]) + "\n"
    lines += ["| file | code | severity | findings | rows | problem |", "| --- | --- | --- | --- | --- | --- |"]
    for file, groups in text.group(report.table).items():
        by_code: dict[str, list[text.Group]] = {}
        for entry in groups:
            by_code.setdefault(entry.first.code, []).append(entry)
        for code, entries in by_code.items():
            first, spec = entries[0].first, spec_of(code)
            rows = sorted(row for entry in entries for row in entry.rows)[: text.ROWS_SHOWN]
            count = sum(entry.count for entry in entries)
            shown = ", ".join(map(str, rows)) + (", …" if count > len(rows) and rows else "") or "—"
            link = f"[{code}]({rule_url(code, docs_url)})"
            lines.append(f"| {markdown_text(file) if file else 'package'} | {link} | {first.severity.value} | {count:,} | {shown} | {markdown_text(spec.title if spec else first.message)} |")
    return "\n".join(lines) + "\n\n"


def write_step_summary(report: Report, path: str | Path, *, origin: str = "", docs_url: str = DOCS_URL) -> None:
    """Append the job summary to `path`, the file GITHUB_STEP_SUMMARY names (other steps' summaries stay)."""
    with open(path, "a", encoding="utf-8") as summary:
        summary.write("\n" + summary_markdown(report, origin=origin, docs_url=docs_url))


def _plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'s' if count != 1 and noun != 'info' else ''}"
