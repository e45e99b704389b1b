"""Repairs of single values that can be read one way only: booleans and vocabulary terms in
another case, and status and dateLastModified filled in a bulk file."""

from __future__ import annotations

import polars as pl

from linter.engine.fields import EXT
from linter.fix.registry import repair
from linter.fix.work import FileWork, Work, distinct, rows_where
from linter.schemas import FieldSpec

DELETED = "tobedeleted"


def case_mapping(values: list[str], allowed: tuple[str, ...]) -> tuple[dict[str, str], list[str]]:
    """{value: the one allowed term it equals when case is ignored}, and the values that equal
    more than one allowed term that way (left alone). Values equal to none are neither."""
    by_case: dict[str, list[str]] = {}
    for term in allowed:
        by_case.setdefault(term.lower(), []).append(term)
    mapping = {v: by_case[v.lower()][0] for v in values if v not in allowed and len(by_case.get(v.lower(), ())) == 1}
    ambiguous = [v for v in values if v not in allowed and len(by_case.get(v.lower(), ())) > 1]
    return mapping, ambiguous


@repair(
    code="F004", name="boolean-case", fixes=("S002",),
    title="Writes booleans TRUE, True, FALSE as true and false",
    why="A boolean column holds true or false; TRUE is the same word in upper case, as a spreadsheet writes it, and means "
        "nothing else. The boolean columns are those the schemas type as boolean.",
    leaves="Anything that is not true or false in another case (Yes, 1, Y): which one is meant is for a person to say. "
           "Other values of the wrong type (an impossible date such as 2025-02-30) are left as well.",
)
def boolean_case(work: Work) -> None:
    for file in work.data_files():
        for spec in file.fields:
            if spec.type != "boolean" or not file.column(spec.name):
                continue
            allowed = spec.true_values + spec.false_values
            wrong = [v for v in distinct(file.frame, spec.name) if v not in allowed]
            mapping, _ = case_mapping(wrong, allowed)
            if mapping:
                file.set_column(work, spec.name, pl.col(spec.name).replace(mapping), "F004", "S002")
            others = [v for v in wrong if v not in mapping]
            if others:
                work.leave(file.name, spec.name, "S002", f"not {' or '.join(allowed)} in another case: which one is meant is for a person to say",
                           rows_where(file.frame, pl.col(spec.name).is_in(others)), others)


@repair(
    code="F005", name="vocabulary-case", fixes=("S003", "S006"),
    title="Writes a vocabulary term in the case the standard spells it (Student as student)",
    why="Vocabulary values are case-sensitive, and a value that equals exactly one allowed term when case is ignored can "
        "only mean that term. The vocabularies are those of the schemas, for the package's version; items of a list "
        "(grades, roles) are repaired one by one.",
    leaves="A value that equals two allowed terms when case is ignored, and values that are not an allowed term in another "
           "case (a misspelling, an unknown term, a grade written 9 instead of 09).",
)
def vocabulary_case(work: Work) -> None:
    for file in work.data_files():
        for spec in file.fields:
            allowed = spec.vocabulary
            if allowed is None or not file.column(spec.name):
                continue
            if spec.is_list:
                _list_terms(work, file, spec, allowed)
            else:
                _terms(work, file, spec, allowed)


def _unknown(values: list[str], allowed: tuple[str, ...], extensible: bool) -> list[str]:
    ext = pl.Series(values, dtype=pl.String).str.contains(EXT).to_list() if extensible else [False] * len(values)
    return [v for v, own in zip(values, ext, strict=True) if v not in allowed and not own]


def _terms(work: Work, file: FileWork, spec: FieldSpec, allowed: tuple[str, ...]) -> None:
    mapping, ambiguous = case_mapping(_unknown(distinct(file.frame, spec.name), allowed, spec.extensible), allowed)
    if mapping:
        file.set_column(work, spec.name, pl.col(spec.name).replace(mapping), "F005", "S003")
    if ambiguous:
        work.leave(file.name, spec.name, "S003", "the value equals more than one allowed term when case is ignored",
                   rows_where(file.frame, pl.col(spec.name).is_in(ambiguous)), ambiguous)


def _list_terms(work: Work, file: FileWork, spec: FieldSpec, allowed: tuple[str, ...]) -> None:
    value = pl.col(spec.name)
    items = (file.frame.select(value.filter((value != "") & ~value.str.contains(";")).str.split(",").explode().unique())
             .get_column(spec.name).drop_nulls().to_list())
    mapping, ambiguous = case_mapping(_unknown(items, allowed, spec.extensible), allowed)
    if mapping:
        file.set_column(work, spec.name, value.str.split(",").list.eval(pl.element().replace(mapping)).list.join(","), "F005", "S006")
    if ambiguous:
        holds = value.str.split(",").list.eval(pl.element().is_in(ambiguous)).list.any()
        work.leave(file.name, spec.name, "S006", "an item equals more than one allowed term when case is ignored",
                   rows_where(file.frame, holds), ambiguous)


@repair(
    code="F007", name="bulk-status-emptied", fixes=("R001",),
    title="Empties status (when it is active) and dateLastModified in a bulk file",
    why="The binding says that in bulk processing status and dateLastModified hold no value: a bulk file is a full snapshot, "
        "so every row in it is active and when it changed is not part of it. Emptying them loses nothing a consumer reads.",
    leaves="Rows marked tobedeleted (R002), and their dateLastModified: the row should either leave the file or the file be "
           "sent as a delta, which is for a person to decide. A status that is neither active nor tobedeleted is left too.",
)
def bulk_status(work: Work) -> None:
    for file in work.data_files():
        if work.ctx.modes.get(file.name) != "bulk":
            continue
        deleted = pl.col("status") == DELETED if file.column("status") else pl.lit(False)
        why = "the row is marked tobedeleted in a bulk file: leave the row out, or send the file as delta; that is for a person to decide"
        if file.column("status"):
            status = pl.col("status")
            active = status.str.to_lowercase() == "active"
            if gone := rows_where(file.frame, deleted):
                work.leave(file.name, "status", "R002", why, gone)
            other = (status != "") & ~active & ~deleted
            if unclear := rows_where(file.frame, other):
                work.leave(file.name, "status", "R001", "a status that is neither active nor tobedeleted: what it means in a bulk file is not certain",
                           unclear, distinct(file.frame.filter(other), "status"))
            file.set_column(work, "status", pl.when(active).then(pl.lit("")).otherwise(status), "F007", "R001")
        if file.column("dateLastModified"):
            stamp = pl.col("dateLastModified")
            if kept := rows_where(file.frame, deleted & (stamp != "")):
                work.leave(file.name, "dateLastModified", "R001", why, kept)
            file.set_column(work, "dateLastModified", pl.when(deleted).then(stamp).otherwise(pl.lit("")), "F007", "R001")
