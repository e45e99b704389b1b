"""`--profile NAME` means one profile everywhere: its requirements in check, its thresholds in diff."""

from __future__ import annotations

import json

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
