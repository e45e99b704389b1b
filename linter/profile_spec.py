"""What one consumer of OneRoster files expects (a vendor profile), as the checks and the
year-end comparison read it: a plain declaration, like a rule's RuleSpec. linter.profiles reads
and validates the profiles under schemas/profiles/ into these."""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass
from typing import Any

import polars as pl


@dataclass(frozen=True)
class CircuitBreak:
    thresholds: str  # "published" (the vendor's own numbers) or "default" (a guess)
    entities: tuple[str, ...] | None  # the entity types counted; None: all of them
    deleted_share: float | None
    updated_share: float | None
    added_share: float | None
    minimum_rows: int
    justification: str


@dataclass(frozen=True)
class Profile:
    name: str
    title: str
    description: str
    circuit_break: CircuitBreak
    sources: tuple[dict[str, Any], ...]
    raw: dict[str, Any]

    @property
    def requirements(self) -> dict[str, Any]:
        """What the consumer needs beyond the standard (empty for most profiles)."""
        requirements: dict[str, Any] = self.raw.get("requirements", {})
        return requirements

    @property
    def raised(self) -> frozenset[str]:
        """Practice rules this consumer rejects: reported as errors under this profile."""
        return frozenset(self.requirements.get("errors", ()))

    def judge(self, table: pl.DataFrame) -> pl.DataFrame:
        """The findings as this consumer sees them: unknown-column findings about columns it
        ignores dropped, and the codes it rejects raised to errors."""
        unknown = pl.col("code") == "P202"
        patterns = self.requirements.get("toleratedColumns", ())
        if patterns:
            named = table.filter(unknown).get_column("field").drop_nulls().unique().to_list()
            tolerated = [name for name in named if any(fnmatch.fnmatchcase(name, p) for p in patterns)]
            table = table.filter(~(unknown & pl.col("field").is_in(tolerated)).fill_null(False))
        if self.raised:
            raised = pl.col("code").is_in(sorted(self.raised))
            table = table.with_columns(pl.when(raised).then(pl.lit("error")).otherwise(pl.col("severity")).alias("severity"))
        return table
