"""Who a Freeze of one school would lock out: every account tied to it, including staff who
also belong to other schools (they are locked there too)."""

from __future__ import annotations

from typing import Any

import polars as pl

from linter.yearend.snapshot import Snapshot


class UnknownSchool(Exception):
    pass


def freeze_impact(snapshot: Snapshot, school: str, following: Snapshot | None = None) -> dict[str, Any]:
    """Every account a Freeze of `school` locks, by role (staff first, with their other
    schools), and with `following` (the next upload) who among them is there at another school."""
    schools = snapshot.schools()
    if school not in schools.get_column("sourcedId").to_list():
        known = ", ".join(schools.get_column("sourcedId").head(10).to_list()) or "none"
        raise UnknownSchool(f"no school with sourcedId '{school}' in the package (schools: {known})")
    ties = _ties(snapshot)
    locked = ties.filter(pl.col("org") == school).select("user").unique()
    school_ids = schools.select(pl.col("sourcedId").alias("org"))
    elsewhere = (ties.join(locked, on="user", how="semi").join(school_ids, on="org", how="semi")
                 .filter(pl.col("org") != school).select("user").unique().sort("user"))
    result = {"school": school, "locked_users": locked.height, "users_in_other_schools": elsewhere.get_column("user").to_list(),
              "by_role": _by_role(snapshot, ties, locked, school_ids, school)}
    if following is not None:
        later = _ties(following).join(locked, on="user", how="semi").join(following.schools().select(pl.col("sourcedId").alias("org")), on="org", how="semi")
        moved = later.filter(pl.col("org") != school).group_by("user").agg(pl.col("org").sort().alias("schools")).sort("user")
        result["in_next_upload_elsewhere"] = [{"user": user, "schools": orgs} for user, orgs in moved.iter_rows()]
    return result


def _by_role(snapshot: Snapshot, ties: pl.DataFrame, locked: pl.DataFrame, school_ids: pl.DataFrame, school: str) -> list[dict[str, Any]]:
    """[{role, count, users: [{user, other_schools}]}], staff first; users listed for staff only
    (a list of 60 parents' ids helps nobody), counted for everyone."""
    roles = snapshot.memberships().select("user", "role").unique().join(locked, on="user", how="semi")
    roles = pl.concat([roles, locked.join(roles, on="user", how="anti").with_columns(pl.lit("unknown").alias("role"))])
    other = (ties.join(school_ids, on="org", how="semi").filter(pl.col("org") != school)
             .group_by("user").agg(pl.col("org").unique().sort().alias("other_schools")))
    schema = snapshot.ctx.schema
    staff, vocabulary = schema.role_group("staff"), schema.user_role.enum or ()
    # Staff first, in the schema's order (the few accounts a district most needs to see), then students and their carers.
    rank = {role: i for i, role in enumerate(dict.fromkeys((*staff, "student", *schema.role_group("carers"), *vocabulary)))}
    # Users are listed for staff, and for a role outside the vocabulary (ext:...), which may be staff.
    unlisted = {*vocabulary, "unknown"} - set(staff)
    found = []
    for role, users in sorted(roles.group_by("role").agg(pl.col("user").unique().sort()).iter_rows(), key=lambda r: (rank.get(r[0], len(rank)), r[0])):
        entry = {"role": role, "count": len(users)}
        if role not in unlisted:
            listed = pl.DataFrame({"user": users}).join(other, on="user", how="left")
            entry["users"] = [{"user": u, "other_schools": o or []} for u, o in listed.iter_rows()]
        found.append(entry)
    return found


def _ties(snapshot: Snapshot) -> pl.DataFrame:
    """(user, org) for every way an account is tied to an org: membership or an enrollment."""
    ties = [snapshot.memberships().select("user", "org")]
    enrollments = snapshot.frame("enrollments.csv", "userSourcedId", "schoolSourcedId")
    if enrollments is not None:
        ties.append(enrollments.select(pl.col("userSourcedId").alias("user"), pl.col("schoolSourcedId").alias("org")))
    return pl.concat(ties).unique()
