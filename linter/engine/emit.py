"""Turning a frame of offending rows into a frame of findings, without leaving polars."""

from __future__ import annotations

import polars as pl

from linter.engine.csvfile import ROW
from linter.findings import COLUMNS
from linter.registry import REGISTRY


def emit(code: str, file: str, offending: pl.DataFrame, *, field: str | None, message: str,
         hint: str | None = None, value: str | None = "value") -> pl.DataFrame:
    """One finding per row of `offending`, which holds ROW and (optionally) a `value` column
    and a `hint` column (a hint for that row, such as a 'did you mean'; null keeps `hint`) or a
    `message` column (the message for that row, such as one naming the row it repeats)."""
    spec = REGISTRY[code]
    hint = hint or spec.fix
    present = set(offending.columns)

    def own(column: str | None, default: str | None) -> pl.Expr:
        if column is not None and column in present:
            return pl.col(column).cast(pl.String).fill_null(pl.lit(default, pl.String))
        return pl.lit(default, pl.String)

    return offending.select(
        pl.lit(code).alias("code"), pl.lit(spec.severity.value).alias("severity"),
        own("message", message).alias("message"), pl.lit(file, pl.String).alias("file"),
        pl.col(ROW).cast(pl.Int64).alias("row"), pl.lit(field, pl.String).alias("field"),
        own("hint", hint).alias("hint"), own(value, None).alias("value"),
    ).select(list(COLUMNS))
