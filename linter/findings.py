"""The one shape every check reports in, and the report that collects them."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field, replace


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """Higher is worse; used for --fail-on and for ordering."""
        return {"error": 2, "warning": 1, "info": 0}[self.value]


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem at one place. `message` never holds the cell value: that is `value`,
    which can be personal data and is printed only when the user asks for it."""

    code: str
    severity: Severity
    message: str
    file: str | None
    row: int | None = None  # header = 1, first data row = 2
    field: str | None = None
    hint: str | None = None
    value: str | None = None

    def redacted(self) -> Finding:
        return replace(self, value=None) if self.value is not None else self


@dataclass(slots=True)
class Report:
    """What one lint run found; the library returns it and never prints."""

    findings: list[Finding]
    version: str | None
    files: dict[str, int] = field(default_factory=dict)  # file name -> data rows

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity is severity)

    @property
    def rows(self) -> int:
        return sum(self.files.values())

    def fails(self, threshold: Severity) -> bool:
        return any(f.severity.rank >= threshold.rank for f in self.findings)
