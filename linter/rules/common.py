"""Small column helpers the rule families share."""

from __future__ import annotations

from typing import TypeVar

import polars as pl

from linter.rules.api import DATE, NUMBER, Context

FrameT = TypeVar("FrameT", pl.DataFrame, pl.LazyFrame)


def as_date(column: str) -> pl.Expr:
    """The column as a date, or null when it is empty or not a real YYYY-MM-DD date."""
    value = pl.col(column)
    return pl.when(value.str.contains(DATE)).then(value.str.to_date("%Y-%m-%d", strict=False)).otherwise(None)


def as_number(column: str) -> pl.Expr:
    """The column as a number, or null when it is empty or not a number."""
    value = pl.col(column)
    return pl.when(value.str.contains(NUMBER)).then(value.cast(pl.Float64, strict=False)).otherwise(None)


def split_list(frame: FrameT, column: str, alias: str) -> FrameT:
    """One row per item of a comma-separated list column (of a frame or a lazy frame)."""
    return (frame.with_columns(pl.col(column).str.split(",").alias(alias)).explode(alias)
            .with_columns(pl.col(alias).str.strip_chars()).filter(pl.col(alias) != ""))


def user_orgs(ctx: Context) -> pl.DataFrame | None:
    """(user, role, org) for every org a user belongs to: users.csv in 1.1, roles.csv in 1.2."""
    return ctx.memo("user-orgs", lambda: _user_orgs(ctx))


def _user_orgs(ctx: Context) -> pl.DataFrame | None:
    roles = ctx.frame("roles.csv", "userSourcedId", "role", "orgSourcedId")
    if roles is not None:
        return roles.select(pl.col("userSourcedId").alias("user"), "role", pl.col("orgSourcedId").alias("org"))
    users = ctx.frame("users.csv", "sourcedId", "role", "orgSourcedIds")
    if users is None:
        return None
    return split_list(users.select(pl.col("sourcedId").alias("user"), "role", "orgSourcedIds"), "orgSourcedIds", "org").drop("orgSourcedIds")

