"""What one upload holds, as the year-end questions see it: schools, people by role, and the
counts per school. Built from an engine Context, for OneRoster 1.1 and 1.2 alike."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import polars as pl

from linter.engine import load_package
from linter.engine.context import Context
from linter.rules.common import as_date, user_orgs
from linter.source import Limits, read_package


@dataclass
class Snapshot:
    ctx: Context

    @property
    def version(self) -> str:
        return self.ctx.version

    def frame(self, file: str, *columns: str) -> pl.DataFrame | None:
        return self.ctx.active(file, *columns)

    def schools(self) -> pl.DataFrame:
        """sourcedId and name of every org of type school."""
        orgs = self.frame("orgs.csv", "sourcedId", "type")
        if orgs is None:
            return pl.DataFrame(schema={"sourcedId": pl.String, "name": pl.String})
        name = pl.col("name") if "name" in orgs.columns else pl.lit("")
        return orgs.filter(pl.col("type") == "school").select("sourcedId", name.alias("name")).unique("sourcedId", keep="first", maintain_order=True)

    def memberships(self) -> pl.DataFrame:
        """(user, role, org) for every org a user belongs to."""
        found = user_orgs(self.ctx)
        return found if found is not None else pl.DataFrame(schema={"user": pl.String, "role": pl.String, "org": pl.String})

    def people(self, role: str) -> pl.DataFrame:
        """The distinct sourcedIds of users with this role (in any org)."""
        return self.memberships().filter(pl.col("role") == role).select(pl.col("user").alias("sourcedId")).unique()

    def per_school(self) -> pl.DataFrame:
        """students, teachers, classes and enrollments per school sourcedId."""
        schools = self.schools().select("sourcedId")
        members = self.memberships()
        counts = [
            members.filter(pl.col("role") == "student").group_by("org").agg(pl.col("user").n_unique().alias("students")),
            # "teachers" as vendors count them (forecast.ENTITIES too): the role teacher, not all staff
            members.filter(pl.col("role") == "teacher").group_by("org").agg(pl.col("user").n_unique().alias("teachers")),
        ]
        classes = self.frame("classes.csv", "schoolSourcedId")
        if classes is not None:
            counts.append(classes.group_by(pl.col("schoolSourcedId").alias("org")).agg(pl.len().alias("classes")))
        enrollments = self.frame("enrollments.csv", "schoolSourcedId")
        if enrollments is not None:
            counts.append(enrollments.group_by(pl.col("schoolSourcedId").alias("org")).agg(pl.len().alias("enrollments")))
        table = schools
        for count in counts:
            table = table.join(count.with_columns(pl.col("org").cast(pl.String)), left_on="sourcedId", right_on="org", how="left")
        for column in ("students", "teachers", "classes", "enrollments"):
            if column not in table.columns:
                table = table.with_columns(pl.lit(0).alias(column))
        return table.with_columns(pl.col("students", "teachers", "classes", "enrollments").fill_null(0).cast(pl.Int64))

    def school_year_ends(self) -> list[date]:
        """The last day of every schoolYear session."""
        sessions = self.frame("academicSessions.csv", "type", "endDate")
        if sessions is None:
            return []
        return sessions.filter(pl.col("type") == "schoolYear").select(as_date("endDate")).drop_nulls().to_series().to_list()

    def school_years(self) -> list[int]:
        sessions = self.frame("academicSessions.csv", "type", "schoolYear")
        if sessions is None:
            return []
        years = sessions.filter(pl.col("type") == "schoolYear").get_column("schoolYear").cast(pl.Int64, strict=False).drop_nulls()
        return sorted(set(years.to_list()))


def take_snapshot(path: str | Path, version: str = "auto", limits: Limits = Limits()) -> Snapshot:
    """Load a package for comparison: parsed and mapped, without the value checks."""
    ctx, _ = load_package(read_package(path, limits), version=version, checks=False)  # the comparison judges no value
    return Snapshot(ctx)


def grade_rank(column: str, order: tuple[str, ...]) -> pl.Expr:
    """The first grade of a grades list as its place in `order` (a schema's grade order), null
    when it has none."""
    first = pl.col(column).str.split(",").list.first().str.strip_chars()
    return first.replace_strict(order, list(range(len(order))), default=None, return_dtype=pl.Int64)
