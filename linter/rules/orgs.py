"""The org tree: no loops, schools under districts, every school teaching something."""

from __future__ import annotations

import polars as pl

from linter import baseline
from linter.engine.context import Context
from linter.engine.csvfile import ROW
from linter.engine.emit import emit
from linter.findings import Severity
from linter.registry import Basis, rule

ORGS = "orgs.csv"
MAX_DEPTH = 64  # far deeper than any real org tree (national > state > local > district > school)


@rule(
    code="R110", name="org-cycle", severity=Severity.WARNING, basis=Basis.PRACTICE,
    clause="Not a rule of the binding: consumers walk parentSourcedId up to the district, and a loop never ends",
    title="Orgs form a loop through parentSourcedId",
    why="An org that is its own ancestor has no place in the tree; consumers that walk up to the district never stop or reject the file.",
    fix="Point the parentSourcedId of one org in the loop at its real parent (a school's parent is its district).",
    bad={"orgs.csv": baseline.edit("orgs.csv", {"dist": {"parentSourcedId": "sch"}})},
    good={},
)
def org_cycle(ctx: Context):
    orgs = ctx.frame(ORGS, "sourcedId", "parentSourcedId")
    if orgs is None:
        return
    parent_of = orgs.select("sourcedId", pl.col("parentSourcedId").alias("next")).filter(pl.col("next") != "").unique("sourcedId")
    walk = orgs.select(ROW, "sourcedId", pl.col("sourcedId").alias("at"))
    in_cycle = []
    for _ in range(MAX_DEPTH):  # one join per tree level, not per row
        walk = walk.join(parent_of.rename({"sourcedId": "at"}), on="at").select(ROW, "sourcedId", pl.col("next").alias("at"))
        if walk.is_empty():
            break
        returned = walk.filter(pl.col("at") == pl.col("sourcedId"))
        in_cycle.append(returned)
        walk = walk.join(returned, on=ROW, how="anti")
    if in_cycle:
        yield from emit("R110", ORGS, pl.concat(in_cycle).sort(ROW), field="parentSourcedId", message="this org is its own ancestor through parentSourcedId", value=None)


@rule(
    code="R111", name="school-parent-not-district", severity=Severity.WARNING, basis=Basis.PRACTICE,
    clause="Not a rule of the binding: consumers expect a school to sit under its district",
    title="A school's parent org is not a district",
    why="Consumers group schools by their district; a school whose parent is another school or a department ends up in the wrong place.",
    fix="Set the school's parentSourcedId to its district.",
    bad={"orgs.csv": baseline.edit("orgs.csv", {"dist": {"type": "department"}})},
    good={},
)
def school_parent_not_district(ctx: Context):
    orgs = ctx.frame(ORGS, "sourcedId", "type", "parentSourcedId")
    if orgs is None:
        return
    parents = orgs.select(pl.col("sourcedId").alias("parentSourcedId"), pl.col("type").alias("parent_type"))
    wrong = orgs.filter(pl.col("type") == "school").join(parents, on="parentSourcedId").filter(pl.col("parent_type") != "district")
    yield from emit("R111", ORGS, wrong.sort(ROW), field="parentSourcedId", message="the school's parent org is not of type district", value=None)


@rule(
    code="R116", name="school-without-classes", whole_roster=True, severity=Severity.WARNING, basis=Basis.PRACTICE,
    clause="Not in the standard: a school with no classes shows no rosters",
    title="A school has no classes",
    why="A school with no classes shows no rosters to its staff; usually its classes were exported under another school id, or the school's export was skipped.",
    fix="Check the export settings of the school; leave the school out if it really has no classes.",
    bad={"orgs.csv": baseline.edit("orgs.csv", add=("sch2,,,Lakeside Middle,school,0043,dist",))},
    good={},
)
def school_without_classes(ctx: Context):
    orgs = ctx.active(ORGS, "sourcedId", "type")
    classes = ctx.active("classes.csv", "schoolSourcedId")
    if orgs is None or classes is None:
        return
    empty = orgs.filter(pl.col("type") == "school").join(classes.select(pl.col("schoolSourcedId").alias("sourcedId")), on="sourcedId", how="anti")
    yield from emit("R116", ORGS, empty, field="sourcedId", message="no class belongs to this school", value=None)
