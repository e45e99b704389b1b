"""Who a Freeze of one school would lock out: every account tied to it, including staff who
also belong to other schools (they are locked there too)."""

from __future__ import annotations

import polars as pl

from linter.yearend.snapshot import Snapshot


class UnknownSchool(Exception):
    pass


def freeze_impact(snapshot: Snapshot, school: str) -> dict:
    schools = snapshot.schools()
    if school not in schools.get_column("sourcedId").to_list():
        known = ", ".join(schools.get_column("sourcedId").head(10).to_list()) or "none"
        raise UnknownSchool(f"no school with sourcedId '{school}' in the package (schools: {known})")
    ties = _ties(snapshot)
    locked = ties.filter(pl.col("org") == school).select("user").unique()
    school_ids = schools.select(pl.col("sourcedId").alias("org"))
    elsewhere = (ties.join(locked, on="user", how="semi").join(school_ids, on="org", how="semi")
                 .filter(pl.col("org") != school).select("user").unique().sort("user"))
    return {"school": school, "locked_users": locked.height, "users_in_other_schools": elsewhere.get_column("user").to_list()}


def _ties(snapshot: Snapshot) -> pl.DataFrame:
    """(user, org) for every way an account is tied to an org: membership or an enrollment."""
    ties = [snapshot.memberships().select("user", "org")]
    enrollments = snapshot.frame("enrollments.csv", "userSourcedId", "schoolSourcedId")
    if enrollments is not None:
        ties.append(enrollments.select(pl.col("userSourcedId").alias("user"), pl.col("schoolSourcedId").alias("org")))
    return pl.concat(ties).unique()
