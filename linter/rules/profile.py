"""What a vendor profile needs beyond the standard (`check --profile NAME`): files, filled
columns and the form of identifiers. Profiles without requirements add nothing."""

from __future__ import annotations

from collections.abc import Iterator

import polars as pl

from linter.rules.api import Basis, Context, Found, Probe, Severity, baseline, finding, load, rows_probe, rule

PROFILE = "(profile)"
# The baseline's users with everything the strict profile asks for.
_FILLED_USERS = baseline.edit("users.csv", {"s2": {"email": "lchen@lakeside.example"}, "p1": {"identifier": "P300"}})


@rule(
    code="R401", name="profile-file-missing", severity=Severity.ERROR, basis=Basis.PRACTICE,
    clause="The vendor profile's requirement, not the standard's (only --profile reports it)",
    title="A file the vendor profile needs is not in the package",
    why="Some consumers need files the standard leaves optional (courses, demographics); without them the upload is rejected or half empty.",
    fix="Export the file, or choose the profile of the consumer you really send to.",
    bad={PROFILE: "strict", "users.csv": _FILLED_USERS, "courses.csv": None}, good={PROFILE: "strict", "users.csv": _FILLED_USERS},
)
def profile_file_missing(ctx: Context) -> Iterator[Found | Probe]:
    profile = ctx.profile
    if profile is None:
        return
    for file in profile.requirements.get("files", ()):
        if file not in ctx.tables:
            yield finding(file, message=f"the '{profile.name}' profile needs {file}")


@rule(
    code="R402", name="profile-field-empty", severity=Severity.ERROR, basis=Basis.PRACTICE,
    clause="The vendor profile's requirement, not the standard's (only --profile reports it)",
    title="A column the vendor profile needs is empty",
    why="Some consumers need columns the standard leaves optional: an email to invite staff and families, a SIS identifier to match people. Rows without them are dropped or cannot sign in.",
    fix="Fill the column in the SIS for every row, or choose the profile of the consumer you really send to.",
    bad={PROFILE: "strict"}, good={PROFILE: "strict", "users.csv": _FILLED_USERS},
)
def profile_field_empty(ctx: Context) -> Iterator[Found | Probe]:
    profile = ctx.profile
    if profile is None:
        return
    for file, columns in profile.requirements.get("fields", {}).items():
        for column in columns:
            frame = ctx.active(file, column)
            if frame is not None:
                yield rows_probe(file, frame, pl.col(column).str.strip_chars() == "", field=column,
                                 message=f"the '{profile.name}' profile needs {column} on every row")
            elif file in ctx.tables:
                yield finding(file, row=1, field=column, message=f"the '{profile.name}' profile needs the column {column}")


@rule(
    code="R403", name="profile-identifier-format", severity=Severity.ERROR, basis=Basis.PRACTICE,
    clause="The vendor profile's requirement, not the standard's (only --profile reports it)",
    title="An identifier does not have the form the vendor profile needs",
    why="Some consumers accept only plain identifiers (letters, digits and a few marks); an id with a space or other punctuation is rejected, and so is every row that refers to it.",
    fix="Use plain identifiers in the SIS export, or choose the profile of the consumer you really send to.",
    bad={PROFILE: "strict", "users.csv": _FILLED_USERS, "enrollments.csv": baseline.edit("enrollments.csv", {"e3": {"sourcedId": "e 3"}})},
    good={PROFILE: "strict", "users.csv": _FILLED_USERS},
)
def profile_identifier_format(ctx: Context) -> Iterator[Found | Probe]:
    profile = ctx.profile
    pattern = profile.requirements.get("identifierPattern") if profile is not None else None
    if profile is None or not pattern:
        return
    for table in ctx.schema.tables.values():
        frame = ctx.frame(table.file)
        if frame is None:
            continue
        for spec in table.fields:
            if spec.identifier and spec.name in frame.columns and (spec.name == table.primary_key or spec.reference):
                value = pl.col(spec.name)
                items = value.str.split(",").list.eval(~pl.element().str.strip_chars().str.contains(f"^(?:{pattern})$")).list.any() if spec.is_list else \
                    ~value.str.contains(f"^(?:{pattern})$")
                yield rows_probe(table.file, frame, (value != "") & items, field=spec.name, show=spec.name,
                                 message=f"{spec.name} does not have the form the '{profile.name}' profile needs",
                                 hint=f"use ids of {profile.requirements.get('identifierDescription', 'the form the profile describes')}")


@rule(
    code="R404", name="profile-grade-vocabulary", severity=Severity.ERROR, basis=Basis.PRACTICE, versions=("1.2",),
    clause="The vendor profile's requirement, not the standard's: OneRoster 1.2 leaves grades to local agreement (only --profile reports it)",
    title="A grade is not a CEDS code, which the vendor profile needs",
    why="OneRoster 1.2 lets a district and a consumer agree on any grade vocabulary, but many consumers still read grades as the CEDS codes "
        "of OneRoster 1.1 (KG, 01 to 12): a grade such as 9 or Year 7 then puts the student in no grade at all.",
    fix="Export grades as CEDS codes (09, not 9; KG, not K), or choose the profile of the consumer you really send to.",
    bad={PROFILE: "strict", "users.csv": baseline.edit("users.csv", {"s2": {"email": "lchen@lakeside.example", "grades": "9"},
                                                                      "p1": {"identifier": "P300"}}, version="1.2")},
    good={PROFILE: "strict", "users.csv": baseline.edit("users.csv", {"s2": {"email": "lchen@lakeside.example"}, "p1": {"identifier": "P300"}}, version="1.2")},
)
def profile_grade_vocabulary(ctx: Context) -> Iterator[Found | Probe]:
    profile = ctx.profile
    if profile is None or profile.requirements.get("gradeVocabulary") != "ceds":
        return
    codes = list(load("1.1").tables["users.csv"].vocabulary("grades"))  # the CEDS list, as OneRoster 1.1 has it
    for table in ctx.schema.tables.values():
        spec, frame = table.field("grades"), ctx.frame(table.file, "grades")
        if spec is None or frame is None:
            continue
        not_ceds = pl.col("grades").str.split(",").list.eval(~pl.element().str.strip_chars().is_in(codes)).list.any()
        yield rows_probe(table.file, frame, (pl.col("grades") != "") & not_ceds, field="grades", show="grades",
                         message=f"grades holds a value that is not a CEDS grade code, which the '{profile.name}' profile needs",
                         hint=f"CEDS grade codes: {', '.join(codes)}")
