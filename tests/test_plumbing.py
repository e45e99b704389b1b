"""Team plumbing: init, --output, the pre-commit hook and the GitHub Action definitions."""

from __future__ import annotations

import json

import yaml

from linter.config import load_config
from tests.conftest import EXAMPLES, REPO, cli


def test_init_writes_a_valid_config_and_a_workflow_and_never_overwrites(tmp_path):
    result = cli("init", "--path", "district/export", cwd=tmp_path)
    assert result.exit_code == 0 and "wrote .oneroster-lint.toml" in result.stdout
    config = load_config(tmp_path / ".oneroster-lint.toml")
    assert config.fail_on == "error" and config.profile == "default"
    workflow = yaml.safe_load((tmp_path / ".github/workflows/oneroster-lint.yml").read_text())
    runs = [step.get("run", "") for step in workflow["jobs"]["oneroster-lint"]["steps"]]
    assert "oneroster-lint check district/export --format github" in runs
    (tmp_path / ".oneroster-lint.toml").write_text("fail-on = \"warning\"\n")
    again = cli("init", cwd=tmp_path)
    assert "kept .oneroster-lint.toml" in again.stdout
    assert (tmp_path / ".oneroster-lint.toml").read_text() == "fail-on = \"warning\"\n"
    cli("init", "--force", cwd=tmp_path)
    assert "profile" in (tmp_path / ".oneroster-lint.toml").read_text()


def test_output_writes_the_report_to_a_file_but_never_into_the_package(tmp_path):
    target = tmp_path / "report.json"
    result = cli("check", EXAMPLES / "broken-1.1", "--format", "json", "--output", target)
    assert result.exit_code == 1 and result.stdout == ""
    assert json.loads(target.read_text())["summary"]["errors"] > 0
    package = tmp_path / "export"
    package.mkdir()
    for file in (EXAMPLES / "valid-1.1").iterdir():
        (package / file.name).write_bytes(file.read_bytes())
    refused = cli("check", package, "--output", package / "report.txt")
    assert refused.exit_code == 2 and "into the package" in refused.stderr
    assert not (package / "report.txt").exists()
    diff_refused = cli("diff", EXAMPLES / "valid-1.1", package, "--output", package / "diff.txt")
    assert diff_refused.exit_code == 2 and not (package / "diff.txt").exists()


def test_pre_commit_hook_definition():
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
    hook = next(h for h in hooks if h["id"] == "oneroster-lint")
    assert hook["entry"] == "oneroster-lint check" and hook["language"] == "python" and hook["pass_filenames"] is False


def test_github_action_definition():
    action = yaml.safe_load((REPO / "action.yml").read_text())
    assert action["runs"]["using"] == "composite"
    assert {"path", "fail-on", "profile", "sarif"} <= set(action["inputs"])
    commands = " ".join(step.get("run", "") for step in action["runs"]["steps"])
    # Expressions reach the shell through env (tests/test_release.py runs the steps).
    env = " ".join(str(value) for step in action["runs"]["steps"] for value in step.get("env", {}).values())
    assert "--format github" in commands and "--format sarif" in commands and "${{ github.action_path }}" in env
    assert any(step.get("uses", "").startswith("github/codeql-action/upload-sarif") for step in action["runs"]["steps"])
