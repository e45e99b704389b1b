"""The text report for people: grouped by file, root causes first, cascades collapsed.

Every name, message and value from the package goes through `escape.terminal` here, so that each
line starts with the linter's own words (a CI log runs a line that starts with '::' as a command)
and no escape sequence reaches the terminal, whether or not click keeps its own colours."""

from __future__ import annotations

from dataclasses import dataclass, field

import click
import polars as pl

from linter.findings import Finding, Report, Severity
from linter.report.escape import quoted, terminal

COLOURS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}
ROWS_SHOWN = 5


@dataclass
class Group:
    """Findings that share file, code, field and message: one line in the report."""

    first: Finding
    rows: list[int] = field(default_factory=list)  # the first ROWS_SHOWN
    values: list[str] = field(default_factory=list)  # the first ROWS_SHOWN distinct values, sorted
    count: int = 0
    distinct: int = 0  # how many different values: a cascade has one


KEY = ["file", "code", "field", "message", "hint"]


def group(table: pl.DataFrame) -> dict[str | None, list[Group]]:
    """The lines of the report by file, in report order: polars counts and picks each group's
    first rows and values, so a million repeats cost one pass, not a million objects."""
    value = pl.col("value").drop_nulls().unique()
    groups = table.group_by(KEY, maintain_order=True).agg(
        pl.col("severity").first(), pl.col("row").first().alias("first_row"), pl.col("value").first().alias("first_value"),
        pl.len().alias("count"), pl.col("row").drop_nulls().head(ROWS_SHOWN).alias("rows"),
        value.len().alias("distinct"), value.sort().head(ROWS_SHOWN).alias("values"))
    by_file: dict[str | None, list[Group]] = {}
    for g in groups.iter_rows(named=True):
        first = Finding(g["code"], Severity(g["severity"]), g["message"], g["file"], g["first_row"], g["field"], g["hint"], g["first_value"])
        by_file.setdefault(g["file"], []).append(Group(first, g["rows"], g["values"], g["count"], g["distinct"]))
    return by_file


def render(report: Report, *, show_values: bool = False, origin: str = "", colour: bool = False, quiet: bool = False,
           **_: object) -> str:
    """The whole report; `colour` adds ANSI styles (the caller decides: a terminal, NO_COLOR,
    --color), `quiet` keeps only the totals line."""
    body = "" if quiet else section(report, show_values=show_values, origin=origin, colour=colour)
    return body + totals(counts(report), show_values=show_values, colour=colour, quiet=quiet)


def section(report: Report, *, show_values: bool = False, origin: str = "", colour: bool = False) -> str:
    """One package's part of the report: its header line, then its findings by file."""
    lines = [f"Checked {terminal(origin) or 'the package'} as OneRoster {report.version}: {len(report.files)} files, {report.rows:,} rows", ""]
    for file, groups in group(report.table).items():
        lines.append(_style(terminal(file) if file else "package", colour, bold=True))
        lines += [_line(g, show_values, colour) for g in groups]
        lines.append("")
    return "\n".join(lines) + "\n"


def unchecked(origin: str, reason: str) -> str:
    """The section of a package that could not be read at all (its reason is also on stderr)."""
    return f"Could not check {terminal(origin)}: {terminal(reason.removeprefix(origin + ': '))}\n\n"


def counts(report: Report) -> tuple[int, int, int]:
    """(errors, warnings, info) of one report, to add up across packages."""
    errors, warnings, info = (report.count(s) for s in Severity)
    return errors, warnings, info


def _style(text: str, colour: bool, **styles: object) -> str:
    return click.style(text, **styles) if colour else text  # type: ignore[arg-type]


def _line(entry: Group, show_values: bool, colour: bool) -> str:
    f = entry.first
    severity = _style(f"{f.severity.value:<7}", colour, fg=COLOURS[f.severity])
    # A message that starts with its field ("startDate is after endDate") names it already.
    named = bool(f.field) and f.message.startswith(f"{f.field} ")
    where = ", ".join(part for part in (_rows(entry), "" if named else terminal(f.field or "")) if part)
    text = f"  {severity} {f.code}  {where + ': ' if where else ''}{terminal(f.message)}"
    if show_values and entry.values:
        shown = ", ".join(quoted(v) for v in entry.values)
        text += f" [value{'s' if entry.distinct > 1 else ''}: {shown}{', …' if entry.distinct > ROWS_SHOWN else ''}]"
    if f.hint:
        text += "\n" + _style(f"          fix: {terminal(f.hint)}", colour, dim=True)
    return text


def _rows(entry: Group) -> str:
    if not entry.rows:
        return ""
    if entry.count == 1:
        return f"row {entry.rows[0]}"
    shown = ", ".join(str(r) for r in entry.rows)
    more = entry.count - len(entry.rows)
    distinct = entry.distinct
    same = f" with {'the same value' if distinct == 1 else f'{distinct:,} different values'}" if distinct else ""
    return f"{entry.count:,} rows ({shown}{f', … {more:,} more' if more else ''}){same}"


def totals(found: tuple[int, int, int], *, show_values: bool = False, colour: bool = False, quiet: bool = False,
           unreadable: int = 0) -> str:
    """The totals line (of one package, or of several added up), then a pointer to `explain`
    unless `quiet`; `unreadable` packages could not be checked at all."""
    errors, warnings, info = found
    left_out = f"{unreadable:,} package{'s' * (unreadable != 1)} could not be checked" if unreadable else ""
    if not any(found):
        line = _style("No problems found" + (" in the packages checked" if unreadable else "") + ".", colour, fg="green", bold=True)
        return line + (f" {left_out[:1].upper()}{left_out[1:]}.\n" if unreadable else "\n")
    parts = [_style(f"{errors:,} error{'s' * (errors != 1)}", colour, fg="red" if errors else None, bold=True),
             _style(f"{warnings:,} warning{'s' * (warnings != 1)}", colour, fg="yellow" if warnings else None),
             f"{info:,} info"]
    line = ", ".join(parts) + (f"; {left_out}." if unreadable else ".")
    if quiet:
        return line + "\n"
    more = "" if show_values else "; --show-values prints the offending values (they may be personal data)"
    return line + f"\n'oneroster-lint explain CODE' tells more about a code{more}.\n"
