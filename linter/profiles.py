"""Vendor profiles: what one consumer of OneRoster files expects, as JSON under
schemas/profiles/ validated by profile.schema.json. `--profile NAME` means the same profile for
`check` (its requirements) and `diff` (its circuit-break thresholds)."""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema

from linter.profile_spec import CircuitBreak, Profile
from linter.schemas import schemas_root


class ProfileError(Exception):
    """A profile is unknown or invalid; the message names it and says what is allowed."""


def _read(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def profiles_folder() -> Path:
    return schemas_root() / "profiles"


@cache
def profile_schema() -> dict[str, Any]:
    return _read(profiles_folder() / "profile.schema.json")


def profile_names() -> list[str]:
    return sorted(p.stem for p in profiles_folder().glob("*.json") if p.name != "profile.schema.json")


def load_profile(name: str, custom: dict[str, dict[str, Any]] | None = None) -> Profile:
    """A bundled profile by name, or one defined by the user (`custom`: name -> profile)."""
    if custom and name in custom:
        return parse_profile(dict(custom[name], name=name), where=f"profile '{name}' in the configuration")
    return bundled_profile(name)


@cache
def bundled_profile(name: str) -> Profile:
    """A profile from schemas/profiles/, read and validated once per run."""
    if name not in profile_names():
        raise ProfileError(f"no profile named '{name}'; the bundled profiles are {', '.join(profile_names())}")
    return parse_profile(_read(profiles_folder() / f"{name}.json"), where=f"schemas/profiles/{name}.json")


def _check_raised(codes: Iterable[str], where: str) -> None:
    """A profile may raise practice rules to errors; a MUST is an error already, and a SHOULD
    stays what the standard says it is."""
    from linter.catalogue import all_specs
    from linter.registry import REGISTRY, Basis

    all_specs()
    for code in codes:
        spec = REGISTRY.get(code)
        if spec is None:
            raise ProfileError(f"{where}: requirements.errors: no rule has the code {code}")
        if spec.basis is not Basis.PRACTICE:
            raise ProfileError(f"{where}: requirements.errors: {code} rests on the {spec.basis.value}, not on practice; only practice rules can be raised")


def _check_finite(circuit_break: dict[str, Any], where: str) -> None:
    """nan compares false with every share, so a nan threshold never trips (and inf never
    does either): JSON Schema's bounds let nan through, and inf where there is no maximum."""
    for key, value in circuit_break.items():
        if isinstance(value, float) and not math.isfinite(value):
            raise ProfileError(f"{where}: circuitBreak.{key}: {value} is not a number a share can be compared with; give a finite fraction such as 0.2")


def parse_profile(data: dict[str, Any], where: str) -> Profile:
    # As jsonschema.validate reports (its best match), without checking the schema itself again
    # on every run: a test checks it against its meta-schema.
    error = jsonschema.exceptions.best_match(jsonschema.Draft202012Validator(profile_schema()).iter_errors(data))
    if error is not None:
        path = ".".join(str(p) for p in error.absolute_path) or "(top level)"
        raise ProfileError(f"{where}: {path}: {error.message}") from None
    _check_raised(data.get("requirements", {}).get("errors", ()), where)
    cb = data["circuitBreak"]
    _check_finite(cb, where)
    return Profile(
        name=data["name"], title=data["title"], description=data["description"],
        circuit_break=CircuitBreak(cb.get("thresholds", "default"), tuple(cb["entities"]) if cb.get("entities") else None, cb.get("deletedShare"),
                                   cb.get("updatedShare"), cb.get("addedShare"), cb["minimumRows"], cb["justification"]),
        sources=tuple(data.get("sources", ())), raw=data,
    )
