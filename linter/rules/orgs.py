"""The org tree: no loops, schools under districts, every school teaching something."""

from __future__ import annotations

from collections.abc import Iterator

import polars as pl

from linter.rules.api import ROW, Basis, Context, Found, Probe, Severity, baseline, emit, rule

ORGS = "orgs.csv"


@rule(
    code="R110", name="org-cycle", severity=Severity.WARNING, basis=Basis.PRACTICE,
    clause="Not a rule of the binding: consumers walk parentSourcedId up to the district, and a loop never ends",
    title="Orgs form a loop through parentSourcedId",
    why="An org that is its own ancestor has no place in the tree; consumers that walk up to the district never stop or reject the file.",
    fix="Point the parentSourcedId of one org in the loop at its real parent (a school's parent is its district).",
    bad={"orgs.csv": baseline.edit("orgs.csv", {"dist": {"parentSourcedId": "sch"}})},
    good={},
)
def org_cycle(ctx: Context) -> Iterator[Found | Probe]:
    orgs = ctx.frame(ORGS, "sourcedId", "parentSourcedId")
    if orgs is None:
        return
    # Pointer doubling: after k joins each org points 2**k steps up its chain, and a chain that
    # ends drops out. Once 2**k passes the number of orgs, the orgs still pointing somewhere lead
    # into a loop, and the orgs they point at are exactly the orgs on a loop, of any length.
    jump = orgs.select("sourcedId", pl.col("parentSourcedId").alias("up")).filter(pl.col("up") != "").unique("sourcedId", keep="first")
    for _ in range(max(orgs.height, 1).bit_length() + 1):
        jump = jump.join(jump.rename({"sourcedId": "up", "up": "further"}), on="up").select("sourcedId", pl.col("further").alias("up"))
        if jump.is_empty():
            return
    on_loop = orgs.filter(pl.col("sourcedId").is_in(jump.get_column("up").unique().implode()))
    yield emit(ORGS, on_loop.select(ROW), field="parentSourcedId", message="this org is its own ancestor through parentSourcedId", value=None)


@rule(
    code="R111", name="school-parent-not-district", severity=Severity.WARNING, basis=Basis.PRACTICE,
    clause="Not a rule of the binding: consumers expect a school to sit under its district",
    title="A school's parent org is not a district",
    why="Consumers group schools by their district; a school whose parent is another school or a department ends up in the wrong place.",
    fix="Set the school's parentSourcedId to its district.",
    bad={"orgs.csv": baseline.edit("orgs.csv", {"dist": {"type": "department"}})},
    good={},
)
def school_parent_not_district(ctx: Context) -> Iterator[Found | Probe]:
    orgs = ctx.frame(ORGS, "sourcedId", "type", "parentSourcedId")
    if orgs is None:
        return
    parents = orgs.select(pl.col("sourcedId").alias("parentSourcedId"), pl.col("type").alias("parent_type"))
    wrong = orgs.filter(pl.col("type") == "school").join(parents, on="parentSourcedId").filter(pl.col("parent_type") != "district")
    yield emit(ORGS, wrong.sort(ROW), field="parentSourcedId", message="the school's parent org is not of type district", value=None)


@rule(
    code="R116", name="school-without-classes", whole_roster=True, severity=Severity.WARNING, basis=Basis.PRACTICE,
    clause="Not in the standard: a school with no classes shows no rosters",
    title="A school has no classes",
    why="A school with no classes shows no rosters to its staff; usually its classes were exported under another school id, or the school's export was skipped.",
    fix="Check the export settings of the school; leave the school out if it really has no classes.",
    bad={"orgs.csv": baseline.edit("orgs.csv", add=("sch2,,,Lakeside Middle,school,0043,dist",))},
    good={},
)
def school_without_classes(ctx: Context) -> Iterator[Found | Probe]:
    orgs = ctx.active(ORGS, "sourcedId", "type")
    classes = ctx.active("classes.csv", "schoolSourcedId")
    if orgs is None or classes is None:
        return
    empty = orgs.filter(pl.col("type") == "school").join(classes.select(pl.col("schoolSourcedId").alias("sourcedId")), on="sourcedId", how="anti")
    yield emit(ORGS, empty, field="sourcedId", message="no class belongs to this school", value=None)
