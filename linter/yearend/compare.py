"""Comparing one upload with the last: the entry points the library and the CLI call."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from linter.engine.delta import apply_delta, is_delta
from linter.profiles import Profile, load_profile
from linter.source import CannotLint, Limits
from linter.yearend.diff import Comparison, compare
from linter.yearend.snapshot import Snapshot, take_snapshot


def compare_uploads(previous: str | Path, current: str | Path, *, profile: str | Profile = "default", version: str = "auto",
                    custom_profiles: dict[str, dict] | None = None, limits: Limits = Limits(), as_of: date | None = None,
                    recorded: dict[str, dict] | None = None) -> Comparison:
    """Compare the last upload with the one about to be sent (folders or zips, 1.1 or 1.2) on
    the day `as_of` (default today)."""
    chosen = profile if isinstance(profile, Profile) else load_profile(profile, custom_profiles)
    return compare_snapshots(take_snapshot(previous, version, limits), take_snapshot(current, version, limits), chosen, as_of, recorded)


def compare_snapshots(previous: Snapshot, current: Snapshot, profile: Profile, as_of: date | None = None,
                      recorded: dict[str, dict] | None = None) -> Comparison:
    """A delta is compared as the consumer sees it: the last bulk with the delta applied, so
    the comparison shows the delta's own additions, updates and deletions."""
    if is_delta(previous.ctx):
        raise CannotLint("the last upload given is a delta package; compare with the last bulk upload (with the deltas sent since applied)")
    if is_delta(current.ctx):
        current = Snapshot(apply_delta(previous.ctx, current.ctx))
    return compare(previous, current, profile, as_of, recorded)


def compare_with_recorded(current: str | Path, state: str | Path | None, *, profile: str | Profile = "default", version: str = "auto",
                          custom_profiles: dict[str, dict] | None = None, limits: Limits = Limits(), as_of: date | None = None,
                          recorded: dict[str, dict] | None = None) -> Comparison:
    """Compare the upload about to be sent with the last one recorded in the state folder; the
    new one is protected the same way first, so the comparison never sees a readable value."""
    from linter.yearend.recorded import last_upload, protect

    chosen = profile if isinstance(profile, Profile) else load_profile(profile, custom_profiles)
    previous, key = last_upload(state)
    now = take_snapshot(current, version, limits)
    return compare_snapshots(previous, Snapshot(protect(now.ctx, key)), chosen, as_of, recorded)
