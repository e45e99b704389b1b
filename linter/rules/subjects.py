"""subjects and subjectCodes: two lists that describe the same subjects, item for item."""

from __future__ import annotations

from collections.abc import Iterator

import polars as pl

from linter.rules.api import Basis, Context, Found, Probe, Severity, baseline, rows_probe, rule


def _count(column: str) -> pl.Expr:
    return pl.col(column).str.split(",").list.len()


@rule(
    code="R120", name="subject-codes-count", severity=Severity.WARNING, basis=Basis.RECOMMENDATION,
    clause="CSV Binding 1.2.1 §3.4 classes.csv and §3.7 courses.csv, subjects and subjectCodes: one code for each subject, in the same order",
    title="subjects and subjectCodes do not have the same number of items",
    why="Each subject code belongs to the subject in the same place of the other list; with one list longer than the other, consumers file "
        "the class under the wrong subject or drop the codes.",
    fix="Give every subject its code, in the same order (\"Math,Science\" with \"MATH,SCI\"), or leave subjectCodes empty.",
    bad={"classes.csv": baseline.edit("classes.csv", {"alg1-p1": {"subjects": "Math,Science", "subjectCodes": "MATH"}})},
    good={"classes.csv": baseline.edit("classes.csv", {"alg1-p1": {"subjects": "Math,Science", "subjectCodes": "MATH,SCI"}})},
)
def subject_codes_count(ctx: Context) -> Iterator[Found | Probe]:
    for file in ("classes.csv", "courses.csv"):
        frame = ctx.active(file, "subjects", "subjectCodes")
        if frame is not None:
            both = (pl.col("subjects") != "") & (pl.col("subjectCodes") != "")
            yield rows_probe(file, frame, both & (_count("subjects") != _count("subjectCodes")), field="subjectCodes",
                             message="subjectCodes does not have one code for each item of subjects")
