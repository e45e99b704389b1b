"""The facts the linter reasons with beyond the column checks live once, in schemas/: the grade
order, the staff and carer roles, which date columns pair up, the email shape, what a manifest
may say. Each behaviour test runs the code on a copy of the schema with the fact changed and
sees the result follow; the data tests check the facts against the schemas' own vocabularies."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from types import SimpleNamespace

import pytest

import linter.rules  # noqa: F401  (declares the named rules whose examples these tests borrow)
from linter.docs.files import column
from linter.examples import PREVIOUS, materialize
from linter.profiles import load_profile
from linter.registry import REGISTRY
from linter.schemas import VERSIONS, SchemaPackage, load
from linter.yearend.data import yearend
from linter.yearend.diff import compare
from linter.yearend.snapshot import take_snapshot


def with_field(schema: SchemaPackage, file: str, name: str, **changes) -> SchemaPackage:
    """A copy of the schema with one field changed; the cached original is left alone."""
    table = schema.tables[file]
    fields = tuple(replace(f, **changes) if f.name == name else f for f in table.fields)
    return replace(schema, tables={**schema.tables, file: replace(table, fields=fields)})


# The data: each fact is stated once, and agrees with the vocabulary it is about.

@pytest.mark.parametrize("version", VERSIONS)
def test_the_grade_order_is_a_ladder_of_known_grades(version):
    schema = load(version)
    order = schema.grade_order
    assert len(order) > 12 and len(set(order)) == len(order)
    listed = schema.tables["users.csv"].field("grades").item_enum
    if listed is not None:  # 1.1's CEDS list: the ladder is its grades, in its order
        assert [g for g in listed if g in order] == list(order)
    signals = yearend()["signals"]
    assert set(signals["entryGrades"]) | {signals["graduatingGrade"]} <= set(order)


# The behaviour: change the fact in the schema, and the code follows.

def test_promotion_is_judged_by_the_schemas_grade_order():
    patch = REGISTRY["Y003"].bad  # eleven students moved from 09 to 10

    def early_promotion(order: tuple[str, ...] | None) -> bool:
        with materialize(patch[PREVIOUS]) as before, materialize(patch) as after:
            previous, current = take_snapshot(before), take_snapshot(after)
        if order is not None:
            current.ctx.schema = with_field(current.ctx.schema, "users.csv", "grades", grade_order=order)
        found = compare(previous, current, load_profile("default"), as_of=date(2026, 3, 2)).findings
        return any(f.code == "Y003" for f in found)

    assert early_promotion(None)
    assert not early_promotion(tuple(reversed(load("1.1").grade_order)))  # 09 to 10 is a step down this ladder


def test_the_grade_reference_shows_the_schemas_grade_order():
    schema = load("1.2")
    users = schema.tables["users.csv"]
    grades = users.field("grades")
    usage = SimpleNamespace(specs=[])  # the page's 'Checked by' links are not what this test is about
    shown = column("files/1.2/users.md", schema, users, grades, usage)
    assert "Grade order" in shown and ", ".join(f"`{g}`" for g in schema.grade_order) in shown
    shorter = replace(grades, grade_order=("KG", "01"))
    assert "`KG`, `01`" in column("files/1.2/users.md", schema, users, shorter, usage)
