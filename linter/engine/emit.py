"""Turning a frame of offending rows into a frame of findings, without leaving polars."""

from __future__ import annotations

import polars as pl

from linter.engine.csvfile import ROW
from linter.findings import COLUMNS
from linter.registry import REGISTRY, RuleSpec


def emit(code: str | None, file: str, offending: pl.DataFrame, *, field: str | None, message: str,
         hint: str | None = None, value: str | None = "value") -> pl.DataFrame:
    """One finding per row of `offending`, which holds ROW and (optionally) a `value` column
    and a `hint` column (a hint for that row, such as a 'did you mean'; null keeps `hint`) or a
    `message` column (the message for that row, such as one naming the row it repeats).
    A named rule gives no code: the engine stamps the rule's code, severity and fix (`stamp`)."""
    spec = REGISTRY[code] if code is not None else None
    hint = hint or (spec.fix if spec is not None else None)
    present = set(offending.columns)

    def own(column: str | None, default: str | None) -> pl.Expr:
        if column is not None and column in present:
            return pl.col(column).cast(pl.String).fill_null(pl.lit(default, pl.String))
        return pl.lit(default, pl.String)

    return offending.select(
        pl.lit(code, pl.String).alias("code"), pl.lit(spec.severity.value if spec is not None else None, pl.String).alias("severity"),
        own("message", message).alias("message"), pl.lit(file, pl.String).alias("file"),
        pl.col(ROW).cast(pl.Int64).alias("row"), pl.lit(field, pl.String).alias("field"),
        own("hint", hint).alias("hint"), own(value, None).alias("value"),
    ).select(list(COLUMNS))


def stamp(spec: RuleSpec, found: pl.DataFrame) -> pl.DataFrame:
    """A named rule's findings with its code and severity, and its fix where no row has a hint
    of its own: the rule's body never repeats what its declaration says."""
    return found.with_columns(pl.col("code").fill_null(spec.code), pl.col("severity").fill_null(spec.severity.value),
                              pl.col("hint").fill_null(spec.fix), pl.col("message").fill_null(spec.title))
