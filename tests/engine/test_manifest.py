"""linter.engine.manifest, called directly: what a manifest says, which version a package is
read as and why, and the findings about the manifest's lines."""

from __future__ import annotations

import polars as pl

from linter.engine.csvfile import ROW
from linter.engine.manifest import Manifest, check_empty_files, check_manifest, read_manifest, resolve_version
from linter.schemas import load

V11 = load("1.1")
DATA_FILES = {table.file for table in V11.data_files}


def manifest_of(**properties: str) -> Manifest:
    lines = {"manifest.version": "1.0", "oneroster.version": "1.1", **{t.manifest_key: "bulk" for t in V11.data_files}, **properties}
    frame = pl.DataFrame({"propertyName": list(lines), "value": list(lines.values()), ROW: list(range(2, len(lines) + 2))})
    return read_manifest(frame)


def where(findings) -> list[tuple]:
    return sorted((f.code, f.file, f.field) for f in findings)


def test_the_properties_are_read_trimmed_with_the_first_of_a_repeated_name():
    frame = pl.DataFrame({"propertyName": [" oneroster.version ", "oneroster.version"], "value": ["1.2 ", "1.1"], ROW: [2, 3]})
    manifest = read_manifest(frame)
    assert manifest.present and manifest.properties == {"oneroster.version": "1.2"} and manifest.rows == {"oneroster.version": 2}
    assert manifest.claimed_version == "1.2"
    assert not read_manifest(None).present and read_manifest(pl.DataFrame({"x": ["a"]})).present


def test_the_version_is_the_one_asked_for_then_the_manifests_then_what_the_files_show():
    says_12 = Manifest({"oneroster.version": "1.2"}, present=True)
    assert resolve_version("1.1", says_12, {}) == ("1.1", "as asked with --oneroster-version")
    assert resolve_version("auto", says_12, {}) == ("1.2", "as manifest.csv says")
    assert resolve_version("auto", Manifest(), {"roles.csv": ["sourcedId"]})[0] == "1.2"
    version, why = resolve_version("auto", Manifest(), {"users.csv": ["sourcedId", " preferredFamilyName "]})
    assert version == "1.2" and "preferredFamilyName" in why
    assert resolve_version("auto", Manifest(), {"users.csv": ["sourcedId"]}) == ("1.1", "because no file or column only OneRoster 1.2 has is present")


def test_a_complete_manifest_gives_every_file_its_mode_and_no_finding():
    modes, findings = check_manifest(manifest_of(), V11, DATA_FILES | {"manifest.csv"})
    assert findings == [] and modes == dict.fromkeys(DATA_FILES, "bulk")


def test_each_wrong_line_of_the_manifest_has_its_own_finding():
    manifest = manifest_of(**{"manifest.version": "2.0", "file.users": "BULK", "file.orgs": "delta", "file.courses": "absent", "file.colours": "bulk"})
    files = (DATA_FILES - {"orgs.csv"}) | {"manifest.csv"}
    modes, findings = check_manifest(manifest, V11, files)
    assert where(findings) == [("P004", "orgs.csv", None), ("P005", "courses.csv", None), ("P011", "manifest.csv", "manifest.version"),
                               ("P014", "manifest.csv", "file.users"), ("P015", "manifest.csv", "propertyName")]
    assert next(f for f in findings if f.code == "P014").hint == "did you mean bulk? Manifest values are case-sensitive"
    assert modes["users.csv"] == "bulk" and "orgs.csv" not in modes


def test_without_a_manifest_the_files_present_are_bulk_and_the_finding_says_how_it_was_read():
    modes, findings = check_manifest(Manifest(), V11, {"users.csv", "orgs.csv"}, why_version="because of a reason")
    assert modes == {"users.csv": "bulk", "orgs.csv": "bulk"}
    assert [(f.code, f.message) for f in findings] == [
        ("P001", "manifest.csv is missing; the package was read as OneRoster 1.1, because of a reason")]


def test_only_a_1_2_file_with_a_header_and_no_rows_is_empty():
    tables = {"users.csv": pl.DataFrame({ROW: []}, schema={ROW: pl.Int64}), "manifest.csv": pl.DataFrame({ROW: []}, schema={ROW: pl.Int64})}
    assert check_empty_files(tables, V11) == []
    assert [(f.code, f.file) for f in check_empty_files(tables, load("1.2"))] == [("P020", "users.csv")]
