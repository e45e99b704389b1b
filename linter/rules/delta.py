"""Bulk versus delta files: what status and dateLastModified may hold."""

from __future__ import annotations

from collections.abc import Iterator

import polars as pl

from linter.rules.api import ROW, Basis, Context, Found, Probe, Severity, baseline, emit, rule


@rule(
    code="R001", name="status-in-bulk-file", severity=Severity.ERROR, basis=Basis.STANDARD,
    clause="CSV Binding 1.2.1 §3, bulk mode: no row has a value in status or dateLastModified",
    title="status or dateLastModified is filled in a bulk file",
    why="A bulk file is a full snapshot: the standard leaves status and dateLastModified empty there. Some consumers read a filled status as a delta and apply it as a change.",
    fix="Leave status and dateLastModified empty in bulk files, or mark the file delta in manifest.csv if it is a change set.",
    bad={"orgs.csv": baseline.edit("orgs.csv", {"sch": {"status": "active"}})},
    good={},
)
def status_in_bulk_file(ctx: Context) -> Iterator[Found | Probe]:
    for file, mode in ctx.modes.items():
        frame = ctx.frame(file)
        if mode != "bulk" or frame is None:
            continue
        for column in ("status", "dateLastModified"):
            if column in frame.columns:
                filled = frame.filter((pl.col(column) != "") & (pl.col(column) != "tobedeleted"))
                yield emit(file, filled.select(ROW, pl.col(column).alias("value")), field=column,
                                message=f"{column} is filled in a bulk file")


@rule(
    code="R002", name="tobedeleted-in-bulk-file", severity=Severity.ERROR, basis=Basis.STANDARD,
    clause="CSV Binding 1.2.1 §3, bulk mode: no row has a value in status (tobedeleted included)",
    title="A row is marked tobedeleted in a bulk file",
    why="A bulk file replaces everything: a row that should go is simply left out. 'tobedeleted' in a bulk file is ambiguous and consumers handle it differently.",
    fix="Leave the row out of the bulk file, or send the file as delta.",
    bad={"users.csv": baseline.edit("users.csv", {"s2": {"status": "tobedeleted"}})},
    good={},
)
def tobedeleted_in_bulk_file(ctx: Context) -> Iterator[Found | Probe]:
    for file, mode in ctx.modes.items():
        frame = ctx.frame(file, "status")
        if mode == "bulk" and frame is not None:
            yield emit(file, frame.filter(pl.col("status") == "tobedeleted"), field="status",
                            message="the row is marked tobedeleted in a bulk file", value=None)


@rule(
    code="R003", name="delta-fields-missing", severity=Severity.ERROR, basis=Basis.STANDARD,
    clause="CSV Binding 1.2.1 §3, delta mode: every row has values in status and dateLastModified",
    title="status or dateLastModified is empty in a delta file",
    why="A delta file carries changes: each row must say whether it is active or tobedeleted, and when it changed.",
    fix="Fill status (active or tobedeleted) and dateLastModified (2025-08-15T00:00:00Z) on every row of a delta file.",
    bad={"manifest.csv": baseline.text("manifest.csv").replace("file.orgs,bulk", "file.orgs,delta"),
         "orgs.csv": baseline.rows("orgs.csv", "dist,active,2025-08-01T00:00:00Z,Lakeside District,district,,", "sch,active,,Lakeside High,school,0042,dist")},
    good={"manifest.csv": baseline.text("manifest.csv").replace("file.orgs,bulk", "file.orgs,delta"),
          "orgs.csv": baseline.rows("orgs.csv", "dist,active,2025-08-01T00:00:00Z,Lakeside District,district,,", "sch,active,2025-08-01T00:00:00Z,Lakeside High,school,0042,dist")},
)
def delta_fields_missing(ctx: Context) -> Iterator[Found | Probe]:
    for file, mode in ctx.modes.items():
        frame = ctx.frame(file)
        if mode != "delta" or frame is None:
            continue
        for column in ("status", "dateLastModified"):
            if column in frame.columns:
                yield emit(file, frame.filter(pl.col(column) == ""), field=column,
                                message=f"{column} is empty in a delta file")
