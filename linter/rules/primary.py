"""enrollments.primary: it marks the class's main teacher, one at a time."""

from __future__ import annotations

from collections.abc import Iterator

import polars as pl

from linter.rules.api import ROW, Basis, Context, Found, Probe, Severity, baseline, emit, rows_probe, rule
from linter.rules.common import as_date

ENROLLMENTS = "enrollments.csv"
_SECOND_TEACHER = baseline.edit("users.csv", add=("t2,,,true,sch,teacher,jpark,,Jun,Park,,T101,jpark@lakeside.example,,,,,",))


@rule(
    code="R118", name="primary-not-teacher", severity=Severity.WARNING, basis=Basis.RECOMMENDATION,
    clause="CSV Binding 1.2.1 §3.9 enrollments.csv, primary: it applies to teachers only",
    title="An enrollment that is not a teacher's is marked primary",
    why="primary marks the class's main teacher, the one families and reports name. On a student, aide or administrator it means nothing "
        "to most consumers, and some show that person as the class's teacher.",
    fix="Set primary to false (or leave it empty) on every enrollment whose role is not teacher.",
    bad={ENROLLMENTS: baseline.edit(ENROLLMENTS, {"e2": {"primary": "true"}})},
    good={},
)
def primary_not_teacher(ctx: Context) -> Iterator[Found | Probe]:
    enrollments = ctx.active(ENROLLMENTS, "role", "primary")
    if enrollments is not None:
        others = [role for role in ctx.schema.tables[ENROLLMENTS].vocabulary("role") if role != "teacher"]  # an unknown role is S003's
        yield rows_probe(ENROLLMENTS, enrollments, (pl.col("primary") == "true") & pl.col("role").is_in(others), field="primary",
                         message="primary is true on an enrollment whose role is not teacher")


@rule(
    code="R119", name="two-primary-teachers", severity=Severity.WARNING, basis=Basis.RECOMMENDATION,
    clause="CSV Binding 1.2.1 §3.9 enrollments.csv, primary: one teacher of a class is primary at a time (between beginDate and endDate)",
    title="A class has two primary teachers at the same time",
    why="Consumers show one primary teacher per class, on report cards and in messages to families; with two at once they pick one of them at random.",
    fix="Mark one teacher primary and the others false, or give the primary enrollments dates that do not overlap (a teacher who hands over mid-year).",
    bad={"users.csv": _SECOND_TEACHER, ENROLLMENTS: baseline.edit(ENROLLMENTS, add=("e4,,,alg1-p1,sch,t2,teacher,true,,",))},
    good={"users.csv": _SECOND_TEACHER,
          ENROLLMENTS: baseline.edit(ENROLLMENTS, {"e1": {"endDate": "2025-10-01"}}, add=("e4,,,alg1-p1,sch,t2,teacher,true,2025-10-01,",))},
)
def two_primary_teachers(ctx: Context) -> Iterator[Found | Probe]:
    enrollments = ctx.active(ENROLLMENTS, "classSourcedId", "role", "primary")
    if enrollments is None:
        return
    begin = as_date("beginDate") if "beginDate" in enrollments.columns else pl.lit(None, pl.Date)
    end = as_date("endDate") if "endDate" in enrollments.columns else pl.lit(None, pl.Date)
    primary = enrollments.filter((pl.col("primary") == "true") & (pl.col("role") == "teacher")).select(
        ROW, "classSourcedId", begin.alias("begin"), end.alias("end"))
    if primary.height == primary.get_column("classSourcedId").n_unique():
        return  # one primary teacher per class: the common case, answered without a join
    # endDate is exclusive (§3.9): a hand-over on the same day is no overlap.
    pairs = primary.join(primary, on="classSourcedId", suffix="_earlier").filter(
        (pl.col(f"{ROW}_earlier") < pl.col(ROW))
        & (pl.col("begin").is_null() | pl.col("end_earlier").is_null() | (pl.col("begin") < pl.col("end_earlier")))
        & (pl.col("begin_earlier").is_null() | pl.col("end").is_null() | (pl.col("begin_earlier") < pl.col("end"))))
    second = pairs.group_by(ROW).agg(pl.col(f"{ROW}_earlier").min().alias("first")).sort(ROW)
    worded = pl.concat_str(pl.lit("another teacher is primary in this class at the same time, in row "), pl.col("first").cast(pl.String))
    yield emit(ENROLLMENTS, second.select(ROW, worded.alias("message")), field="primary", message="", value=None)
