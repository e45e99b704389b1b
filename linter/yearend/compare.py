"""Comparing one upload with the last: the entry points the library and the CLI call."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from linter.engine.delta import apply_delta, is_delta
from linter.profile_spec import Profile
from linter.source import CannotLint, Limits
from linter.yearend.diff import Comparison, compare
from linter.yearend.snapshot import Snapshot, take_snapshot


def compare_uploads(previous: str | Path, current: str | Path, *, profile: Profile, version: str = "auto", limits: Limits = Limits(),
                    as_of: date | None = None, recorded: dict[str, dict[str, Any]] | None = None) -> Comparison:
    """Compare the last upload with the one about to be sent (folders or zips, 1.1 or 1.2) on
    the day `as_of` (default today), for the consumer `profile` (`Config.chosen_profile()`)."""
    return compare_snapshots(take_snapshot(previous, version, limits), take_snapshot(current, version, limits), profile, as_of, recorded)


def compare_snapshots(previous: Snapshot, current: Snapshot, profile: Profile, as_of: date | None = None,
                      recorded: dict[str, dict[str, Any]] | None = None) -> Comparison:
    """A delta is compared as the consumer sees it: the last bulk with the delta applied, so
    the comparison shows the delta's own additions, updates and deletions."""
    if is_delta(previous.ctx):
        raise CannotLint("the last upload given is a delta package; compare with the last bulk upload (with the deltas sent since applied)")
    if is_delta(current.ctx):
        current = Snapshot(apply_delta(previous.ctx, current.ctx))
    return compare(previous, current, profile, as_of, recorded)


def compare_with_recorded(current: str | Path, state: str | Path | None, *, profile: Profile, version: str = "auto",
                          limits: Limits = Limits(), as_of: date | None = None, recorded: dict[str, dict[str, Any]] | None = None) -> Comparison:
    """Compare the upload about to be sent with the last one recorded in the state folder; the
    new one is protected the same way first, so the comparison never sees a readable value."""
    from linter.yearend.recorded import last_upload, protect

    previous, key = last_upload(state)
    now = take_snapshot(current, version, limits)
    return compare_snapshots(previous, Snapshot(protect(now.ctx, key)), profile, as_of, recorded)
