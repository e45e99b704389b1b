"""Everything a rule module needs from the rest of the linter, and nothing else: rules import
this module (and polars), never the engine's own modules, so the engine can change its insides
without touching a rule.

A rule is a function of the loaded package (`Context`) declared with `@rule(...)`. It yields
findings (`emit` for a frame of rows, `finding` for one), or probes (`rows_probe`,
`combos_probe`, `duplicates_probe`): yes/no questions asked of whole columns that the engine
answers together in one parallel pass, pulling rows only for the checks that fail.
"""

from __future__ import annotations

from linter import baseline
from linter.engine.context import Context
from linter.engine.csvfile import ROW
from linter.engine.emit import emit
from linter.engine.fields import DATE, NUMBER
from linter.engine.probe import Probe, combos_probe, duplicates_probe, rows_probe
from linter.examples import VERSION
from linter.findings import Severity
from linter.registry import Basis, finding, rule
from linter.schemas import load

__all__ = ["DATE", "NUMBER", "ROW", "VERSION", "Basis", "Context", "Probe", "Severity", "baseline", "combos_probe",
           "duplicates_probe", "emit", "finding", "load", "rows_probe", "rule"]
