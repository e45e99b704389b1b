"""Delta packages as a consumer applies them.

A delta file carries only changes: `active` rows add or replace the row with the same
sourcedId, `tobedeleted` rows remove it. What the consumer holds afterwards is the state
of the last bulk upload with the delta applied; references in a delta can only be judged
against that state. Everything here is joins and concatenations over whole frames.
"""

from __future__ import annotations

import polars as pl

from linter.engine.context import Context

DELETED = "tobedeleted"


def is_delta(ctx: Context) -> bool:
    """True when the manifest sends at least one file as a delta."""
    return "delta" in ctx.modes.values()


def apply_delta(bulk: Context, delta: Context) -> Context:
    """The state the consumer holds after applying `delta` to `bulk`, as a bulk Context.

    Per file: a file the delta sends as bulk replaces the old one; a delta file replaces
    the rows it names and drops its tobedeleted rows; a file it does not send is kept.
    `status` is cleared in the state: it is a snapshot, like a bulk file."""
    state = Context(version=delta.version, schema=delta.schema, profile=delta.profile, damaged=bulk.damaged | delta.damaged)
    for file in sorted(set(bulk.tables) | set(delta.tables)):
        mode = delta.modes.get(file)
        before, change = bulk.tables.get(file), delta.tables.get(file)
        if change is None or file == "manifest.csv":
            table = before if change is None else change
        elif mode == "delta" and before is not None and "sourcedId" in change.columns and "sourcedId" in before.columns:
            kept = before.join(change.select("sourcedId"), on="sourcedId", how="anti")
            table = pl.concat([kept, _active(change)], how="diagonal_relaxed")
        elif mode == "delta":
            table = _active(change)
        else:
            table = change
        if table is None:
            continue
        if "status" in table.columns:
            table = table.with_columns(pl.lit("").alias("status"))
        state.tables[file] = table
        state.modes[file] = "bulk"
    return state


def _active(frame: pl.DataFrame) -> pl.DataFrame:
    if "status" not in frame.columns:
        return frame
    return frame.filter(pl.col("status") != DELETED)


def deleted_ids(ctx: Context, file: str) -> pl.DataFrame | None:
    """The sourcedIds a delta file marks tobedeleted, as a one-column frame `value`."""
    frame = ctx.frame(file, "sourcedId", "status")
    if frame is None or ctx.modes.get(file) != "delta":
        return None
    return frame.filter(pl.col("status") == DELETED).select(pl.col("sourcedId").alias("value"))
