"""Loads the bundled Frictionless Data Packages (schemas/) into plain objects.

The JSON under schemas/ is the single source of truth; this module only reads it. The engine
compiles these objects into polars checks and the help site renders them.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

VERSIONS = ("1.1", "1.2")


def schemas_root() -> Path:
    """schemas/ ships inside the wheel as linter/schemas; in a checkout it is ../schemas."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "schemas", here.parent / "schemas"):
        if (candidate / "oneroster-1.1" / "datapackage.json").is_file():
            return candidate
    raise FileNotFoundError("the bundled schemas/ folder is missing from this installation")


@dataclass(frozen=True)
class Reference:
    file: str  # the CSV file referenced, e.g. "classes.csv"
    field: str
    types: tuple[str, ...] = ()  # the referenced row's `type` must be one of these


@dataclass(frozen=True)
class FieldSpec:
    name: str
    type: str
    description: str
    example: str | None
    required: bool
    enum: tuple[str, ...] | None
    pattern: str | None
    true_values: tuple[str, ...]
    false_values: tuple[str, ...]
    is_list: bool
    item_enum: tuple[str, ...] | None
    item_pattern: str | None
    extensible: bool
    identifier: bool
    guid: bool  # a sourcedId or a reference to one: the binding limits its length and characters
    resolution: str | None  # "milliseconds": a date-time must carry exactly three decimals
    format: str | None  # the pattern in words, for messages (never show a regular expression)
    reference: Reference | None
    raw: dict[str, Any]
    grade_order: tuple[str, ...] | None = None  # grades in promotion order: moving up a year is one step along it
    role_groups: dict[str, tuple[str, ...]] = dataclasses.field(default_factory=dict)  # named subsets of a role vocabulary
    well_formed: str | None = None  # a pattern consumers expect though the standard does not require it: a warning, never S004

    @property
    def vocabulary(self) -> tuple[str, ...] | None:
        return self.item_enum if self.is_list else self.enum


@dataclass(frozen=True)
class TableSpec:
    file: str
    resource: str
    manifest_key: str | None
    group: str
    fields: tuple[FieldSpec, ...]
    primary_key: str | None
    description: str
    raw: dict[str, Any]
    public_ids: bool = False  # its sourcedIds name institutions (orgs, classes), not people: messages may show them
    period: tuple[str, str] | None = None  # the (start, end) date columns that belong together

    @property
    def field_names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    def field(self, name: str) -> FieldSpec | None:
        return next((f for f in self.fields if f.name == name), None)

    def vocabulary(self, name: str) -> tuple[str, ...]:
        """The values a column allows (each item's, for a list column); () when it is free text or not in the file."""
        spec = self.field(name)
        return (spec.vocabulary if spec is not None else None) or ()


ABSENT = "absent"  # the file mode of a file that is not sent


@dataclass(frozen=True)
class ManifestSpec:
    """What manifest.csv may say: its properties besides the file.<name> lines, and the modes
    a file.<name> line gives (read from the manifest resource of the Data Package)."""

    properties: dict[str, str | None]  # property -> the one value it must have, or None where none is fixed
    file_modes: tuple[str, ...]

    @property
    def sent_modes(self) -> tuple[str, ...]:
        """The modes of a file that is in the package: every mode but absent."""
        return tuple(mode for mode in self.file_modes if mode != ABSENT)


@dataclass(frozen=True)
class SchemaPackage:
    version: str
    tables: dict[str, TableSpec]  # by file name
    raw: dict[str, Any]
    folder: Path
    manifest: ManifestSpec

    @property
    def data_files(self) -> list[TableSpec]:
        return [t for t in self.tables.values() if t.manifest_key]

    def by_manifest_key(self, key: str) -> TableSpec | None:
        return next((t for t in self.tables.values() if t.manifest_key == key), None)

    @property
    def periods(self) -> dict[str, tuple[str, str]]:
        """(start, end) date columns by file, for the files whose rows span a period."""
        return {t.file: t.period for t in self.tables.values() if t.period}

    @property
    def grade_order(self) -> tuple[str, ...]:
        """The grades of users.csv in promotion order; a grade outside it (PS, UG, Other) has no place."""
        grades = self.tables["users.csv"].field("grades")
        return grades.grade_order if grades and grades.grade_order else ()

    @property
    def user_role(self) -> FieldSpec:
        """The column that gives a user's role at an org: users.role in 1.1, roles.role in 1.2.
        It is the one that carries the role groups."""
        return next(f for t in self.tables.values() for f in t.fields if f.role_groups)

    def role_group(self, name: str) -> tuple[str, ...]:
        """A named set of user roles: "staff" (people who work for the school) or "carers"
        (the parents and guardians whose agents are the students they care for)."""
        return self.user_role.role_groups[name]


@cache
def load(version: str) -> SchemaPackage:
    folder = schemas_root() / f"oneroster-{version}"
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    resources = descriptor["resources"]
    file_of = {r["name"]: r["path"] for r in resources}
    tables = {}
    for resource in resources:
        schema = resource["schema"]
        if isinstance(schema, str):
            schema = json.loads((folder / schema).read_text(encoding="utf-8"))
        tables[resource["path"]] = _table(resource, schema, file_of)
    said = next(r for r in resources if r["path"] == "manifest.csv")["oneroster"]
    manifest = ManifestSpec(properties=dict(said["properties"]), file_modes=tuple(said["fileModes"]))
    return SchemaPackage(version=version, tables=tables, raw=descriptor, folder=folder, manifest=manifest)


def _table(resource: dict[str, Any], schema: dict[str, Any], file_of: dict[str, str]) -> TableSpec:
    single_refs = {}
    for key in schema.get("foreignKeys", []):
        fields = key["fields"]
        name = fields if isinstance(fields, str) else fields[0]
        target = key["reference"]
        target_field = target["fields"] if isinstance(target["fields"], str) else target["fields"][0]
        # An empty resource name is a self-reference in Table Schema.
        single_refs[name] = Reference(file_of.get(target["resource"], resource["path"]) if target["resource"] else resource["path"], target_field)
    extra = resource.get("oneroster", {})
    primary_key = schema.get("primaryKey")
    if isinstance(primary_key, list):
        primary_key = primary_key[0] if primary_key else None
    return TableSpec(
        file=resource["path"],
        resource=resource["name"],
        manifest_key=extra.get("manifestKey"),
        group=extra.get("group", "rostering"),
        fields=tuple(_field(f, single_refs, file_of) for f in schema["fields"]),
        primary_key=primary_key,
        description=resource.get("description", ""),
        raw=schema,
        public_ids=bool(extra.get("publicIds")),
        period=(extra["period"][0], extra["period"][1]) if "period" in extra else None,
    )


def _field(raw: dict[str, Any], single_refs: dict[str, Reference], file_of: dict[str, str]) -> FieldSpec:
    constraints = raw.get("constraints", {})
    extra = raw.get("oneroster", {})
    items = extra.get("items", {})
    reference = single_refs.get(raw["name"])
    if extra.get("references"):
        target = extra["references"]
        reference = Reference(file_of[target["resource"]], target.get("field", "sourcedId"))
    if reference and extra.get("referenceTypes"):
        reference = Reference(reference.file, reference.field, tuple(extra["referenceTypes"]))
    return FieldSpec(
        name=raw["name"],
        type=raw.get("type", "string"),
        description=raw.get("description", ""),
        example=None if raw.get("example") is None else str(raw.get("example")),
        required=bool(constraints.get("required")),
        enum=tuple(constraints["enum"]) if "enum" in constraints else None,
        pattern=constraints.get("pattern"),
        true_values=tuple(raw.get("trueValues", ("true",))),
        false_values=tuple(raw.get("falseValues", ("false",))),
        is_list=bool(extra.get("list")),
        item_enum=tuple(items["enum"]) if "enum" in items else None,
        item_pattern=items.get("pattern"),
        extensible=bool(extra.get("extensible")),
        identifier=bool(extra.get("identifier")),
        guid=bool(extra.get("guid")),
        resolution=extra.get("resolution"),
        format=extra.get("format"),
        reference=reference,
        raw=raw,
        grade_order=tuple(extra["gradeOrder"]) if "gradeOrder" in extra else None,
        role_groups={name: tuple(roles) for name, roles in extra.get("roleGroups", {}).items()},
        well_formed=extra.get("wellFormed"),
    )


def frictionless_descriptor(version: str, present: set[str]) -> dict[str, Any]:
    """A Data Package descriptor for the files present, with their Table Schemas embedded,
    that the frictionless library can validate (the oracle test and the benchmark use it).
    Foreign keys to files that are not present are dropped: frictionless cannot resolve them."""
    package = load(version)
    names = {t.resource for t in package.tables.values() if t.file in present}
    resources = []
    for table in package.tables.values():
        if table.file not in present:
            continue
        schema = dict(table.raw)
        schema["foreignKeys"] = [k for k in schema.get("foreignKeys", []) if not k["reference"]["resource"] or k["reference"]["resource"] in names]
        resources.append({"name": table.resource, "path": table.file, "schema": schema, "format": "csv", "encoding": "utf-8"})
    return {"name": f"oneroster-{version.replace('.', '-')}-check", "resources": resources}
