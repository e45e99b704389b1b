"""manifest.csv: which OneRoster version the package claims and how each file is sent."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

import polars as pl

from linter.engine.csvfile import ROW, ParsedFile
from linter.findings import Finding, Severity
from linter.registry import Basis, declare, finding
from linter.schemas import VERSIONS, SchemaPackage, load

MANIFEST = "manifest.csv"


def either(words: Iterable[str]) -> str:
    """'bulk, delta or absent': distinct words, in order, the last after 'or'."""
    distinct = list(dict.fromkeys(words))
    return distinct[0] if len(distinct) == 1 else f"{', '.join(distinct[:-1])} or {distinct[-1]}"


# The declarations below serve every version: their titles say what every version's manifest
# holds (a clause quotes the binding's own words).
MANIFEST_VERSION_IN_WORDS = either(load(v).manifest.properties["manifest.version"] or "" for v in VERSIONS)
FILE_MODES_IN_WORDS = either(mode for v in VERSIONS for mode in load(v).manifest.file_modes)


def _manifest(*, replace: dict[str, str] | None = None, drop: tuple[str, ...] = (), add: tuple[str, ...] = ()) -> str:
    """The baseline manifest with some properties changed, for the examples below."""
    rows = [
        ("manifest.version", "1.0"), ("oneroster.version", "1.1"), ("file.academicSessions", "bulk"),
        ("file.categories", "absent"), ("file.classes", "bulk"), ("file.classResources", "absent"),
        ("file.courses", "bulk"), ("file.courseResources", "absent"), ("file.demographics", "bulk"),
        ("file.enrollments", "bulk"), ("file.lineItems", "absent"), ("file.orgs", "bulk"),
        ("file.resources", "absent"), ("file.results", "absent"), ("file.users", "bulk"),
        ("source.systemName", "Example SIS"), ("source.systemCode", "example"),
    ]
    replace = replace or {}
    lines = ["propertyName,value"] + [f"{k},{replace.get(k, v)}" for k, v in rows if k not in drop] + list(add)
    return "\n".join(lines) + "\n"


P001 = declare(
    code="P001", name="manifest-missing", severity=Severity.ERROR, basis=Basis.STANDARD,
    clause="CSV Binding 1.2.1 §2.1: every package includes manifest.csv",
    title="manifest.csv is missing",
    why="Consumers read manifest.csv first to learn the version and which files to expect; without it the whole upload is rejected.",
    fix="Add manifest.csv with manifest.version, oneroster.version and a file.<name> line for every file.",
    bad={MANIFEST: None}, good={},
)
P003 = declare(
    code="P003", name="unknown-oneroster-version", severity=Severity.ERROR, basis=Basis.STANDARD,
    clause="CSV Binding 1.2.1 §3.1, Table 3.1: oneroster.version is required",
    title="oneroster.version is missing or not a known version",
    why="The version decides which columns every file must have; consumers reject a package whose version they do not know.",
    fix=f"Set oneroster.version to {either(VERSIONS)}, matching the columns your SIS exports.",
    bad={MANIFEST: _manifest(replace={"oneroster.version": "1.0"})}, good={},
)
P004 = declare(
    code="P004", name="manifest-file-missing", severity=Severity.ERROR, basis=Basis.STANDARD,
    clause="CSV Binding 1.2.1 §2.3: the files the manifest lists accompany it",
    title="The manifest lists a file as sent, but the file is not in the package",
    why="A file marked bulk or delta must be in the package; consumers stop at the missing file.",
    fix="Add the file, or mark it absent in manifest.csv.",
    bad={"demographics.csv": None}, good={"demographics.csv": None, MANIFEST: _manifest(replace={"file.demographics": "absent"})},
)
P005 = declare(
    code="P005", name="file-not-in-manifest", severity=Severity.ERROR, basis=Basis.STANDARD,
    clause="CSV Binding 1.2.1 §2.3 and §3.1, Table 3.1: the files supplied are the ones the manifest lists",
    title="A file is in the package but the manifest says it is absent or does not list it",
    why="Consumers ignore or reject a file that the manifest does not announce, so its data never arrives.",
    fix="Mark the file bulk (or delta) in manifest.csv, or remove the file.",
    bad={MANIFEST: _manifest(replace={"file.demographics": "absent"})}, good={},
)
P006 = declare(
    code="P006", name="unknown-file", severity=Severity.ERROR, basis=Basis.STANDARD,
    clause="CSV Binding 1.2.1 §2.1, Table 2.1 (the file names) and §3 (names are case-sensitive)",
    title="A CSV file is not one of the standard's files",
    why="File names are exact and case-sensitive; 'Users.csv' or 'students.csv' is not read by a OneRoster consumer.",
    fix="Rename the file to its standard name (see the hint), or remove it from the package.",
    bad={"Courses.csv": "sourcedId\n"}, good={},
)
P011 = declare(
    code="P011", name="manifest-version", severity=Severity.ERROR, basis=Basis.STANDARD,
    clause="CSV Binding 1.2.1 §3.1, Table 3.1: manifest.version is required and is 1.0",
    title=f"manifest.version is missing or not {MANIFEST_VERSION_IN_WORDS}",
    why="Consumers check manifest.version to know how to read the manifest itself.",
    fix=f"Set manifest.version to {MANIFEST_VERSION_IN_WORDS}.",
    bad={MANIFEST: _manifest(replace={"manifest.version": "1.1"})}, good={},
)
P014 = declare(
    code="P014", name="manifest-invalid-mode", severity=Severity.ERROR, basis=Basis.STANDARD,
    clause="CSV Binding 1.2.1 §3.1, Table 3.1: each file.* value is absent, bulk or delta; §3: values are case-sensitive",
    title=f"A file.<name> entry is not {FILE_MODES_IN_WORDS}",
    why="The manifest says for each file whether it is a full snapshot (bulk), a change set (delta) or not sent (absent); anything else is rejected.",
    fix=f"Use {FILE_MODES_IN_WORDS}, in lower case.",
    bad={MANIFEST: _manifest(replace={"file.courses": "full"})}, good={},
)
P015 = declare(
    code="P015", name="manifest-unknown-property", severity=Severity.WARNING, basis=Basis.PRACTICE,
    clause="Table 3.1 of the binding lists every property; a misspelled file.* line hides the line it meant",
    title="The manifest names a property or file the standard does not know",
    why="A misspelled file.<name> entry hides the real entry: the file it meant is then treated as unlisted.",
    fix="Correct the property name (file names are case-sensitive) or remove the line.",
    bad={MANIFEST: _manifest(add=("file.students,absent",))}, good={},
)
P016 = declare(
    code="P016", name="manifest-file-unlisted", severity=Severity.ERROR, basis=Basis.STANDARD,
    clause="CSV Binding 1.2.1 §3.1, Table 3.1: every file.* row is required",
    title="The manifest has no file.<name> line for a file of the standard",
    why="The standard asks for a line for every file, absent ones included; strict consumers reject a manifest with gaps.",
    fix="Add the missing file.<name> line, with the value absent if you do not send the file.",
    bad={MANIFEST: _manifest(drop=("file.results",))}, good={},
)


P019 = declare(
    code="P019", name="manifest-header-missing", severity=Severity.ERROR, basis=Basis.STANDARD,
    clause="CSV Binding 1.2.1 §3.1, Table 3.1: manifest.csv has the header row propertyName,value",
    title="manifest.csv has no propertyName,value header row",
    why="Every OneRoster file starts with its header row, the manifest too. A consumer that reads the first line as the header "
        "loses the first property (usually manifest.version) and may reject the whole package.",
    fix="Add the line propertyName,value as the first line of manifest.csv.",
    bad={MANIFEST: _manifest().split("\n", 1)[1]}, good={},
)
P020 = declare(
    code="P020", name="no-data-rows", severity=Severity.ERROR, basis=Basis.STANDARD, versions=("1.2",),
    clause="CSV Binding 1.2.1 §3: files that contain no data rows are not permitted",
    title="A file has a header but no data rows",
    why="OneRoster 1.2 does not permit a file without data: a file with nothing to send is left out of the package and marked absent "
        "in the manifest. Some consumers read a header-only bulk file as 'delete everything of this kind'.",
    fix="Leave the file out and set its file.<name> line in manifest.csv to absent.",
    bad={"demographics.csv": "sourcedId,status,dateLastModified,birthDate,sex,americanIndianOrAlaskaNative,asian,blackOrAfricanAmerican,"
                             "nativeHawaiianOrOtherPacificIslander,white,demographicRaceTwoOrMoreRaces,hispanicOrLatinoEthnicity,"
                             "countryOfBirthCode,stateOfBirthAbbreviation,cityOfBirth,publicSchoolResidenceStatus\n"},
    good={},
)

HEADER = ["propertyName", "value"]


@cache
def property_prefixes() -> tuple[str, ...]:
    """manifest., oneroster., source., file.: the first part of every version's manifest
    properties. A first line starting with one can only be data: a manifest without its header."""
    names = [name for v in VERSIONS for name in (*load(v).manifest.properties, *(t.manifest_key for t in load(v).data_files))]
    return tuple(dict.fromkeys(str(name).split(".", 1)[0] + "." for name in names))


@cache
def columns_only_in_1_2() -> dict[str, tuple[str, ...]]:
    """Per file both versions have, the columns only OneRoster 1.2 has: without a manifest they tell the version."""
    newer, older = load("1.2").tables, load("1.1").tables
    own = {file: tuple(c for c in table.field_names if c not in older[file].field_names) for file, table in newer.items() if file in older}
    return {file: columns for file, columns in own.items() if columns}


@dataclass
class Manifest:
    properties: dict[str, str] = field(default_factory=dict)
    present: bool = False
    rows: dict[str, int] = field(default_factory=dict)  # property -> the row it was read from

    @property
    def claimed_version(self) -> str | None:
        return self.properties.get("oneroster.version")


def read_manifest(frame: pl.DataFrame | None) -> Manifest:
    if frame is None or not {"propertyName", "value"} <= set(frame.columns):
        return Manifest(present=frame is not None)
    pairs = frame.select(pl.col("propertyName").str.strip_chars(), pl.col("value").str.strip_chars(), ROW).unique("propertyName", keep="first", maintain_order=True)
    return Manifest({key: value for key, value, _ in pairs.iter_rows()}, present=True, rows={key: row for key, _, row in pairs.iter_rows()})


def restore_header(file: ParsedFile) -> tuple[ParsedFile, list[Finding]]:
    """A manifest whose first line is already a property is read with that line as row 1, and
    one P019 finding says so (rather than a cascade of missing columns and properties)."""
    first = [cell.strip() for cell in file.header]
    if first == HEADER or len(first) != 2 or not first[0].startswith(property_prefixes()):
        return file, []
    return file.first_line_as_row(list(HEADER)), [finding("P019", MANIFEST, row=1, message="the first line is a property, not the propertyName,value header row; the manifest was read anyway")]


def resolve_version(requested: str, manifest: Manifest, headers: dict[str, list[str]]) -> tuple[str, str]:
    """The version to read the package as, and why."""
    if requested in VERSIONS:
        return requested, "as asked with --oneroster-version"
    if manifest.claimed_version in VERSIONS:
        return manifest.claimed_version, "as manifest.csv says"
    only_1_2 = sorted(set(headers) & set(load("1.2").tables) - set(load("1.1").tables))
    if only_1_2:
        return "1.2", f"because {only_1_2[0]} exists only in OneRoster 1.2"
    for file, columns in columns_only_in_1_2().items():
        seen = [c for c in columns if c in (label.strip() for label in headers.get(file, ()))]
        if seen:
            return "1.2", f"because {file} has the column {seen[0]}, which only OneRoster 1.2 has"
    return "1.1", "because no file or column only OneRoster 1.2 has is present"


def check_empty_files(ctx_tables: dict[str, pl.DataFrame], schema: SchemaPackage) -> list[Finding]:
    """OneRoster 1.2: a data file that holds a header and nothing else is not permitted."""
    if schema.version != "1.2":
        return []
    return [finding("P020", file, message=f"{file} has a header row but no data rows; leave it out and mark it absent in the manifest")
            for file, frame in ctx_tables.items() if file != MANIFEST and frame.height == 0]


def check_manifest(manifest: Manifest, schema: SchemaPackage, files: set[str], why_version: str = "") -> tuple[dict[str, str], list[Finding]]:
    """Return {file: mode} for the data files present, and the manifest's findings."""
    findings: list[Finding] = []
    modes: dict[str, str] = {}
    if not manifest.present:
        findings.append(finding("P001", MANIFEST, message=f"manifest.csv is missing; the package was read as OneRoster {schema.version}, {why_version}"))
    else:
        props = manifest.properties
        expected = schema.manifest.properties["manifest.version"]
        if props.get("manifest.version") != expected:
            findings.append(finding("P011", MANIFEST, field="manifest.version", message=f"manifest.version should be {expected}"))
        if manifest.claimed_version not in VERSIONS:
            findings.append(finding("P003", MANIFEST, field="oneroster.version",
                                    message=f"oneroster.version is missing or unknown; the package was read as OneRoster {schema.version}, {why_version}"))
        known = [t.manifest_key for t in schema.data_files if t.manifest_key] + list(schema.manifest.properties)
        for key in props:
            if key not in known:
                close = difflib.get_close_matches(key, known, n=1, cutoff=0.75)
                what = "a file" if key.startswith("file.") else "a property"
                # The name is a cell of a data row: a value, shown only with --show-values.
                findings.append(finding("P015", MANIFEST, row=manifest.rows.get(key), field="propertyName", value=key,
                                        message=f"the property name is not {what} of the OneRoster {schema.version} manifest",
                                        hint=f"did you mean {close[0]}? Property names are case-sensitive" if close else None))
    modes_said, sent = schema.manifest.file_modes, schema.manifest.sent_modes
    for table in schema.data_files:
        mode = manifest.properties.get(table.manifest_key or "", "") if manifest.present else ("bulk" if table.file in files else "absent")
        if manifest.present and table.manifest_key not in manifest.properties:
            if table.file in files:
                findings.append(finding("P005", table.file, message=f"{table.file} is in the package, but the manifest has no {table.manifest_key} line"))
            else:
                findings.append(finding("P016", MANIFEST, field=table.manifest_key, message=f"the manifest has no {table.manifest_key} line"))
            mode = "bulk" if table.file in files else "absent"
        elif manifest.present and mode not in modes_said:
            meant = mode.strip().lower() if mode.strip().lower() in modes_said else None
            findings.append(finding("P014", MANIFEST, field=table.manifest_key, message=f"{table.manifest_key} is not {either(modes_said)}",
                                    hint=f"did you mean {meant}? Manifest values are case-sensitive" if meant else None))
            mode = meant or ("bulk" if table.file in files else "absent")
        if mode in sent and table.file not in files:
            findings.append(finding("P004", table.file, message=f"the manifest marks {table.file} as {mode}, but the file is not in the package"))
        elif mode == "absent" and table.file in files and manifest.present and table.manifest_key in manifest.properties:
            findings.append(finding("P005", table.file, message=f"{table.file} is in the package, but the manifest marks it absent"))
        if table.file in files:
            modes[table.file] = mode if mode in sent else "bulk"
    known_files = set(schema.tables)
    for name in sorted(files - known_files):
        close = difflib.get_close_matches(name.lower(), [k.lower() for k in known_files], n=1, cutoff=0.8)
        proper = next((k for k in known_files if close and k.lower() == close[0]), None)
        hint = f"did you mean {proper}? File names are case-sensitive" if proper else None
        findings.append(finding("P006", name, message=f"{name} is not a file of OneRoster {schema.version}", hint=hint))
    return modes, findings
