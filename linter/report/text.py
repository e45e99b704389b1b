"""The text report for people: grouped by file, root causes first, cascades collapsed.

Every name, message and value from the package goes through `escape.terminal` here, so that each
line starts with the linter's own words (a CI log runs a line that starts with '::' as a command)
and no escape sequence reaches the terminal, whether or not click keeps its own colours."""

from __future__ import annotations

from dataclasses import dataclass, field

import click

from linter.findings import Finding, Report, Severity
from linter.report.escape import quoted, terminal

COLOURS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}
ROWS_SHOWN = 5


@dataclass
class Group:
    """Findings that share file, code, field and message: one line in the report."""

    first: Finding
    rows: list[int] = field(default_factory=list)
    values: set = field(default_factory=set)  # every distinct value: a cascade has one
    count: int = 0


def group(findings: list[Finding]) -> dict[str | None, list[Group]]:
    by_file: dict[str | None, dict[tuple, Group]] = {}
    for finding in findings:
        key = (finding.code, finding.field, finding.message, finding.hint)
        groups = by_file.setdefault(finding.file, {})
        entry = groups.setdefault(key, Group(finding))
        entry.count += 1
        if finding.row is not None and len(entry.rows) < ROWS_SHOWN:
            entry.rows.append(finding.row)
        if finding.value is not None:
            entry.values.add(finding.value)
    return {file: list(groups.values()) for file, groups in by_file.items()}


def render(report: Report, *, show_values: bool = False, origin: str = "", **_: object) -> str:
    lines = [f"Checked {terminal(origin) or 'the package'} as OneRoster {report.version}: {len(report.files)} files, {report.rows:,} rows", ""]
    for file, groups in group(report.findings).items():
        lines.append(click.style(terminal(file) if file else "package", bold=True))
        lines += [_line(g, show_values) for g in groups]
        lines.append("")
    lines.append(_totals(report, show_values))
    return "\n".join(lines) + "\n"


def _line(entry: Group, show_values: bool) -> str:
    f = entry.first
    severity = click.style(f"{f.severity.value:<7}", fg=COLOURS[f.severity])
    where = ", ".join(part for part in (_rows(entry), terminal(f.field or "")) if part)
    text = f"  {severity} {f.code}  {where + ': ' if where else ''}{terminal(f.message)}"
    if show_values and entry.values:
        shown = ", ".join(quoted(v) for v in sorted(entry.values)[:ROWS_SHOWN])
        text += f" [value{'s' if len(entry.values) > 1 else ''}: {shown}{', …' if len(entry.values) > ROWS_SHOWN else ''}]"
    if f.hint:
        text += "\n" + click.style(f"          fix: {terminal(f.hint)}", dim=True)
    return text


def _rows(entry: Group) -> str:
    if not entry.rows:
        return ""
    if entry.count == 1:
        return f"row {entry.rows[0]}"
    shown = ", ".join(str(r) for r in entry.rows)
    more = entry.count - len(entry.rows)
    distinct = len(entry.values)
    same = f" with {'the same value' if distinct == 1 else f'{distinct:,} different values'}" if distinct else ""
    return f"{entry.count:,} rows ({shown}{f', … {more:,} more' if more else ''}){same}"


def _totals(report: Report, show_values: bool) -> str:
    errors, warnings, info = (report.count(s) for s in Severity)
    if not report.findings:
        return click.style("No problems found.", fg="green", bold=True)
    parts = [click.style(f"{errors:,} error{'s' * (errors != 1)}", fg="red" if errors else None, bold=True),
             click.style(f"{warnings:,} warning{'s' * (warnings != 1)}", fg="yellow" if warnings else None),
             f"{info:,} info"]
    more = "" if show_values else "; --show-values prints the offending values (they may be personal data)"
    return ", ".join(parts) + f".\n'oneroster-lint explain CODE' tells more about a code{more}."
