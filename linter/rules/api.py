"""Everything a rule module needs from the rest of the linter, and nothing else: rules import
this module (and polars), never the engine's own modules, so the engine can change its insides
without touching a rule.

A rule is a function of the loaded package (`Context`) declared with `@rule(...)`. It yields
findings (`emit` for a frame of rows, `finding` for one), or probes (`rows_probe`,
`combos_probe`, `duplicates_probe`): yes/no questions asked of whole columns that the engine
answers together in one parallel pass, pulling rows only for the checks that fail.

None of these takes a code: the engine stamps each finding with the code, severity and fix of
the rule that yielded it, so a rule's body never repeats its declaration.
"""

from __future__ import annotations

from collections.abc import Callable

import polars as pl

from linter import baseline
from linter.engine import emit as _emit
from linter.engine import probe as _probe
from linter.engine.context import Context
from linter.engine.csvfile import ROW
from linter.engine.fields import DATE, NUMBER
from linter.engine.probe import Probe
from linter.examples import VERSION
from linter.findings import COLUMNS, Found, Severity
from linter.registry import Basis, rule
from linter.schemas import load

__all__ = ["DATE", "NUMBER", "ROW", "VERSION", "Basis", "Context", "Found", "Probe", "Severity", "baseline", "combos_probe",
           "duplicates_probe", "emit", "finding", "load", "rows_probe", "rule"]


def emit(file: str, offending: pl.DataFrame, *, field: str | None, message: str, hint: str | None = None,
         value: str | None = "value") -> pl.DataFrame:
    """One finding per row of `offending` (ROW, and optionally value, hint or message columns)."""
    return _emit.emit(None, file, offending, field=field, message=message, hint=hint, value=value)


def finding(file: str | None, *, message: str, row: int | None = None, field: str | None = None, hint: str | None = None,
            value: str | None = None) -> pl.DataFrame:
    """One finding that is not about a frame of rows (a missing file, a missing column)."""
    return pl.DataFrame([{"code": None, "severity": None, "message": message, "file": file, "row": row, "field": field,
                          "hint": hint, "value": value}], schema=COLUMNS)


def rows_probe(file: str, frame: pl.DataFrame, failing: pl.Expr, *, field: str | None, message: str, hint: str | None = None,
               show: str | None = None) -> Probe:
    """The rows of `frame` where `failing` holds; `show` names the column shown as the value."""
    return _probe.rows_probe(None, file, frame, failing, field=field, message=message, hint=hint, show=show)


def combos_probe(file: str, frame: pl.DataFrame, columns: list[str], bad: Callable[[pl.LazyFrame], pl.LazyFrame], *,
                 field: str | None, message: str, hint: str | None = None) -> Probe:
    """The rows whose combination of `columns` `bad` selects among the distinct combinations."""
    return _probe.combos_probe(None, file, frame, columns, bad, field=field, message=message, hint=hint)


def duplicates_probe(file: str, frame: pl.DataFrame, keys: list[pl.Expr], *, field: str, message: str, hint: str | None = None,
                     where: pl.Expr | None = None, show: str | None = None) -> Probe:
    """The rows whose key an earlier row already has; `{first}` in the message is that row."""
    return _probe.duplicates_probe(None, file, frame, keys, field=field, message=message, hint=hint, where=where, show=show)
