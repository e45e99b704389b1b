"""Configuration files: found upwards, validated with clear errors, overridden by flags."""

from __future__ import annotations

import json

from tests.conftest import EXAMPLES, cli

BROKEN = EXAMPLES / "broken-1.1"
VALID = EXAMPLES / "valid-1.1"


def codes(result) -> list[str]:
    return [f["code"] for f in json.loads(result.stdout)["findings"]]


def test_config_file_is_found_from_a_sub_folder(tmp_path):
    (tmp_path / ".oneroster-lint.toml").write_text('select = ["X"]\n')
    work = tmp_path / "deep" / "er"
    work.mkdir(parents=True)
    found = codes(cli("check", BROKEN, "--format", "json", cwd=work))
    assert found and set(found) == {"X001"}


def test_pyproject_table_and_flags_override_it(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "district-exports"\n\n[tool.oneroster-lint]\nignore = ["R", "X"]\nfail-on = "warning"\n')
    found = codes(cli("check", BROKEN, "--format", "json", cwd=tmp_path))
    assert not {c for c in found if c[0] in "RX"}
    assert "X001" in codes(cli("check", BROKEN, "--format", "json", "--ignore", "R", cwd=tmp_path))
    only_warnings = cli("check", BROKEN, "--select", "R1", "--ignore", "", cwd=tmp_path)  # an empty flag clears the file's list
    assert only_warnings.exit_code == 1  # fail-on = warning from the file
    assert cli("check", BROKEN, "--select", "R1", "--ignore", "", "--fail-on", "error", cwd=tmp_path).exit_code == 0


def test_severity_overrides_and_per_file_ignores(tmp_path):
    (tmp_path / ".oneroster-lint.toml").write_text(
        '[severity]\nR1 = "info"\nR107 = "error"\n\n[per-file-ignores]\n"users.csv" = ["S", "R112"]\n')
    report = json.loads(cli("check", BROKEN, "--format", "json", cwd=tmp_path).stdout)
    severity = {f["code"]: f["severity"] for f in report["findings"]}
    assert severity["R107"] == "error" and severity["R104"] == "info" and severity["R201"] == "error"
    assert not [f for f in report["findings"] if f["file"] == "users.csv" and (f["code"][0] == "S" or f["code"] == "R112")]
    assert any(f["file"] == "users.csv" and f["code"] == "R114" for f in report["findings"])
    assert report["summary"]["info"] == sum(f["severity"] == "info" for f in report["findings"]) > 0


def test_errors_name_the_bad_key_and_what_is_allowed(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('selec = ["X"]\n')
    result = cli("check", VALID, "--config", bad)
    assert result.exit_code == 2 and "unknown key 'selec'" in result.stderr and "select" in result.stderr
    bad.write_text('[severity]\nR107 = "fatal"\n')
    result = cli("check", VALID, "--config", bad)
    assert result.exit_code == 2 and "severity.R107" in result.stderr and "'error', 'warning', 'info'" in result.stderr
    bad.write_text("select = [\n")
    assert "not valid TOML" in cli("check", VALID, "--config", bad).stderr
    assert "no such configuration file" in cli("check", VALID, "--config", tmp_path / "nope.toml").stderr


def test_a_profile_of_your_own_drives_the_forecast(tmp_path):
    (tmp_path / ".oneroster-lint.toml").write_text(
        'profile = "ours"\n\n[profiles.ours]\ntitle = "Ours"\ndescription = "Anything deleted is a break."\n'
        '[profiles.ours.circuitBreak]\ndeletedShare = 0.01\nupdatedShare = 0.9\nminimumRows = 1\njustification = "we review every deletion"\n')
    current = tmp_path / "current"
    current.mkdir()
    for file in VALID.iterdir():
        text = file.read_text(encoding="utf-8")
        if file.name == "enrollments.csv":
            text = "\n".join(text.splitlines()[:-1]) + "\n"  # one enrollment fewer
        (current / file.name).write_text(text, encoding="utf-8")
    report = json.loads(cli("diff", VALID, current, "--format", "json", cwd=tmp_path).stdout)
    assert report["circuit_break"]["likely"] and report["circuit_break"]["profile"] == "ours"
    assert not json.loads(cli("diff", VALID, current, "--format", "json", "--profile", "default", cwd=tmp_path).stdout)["circuit_break"]["likely"]


def test_a_selector_that_matches_nothing_stops_with_a_suggestion(tmp_path):
    result = cli("check", VALID, "--select", "X0001")
    assert result.exit_code == 2 and "'X0001' is not a code, prefix or rule name; did you mean X001?" in result.stderr
    result = cli("check", VALID, "--ignore", "R1,duplicate-usernme")
    assert result.exit_code == 2 and "did you mean duplicate-username?" in result.stderr
    assert cli("check", VALID, "--select", "Z").exit_code == 2
    assert cli("check", VALID, "--select", "X,R1,duplicate-username,x001").exit_code == 0
    for text, where in (('select = ["S0O1"]\n', "select"), ('[severity]\nR9 = "info"\n', "severity"),
                        ('[per-file-ignores]\n"users.csv" = ["R1120"]\n', "per-file-ignores.users.csv")):
        (tmp_path / ".oneroster-lint.toml").write_text(text)
        result = cli("check", VALID, cwd=tmp_path)
        assert result.exit_code == 2 and f"{where}: '" in result.stderr and "did you mean" in result.stderr, result.stderr
        assert cli("diff", VALID, VALID, cwd=tmp_path).exit_code == 2
