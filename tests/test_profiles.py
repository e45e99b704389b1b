"""`--profile NAME` means one profile everywhere: its requirements in check, its thresholds in diff."""

from __future__ import annotations

import json
import shutil

import pytest

from tests.conftest import EXAMPLES, SHARED_DATA, cli, needs_shared_data


def findings(*args) -> list[dict]:
    return json.loads(cli("check", *args, "--format", "json").stdout)["findings"]


def test_the_default_profile_adds_no_requirement():
    assert findings(EXAMPLES / "valid-1.1", "--profile", "default") == []


def test_strict_needs_emails_identifiers_and_class_codes(tmp_path):
    found = findings(EXAMPLES / "valid-1.1", "--profile", "strict")
    assert found and {f["code"] for f in found} <= {"R402"}
    assert {f["field"] for f in found} <= {"email", "identifier", "classCode"}
    assert all("'strict' profile" in f["message"] for f in found)


@needs_shared_data
def test_lenient_tolerates_ext_columns_of_importers():
    fixture = SHARED_DATA / "importer-fixture-1.1"
    plain = [f for f in findings(fixture) if f["code"] == "P202"]
    lenient = [f for f in findings(fixture, "--profile", "lenient") if f["code"] == "P202"]
    assert any(f["field"].startswith("ext_") for f in plain)
    assert lenient and not any(f["field"].startswith("ext_") for f in lenient)  # 'userId' and 'agents' stay
    assert {f["field"] for f in lenient} >= {"userId", "agents"}


def test_unknown_profile_is_one_clear_line():
    result = cli("check", EXAMPLES / "valid-1.1", "--profile", "nobody")
    assert result.exit_code == 2 and "no profile named 'nobody'" in result.stderr and "strict" in result.stderr


def test_every_bundled_profile_says_whether_its_thresholds_are_published():
    from linter.profiles import bundled_profile, profile_names

    for name in profile_names():
        raw = bundled_profile(name).raw["circuitBreak"]
        assert raw["thresholds"] in ("published", "default"), name
        if raw["thresholds"] == "published":
            assert bundled_profile(name).sources, f"{name} publishes thresholds without a source"
    assert bundled_profile("talkingpoints").circuit_break.thresholds == "default"
    assert bundled_profile("clever").circuit_break.entities == ("schools", "students", "teachers", "classes")


def test_clever_counts_only_the_entity_types_its_source_names(tmp_path):
    current = tmp_path / "current"
    current.mkdir()
    for file in (EXAMPLES / "valid-1.1").iterdir():
        text = file.read_text(encoding="utf-8")
        if file.name == "enrollments.csv":
            text = "\n".join(text.splitlines()[:40]) + "\n"  # a third of the enrollments deleted, nothing else
        (current / file.name).write_text(text, encoding="utf-8")
    report = json.loads(cli("diff", EXAMPLES / "valid-1.1", current, "--format", "json", "--as-of", "2026-07-01", "--profile", "clever").stdout)
    assert not report["circuit_break"]["likely"] and report["circuit_break"]["thresholds"] == "published"
    report = json.loads(cli("diff", EXAMPLES / "valid-1.1", current, "--format", "json", "--as-of", "2026-07-01").stdout)
    assert report["circuit_break"]["likely"] and {r["entity"] for r in report["circuit_break"]["reasons"]} == {"enrollments"}
    assert report["circuit_break"]["thresholds"] == "default"


def a_profile(tmp_path, threshold: str) -> None:
    (tmp_path / ".oneroster-lint.toml").write_text(
        'profile = "ours"\n\n[profiles.ours]\ntitle = "Ours"\ndescription = "Ours."\n'
        f'[profiles.ours.circuitBreak]\n{threshold}\nminimumRows = 1\njustification = "ours"\n')


def shrunk(tmp_path):
    current = tmp_path / "current"
    shutil.copytree(EXAMPLES / "valid-1.1", current)
    lines = (current / "enrollments.csv").read_text(encoding="utf-8").splitlines()
    (current / "enrollments.csv").write_text("\n".join(lines[:40]) + "\n", encoding="utf-8")  # a third deleted
    return current


def test_a_threshold_that_trips_is_the_control(tmp_path):
    a_profile(tmp_path, "deletedShare = 0.05\nupdatedShare = 0.9")
    result = cli("check", shrunk(tmp_path), "--previous", EXAMPLES / "valid-1.1", "--fail-on", "warning", "--as-of", "2026-07-01", cwd=tmp_path)
    assert result.exit_code == 1 and "Y007" in result.stdout


@pytest.mark.parametrize("threshold, key", [
    ("deletedShare = nan\nupdatedShare = 0.9", "circuitBreak.deletedShare"),  # nan > share is never true: no break, exit 0
    ("deletedShare = 0.05\nupdatedShare = nan", "circuitBreak.updatedShare"),
    ("deletedShare = 0.05\nupdatedShare = 0.9\naddedShare = inf", "circuitBreak.addedShare"),
    ("deletedShare = -0.5\nupdatedShare = 0.9", "circuitBreak.deletedShare"),
    ("deletedShare = -inf\nupdatedShare = 0.9", "circuitBreak.deletedShare"),
])
def test_a_threshold_that_can_never_trip_is_a_configuration_error(tmp_path, threshold, key):
    a_profile(tmp_path, threshold)
    current = shrunk(tmp_path)
    for args in (("check", current, "--previous", EXAMPLES / "valid-1.1", "--fail-on", "warning"), ("diff", EXAMPLES / "valid-1.1", current),
                 ("check", current, "--profile", "default")):  # checked even when this run uses another profile
        result = cli(*args, "--as-of", "2026-07-01", cwd=tmp_path)
        assert result.exit_code == 2 and result.stderr.count("\n") == 1, result.stderr
        assert "profiles.ours" in result.stderr and key in result.stderr
