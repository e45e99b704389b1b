"""Gradebook files: results belong to students, scores to their line item's range and class,
and learning objectives from CASE are UUID URNs."""

from __future__ import annotations

from collections.abc import Iterator

import polars as pl

from linter.rules.api import VERSION, Basis, Context, Found, Probe, Severity, baseline, rows_probe, rule
from linter.rules.common import as_number, user_orgs

MANIFEST_1_2 = baseline.text("manifest.csv", "1.2")
CATEGORIES = "sourcedId,status,dateLastModified,title,weight\ncat-hw,,,Homework,20\n"
LINE_ITEMS = ("sourcedId,status,dateLastModified,title,description,assignDate,dueDate,classSourcedId,categorySourcedId,"
              "academicSessionSourcedId,resultValueMin,resultValueMax,schoolSourcedId\n")
RESULTS = ("sourcedId,status,dateLastModified,lineItemSourcedId,studentSourcedId,scoreStatus,score,scoreDate,comment,textScore,"
           "classSourcedId,inProgress,incomplete,late,missing\n")
LO = "sourcedId,status,dateLastModified,lineItemSourcedId,source,learningObjectiveId\n"
HOMEWORK = "li-1,,,Homework 1,,2025-09-01,2025-09-08,alg1-p1,cat-hw,fall,{low},{high},sch\n"
UUID_URN = r"^urn:uuid:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"


def _gradebook(*, low: str = "0", high: str = "100", results: str = "", objectives: str | None = None) -> dict[str, str]:
    """The 1.2 baseline with a category, one line item and the given results and objectives
    (a file with no rows is left out: OneRoster 1.2 does not permit it)."""
    sent = ("categories", "lineItems") + (("results",) if results else ()) + (("lineItemLearningObjectiveIds",) if objectives is not None else ())
    manifest = MANIFEST_1_2
    for name in sent:
        manifest = manifest.replace(f"file.{name},absent", f"file.{name},bulk")
    patch = {VERSION: "1.2", "manifest.csv": manifest, "categories.csv": CATEGORIES, "lineItems.csv": LINE_ITEMS + HOMEWORK.format(low=low, high=high)}
    if results:
        patch["results.csv"] = RESULTS + results
    if objectives is not None:
        patch["lineItemLearningObjectiveIds.csv"] = LO + objectives
    return patch


_SCORED = "res-1,,,li-1,s1,fully graded,{score},2025-09-09,,,{cls},,,,\n"


@rule(
    code="R501", name="result-not-for-student", severity=Severity.ERROR, basis=Basis.STANDARD,
    clause="CSV Binding 1.2.1 §3.16 results.csv, studentSourcedId: the user the result is for has the role student (users.csv role in 1.1, roles.csv in 1.2)",
    title="A result is for a user who is not a student",
    why="A result records a student's score. One attached to a teacher or parent is either a mix-up of ids or a test record, "
        "and consumers reject it or show a grade to the wrong person.",
    fix="Point studentSourcedId at the student the score belongs to.",
    bad=_gradebook(results=_SCORED.format(score="90", cls="") + "res-2,,,li-1,t1,fully graded,80,2025-09-09,,,,,,,\n"),
    good=_gradebook(results=_SCORED.format(score="90", cls="")),
)
def result_not_for_student(ctx: Context) -> Iterator[Found | Probe]:
    results = ctx.active("results.csv", "studentSourcedId")
    memberships = user_orgs(ctx)
    if results is None or memberships is None:
        return
    roles = memberships.group_by(pl.col("user").alias("studentSourcedId")).agg((pl.col("role") == "student").any().alias("is_student"))
    # Only users whose roles are known: a user missing altogether is X001's finding.
    judged = results.join(roles, on="studentSourcedId")
    yield rows_probe("results.csv", judged, ~pl.col("is_student"), field="studentSourcedId",
                     message="studentSourcedId names a user who has no student role")


@rule(
    code="R502", name="result-class-mismatch", severity=Severity.WARNING, basis=Basis.PRACTICE, versions=("1.2",),
    clause="Not a rule of the binding, which gives results.csv an optional classSourcedId; a score filed under another class than its line item's is shown in the wrong gradebook",
    title="A result's class differs from its line item's class",
    why="A line item belongs to one class; a result that names another class puts the score in a gradebook where the assignment does not exist.",
    fix="Set the result's classSourcedId to its line item's class, or leave it empty.",
    bad={**_gradebook(results=_SCORED.format(score="90", cls="alg2-p1")),
         "classes.csv": baseline.edit("classes.csv", add=("alg2-p1,,,Algebra II - Period 1,10,alg1,ALG2-1,scheduled,Room 14,sch,fall,Math,,2",), version="1.2")},
    good=_gradebook(results=_SCORED.format(score="90", cls="alg1-p1")),
)
def result_class_mismatch(ctx: Context) -> Iterator[Found | Probe]:
    results = ctx.active("results.csv", "lineItemSourcedId", "classSourcedId")
    items = ctx.frame("lineItems.csv", "sourcedId", "classSourcedId")
    if results is None or items is None:
        return
    classes = items.select(pl.col("sourcedId").alias("lineItemSourcedId"), pl.col("classSourcedId").alias("item_class"))
    paired = results.join(classes, on="lineItemSourcedId")
    yield rows_probe("results.csv", paired, (pl.col("classSourcedId") != "") & (pl.col("classSourcedId") != pl.col("item_class")),
                     field="classSourcedId", message="the result names another class than its line item")


@rule(
    code="R503", name="line-item-range-reversed", severity=Severity.WARNING, basis=Basis.PRACTICE,
    clause="CSV Binding 1.2.1 §3.11 lineItems.csv defines resultValueMin and resultValueMax as the inclusive lowest and highest score, without stating an order rule",
    title="A line item's lowest score is above its highest",
    why="resultValueMin and resultValueMax bound every score of the assignment; reversed, no score fits and consumers reject the scores or the line item.",
    fix="Swap resultValueMin and resultValueMax.",
    bad=_gradebook(low="100", high="0"),
    good=_gradebook(low="0", high="100"),
)
def line_item_range_reversed(ctx: Context) -> Iterator[Found | Probe]:
    items = ctx.active("lineItems.csv", "resultValueMin", "resultValueMax")
    if items is not None:
        yield rows_probe("lineItems.csv", items, as_number("resultValueMin") > as_number("resultValueMax"),
                         field="resultValueMin", message="resultValueMin is greater than resultValueMax")


@rule(
    code="R504", name="score-outside-range", severity=Severity.WARNING, basis=Basis.RECOMMENDATION,
    clause="CSV Binding 1.2.1 §3.16 results.csv, score: it should lie within the line item's resultValueMin and resultValueMax",
    title="A score lies outside its line item's range",
    why="A score above the maximum or below the minimum is usually a typo (950 for 95) or a score entered on the wrong scale; consumers clip or reject it.",
    fix="Correct the score, or the line item's resultValueMin and resultValueMax.",
    bad=_gradebook(results=_SCORED.format(score="950", cls="")),
    good=_gradebook(results=_SCORED.format(score="95", cls="")),
)
def score_outside_range(ctx: Context) -> Iterator[Found | Probe]:
    results = ctx.active("results.csv", "lineItemSourcedId", "score")
    items = ctx.frame("lineItems.csv", "sourcedId", "resultValueMin", "resultValueMax")
    if results is None or items is None:
        return
    bounds = items.select(pl.col("sourcedId").alias("lineItemSourcedId"), as_number("resultValueMin").alias("low"), as_number("resultValueMax").alias("high"))
    scored = results.join(bounds, on="lineItemSourcedId")
    score = as_number("score")
    yield rows_probe("results.csv", scored, (score < pl.col("low")) | (score > pl.col("high")), field="score",
                     message="the score is outside its line item's resultValueMin and resultValueMax")


@rule(
    code="R505", name="case-id-not-uuid-urn", severity=Severity.ERROR, basis=Basis.STANDARD, versions=("1.2",),
    clause="CSV Binding 1.2.1 §3.10 and §3.15, learningObjectiveId: with source case, a valid UUID URN",
    title="A CASE learning objective id is not a UUID URN",
    why="CASE identifies every learning standard by a UUID; written as urn:uuid:… it can be looked up in any CASE framework. Any other form matches no standard.",
    fix="Write the CASE item's identifier as urn:uuid:followed by the UUID (urn:uuid:9b1b2b0c-5f2e-4c5a-9d3e-1a2b3c4d5e6f), or set source to unknown.",
    bad=_gradebook(objectives="lo-1,,,li-1,case,CCSS.MATH.HSA.REI.B.3\n"),
    good=_gradebook(objectives="lo-1,,,li-1,case,urn:uuid:9b1b2b0c-5f2e-4c5a-9d3e-1a2b3c4d5e6f\nlo-2,,,li-1,unknown,CCSS.MATH.HSA.REI.B.3\n"),
)
def case_id_not_uuid_urn(ctx: Context) -> Iterator[Found | Probe]:
    for file in ("lineItemLearningObjectiveIds.csv", "resultLearningObjectiveIds.csv"):
        frame = ctx.active(file, "source", "learningObjectiveId")
        if frame is not None:
            yield rows_probe(file, frame, (pl.col("source") == "case") & ~pl.col("learningObjectiveId").str.contains(UUID_URN),
                             field="learningObjectiveId", message="with source case, learningObjectiveId must be a UUID URN (urn:uuid:…)")
