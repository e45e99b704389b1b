"""README's promises: the two opening commands, the test command CI runs, the exit codes."""

from __future__ import annotations

import re

from tests.conftest import REPO


def _commands() -> list[str]:
    return re.findall(r"```bash\n(.+?)\n```", (REPO / "README.md").read_text(encoding="utf-8"))


def test_readme_opens_with_install_and_test_commands():
    run, test = _commands()[:2]
    assert run.startswith("pip install . && oneroster-lint check examples/")
    assert test.startswith('pip install ".[test]" && ')


def test_ci_runs_the_readme_test_command_verbatim():
    test = _commands()[1]
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert test in ci.splitlines()


def test_readme_example_output_is_what_the_linter_prints():
    from tests.conftest import cli

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    example = readme.split("$ oneroster-lint check examples/broken-1.1\n", 1)[1].split("```", 1)[0]
    printed = cli("check", "examples/broken-1.1").stdout
    for line in example.splitlines():
        if line.strip() and line.strip() != "...":
            assert line in printed, f"README shows a line the linter no longer prints: {line!r}"


def test_readme_exit_codes_are_the_programs():
    from linter.cli import EXIT_CODES

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    table = readme.split("### Exit codes", 1)[1].split("\n\n", 2)[1]
    rows = dict(re.findall(r"^\| (\d) \| (.+) \|$", table, re.M))
    assert {int(code): meaning for code, meaning in rows.items()} == EXIT_CODES
