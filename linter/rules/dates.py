"""Dates that must agree with each other: start before end, terms inside their school year."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

import polars as pl

from linter.rules.api import ROW, Basis, Context, Found, Probe, Severity, baseline, combos_probe, emit, rule
from linter.rules.common import as_date, split_list


@rule(
    code="R101", name="dates-reversed", severity=Severity.WARNING, basis=Basis.PRACTICE,
    clause="Not a rule of the binding, which names the start and end dates but states no order; consumers drop or hide a record whose dates are reversed",
    title="A start date falls after its end date",
    why="A session or enrollment that ends before it starts is empty: consumers drop it, or keep people in classes for the wrong days.",
    fix="Swap or correct the dates so the start comes first.",
    bad={"academicSessions.csv": baseline.edit("academicSessions.csv", {"fall": {"startDate": "2025-12-19", "endDate": "2025-08-15"}})},
    good={},
)
def dates_reversed(ctx: Context) -> Iterator[Found | Probe]:
    for file, (start, end) in ctx.schema.periods.items():
        frame = ctx.frame(file, start, end)
        if frame is None:
            continue
        yield combos_probe(file, frame, [start, end], partial(_reversed, start, end), field=start, message=f"{start} is after {end}")


def _reversed(start: str, end: str, pairs: pl.LazyFrame) -> pl.LazyFrame:
    return pairs.filter(as_date(start) > as_date(end))


@rule(
    code="R102", name="term-outside-parent", severity=Severity.WARNING, basis=Basis.PRACTICE,
    clause="Not a rule of the binding, which links a term to its parent session without a rule on dates; consumers date classes by their terms",
    title="A term's dates fall outside its parent session",
    why="A semester that starts before its school year (or a grading period outside its semester) usually means a typo in a year, and consumers may file classes under the wrong year.",
    fix="Correct the dates, or attach the session to the right parent.",
    bad={"academicSessions.csv": baseline.edit("academicSessions.csv", {"fall": {"startDate": "2024-08-15", "endDate": "2024-12-19"}})},
    good={},
)
def term_outside_parent(ctx: Context) -> Iterator[Found | Probe]:
    sessions = ctx.frame("academicSessions.csv", "sourcedId", "startDate", "endDate", "parentSourcedId")
    if sessions is None:
        return
    dated = sessions.select(ROW, "sourcedId", "parentSourcedId", as_date("startDate").alias("start"), as_date("endDate").alias("end"))
    parents = dated.select(pl.col("sourcedId").alias("parentSourcedId"), pl.col("start").alias("parent_start"), pl.col("end").alias("parent_end"))
    outside = dated.join(parents, on="parentSourcedId").filter(
        (pl.col("start") < pl.col("parent_start")) | (pl.col("end") > pl.col("parent_end")))
    yield emit("academicSessions.csv", outside, field="startDate",
                    message="the session's dates are not inside its parent session's dates", value=None)


@rule(
    code="R103", name="school-year-session", whole_roster=True, severity=Severity.WARNING, basis=Basis.PRACTICE,
    clause="Not a rule of the binding: consumers find the current school year from its one schoolYear session",
    title="A school year has no schoolYear session, or more than one",
    why="Consumers find the current year through its schoolYear session; with none, or two, terms and courses are filed under the wrong year.",
    fix="Send exactly one academicSessions row of type schoolYear for each schoolYear value in use.",
    bad={"academicSessions.csv": baseline.edit("academicSessions.csv", {"y2026": {"type": "term"}})},
    good={},
)
def school_year_session(ctx: Context) -> Iterator[Found | Probe]:
    sessions = ctx.frame("academicSessions.csv", "type", "schoolYear")
    if sessions is None:
        return
    counts = (sessions.filter(pl.col("schoolYear").str.contains(r"^\d{4}$"))  # another form is S004's finding
              .group_by("schoolYear").agg((pl.col("type") == "schoolYear").sum().alias("years"), pl.col(ROW).min()))
    for count, message in ((counts.filter(pl.col("years") == 0), "no session of type schoolYear for this school year"),
                           (counts.filter(pl.col("years") > 1), "more than one session of type schoolYear for this school year")):
        yield emit("academicSessions.csv", count.sort(ROW).rename({"schoolYear": "value"}), field="schoolYear", message=message)


@rule(
    code="R117", name="enrollment-outside-class-terms", severity=Severity.WARNING, basis=Basis.RECOMMENDATION,
    clause="CSV Binding 1.2.1 §3.9, beginDate and endDate: an enrollment's dates line up with its class's terms",
    title="Enrollment dates fall outside the class's terms",
    why="Students show up in classes that have not started or have already ended.",
    fix="Clip beginDate and endDate to the term dates, or attach the class to the right term.",
    bad={"enrollments.csv": baseline.edit("enrollments.csv", {"e2": {"beginDate": "2025-08-15", "endDate": "2026-05-29"}})},
    good={"enrollments.csv": baseline.edit("enrollments.csv", {"e2": {"beginDate": "2025-08-20", "endDate": "2025-12-19"}})},
)
def enrollment_outside_class_terms(ctx: Context) -> Iterator[Found | Probe]:
    enrollments = ctx.frame("enrollments.csv", "classSourcedId", "beginDate", "endDate")
    classes = ctx.frame("classes.csv", "sourcedId", "termSourcedIds")
    sessions = ctx.frame("academicSessions.csv", "sourcedId", "startDate", "endDate")
    if enrollments is None or classes is None or sessions is None:
        return
    terms = split_list(classes.select("sourcedId", "termSourcedIds"), "termSourcedIds", "term")
    spans = (terms.join(sessions.select(pl.col("sourcedId").alias("term"), as_date("startDate").alias("start"), as_date("endDate").alias("end")), on="term")
             .group_by("sourcedId").agg(pl.col("start").min(), pl.col("end").max()))
    yield combos_probe("enrollments.csv", enrollments, ["classSourcedId", "beginDate", "endDate"], lambda combos: (
        combos.filter((pl.col("beginDate") != "") | (pl.col("endDate") != ""))
        .join(spans.lazy(), left_on="classSourcedId", right_on="sourcedId")
        .filter((as_date("beginDate") < pl.col("start")) | (as_date("endDate") > pl.col("end")))),
        field="beginDate", message="the enrollment's dates are outside the dates of the class's terms")
