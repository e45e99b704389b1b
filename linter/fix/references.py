"""References that lost their leading zeros (123 for 00123), rewritten when exactly one id fits."""

from __future__ import annotations

import polars as pl

from linter.engine.csvfile import ROW
from linter.engine.delta import is_delta
from linter.engine.fields import GUID
from linter.engine.keys import STRIP_ZEROS
from linter.fix.registry import repair
from linter.fix.work import FileWork, Work
from linter.schemas import FieldSpec


@repair(
    code="F009", name="leading-zeros-restored", fixes=("R202",),
    title="Restores the leading zeros of a reference that names no row (123 for 00123)",
    why="A spreadsheet reads an id such as 00123 as the number 123. A reference that names no row, where exactly one id of "
        "the referenced file equals it once leading zeros are removed from both, can only mean that id. The references are "
        "the schemas' foreign keys, and each column is compared with its target by joins on the whole column.",
    leaves="A reference that two or more ids fit once their zeros are removed (00123 and 0123): which one is meant is for a "
           "person to say. References into a file that holds only changes (a delta) are left, since the row may be at the consumer.",
)
def leading_zeros(work: Work) -> None:
    for file in work.data_files():
        for spec in file.fields:
            if spec.reference is not None and file.column(spec.name):
                _column(work, file, spec)


def _column(work: Work, file: FileWork, spec: FieldSpec) -> None:
    reference, ctx = spec.reference, work.ctx
    assert reference is not None  # leading_zeros asks only of columns that refer to another file
    target = work.files.get(reference.file)
    if target is None or target.parsed is None or not target.column(reference.field) or reference.file in ctx.damaged:
        return
    if is_delta(ctx) and ctx.modes.get(reference.file) != "bulk":
        return
    keys = target.frame.select(pl.col(reference.field).alias("value")).filter(pl.col("value") != "").unique()
    values = file.frame.select(ROW, pl.col(spec.name).alias("value"))
    if spec.is_list:
        values = values.with_columns(pl.col("value").str.split(",")).explode("value").with_columns(pl.col("value").str.strip_chars())
        values = values.filter(~pl.col("value").str.contains(";"))
    values = values.filter(pl.col("value").str.strip_chars() != "")
    if spec.guid:
        values = values.filter(pl.col("value").str.contains(GUID))
    missing = values.join(keys, on="value", how="anti")
    if missing.is_empty():
        return
    fits = keys.group_by(STRIP_ZEROS.alias("stripped")).agg(pl.col("value").n_unique().alias("fits"), pl.col("value").first().alias("new"))
    matched = missing.with_columns(STRIP_ZEROS.alias("stripped")).join(fits, on="stripped")
    mapping = dict(matched.filter(pl.col("fits") == 1).select("value", "new").unique().iter_rows())
    if mapping:
        column = pl.col(spec.name)
        if spec.is_list:
            item = pl.element().str.strip_chars()
            new = column.str.split(",").list.eval(pl.when(item.is_in(list(mapping))).then(item.replace(mapping)).otherwise(pl.element())).list.join(",")
        else:
            new = column.replace(mapping)
        file.set_column(work, spec.name, new, "F009", "R202")
    several = matched.filter(pl.col("fits") > 1)
    if not several.is_empty():
        work.leave(file.name, spec.name, "R202",
                   f"more than one id of {reference.file} equals it once leading zeros are removed: which one is meant is for a person to say",
                   several.get_column(ROW).unique().to_list(), several.get_column("value").unique().to_list())
