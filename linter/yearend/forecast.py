"""Will this upload trip the vendor's circuit break? Shares of change per entity type,
compared with the thresholds of a vendor profile."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import polars as pl

from linter.findings import Finding
from linter.profile_spec import Profile
from linter.registry import finding
from linter.yearend.data import yearend
from linter.yearend.snapshot import Snapshot

if TYPE_CHECKING:  # linter.yearend.diff imports this module
    from linter.yearend.diff import FileChange

# Entity types as vendors count them: (name, file, role of the users counted, or None).
ENTITIES = (
    ("schools", "orgs.csv", None),
    ("students", "users.csv", "student"),
    ("teachers", "users.csv", "teacher"),
    ("classes", "classes.csv", None),
    ("courses", "courses.csv", None),
    ("enrollments", "enrollments.csv", None),
)


@dataclass
class Forecast:
    profile: Profile
    reasons: list[dict[str, Any]] = field(default_factory=list)

    @property
    def likely(self) -> bool:
        return bool(self.reasons)

    def as_dict(self) -> dict[str, Any]:
        return {"likely": self.likely, "profile": self.profile.name, "thresholds": self.profile.circuit_break.thresholds, "reasons": self.reasons}

    def findings(self) -> list[Finding]:
        if not self.likely:
            return []
        delay = yearend()["leadTimes"]["circuitBreakDelayDays"]
        summary = "; ".join(reason["text"] for reason in self.reasons)
        basis = "the vendor's published thresholds" if self.profile.circuit_break.thresholds == "published" else "default thresholds, not the vendor's own numbers"
        return [finding("Y007", None, message=f"a circuit break is likely under the '{self.profile.name}' profile ({summary}; {basis}); expect about {delay} day of delay")]


def forecast(previous: Snapshot, current: Snapshot, changes: dict[str, FileChange], profile: Profile) -> Forecast:
    limits = profile.circuit_break
    outlook = Forecast(profile)
    for entity, file, role in ENTITIES:
        change = changes.get(file)
        if change is None or (limits.entities is not None and entity not in limits.entities):
            continue  # only the entity types the profile's thresholds are about
        before_ids, after_ids = _ids(previous, file, role), _ids(current, file, role)
        if before_ids is None or before_ids.height < max(limits.minimum_rows, 1):
            continue
        counted = {
            "deleted": change.removed.join(before_ids, on="sourcedId", how="semi").height,
            "updated": change.updated.join(after_ids, on="sourcedId", how="semi").height if after_ids is not None else 0,
            "added": change.added.join(after_ids, on="sourcedId", how="semi").height if after_ids is not None else 0,
        }
        for kind, threshold in (("deleted", limits.deleted_share), ("updated", limits.updated_share), ("added", limits.added_share)):
            share = counted[kind] / before_ids.height
            if threshold is not None and share > threshold:
                outlook.reasons.append({
                    "entity": entity, "change": kind, "count": counted[kind], "previous": before_ids.height,
                    "share": round(share, 4), "threshold": threshold,
                    "text": f"{share:.0%} of {entity} {kind} ({counted[kind]:,} of {before_ids.height:,}), over {threshold:.0%}",
                })
    return outlook


def _ids(snapshot: Snapshot, file: str, role: str | None) -> pl.DataFrame | None:
    """The sourcedIds that make up one entity type in one upload."""
    if role is not None:
        return snapshot.people(role) if snapshot.frame(file, "sourcedId") is not None else None
    if file == "orgs.csv":
        return snapshot.schools().select("sourcedId")
    frame = snapshot.frame(file, "sourcedId")
    return None if frame is None else frame.select("sourcedId").unique()
