"""The caps on what one package may hold (see linter.source.reading for what each counts)."""

from __future__ import annotations

from dataclasses import dataclass

MiB = 1024**2


@dataclass(frozen=True)
class Limits:
    max_files: int = 1000
    max_total_bytes: int = 4096 * MiB
    max_ratio: int = 200
    ratio_floor: int = 8 * MiB
