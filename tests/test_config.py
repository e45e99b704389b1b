"""Configuration files: found upwards, validated with clear errors, overridden by flags."""

from __future__ import annotations

import json
import os
import threading

import pytest

from tests.conftest import EXAMPLES, cli
from tests.isolation import as_nobody, shared_folder

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


def one_line_error(result) -> str:
    assert result.exit_code == 2, (result.exit_code, result.stdout, result.stderr)
    assert result.stderr.count("\n") == 1 and "internal error" not in result.stderr, result.stderr
    return result.stderr


@pytest.mark.parametrize("text, key", [
    ('select = [" "]\n', "'select.0'"),  # matched no code: every finding dropped, exit 0
    ('select = ["X", ""]\n', "'select.1'"),
    ('ignore = ["\\t"]\n', "'ignore.0'"),
    ('[severity]\n"" = "info"\n', "'severity'"),  # matched every code: all errors became info, exit 0
    ('[severity]\n" " = "info"\n', "'severity'"),
    ('[per-file-ignores]\n"users.csv" = [" "]\n', "'per-file-ignores.users.csv.0'"),
])
def test_a_blank_selector_is_a_configuration_error_not_a_silent_pass(tmp_path, text, key):
    (tmp_path / ".oneroster-lint.toml").write_text(text)
    message = one_line_error(cli("check", BROKEN, cwd=tmp_path))
    assert key in message and "blank" in message


def test_a_configuration_nested_too_deeply_is_one_line(tmp_path):
    for name, text in (("deep.toml", "a = " + "[" * 100_000 + "]" * 100_000 + "\n"),
                       ("deeper.toml", "a = " + "{b = " * 100_000 + "1" + "}" * 100_000 + "\n")):
        (tmp_path / name).write_text(text)
        assert "nested too deeply" in one_line_error(cli("check", VALID, "--config", tmp_path / name))


def test_a_configuration_that_is_not_a_regular_file_says_what_it_is(tmp_path):
    assert "is a folder" in one_line_error(cli("check", VALID, "--config", tmp_path))
    assert "is not a regular file" in one_line_error(cli("check", VALID, "--config", "/dev/null"))
    fifo = tmp_path / "config.toml"
    os.mkfifo(fifo)
    # Should the linter ever open the pipe, this writer lets the read end and the test fail instead of hanging.
    writer = threading.Thread(target=lambda: os.close(os.open(fifo, os.O_WRONLY)), daemon=True)
    writer.start()
    try:
        assert "is not a regular file" in one_line_error(cli("check", VALID, "--config", fifo))
    finally:
        reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # releases the writer if nobody read
        writer.join()
        os.close(reader)


def test_an_unreadable_configuration_is_one_line_for_an_ordinary_user():
    with shared_folder() as folder:
        config = folder / "config.toml"
        config.write_text('fail-on = "warning"\n')
        config.chmod(0o000)

        def run():
            result = cli("check", VALID, "--config", config, "--max-files", "1")  # no polars work in the fork
            return result.exit_code, result.stderr

        outcome, (code, stderr) = as_nobody(run)
        assert outcome == "returned" and code == 2 and stderr.count("\n") == 1, stderr
        assert "cannot be read (Permission denied)" in stderr
