"""OneRoster 1.2 roles.csv: every user has exactly one primary role."""

from __future__ import annotations

from collections.abc import Iterator

import polars as pl

from linter.rules.api import ROW, Basis, Context, Found, Probe, Severity, baseline, emit, rule


@rule(
    code="R301", name="primary-role-count", whole_roster=True, severity=Severity.ERROR, basis=Basis.STANDARD,
    clause="CSV Binding 1.2.1 §3.18 roles.csv, roleType: one role per user and organization is primary; the information model gives every user one primary role", versions=("1.2",),
    title="A user has no primary role, or two in the same org",
    why="In OneRoster 1.2 a user's primary role in an org decides what they see there; with none, or two, consumers pick one at random or reject the user.",
    fix="Mark one of the user's roles.csv rows per org roleType primary and the others secondary.",
    bad={"roles.csv": baseline.edit("roles.csv", {"r-s2": {"roleType": "secondary"}}, version="1.2")}, good={},
)
def primary_role_count(ctx: Context) -> Iterator[Found | Probe]:
    users = ctx.frame("users.csv", "sourcedId")
    roles = ctx.active("roles.csv", "userSourcedId", "roleType")
    if users is None or roles is None:
        return
    primary = roles.filter(pl.col("roleType") == "primary")
    without = users.select(ROW, "sourcedId").join(primary, left_on="sourcedId", right_on="userSourcedId", how="anti")
    yield emit("users.csv", without, field="sourcedId", message="the user has no primary role in roles.csv", value=None)
    if "orgSourcedId" in primary.columns:
        first = primary.group_by("userSourcedId", "orgSourcedId").agg(pl.col(ROW).min().alias("first"))
        extra = primary.join(first, on=["userSourcedId", "orgSourcedId"]).filter(pl.col(ROW) != pl.col("first")).sort(ROW)
        yield emit("roles.csv", extra, field="roleType", message="the user already has a primary role in this org", value=None)
