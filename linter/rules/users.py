"""Users as logins: unique usernames and emails, well-formed emails, students with classes."""

from __future__ import annotations

from collections.abc import Iterator

import polars as pl

from linter.rules.api import Basis, Context, Found, Probe, Severity, baseline, combos_probe, duplicates_probe, rows_probe, rule
from linter.rules.common import user_orgs

USERS = "users.csv"


def _active_users(ctx: Context, *columns: str) -> pl.DataFrame | None:
    users = ctx.active(USERS, *columns)
    if users is None:
        return None
    if "enabledUser" in users.columns:
        users = users.filter(pl.col("enabledUser") != "false")
    return users


def _repeats(users: pl.DataFrame, column: str, message: str) -> Probe:
    """Rows whose value (ignoring case) an earlier row already uses."""
    return duplicates_probe(USERS, users, [pl.col(column).str.to_lowercase()], where=pl.col(column) != "",
                            field=column, message=message, show=column)


@rule(
    code="R112", name="duplicate-username", severity=Severity.WARNING, basis=Basis.PRACTICE,
    clause="Not in the standard: consumers key sign-in on username",
    title="Two active users share a username",
    why="Vendors key logins on the username: one of the two people cannot sign in, or signs in as the other.",
    fix="Give each active user a unique username in the SIS (case does not make them different).",
    bad={"users.csv": baseline.edit("users.csv", {"s2": {"username": "AOkafor"}})},
    good={},
)
def duplicate_username(ctx: Context) -> Iterator[Found | Probe]:
    users = _active_users(ctx, "username")
    if users is not None:
        yield _repeats(users, "username", "this username is already used by the active user in row {first}")


@rule(
    code="R113", name="duplicate-email", severity=Severity.WARNING, basis=Basis.PRACTICE,
    clause="Not in the standard: consumers that sign in or message by email key on it",
    title="Two active users share an email address",
    why="Where logins or messages go by email, two people with one address get each other's messages or cannot sign in. Parents sharing a family address is common; staff and students should not.",
    fix="Give each user their own email, or leave it empty where it is not theirs.",
    bad={"users.csv": baseline.edit("users.csv", {"s2": {"email": "aokafor@lakeside.example"}})},
    good={},
)
def duplicate_email(ctx: Context) -> Iterator[Found | Probe]:
    users = _active_users(ctx, "email")
    if users is not None:
        yield _repeats(users, "email", "this email is already used by the active user in row {first}")


@rule(
    code="R114", name="malformed-email", severity=Severity.WARNING, basis=Basis.PRACTICE,
    clause="Not in the standard (email is free text): consumers send sign-in links and messages to it",
    title="An email address is not well formed",
    why="A malformed address (a space, two @, a missing domain) bounces every message, and vendors that invite users by email reject it.",
    fix="Correct the address in the SIS, or leave the cell empty.",
    bad={"users.csv": baseline.edit("users.csv", {"t1": {"email": "mrivera@lakeside"}})},
    good={},
)
def malformed_email(ctx: Context) -> Iterator[Found | Probe]:
    users = ctx.frame(USERS, "email")
    email = ctx.schema.tables[USERS].field("email")
    if users is not None and email is not None and email.well_formed:
        malformed = (pl.col("email") != "") & ~pl.col("email").str.contains(email.well_formed)
        yield rows_probe(USERS, users, malformed, field="email", message="email is not a well-formed address", show="email")


@rule(
    code="R115", name="student-without-enrollment", whole_roster=True, severity=Severity.WARNING, basis=Basis.PRACTICE,
    clause="Not in the standard: an active student with no class sees nothing",
    title="An active student has no enrollment",
    why="A student with no classes is invisible to teachers, and their families get no class messages.",
    fix="Enroll the student, or leave them out (or mark them tobedeleted in a delta) if they have left.",
    bad={"enrollments.csv": baseline.edit("enrollments.csv", drop=("e3",))},
    good={},
)
def student_without_enrollment(ctx: Context) -> Iterator[Found | Probe]:
    users = _active_users(ctx, "sourcedId")
    enrollments = ctx.active("enrollments.csv", "userSourcedId")
    memberships = user_orgs(ctx)
    if users is None or enrollments is None or memberships is None:
        return
    students = memberships.lazy().filter(pl.col("role") == "student").select(pl.col("user").alias("sourcedId"))
    enrolled = enrollments.lazy().select(pl.col("userSourcedId").alias("sourcedId"))
    yield combos_probe(USERS, users, ["sourcedId"], lambda ids: ids.join(students, on="sourcedId", how="semi").join(enrolled, on="sourcedId", how="anti"),
                       field="sourcedId", message="this student has no enrollment")
