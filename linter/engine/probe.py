"""Probes: cheap yes/no questions asked of whole columns, all at once, in parallel.

A probe pairs a one-cell lazy query ("does this check fail anywhere?") with the function
that extracts the findings when it does. Valid data, the common case, costs one parallel
pass; rows are only pulled out for the checks that actually fail.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

import polars as pl

from linter.findings import Finding


@dataclass(frozen=True)
class Probe:
    fails: pl.LazyFrame  # one row, one boolean column
    extract: Callable[[], list[Finding]]


def run_probes(probes: Iterable[Probe]) -> list[Finding]:
    probes = list(probes)
    if not probes:
        return []
    answers = pl.collect_all([probe.fails for probe in probes])
    findings: list[Finding] = []
    for probe, answer in zip(probes, answers, strict=True):
        if answer.item():
            findings += probe.extract()
    return findings
