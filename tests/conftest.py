"""Shared paths and helpers for the test suite."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from linter.cli import main

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"
SHARED_DATA = REPO.parent / "shared" / "data"
GOLDEN = Path(__file__).resolve().parent / "golden"
# Tests of the shared sample data skip, saying why, only on a fresh clone without ../shared (CI has it).
needs_shared_data = pytest.mark.skipif(not SHARED_DATA.is_dir(), reason="../shared/data is not beside this clone")
UPDATE_GOLDEN = os.environ.get("UPDATE_GOLDEN") == "1"


def cli(*args: str, cwd: Path = REPO):
    """Run the command line in-process; returns click's Result (exit_code, stdout, stderr)."""
    runner = CliRunner()
    old = Path.cwd()
    os.chdir(cwd)
    try:
        return runner.invoke(main, [str(a) for a in args], catch_exceptions=False)
    finally:
        os.chdir(old)


def check_json(path: Path | str, *args: str) -> dict:
    result = cli("check", path, "--format", "json", *args)
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def where(report: dict) -> set[tuple]:
    """The (code, file, row, field) of every finding, for set comparisons."""
    return {(f["code"], f["file"], f["row"], f["field"]) for f in report["findings"]}


def assert_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if UPDATE_GOLDEN or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        if not UPDATE_GOLDEN:
            pytest.fail(f"golden file {name} was missing and has been written; check it and run again")
    assert text == path.read_text(encoding="utf-8"), f"output differs from tests/golden/{name} (UPDATE_GOLDEN=1 rewrites it)"


@pytest.fixture
def write_package(tmp_path):
    """Write {file name: text or bytes} as a package folder and return its path."""

    def write(files: dict[str, str | bytes], name: str = "package") -> Path:
        folder = tmp_path / name
        folder.mkdir()
        for file, content in files.items():
            (folder / file).write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        return folder

    return write


@pytest.fixture(scope="session")
def site_build(tmp_path_factory):
    """`mkdocs build --strict` once per test session, in a subprocess that runs while other
    tests work; `built_site` waits for it. The docs and site-search tests share it."""
    import subprocess
    import sys

    out = tmp_path_factory.mktemp("site")
    process = subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)], cwd=REPO,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    yield process, out
    if process.poll() is None:
        process.kill()
        process.wait()


@pytest.fixture(scope="session")
def built_site(site_build) -> Path:
    """The built help site, once the build has passed: strict, and without a warning."""
    process, out = site_build
    output, _ = process.communicate(timeout=600)
    assert process.returncode == 0, f"mkdocs build --strict failed:\n{output}"
    assert "WARNING" not in output, output
    return out


@pytest.fixture(scope="session")
def example_reports():
    """The report of every rule's bad example, linted once per session: the rule tests, the
    rule pages and their checks all read these (each example was linted six times before)."""
    from linter.catalogue import all_specs
    from linter.docs.usage import run_examples

    return run_examples(all_specs()).bad

