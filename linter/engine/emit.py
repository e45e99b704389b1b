"""Turning a frame of offending rows into findings: the one place that leaves polars."""

from __future__ import annotations

import polars as pl

from linter.engine.csvfile import ROW
from linter.findings import Finding
from linter.registry import REGISTRY


def emit(code: str, file: str, offending: pl.DataFrame, *, field: str | None, message: str,
         hint: str | None = None, value: str | None = "value") -> list[Finding]:
    """One finding per row of `offending`, which holds ROW and (optionally) a `value` column
    and a `hint` column (a hint for that row, such as a 'did you mean'; null keeps `hint`) or a
    `message` column (the message for that row, such as one naming the row it repeats)."""
    if offending.is_empty():
        return []
    spec = REGISTRY[code]
    hint = hint or spec.fix
    rows = offending.get_column(ROW).to_list()
    values = offending.get_column(value).to_list() if value and value in offending.columns else [None] * len(rows)
    hints = offending.get_column("hint").to_list() if "hint" in offending.columns else [None] * len(rows)
    messages = offending.get_column("message").to_list() if "message" in offending.columns else [message] * len(rows)
    return [Finding(code, spec.severity, said, file, row, field, own or hint, cell)
            for row, cell, own, said in zip(rows, values, hints, messages, strict=True)]
