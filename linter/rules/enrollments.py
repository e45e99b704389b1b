"""Enrollments that put the wrong people in the wrong classes, or leave classes empty."""

from __future__ import annotations

from collections.abc import Iterator

import polars as pl

from linter.rules.api import ROW, Basis, Context, Found, Probe, Severity, baseline, combos_probe, duplicates_probe, rows_probe, rule
from linter.rules.common import user_orgs

ENROLLMENTS = "enrollments.csv"


@rule(
    code="R104", name="enrollment-school-mismatch", severity=Severity.WARNING, basis=Basis.PRACTICE,
    clause="Not a rule of the binding: consumers place an enrollment by its class's school, so a second school id is contradictory",
    title="An enrollment's school differs from its class's school",
    why="The enrollment says one school and its class another; consumers file the student under one of them and the roster is wrong in the other.",
    fix="Set the enrollment's schoolSourcedId to the class's schoolSourcedId.",
    bad={"orgs.csv": baseline.edit("orgs.csv", add=("sch2,,,Lakeside Middle,school,0043,dist",)),
         "enrollments.csv": baseline.edit("enrollments.csv", {"e3": {"schoolSourcedId": "sch2"}}),
         "users.csv": baseline.edit("users.csv", {"s2": {"orgSourcedIds": "sch,sch2"}}),
         },
    good={},
)
def enrollment_school_mismatch(ctx: Context) -> Iterator[Found | Probe]:
    enrollments = ctx.frame(ENROLLMENTS, "classSourcedId", "schoolSourcedId")
    classes = ctx.frame("classes.csv", "sourcedId", "schoolSourcedId")
    if enrollments is None or classes is None:
        return
    class_school = classes.lazy().select(pl.col("sourcedId").alias("classSourcedId"), pl.col("schoolSourcedId").alias("class_school"))
    known = _known_orgs(ctx)
    yield combos_probe(ENROLLMENTS, enrollments, ["classSourcedId", "schoolSourcedId"], lambda pairs: (
        pairs.join(known, on="schoolSourcedId", how="semi").join(class_school, on="classSourcedId")
        .filter(pl.col("schoolSourcedId") != pl.col("class_school"))),
        field="schoolSourcedId", message="schoolSourcedId is not the school of the enrolled class")


@rule(
    code="R105", name="user-not-in-school", whole_roster=True, severity=Severity.WARNING, basis=Basis.PRACTICE,
    clause="Not a rule of the binding: consumers show a school's rosters only to its members",
    title="An enrolled user does not belong to the enrollment's school",
    why="Consumers place people in schools through their org memberships; a student enrolled at a school they do not belong to may not appear on the roster there.",
    fix="Add the school to the user's orgSourcedIds (roles.csv in 1.2), or correct the enrollment.",
    bad={"users.csv": baseline.edit("users.csv", {"s2": {"orgSourcedIds": "dist"}})},
    good={},
)
def user_not_in_school(ctx: Context) -> Iterator[Found | Probe]:
    enrollments = ctx.frame(ENROLLMENTS, "userSourcedId", "schoolSourcedId")
    memberships = user_orgs(ctx)
    users = ctx.frame("users.csv", "sourcedId")
    if enrollments is None or memberships is None or users is None:
        return
    known = _known_orgs(ctx)
    orgs = memberships.lazy().select(pl.col("user").alias("userSourcedId"), pl.col("org").alias("schoolSourcedId"))
    # A user with a membership in no known org (lost zeros, a semicolon list) has a finding of its own.
    unclear = orgs.join(known, on="schoolSourcedId", how="anti").select("userSourcedId")
    judged = users.lazy().select(pl.col("sourcedId").alias("userSourcedId")).join(unclear, on="userSourcedId", how="anti")
    yield combos_probe(ENROLLMENTS, enrollments, ["userSourcedId", "schoolSourcedId"], lambda pairs: (
        pairs.join(known, on="schoolSourcedId", how="semi").join(judged, on="userSourcedId", how="semi")
        .join(orgs, on=["userSourcedId", "schoolSourcedId"], how="anti")),
        field="userSourcedId", message="the user does not belong to the enrollment's school")


@rule(
    code="R106", name="enrollment-role-mismatch", severity=Severity.WARNING, basis=Basis.PRACTICE,
    clause="Not a rule of the binding: a student enrolled as a teacher gets a teacher's access",
    title="An enrollment's role disagrees with the user's role",
    why="A student enrolled as teacher gets a teacher's view of the class (and its other students); a teacher enrolled as student sees none of it.",
    fix="Correct the enrollment's role, or the user's role if that is the one that is wrong.",
    bad={"enrollments.csv": baseline.edit("enrollments.csv", {"e3": {"role": "teacher"}})},
    good={},
)
def enrollment_role_mismatch(ctx: Context) -> Iterator[Found | Probe]:
    enrollments = ctx.frame(ENROLLMENTS, "userSourcedId", "role")
    memberships = user_orgs(ctx)
    if enrollments is None or memberships is None:
        return
    staff = list(ctx.schema.role_group("staff"))
    roles = memberships.lazy().group_by("user").agg((pl.col("role") == "student").any().alias("student"),
                                             pl.col("role").is_in(staff).any().alias("staff"))
    yield combos_probe(ENROLLMENTS, enrollments, ["userSourcedId", "role"], lambda pairs: (
        pairs.join(roles, left_on="userSourcedId", right_on="user")
        .filter(((pl.col("role") == "student") & ~pl.col("student") & pl.col("staff"))
                | ((pl.col("role") != "student") & pl.col("student") & ~pl.col("staff")))),
        field="role", message="the enrollment's role does not match the user's role")


def _known_orgs(ctx: Context) -> pl.LazyFrame:
    """The sourcedIds of the orgs in the package, as `schoolSourcedId`."""
    orgs = ctx.frame("orgs.csv", "sourcedId")
    ids = orgs.get_column("sourcedId") if orgs is not None else pl.Series([], dtype=pl.String)
    return pl.LazyFrame({"schoolSourcedId": ids})


def _class_roles(ctx: Context) -> pl.DataFrame | None:
    classes = ctx.active("classes.csv", "sourcedId")
    enrollments = ctx.active(ENROLLMENTS, "classSourcedId", "role")
    if classes is None or enrollments is None:
        return None
    roles = list(ctx.schema.tables[ENROLLMENTS].vocabulary("role"))
    counts = enrollments.lazy().group_by("classSourcedId").agg((pl.col("role") == "teacher").any().alias("teacher"), (pl.col("role") == "student").any().alias("student"),
                                                               (~pl.col("role").is_in(roles)).any().alias("unknown"))
    # A class with an enrollment of an unknown role (S003's finding) may well have its teacher: it is not judged.
    return (classes.lazy().select(ROW, "sourcedId").join(counts, left_on="sourcedId", right_on="classSourcedId", how="left")
            .fill_null(False).filter(~pl.col("unknown")).collect())


@rule(
    code="R107", name="class-without-teacher", whole_roster=True, severity=Severity.WARNING, basis=Basis.PRACTICE,
    clause="Not in the standard: consumers commonly expect a teacher in every class",
    title="A class has no teacher enrollment",
    why="No teacher sees the class, so nobody can message its families or manage it.",
    fix="Enroll the class's teacher (role teacher, primary true), or leave the class out if it is not taught.",
    bad={"enrollments.csv": baseline.edit("enrollments.csv", drop=("e1",))},
    good={},
)
def class_without_teacher(ctx: Context) -> Iterator[Found | Probe]:
    counts = ctx.memo("class-roles", lambda: _class_roles(ctx))
    if counts is not None:
        yield rows_probe("classes.csv", counts, ~pl.col("teacher"), field="sourcedId", message="no teacher is enrolled in this class")


@rule(
    code="R108", name="class-without-students", whole_roster=True, severity=Severity.WARNING, basis=Basis.PRACTICE,
    clause="Not in the standard: a class with no students is usually an export filter gone wrong",
    title="A class has no student enrollment",
    why="An empty class shows up in teachers' lists with nobody in it; often its students were enrolled under another class id.",
    fix="Enroll the students, or leave the class out of the export.",
    bad={"enrollments.csv": baseline.edit("enrollments.csv", drop=("e2", "e3"))},
    good={},
)
def class_without_students(ctx: Context) -> Iterator[Found | Probe]:
    counts = ctx.memo("class-roles", lambda: _class_roles(ctx))
    if counts is not None:
        yield rows_probe("classes.csv", counts, ~pl.col("student"), field="sourcedId", message="no student is enrolled in this class")


@rule(
    code="R109", name="duplicate-enrollment", severity=Severity.WARNING, basis=Basis.PRACTICE,
    clause="Not in the standard: a repeated enrollment shows the person twice in the class",
    title="A user is enrolled in the same class twice with the same role",
    why="Duplicate enrollments (often after an SIS merge) show the person twice on the roster, or make the consumer reject the second row.",
    fix="Remove the duplicate enrollment row.",
    bad={"enrollments.csv": baseline.edit("enrollments.csv", add=("e4,,,alg1-p1,sch,s2,student,false,,",))},
    good={},
)
def duplicate_enrollment(ctx: Context) -> Iterator[Found | Probe]:
    enrollments = ctx.active(ENROLLMENTS, "classSourcedId", "userSourcedId", "role")
    if enrollments is None:
        return
    yield duplicates_probe(ENROLLMENTS, enrollments, [pl.col("classSourcedId"), pl.col("userSourcedId"), pl.col("role")],
                           field="userSourcedId", message="this user is already enrolled in this class with this role, in row {first}")
