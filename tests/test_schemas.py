"""The schemas under schemas/: loadable by frictionless, complete, and true to the reference."""

from __future__ import annotations

import json
import re

import jsonschema
import pytest

from linter.schemas import VERSIONS, load, schemas_root
from tests.conftest import REPO

frictionless = pytest.importorskip("frictionless")
REFERENCE = REPO.parent / "shared" / "oneroster-reference.md"


@pytest.mark.parametrize("version", VERSIONS)
def test_every_descriptor_loads_with_frictionless(version):
    folder = schemas_root() / f"oneroster-{version}"
    package = frictionless.Package(str(folder / "datapackage.json"))
    assert len(package.resources) == len(load(version).tables)
    for resource in package.resources:
        assert resource.schema.fields, resource.name
        frictionless.Schema.from_descriptor(json.loads((folder / f"{resource.path.removesuffix('.csv')}.schema.json").read_text()))


@pytest.mark.parametrize("version", VERSIONS)
def test_every_field_has_a_description_and_an_example(version):
    for table in load(version).tables.values():
        for field in table.fields:
            assert field.description.strip(), f"{table.file}: {field.name} has no description"
            if table.file != "manifest.csv":
                assert field.example is not None, f"{table.file}: {field.name} has no example"


@pytest.mark.parametrize("version", VERSIONS)
def test_examples_satisfy_their_own_constraints(version):
    for table in load(version).tables.values():
        for field in table.fields:
            if field.example is None or field.example == "":
                continue
            if field.enum and not field.extensible:
                assert field.example in field.enum, f"{table.file}.{field.name}"
            if field.pattern:
                assert re.fullmatch(field.pattern, field.example), f"{table.file}.{field.name}: {field.example!r}"


@pytest.mark.parametrize("version", VERSIONS)
def test_references_name_existing_files_and_fields(version):
    package = load(version)
    for table in package.tables.values():
        for field in table.fields:
            if field.reference:
                target = package.tables[field.reference.file]
                assert target.field(field.reference.field), f"{table.file}.{field.name}"


def _reference_tables() -> dict[str, list[tuple[str, bool]]]:
    """The 1.1 table of ../shared/oneroster-reference.md: file -> [(column, required)]."""
    tables = {}
    section = REFERENCE.read_text(encoding="utf-8").split("## OneRoster 1.1 tables", 1)[1].split("\n## ", 1)[0]
    for line in section.splitlines():
        match = re.match(r"\| (\w+\.csv) \| (.+) \|$", line)
        if match:
            tables[match[1]] = [(c.strip().rstrip("*"), c.strip().endswith("*")) for c in match[2].split(",")]
    return tables


@pytest.mark.skipif(not REFERENCE.is_file(), reason="../shared/oneroster-reference.md is not beside this clone")
def test_oneroster_1_1_columns_order_and_required_match_the_reference():
    reference = _reference_tables()
    assert len(reference) == 13
    package = load("1.1")
    for file, columns in reference.items():
        table = package.tables[file]
        assert [(f.name, f.required) for f in table.fields] == columns, file


def test_oneroster_1_2_moves_roles_out_of_users():
    package = load("1.2")
    users = package.tables["users.csv"].field_names
    assert "role" not in users and "orgSourcedIds" not in users
    assert package.tables["roles.csv"].field("roleType").enum == ("primary", "secondary")
    for file in ("academicSessions.csv", "orgs.csv", "courses.csv", "classes.csv", "enrollments.csv"):
        assert package.tables[file].field_names == load("1.1").tables[file].field_names


def test_the_data_files_schemas_are_valid_json_schemas():
    """The linter trusts these at run time (it does not check them again on every run)."""
    root = schemas_root()
    for name in ("yearend.schema.json", "profiles/profile.schema.json"):
        jsonschema.Draft202012Validator.check_schema(json.loads((root / name).read_text(encoding="utf-8")))
