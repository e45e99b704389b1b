"""manifest.csv: which OneRoster version the package claims and how each file is sent."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

import polars as pl

from linter.findings import Finding, Severity
from linter.registry import declare, finding
from linter.schemas import VERSIONS, SchemaPackage

MANIFEST = "manifest.csv"
MODES = ("bulk", "delta", "absent")


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


declare(
    code="P001", name="manifest-missing", severity=Severity.ERROR,
    title="manifest.csv is missing",
    why="Consumers read manifest.csv first to learn the version and which files to expect; without it the whole upload is rejected.",
    fix="Add manifest.csv with manifest.version, oneroster.version and a file.<name> line for every file.",
    bad={MANIFEST: None}, good={},
)
declare(
    code="P003", name="unknown-oneroster-version", severity=Severity.ERROR,
    title="oneroster.version is missing or not a known version",
    why="The version decides which columns every file must have; consumers reject a package whose version they do not know.",
    fix="Set oneroster.version to 1.1 or 1.2, matching the columns your SIS exports.",
    bad={MANIFEST: _manifest(replace={"oneroster.version": "1.0"})}, good={},
)
declare(
    code="P004", name="manifest-file-missing", severity=Severity.ERROR,
    title="The manifest lists a file as sent, but the file is not in the package",
    why="A file marked bulk or delta must be in the package; consumers stop at the missing file.",
    fix="Add the file, or mark it absent in manifest.csv.",
    bad={"demographics.csv": None}, good={"demographics.csv": None, MANIFEST: _manifest(replace={"file.demographics": "absent"})},
)
declare(
    code="P005", name="file-not-in-manifest", severity=Severity.ERROR,
    title="A file is in the package but the manifest says it is absent or does not list it",
    why="Consumers ignore or reject a file that the manifest does not announce, so its data never arrives.",
    fix="Mark the file bulk (or delta) in manifest.csv, or remove the file.",
    bad={MANIFEST: _manifest(replace={"file.demographics": "absent"})}, good={},
)
declare(
    code="P006", name="unknown-file", severity=Severity.ERROR,
    title="A CSV file is not one of the standard's files",
    why="File names are exact and case-sensitive; 'Users.csv' or 'students.csv' is not read by a OneRoster consumer.",
    fix="Rename the file to its standard name (see the hint), or remove it from the package.",
    bad={"Courses.csv": "sourcedId\n"}, good={},
)
declare(
    code="P011", name="manifest-version", severity=Severity.ERROR,
    title="manifest.version is missing or not 1.0",
    why="Consumers check manifest.version to know how to read the manifest itself.",
    fix="Set manifest.version to 1.0.",
    bad={MANIFEST: _manifest(replace={"manifest.version": "1.1"})}, good={},
)
declare(
    code="P014", name="manifest-invalid-mode", severity=Severity.ERROR,
    title="A file.<name> entry is not bulk, delta or absent",
    why="The manifest says for each file whether it is a full snapshot (bulk), a change set (delta) or not sent (absent); anything else is rejected.",
    fix="Use bulk, delta or absent, in lower case.",
    bad={MANIFEST: _manifest(replace={"file.courses": "full"})}, good={},
)
declare(
    code="P015", name="manifest-unknown-property", severity=Severity.WARNING,
    title="The manifest names a property or file the standard does not know",
    why="A misspelled file.<name> entry hides the real entry: the file it meant is then treated as unlisted.",
    fix="Correct the property name (file names are case-sensitive) or remove the line.",
    bad={MANIFEST: _manifest(add=("file.students,absent",))}, good={},
)
declare(
    code="P016", name="manifest-file-unlisted", severity=Severity.WARNING,
    title="The manifest has no file.<name> line for a file of the standard",
    why="The standard asks for a line for every file, absent ones included; strict consumers reject a manifest with gaps.",
    fix="Add the missing file.<name> line, with the value absent if you do not send the file.",
    bad={MANIFEST: _manifest(drop=("file.results",))}, good={},
)


@dataclass
class Manifest:
    properties: dict[str, str] = field(default_factory=dict)
    present: bool = False

    @property
    def claimed_version(self) -> str | None:
        return self.properties.get("oneroster.version")


def read_manifest(frame: pl.DataFrame | None) -> Manifest:
    if frame is None or not {"propertyName", "value"} <= set(frame.columns):
        return Manifest(present=frame is not None)
    pairs = frame.select(pl.col("propertyName").str.strip_chars(), pl.col("value").str.strip_chars()).unique("propertyName", keep="first")
    return Manifest(dict(pairs.iter_rows()), present=True)


def resolve_version(requested: str, manifest: Manifest, files: set[str]) -> str:
    if requested in VERSIONS:
        return requested
    if manifest.claimed_version in VERSIONS:
        return manifest.claimed_version
    return "1.2" if "roles.csv" in files else "1.1"


def check_manifest(manifest: Manifest, schema: SchemaPackage, files: set[str]) -> tuple[dict[str, str], list[Finding]]:
    """Return {file: mode} for the data files present, and the manifest's findings."""
    findings: list[Finding] = []
    modes: dict[str, str] = {}
    if not manifest.present:
        findings.append(finding("P001", MANIFEST))
    else:
        props = manifest.properties
        if props.get("manifest.version") != "1.0":
            findings.append(finding("P011", MANIFEST, field="manifest.version", message="manifest.version should be 1.0"))
        if manifest.claimed_version not in VERSIONS:
            findings.append(finding("P003", MANIFEST, field="oneroster.version",
                                    message=f"oneroster.version is missing or unknown; the package was read as OneRoster {schema.version}"))
        for key in props:
            if key.startswith("file.") and schema.by_manifest_key(key) is None:
                findings.append(finding("P015", MANIFEST, field=key, message=f"{key} is not a file of OneRoster {schema.version}"))
    for table in schema.data_files:
        mode = manifest.properties.get(table.manifest_key, "").lower() if manifest.present else ("bulk" if table.file in files else "absent")
        if manifest.present and table.manifest_key not in manifest.properties:
            if table.file in files:
                findings.append(finding("P005", table.file, message=f"{table.file} is in the package, but the manifest has no {table.manifest_key} line"))
            else:
                findings.append(finding("P016", MANIFEST, field=table.manifest_key, message=f"the manifest has no {table.manifest_key} line"))
            mode = "bulk" if table.file in files else "absent"
        elif manifest.present and mode not in MODES:
            findings.append(finding("P014", MANIFEST, field=table.manifest_key, message=f"{table.manifest_key} is not bulk, delta or absent"))
            mode = "bulk" if table.file in files else "absent"
        if mode in ("bulk", "delta") and table.file not in files:
            findings.append(finding("P004", table.file, message=f"the manifest marks {table.file} as {mode}, but the file is not in the package"))
        elif mode == "absent" and table.file in files and manifest.present and table.manifest_key in manifest.properties:
            findings.append(finding("P005", table.file, message=f"{table.file} is in the package, but the manifest marks it absent"))
        if table.file in files:
            modes[table.file] = mode if mode in ("bulk", "delta") else "bulk"
    known = set(schema.tables)
    for name in sorted(files - known):
        close = difflib.get_close_matches(name.lower(), [k.lower() for k in known], n=1, cutoff=0.8)
        proper = next((k for k in known if close and k.lower() == close[0]), None)
        hint = f"did you mean {proper}? File names are case-sensitive" if proper else None
        findings.append(finding("P006", name, message=f"{name} is not a file of OneRoster {schema.version}", hint=hint))
    return modes, findings
