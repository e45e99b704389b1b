"""The user's choices (profile, select, ignore, per-file ignores, severity) meet the findings in
one stage, Config.apply, so `linter.lint()` and `check` agree on the same configuration."""

from __future__ import annotations

import json

import pytest

from linter import Config, SelectorError, lint, load_config
from tests.conftest import EXAMPLES, cli

BROKEN = EXAMPLES / "broken-1.1"

CHOICES = """\
profile = "strict"
ignore = ["R104"]

[severity]
R1 = "info"
R107 = "warning"

[per-file-ignores]
"users.csv" = ["S", "R112"]
"""


def library(report) -> list[tuple]:
    return [(f.code, f.severity.value, f.file, f.row, f.field, f.message) for f in report.findings]


def command(result) -> list[tuple]:
    return [(f["code"], f["severity"], f["file"], f["row"], f["field"], f["message"]) for f in json.loads(result.stdout)["findings"]]


@pytest.fixture
def config_file(tmp_path):
    path = tmp_path / ".oneroster-lint.toml"
    path.write_text(CHOICES)
    return path


def test_the_library_and_check_give_the_same_findings_for_one_configuration(config_file):
    from_check = command(cli("check", BROKEN, "--format", "json", "--config", config_file))
    from_library = library(lint(BROKEN, load_config(config_file)))
    assert from_library == from_check
    # Every choice did something, so the comparison is not between two untouched reports.
    plain = library(lint(BROKEN))
    assert {code for code, *_ in plain} - {code for code, *_ in from_library} >= {"R104"}
    assert not [f for f in from_library if f[2] == "users.csv" and (f[0][0] == "S" or f[0] == "R112")]
    severities = {code: severity for code, severity, *_ in from_library}
    assert severities["R107"] == "warning"  # the user's own word beats the profile, which raises R107 to an error
    assert severities["R114"] == "info"  # the prefix R1 beats the profile too


def test_keywords_override_the_configuration_as_flags_do(config_file):
    config = load_config(config_file)
    from_check = command(cli("check", BROKEN, "--format", "json", "--config", config_file, "--ignore", "", "--profile", "default"))
    assert library(lint(BROKEN, config, ignore=[], profile="default")) == from_check
    assert "R104" in {f[0] for f in from_check}


def test_a_profile_raises_its_codes_in_the_library_as_in_check():
    strict = {f.code: f.severity.value for f in lint(BROKEN, Config(profile="strict")).findings}
    plain = {f.code: f.severity.value for f in lint(BROKEN).findings}
    raised = [code for code in ("R107", "R109", "R110", "R112", "R113", "R114") if code in plain]
    assert raised and all(plain[code] == "warning" and strict[code] == "error" for code in raised)
    assert lint(BROKEN, profile="strict").findings == lint(BROKEN, Config(profile="strict")).findings


@pytest.mark.parametrize(
    "config",
    [Config(select=("R1O4",)), Config(severity={"Q1": "info"}), Config(per_file_ignores={"users.csv": ("nonsense-rule",)})],
    ids=["select", "severity", "per-file-ignores"],
)
def test_a_configuration_built_in_python_is_checked_like_a_file(config):
    with pytest.raises(SelectorError, match="is not a code, prefix or rule name"):
        lint(BROKEN, config)
