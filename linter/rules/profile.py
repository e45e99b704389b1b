"""What a vendor profile needs beyond the standard (`check --profile NAME`): files, filled
columns and the form of identifiers. Profiles without requirements add nothing."""

from __future__ import annotations

import polars as pl

from linter import baseline
from linter.engine.context import Context
from linter.engine.probe import rows_probe
from linter.findings import Severity
from linter.registry import finding, rule

PROFILE = "(profile)"
# The baseline's users with everything the strict profile asks for.
_FILLED_USERS = baseline.edit("users.csv", {"s2": {"email": "lchen@lakeside.example"}, "p1": {"identifier": "P300"}})


@rule(
    code="R401", name="profile-file-missing", severity=Severity.ERROR,
    title="A file the vendor profile needs is not in the package",
    why="Some consumers need files the standard leaves optional (courses, demographics); without them the upload is rejected or half empty.",
    fix="Export the file, or choose the profile of the consumer you really send to.",
    bad={PROFILE: "strict", "users.csv": _FILLED_USERS, "courses.csv": None}, good={PROFILE: "strict", "users.csv": _FILLED_USERS},
)
def profile_file_missing(ctx: Context):
    for file in _requirements(ctx).get("files", ()):
        if file not in ctx.tables:
            yield finding("R401", file, message=f"the '{ctx.profile.name}' profile needs {file}")


@rule(
    code="R402", name="profile-field-empty", severity=Severity.ERROR,
    title="A column the vendor profile needs is empty",
    why="Some consumers need columns the standard leaves optional: an email to invite staff and families, a SIS identifier to match people. Rows without them are dropped or cannot sign in.",
    fix="Fill the column in the SIS for every row, or choose the profile of the consumer you really send to.",
    bad={PROFILE: "strict"}, good={PROFILE: "strict", "users.csv": _FILLED_USERS},
)
def profile_field_empty(ctx: Context):
    for file, columns in _requirements(ctx).get("fields", {}).items():
        for column in columns:
            frame = ctx.active(file, column)
            if frame is not None:
                yield rows_probe("R402", file, frame, pl.col(column).str.strip_chars() == "", field=column,
                                 message=f"the '{ctx.profile.name}' profile needs {column} on every row")
            elif file in ctx.tables:
                yield finding("R402", file, row=1, field=column, message=f"the '{ctx.profile.name}' profile needs the column {column}")


@rule(
    code="R403", name="profile-identifier-format", severity=Severity.ERROR,
    title="An identifier does not have the form the vendor profile needs",
    why="Some consumers accept only plain identifiers (letters, digits and a few marks); an id with a space or other punctuation is rejected, and so is every row that refers to it.",
    fix="Use plain identifiers in the SIS export, or choose the profile of the consumer you really send to.",
    bad={PROFILE: "strict", "users.csv": _FILLED_USERS, "enrollments.csv": baseline.edit("enrollments.csv", {"e3": {"sourcedId": "e 3"}})},
    good={PROFILE: "strict", "users.csv": _FILLED_USERS},
)
def profile_identifier_format(ctx: Context):
    pattern = _requirements(ctx).get("identifierPattern")
    if not pattern:
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
                yield rows_probe("R403", table.file, frame, (value != "") & items, field=spec.name, show=spec.name,
                                 message=f"{spec.name} does not have the form the '{ctx.profile.name}' profile needs", hint=f"ids must match {pattern}")


def _requirements(ctx: Context) -> dict:
    return ctx.profile.requirements if ctx.profile is not None else {}
