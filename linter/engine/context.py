"""What every check sees: the package's tables, already parsed and mapped to schema fields."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar, cast

import polars as pl

from linter.profile_spec import Profile
from linter.schemas import SchemaPackage

T = TypeVar("T")


@dataclass
class Context:
    version: str
    schema: SchemaPackage
    tables: dict[str, pl.DataFrame] = field(default_factory=dict)  # file -> ROW + field columns
    modes: dict[str, str] = field(default_factory=dict)  # file -> "bulk" or "delta", from the manifest
    profile: Profile | None = None  # the vendor profile asked for with --profile
    # Files whose own finding explains why rows are missing: unreadable, read only in part, or
    # announced by the manifest but absent. References into them are not findings of their own.
    damaged: set[str] = field(default_factory=set)
    _memo: dict[str, object] = field(default_factory=dict)

    def memo(self, key: str, compute: Callable[[], T]) -> T:
        """Work that several rules share (such as counts per class), done once per run."""
        if key not in self._memo:
            self._memo[key] = compute()
        return cast(T, self._memo[key])  # a key is always computed by the same function

    def frame(self, file: str, *columns: str) -> pl.DataFrame | None:
        """The file's frame when it is present with all the named columns, else None."""
        frame = self.tables.get(file)
        if frame is None or any(c not in frame.columns for c in columns):
            return None
        return frame

    def row_counts(self) -> dict[str, int]:
        """Data rows per data file (the manifest is not counted)."""
        return {name: frame.height for name, frame in self.tables.items() if name != "manifest.csv"}

    def active(self, file: str, *columns: str) -> pl.DataFrame | None:
        """Rows that are not marked tobedeleted: the ones a consumer will keep."""
        frame = self.frame(file, *columns)
        if frame is None or "status" not in frame.columns:
            return frame
        return frame.filter(pl.col("status") != "tobedeleted")
