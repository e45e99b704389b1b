"""What `oneroster-lint fix` prints: the repairs grouped by file, what was left alone and why,
then the text report of what remains in the copy. Every name and value from the package goes
through `escape.terminal`; values are shown only with --show-values."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import TypeVar

import click
import polars as pl

from linter.engine import file_order
from linter.engine.csvfile import ROW
from linter.fix import FixResult
from linter.fix.registry import REPAIRS
from linter.fix.work import NEW, OLD, Change, LeftAlone
from linter.report import text
from linter.report.escape import quoted, terminal
from linter.schemas import load

SHOWN = text.ROWS_SHOWN
Entry = TypeVar("Entry", Change, LeftAlone)


def render(result: FixResult, *, show_values: bool = False) -> str:
    files = {c.file for c in result.changes}
    verb = "Would repair" if result.dry_run else "Repaired"
    lines = [f"{verb} {terminal(result.origin)} into {terminal(result.target)}: "
             f"{len(result.changes):,} repair{'s' * (len(result.changes) != 1)} in {len(files):,} file{'s' * (len(files) != 1)}"
             + (" (dry run: nothing was written)" if result.dry_run else ""), ""]
    order = file_order(load(result.remaining.version)) if result.remaining.version else {}
    for file, changes in _by_file(result.changes, order).items():
        lines.append(click.style(terminal(file), bold=True))
        lines += [_change(c, show_values) for c in changes]
        lines.append("")
    lines.append(click.style(f"Left alone ({len(result.left):,})", bold=True) if result.left else "Left alone: nothing.")
    for file, entries in _by_file(_merged(result.left), order).items():
        lines.append(click.style(terminal(file) if file else "package", bold=True))
        lines += [_left(e, show_values) for e in entries]
    lines += ["", click.style(f"What remains in {'the copy' if result.dry_run else terminal(result.target)}:", bold=True),
              text.render(result.remaining, show_values=show_values, origin=result.target)]
    return "\n".join(lines)


def _by_file(entries: Iterable[Entry], order: dict[str, int]) -> dict[str | None, list[Entry]]:
    """Entries grouped by file, files in the order of the text report (referenced files first)."""
    grouped: defaultdict[str | None, list[Entry]] = defaultdict(list)
    for entry in entries:
        grouped[entry.file].append(entry)
    return dict(sorted(grouped.items(), key=lambda item: (item[0] is not None, order.get(item[0] or "", len(order)), item[0] or "")))


def _rows(rows: list[int], count: int) -> str:
    if not rows:
        return ""
    if count == 1:
        return f"row {rows[0]}"
    more = count - len(rows)
    return f"{count:,} rows ({', '.join(str(r) for r in rows)}{f', … {more:,} more' if more else ''})"


def _change(change: Change, show_values: bool) -> str:
    spec = REPAIRS[change.repair]
    rows = change.rows.filter(pl.col(ROW).is_not_null()) if change.rows is not None else None
    where = ", ".join(part for part in (_rows(rows.get_column(ROW).head(SHOWN).to_list(), rows.height) if rows is not None else "",
                                        terminal(change.field or "")) if part)
    line = f"  {spec.code}  {where + ': ' if where else ''}{spec.name} (fixes {change.fixes})"
    if show_values and change.rows is not None:
        pairs = change.rows.select(OLD, NEW).unique(maintain_order=True)
        shown = ", ".join(f"{quoted(old) if old is not None else '(none)'} → {quoted(new)}" for old, new in pairs.head(SHOWN).iter_rows())
        line += f" [{shown}{', …' if pairs.height > SHOWN else ''}]"
    return line


def _merged(entries: list[LeftAlone]) -> list[LeftAlone]:
    """Entries with the same file, field, code and reason as one (the findings left for the
    same reason in many rows)."""
    merged: dict[tuple[str | None, str | None, str, str], LeftAlone] = {}
    for entry in entries:
        key = (entry.file, entry.field, entry.code, entry.reason)
        if key in merged:
            held = merged[key]
            held.rows = sorted(set(held.rows) | set(entry.rows))
            held.values = sorted(set(held.values) | set(entry.values))
            held.notes.update(entry.notes)
        else:
            merged[key] = LeftAlone(entry.file, entry.field, entry.code, entry.reason, list(entry.rows), list(entry.values), dict(entry.notes))
    return list(merged.values())


def _left(entry: LeftAlone, show_values: bool) -> str:
    where = ", ".join(part for part in (_rows(entry.rows[:SHOWN], len(entry.rows)), terminal(entry.field or "")) if part)
    line = f"  {entry.code}  {where + ': ' if where else ''}{terminal(entry.reason)}"
    if show_values and entry.values:
        shown = ", ".join(quoted(v) + (f" could be {entry.notes[v]}" if v in entry.notes else "") for v in entry.values[:SHOWN])
        line += f" [value{'s' * (len(entry.values) > 1)}: {shown}{', …' if len(entry.values) > SHOWN else ''}]"
    return line
