"""Users as logins: unique usernames and emails, well-formed emails, students with classes."""

from __future__ import annotations

import polars as pl

from linter import baseline
from linter.engine.context import Context
from linter.engine.csvfile import ROW
from linter.engine.emit import emit
from linter.findings import Severity
from linter.registry import rule
from linter.rules.common import user_orgs

USERS = "users.csv"
EMAIL = r"^[^@\s,;]+@[^@\s,;]+\.[^@\s,;]+$"


def _active_users(ctx: Context, *columns: str) -> pl.DataFrame | None:
    users = ctx.active(USERS, *columns)
    if users is None:
        return None
    if "enabledUser" in users.columns:
        users = users.filter(pl.col("enabledUser") != "false")
    return users


def _repeats(frame: pl.DataFrame, column: str) -> pl.DataFrame:
    """Rows whose (case-insensitive) value an earlier row already uses."""
    keyed = frame.select(ROW, pl.col(column).alias("value")).filter(pl.col("value") != "")
    return keyed.filter(~pl.col("value").str.to_lowercase().is_first_distinct())


@rule(
    code="R112", name="duplicate-username", severity=Severity.ERROR,
    title="Two active users share a username",
    why="Vendors key logins on the username: one of the two people cannot sign in, or signs in as the other.",
    fix="Give each active user a unique username in the SIS (case does not make them different).",
    bad={"users.csv": baseline.edit("users.csv", {"s2": {"username": "AOkafor"}})},
    good={},
)
def duplicate_username(ctx: Context):
    users = _active_users(ctx, "username")
    if users is not None:
        yield from emit("R112", USERS, _repeats(users, "username"), field="username", message="this username is already used by an earlier active user")


@rule(
    code="R113", name="duplicate-email", severity=Severity.WARNING,
    title="Two active users share an email address",
    why="Where logins or messages go by email, two people with one address get each other's messages or cannot sign in. Parents sharing a family address is common; staff and students should not.",
    fix="Give each user their own email, or leave it empty where it is not theirs.",
    bad={"users.csv": baseline.edit("users.csv", {"s2": {"email": "aokafor@lakeside.example"}})},
    good={},
)
def duplicate_email(ctx: Context):
    users = _active_users(ctx, "email")
    if users is not None:
        yield from emit("R113", USERS, _repeats(users, "email"), field="email", message="this email is already used by an earlier active user")


@rule(
    code="R114", name="malformed-email", severity=Severity.ERROR,
    title="An email address is not well formed",
    why="A malformed address (a space, two @, a missing domain) bounces every message, and vendors that invite users by email reject it.",
    fix="Correct the address in the SIS, or leave the cell empty.",
    bad={"users.csv": baseline.edit("users.csv", {"t1": {"email": "mrivera@lakeside"}})},
    good={},
)
def malformed_email(ctx: Context):
    users = ctx.frame(USERS, "email")
    if users is not None:
        bad = users.select(ROW, pl.col("email").alias("value")).filter((pl.col("value") != "") & ~pl.col("value").str.contains(EMAIL))
        yield from emit("R114", USERS, bad, field="email", message="email is not a well-formed address")


@rule(
    code="R115", name="student-without-enrollment", severity=Severity.WARNING,
    title="An active student has no enrollment",
    why="A student with no classes is invisible to teachers, and their families get no class messages.",
    fix="Enroll the student, or leave them out (or mark them tobedeleted in a delta) if they have left.",
    bad={"enrollments.csv": baseline.edit("enrollments.csv", drop=("e3",))},
    good={},
)
def student_without_enrollment(ctx: Context):
    users = _active_users(ctx, "sourcedId")
    enrollments = ctx.active("enrollments.csv", "userSourcedId")
    memberships = user_orgs(ctx)
    if users is None or enrollments is None or memberships is None:
        return
    students = memberships.filter(pl.col("role") == "student").select(pl.col("user").alias("sourcedId")).unique()
    lonely = users.join(students, on="sourcedId", how="semi").join(enrollments.select(pl.col("userSourcedId").alias("sourcedId")), on="sourcedId", how="anti")
    yield from emit("R115", USERS, lonely.sort(ROW), field="sourcedId", message="this student has no enrollment", value=None)
