"""Configuration: [tool.oneroster-lint] in pyproject.toml or .oneroster-lint.toml, found from
the current folder upwards, validated by config.schema.json. Command-line flags override it."""

from __future__ import annotations

import dataclasses
import json
import stat
import sys
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import polars as pl

from linter.catalogue import check_selectors, matches
from linter.findings import Severity
from linter.profile_spec import Profile
from linter.profiles import load_profile
from linter.registry import SelectorError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover  (Python 3.10)
    import tomli as tomllib

CONFIG_FILE = ".oneroster-lint.toml"
SCHEMA = Path(__file__).resolve().parent / "config.schema.json"


class ConfigError(Exception):
    """The configuration cannot be used; the message names the file, the key and what is allowed."""


@dataclass(frozen=True)
class Config:
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: dict[str, str] = field(default_factory=dict)
    per_file_ignores: dict[str, tuple[str, ...]] = field(default_factory=dict)
    oneroster_version: str = "auto"
    profile: str = "default"
    profiles: dict[str, dict[str, Any]] = field(default_factory=dict)
    fail_on: str = "error"
    docs_url: str | None = None
    state: str | None = None  # the folder that remembers school statuses (None: .oneroster-lint)
    source: Path | None = None  # where it was read from, None for the defaults

    def overridden(self, **choices: Any) -> Config:
        """This configuration with the choices given (not None) in place of its own, as a
        command-line flag overrides the file."""
        given: dict[str, Any] = {key: tuple(value) if key in ("select", "ignore") else value for key, value in choices.items() if value is not None}
        return dataclasses.replace(self, **given)

    def check(self) -> None:
        """Stop on a selector that names no code (a typo would silence nothing), or a profile that
        cannot be used, before any package is read. load_config has checked a file's already,
        naming the file; this is for a configuration built in Python or changed by flags."""
        check_selectors(self.select, "select")
        check_selectors(self.ignore, "ignore")
        check_selectors(self.severity, "severity")
        for file, selectors in self.per_file_ignores.items():
            check_selectors(selectors, f"per-file-ignores.{file}")
        self.chosen_profile()

    def chosen_profile(self) -> Profile:
        return load_profile(self.profile, self.profiles)

    def apply(self, table: pl.DataFrame) -> pl.DataFrame:
        """The findings as this configuration asks to see them: the one stage where every choice
        meets the findings, for the library, `check` and `diff` alike. In order: the profile's
        tolerances and raised codes, select and ignore, per-file ignores, then severity
        overrides (the user's own word on a code wins over the profile's). Each is decided once
        per code (and file) that occurs, then applied to the whole frame."""
        table = self.chosen_profile().judge(table)
        codes = table.get_column("code").unique().to_list()
        kept = [code for code in codes if (not self.select or matches(code, self.select)) and not matches(code, self.ignore)]
        if len(kept) < len(codes):
            table = table.filter(pl.col("code").is_in(kept))
        pairs = table.select("file", "code").unique().iter_rows()
        dropped = [(file, code) for file, code in pairs if file and matches(code, self.per_file_ignores.get(file, ()))]
        if dropped:
            pair = pl.struct("file", "code")
            gone = pl.DataFrame(dropped, schema={"file": pl.String, "code": pl.String}, orient="row").select(pair.alias("pair"))
            table = table.filter(~pair.is_in(gone.get_column("pair").implode()))
        overrides = {code: severity.value for code in table.get_column("code").unique().to_list()
                     if (severity := self._severity(code)) is not None}
        if overrides:
            table = table.with_columns(pl.col("code").replace_strict(overrides, default=pl.col("severity")).alias("severity"))
        return table

    def _severity(self, code: str) -> Severity | None:
        keys = [key for key in self.severity if code.startswith(key.upper()) or matches(code, [key])]
        return Severity(self.severity[max(keys, key=len)]) if keys else None


@cache
def schema() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(SCHEMA.read_text(encoding="utf-8"))
    return data


def find_config(start: Path | None = None) -> Path | None:
    """The nearest .oneroster-lint.toml, or pyproject.toml with a [tool.oneroster-lint] table."""
    folder = (start or Path.cwd()).resolve()
    for candidate in (folder, *folder.parents):
        if (candidate / CONFIG_FILE).is_file():
            return candidate / CONFIG_FILE
        pyproject = candidate / "pyproject.toml"
        if pyproject.is_file() and "oneroster-lint" in _read_toml(pyproject).get("tool", {}):
            return pyproject
    return None


def load_config(path: Path | None = None, *, search: bool = True) -> Config:
    """The configuration at `path`, or the nearest one, or the defaults."""
    if path is None and search:
        path = find_config()
    if path is None:
        return Config()
    _require_regular_file(path)
    data = _read_toml(path)
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("oneroster-lint", {})
    validate(data, str(path))
    _check_selectors(data, str(path))
    _check_profiles(data, str(path))
    return Config(
        select=tuple(data.get("select", ())), ignore=tuple(data.get("ignore", ())), severity=dict(data.get("severity", {})),
        per_file_ignores={k: tuple(v) for k, v in data.get("per-file-ignores", {}).items()},
        oneroster_version=data.get("oneroster-version", "auto"), profile=data.get("profile", "default"),
        profiles=dict(data.get("profiles", {})), fail_on=data.get("fail-on", "error"), docs_url=data.get("docs-url"),
        state=data.get("state"), source=path,
    )


def _require_regular_file(path: Path) -> None:
    """A configuration is a regular file; a pipe is never opened (reading it could block for ever)."""
    try:
        mode = path.stat().st_mode
    except (FileNotFoundError, NotADirectoryError):
        raise ConfigError(f"{path}: no such configuration file") from None
    except OSError as error:
        raise ConfigError(f"{path}: the configuration file cannot be read ({error.strerror or error})") from None
    if stat.S_ISDIR(mode):
        raise ConfigError(f"{path}: is a folder, not a configuration file")
    if not stat.S_ISREG(mode):
        raise ConfigError(f"{path}: is not a regular file (a device or a pipe), so it cannot be a configuration file")


def validate(data: dict[str, Any], where: str) -> None:
    try:
        errors = sorted(jsonschema.Draft202012Validator(schema()).iter_errors(data), key=lambda e: list(e.absolute_path))
    except RecursionError:
        raise ConfigError(f"{where}: nested too deeply to be a configuration") from None
    if not errors:
        return
    error = errors[0]
    key = ".".join(str(p) for p in error.absolute_path)
    if error.validator == "additionalProperties" and not error.absolute_path:
        unknown = sorted(set(data) - set(schema()["properties"]))
        raise ConfigError(f"{where}: unknown key '{unknown[0]}'; allowed keys: {', '.join(schema()['properties'])}")
    if error.validator in ("pattern", "minLength") and isinstance(error.instance, str) and not error.instance.strip():
        raise ConfigError(f"{where}: '{key}': a blank code, prefix or rule name ({error.instance!r}); name one, or remove it")
    raise ConfigError(f"{where}: '{key or '(top level)'}': {error.message}")


def _check_profiles(data: dict[str, Any], where: str) -> None:
    """Every profile of your own is checked now, whether this run uses it or not."""
    from linter.profiles import ProfileError, parse_profile

    for name, profile in data.get("profiles", {}).items():
        try:
            parse_profile(dict(profile, name=name), where=f"{where}: profiles.{name}")
        except ProfileError as error:
            raise ConfigError(str(error)) from None


def _check_selectors(data: dict[str, Any], where: str) -> None:
    """Every code, prefix or name the file gives must match a rule; a typo would silence nothing."""
    try:
        check_selectors(data.get("select", ()), f"{where}: select")
        check_selectors(data.get("ignore", ()), f"{where}: ignore")
        check_selectors(data.get("severity", {}), f"{where}: severity")
        for file, selectors in data.get("per-file-ignores", {}).items():
            check_selectors(selectors, f"{where}: per-file-ignores.{file}")
    except SelectorError as error:
        raise ConfigError(str(error)) from None


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: not valid TOML ({error})") from None
    except RecursionError:
        raise ConfigError(f"{path}: nested too deeply to be a configuration") from None
    except OSError as error:
        raise ConfigError(f"{path}: the configuration file cannot be read ({error.strerror or error})") from None
