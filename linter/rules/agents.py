"""users.agentSourcedIds: the people a user acts for or is cared for by."""

from __future__ import annotations

from collections.abc import Iterator

import polars as pl

from linter.rules.api import ROW, Basis, Context, Found, Probe, Severity, baseline, emit, rule
from linter.rules.common import split_list, user_orgs

USERS = "users.csv"


@rule(
    code="R121", name="agent-not-family", severity=Severity.ERROR, basis=Basis.STANDARD,
    clause="OneRoster information model, User.agents (agentSourcedIds in the CSV binding): a parent's agents are students, and a teacher is never an agent of a student",
    title="A parent's agent is not a student, or a student's agent is a teacher",
    why="agentSourcedIds links students and their families, and consumers send a student's messages and grades to the people it names. "
        "A teacher listed there gets the family's view; a parent linked to another adult gets nobody's. Teaching is expressed by enrollments.",
    fix="List a student's parents and guardians in agentSourcedIds, and a parent's children; take teachers out of it.",
    bad={USERS: baseline.edit(USERS, {"s1": {"agentSourcedIds": "p1,t1"}, "p1": {"agentSourcedIds": "s1,t1"}})},
    good={},
)
def agent_not_family(ctx: Context) -> Iterator[Found | Probe]:
    users = ctx.active(USERS, "sourcedId", "agentSourcedIds")
    memberships = user_orgs(ctx)
    if users is None or memberships is None:
        return
    carers = list(ctx.schema.role_group("carers"))
    roles = memberships.lazy().group_by("user").agg(
        (pl.col("role") == "student").any().alias("student"), pl.col("role").is_in(carers).any().alias("carer"),
        (pl.col("role") == "teacher").any().alias("teacher"))
    links = split_list(users.lazy().select(ROW, "sourcedId", "agentSourcedIds"), "agentSourcedIds", "agent")
    links = (links.join(roles, left_on="sourcedId", right_on="user")
             .join(roles.rename({"student": "agent_student", "carer": "agent_carer", "teacher": "agent_teacher"}), left_on="agent", right_on="user"))
    # Lazy, so they are answered with every other probe in one parallel pass.
    yield _rows("this parent or guardian lists an agent who is not a student",
                links.filter(pl.col("carer") & ~pl.col("student") & ~pl.col("agent_student")))
    yield _rows("this student lists a teacher as an agent; teaching is expressed by enrollments",
                links.filter(pl.col("student") & pl.col("agent_teacher") & ~pl.col("agent_carer")))


def _rows(message: str, offending: pl.LazyFrame) -> Probe:
    rows = offending.select(ROW).unique()
    return Probe(rows.select(pl.len() > 0), lambda: emit(USERS, rows.collect().sort(ROW), field="agentSourcedIds", message=message))
