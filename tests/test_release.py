"""The way in and the way out: the workflow `init` writes installs from what exists (the project's
repository at the current version's tag, named once in pyproject.toml), its and the action's
`run:` lines survive any path bash can be handed, both run green on a fresh repository as far as
a machine without GitHub can tell, and the CI and release workflows have the shape a release needs."""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
import yaml

from linter import __version__
from linter.starter import WORKFLOW, starter_files
from tests.conftest import EXAMPLES, REPO, cli
from tests.test_readme import _commands

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
REPOSITORY = PYPROJECT["project"]["urls"]["Repository"]
ACTION = yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))
WORKFLOWS = REPO / ".github" / "workflows"
# The generated workflow runs on ubuntu-latest; its bash lines are tried where bash is the shell.
needs_posix_bash = pytest.mark.skipif(os.name == "nt" or shutil.which("bash") is None,
                                      reason="the workflow's bash steps are simulated on Linux and macOS only (it runs on ubuntu-latest)")
EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


def _workflow(path: str = "exports/") -> dict:
    return yaml.safe_load(starter_files(path)[WORKFLOW])


def _steps(workflow: dict) -> list[dict]:
    (job,) = workflow["jobs"].values()
    return job["steps"]


def _on(config: dict) -> dict:
    return config.get("on", config.get(True))  # YAML 1.1 reads a bare `on` as true


# --- what the generated workflow installs -----------------------------------------------

def test_generated_workflow_installs_the_repository_at_this_version():
    text = starter_files("exports/")[WORKFLOW]
    installs = [step["run"] for step in _steps(yaml.safe_load(text)) if "pip install" in step.get("run", "")]
    assert installs == [f'python -m pip install "git+{REPOSITORY}@v{__version__}"']
    # Every address in the file, comments included, is the repository of pyproject.toml; every
    # reference to the project names this version's tag; no package name an index would be asked for.
    addresses = set(re.findall(r"https?://[^\s\"'`@]+", text))
    assert addresses == {REPOSITORY}, addresses
    owner_repo = REPOSITORY.removeprefix("https://github.com/")
    assert set(re.findall(re.escape(owner_repo) + r"@(\S+?)[`\"\s]", text)) == {f"v{__version__}"}
    assert not re.search(r"pip install\s+['\"]?oneroster-lint\b", text)


def test_the_url_is_read_not_written():
    """pyproject.toml is the one place: another Repository there changes the workflow."""
    assert REPOSITORY not in (REPO / "linter" / "starter.py").read_text(encoding="utf-8")
    assert REPOSITORY not in (REPO / "linter" / "templates" / "github-workflow.yml").read_text(encoding="utf-8")


def test_project_urls_from_the_checkout_and_from_metadata(monkeypatch, tmp_path):
    from linter import project

    assert project.urls() == PYPROJECT["project"]["urls"] and project.action() == REPOSITORY.removeprefix("https://github.com/")
    assert project.from_metadata([f"Repository, {REPOSITORY}", "Documentation, https://example.org/docs"]) == {
        "Repository": REPOSITORY, "Documentation": "https://example.org/docs"}
    project.urls.cache_clear()
    try:
        monkeypatch.setattr(project, "PYPROJECT", tmp_path / "pyproject.toml")
        (tmp_path / "pyproject.toml").write_text('[project]\nname = "oneroster-lint"\nurls = {Repository = "https://github.com/a/b c"}\n')
        with pytest.raises(LookupError, match="not https://github.com/OWNER/REPO"):
            project.repository()
    finally:
        project.urls.cache_clear()


def test_documentation_url_is_the_help_site_the_reports_link_to():
    from linter.report.locate import DOCS_URL

    assert PYPROJECT["project"]["urls"]["Documentation"] == DOCS_URL


# --- every run: line is bash-safe -------------------------------------------------------

def _expand(text: str, context: dict[str, str]) -> str:
    """GitHub's textual substitution of ${{ name }} (before the shell sees the line)."""
    return EXPRESSION.sub(lambda match: context[match.group(1)], text)


def _condition(step: dict, context: dict[str, str], failed: bool) -> bool:
    """Whether GitHub runs the step: `if:` with always() runs after a failure too; the few
    expressions the action uses (==, &&, inputs.*) are evaluated here, nothing else."""
    condition = str(step.get("if", "success()"))
    condition = EXPRESSION.sub(lambda match: match.group(1), condition)
    if not re.fullmatch(r"[\w.()'=&|! -]*", condition):
        raise AssertionError(f"the simulation does not read this condition: {condition!r}")
    python = re.sub(r"\b(inputs\.[\w-]+)", lambda m: repr(context[m.group(1)]), condition)
    python = python.replace("&&", " and ").replace("||", " or ").replace("always()", "True")
    python = python.replace("success()", repr(not failed)).replace("failure()", repr(failed))
    return bool(eval(python, {"__builtins__": {}}))  # noqa: S307 - the characters are checked above


def _run_steps(steps: list[dict], context: dict[str, str], env: dict[str, str], cwd: Path, rewrite=lambda s: s) -> list[dict]:
    """Run the `run:` steps the way a runner does: expressions substituted, env expanded,
    `bash --noprofile --norc -eo pipefail`, later steps skipped after a failure unless always()."""
    ran, failed = [], False
    for step in steps:
        if "run" not in step or not _condition(step, context, failed):
            continue
        script = rewrite(_expand(step["run"], context))
        step_env = {**env, **{key: _expand(str(value), context) for key, value in step.get("env", {}).items()}}
        result = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script], cwd=cwd, env=step_env,
                                capture_output=True, text=True, timeout=120)
        ran.append({"run": script, "rc": result.returncode, "stdout": result.stdout, "stderr": result.stderr})
        failed = failed or result.returncode != 0
    return ran


HOSTILE = "Lincoln USD's \"roster\" $HOME `x` ;&"


def _fake_commands(tmp_path: Path) -> tuple[Path, Path]:
    """`python` and `oneroster-lint` that record their arguments, one JSON list a line."""
    bin_dir, log = tmp_path / "fake-bin", tmp_path / "argv.jsonl"
    bin_dir.mkdir()
    for name in ("python", "oneroster-lint"):
        script = bin_dir / name
        script.write_text(f"#!{sys.executable}\nimport json, os, sys\n"
                          f"open({str(log)!r}, 'a').write(json.dumps([{name!r}, *sys.argv[1:]]) + '\\n')\n", encoding="utf-8")
        script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return bin_dir, log


@needs_posix_bash
@pytest.mark.skipif(" " in sys.executable, reason="the recording commands' #! line needs a Python path without spaces")
def test_action_run_lines_carry_hostile_paths_intact(tmp_path):
    bin_dir, log = _fake_commands(tmp_path)
    action_path, runner_temp = tmp_path / f"action {HOSTILE}", tmp_path / f"runner temp {HOSTILE}"
    action_path.mkdir()
    runner_temp.mkdir()
    export = f"exports/{HOSTILE}"
    context = {"github.action_path": str(action_path), "runner.temp": str(runner_temp), "inputs.path": export,
               "inputs.fail-on": "warning", "inputs.profile": "my profile's", "inputs.sarif": "true", "inputs.python-version": "3.11"}
    env = {"PATH": f"{bin_dir}{os.pathsep}/usr/bin:/bin", "RUNNER_TEMP": str(runner_temp), "HOME": str(tmp_path)}
    for step in ACTION["runs"]["steps"]:
        assert "${{" not in step.get("run", ""), f"an expression pasted into a shell line: {step['run']!r}"
    ran = _run_steps(ACTION["runs"]["steps"], context, env, tmp_path)
    assert [r["rc"] for r in ran] == [0, 0, 0], ran
    calls = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    sarif = str(runner_temp / "oneroster-lint.sarif")
    assert calls == [
        ["python", "-m", "pip", "install", str(action_path)],  # the action's own checkout
        ["oneroster-lint", "check", export, "--format", "github", "--fail-on", "warning", "--profile", "my profile's"],
        ["oneroster-lint", "check", export, "--format", "sarif", "--profile", "my profile's", "--output", sarif],
    ]
    upload = next(step for step in ACTION["runs"]["steps"] if "upload-sarif" in step.get("uses", ""))
    assert _expand(upload["with"]["sarif_file"], context) == sarif


@needs_posix_bash
@pytest.mark.skipif(" " in sys.executable, reason="the recording commands' #! line needs a Python path without spaces")
def test_generated_workflow_run_lines_carry_hostile_paths_intact(tmp_path):
    bin_dir, log = _fake_commands(tmp_path)
    runner_temp = tmp_path / f"runner temp {HOSTILE}"
    runner_temp.mkdir()
    export = f"exports/{HOSTILE}/roster.zip"
    steps = _steps(_workflow(export))
    env = {"PATH": f"{bin_dir}{os.pathsep}/usr/bin:/bin", "RUNNER_TEMP": str(runner_temp), "HOME": str(tmp_path)}
    ran = _run_steps(steps, {"runner.temp": str(runner_temp)}, env, tmp_path)
    assert [r["rc"] for r in ran] == [0, 0, 0], ran
    calls = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    sarif = str(runner_temp / "oneroster-lint.sarif")
    assert calls == [
        ["python", "-m", "pip", "install", f"git+{REPOSITORY}@v{__version__}"],
        ["oneroster-lint", "check", export, "--format", "github"],
        ["oneroster-lint", "check", export, "--format", "sarif", "--output", sarif],
    ]
    upload = next(step for step in steps if "upload-sarif" in step.get("uses", ""))
    assert _expand(upload["with"]["sarif_file"], {"runner.temp": str(runner_temp)}) == sarif


# --- the workflow and the action on a fresh repository, with the real linter ---------------

def _fresh_venv(tmp_path: Path) -> Path:
    """A new venv that sees this environment's dependencies (a .pth line, so none is fetched)
    but not its oneroster-lint: the install step must put the linter there."""
    venv = tmp_path / "runner-tool-cache" / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, capture_output=True, timeout=120)
    python = venv / "bin" / "python"
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          check=True, capture_output=True, text=True).stdout.strip()
    # The dependencies only, linked one by one: a non-editable install (as in CI) puts this
    # environment's linter in the same site-packages, and the fresh venv must not see it.
    deps = tmp_path / "dependencies"
    deps.mkdir()
    for folder in {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}:
        for entry in Path(folder).iterdir():
            if entry.name != "linter" and not entry.name.lower().startswith("oneroster_lint") and not (deps / entry.name).exists():
                (deps / entry.name).symlink_to(entry)
    (Path(site) / "_dependencies_of_the_test_environment.pth").write_text(f"{deps}\n", encoding="utf-8")
    found = subprocess.run([str(python), "-c", "import importlib.util as u; print(u.find_spec('linter') is None, u.find_spec('polars') is not None)"],
                           capture_output=True, text=True, cwd=tmp_path).stdout.split()
    assert found == ["True", "True"], "the fresh venv must see the dependencies but no linter yet"
    return venv


def _fresh_repository(tmp_path: Path, export: str, example: str) -> Path:
    repo = tmp_path / "district repo"
    (repo / export).parent.mkdir(parents=True)
    shutil.copytree(EXAMPLES / example, repo / export)
    assert cli("init", "--path", export, cwd=repo).exit_code == 0
    git = ["git", "-c", "user.name=District", "-c", "user.email=it@district.example", "-c", "init.defaultBranch=main"]
    subprocess.run([*git, "init", "-q"], cwd=repo, check=True)
    subprocess.run([*git, "add", "-A"], cwd=repo, check=True)
    subprocess.run([*git, "commit", "-q", "-m", "exports"], cwd=repo, check=True)
    return repo


def _runner_env(venv: Path, runner_temp: Path, repo: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME")}
    return {**env, "PATH": f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}", "RUNNER_TEMP": str(runner_temp),
            "GITHUB_WORKSPACE": str(repo), "PIP_DISABLE_PIP_VERSION_CHECK": "1", "PIP_NO_INPUT": "1"}


# The remote install becomes the local checkout; no index, no build isolation: nothing is fetched.
OFFLINE = "--no-deps --no-build-isolation --no-index --quiet"


@needs_posix_bash
@pytest.mark.parametrize("example, expected", [("valid-1.1", 0), ("broken-1.1", 1)])
def test_generated_workflow_runs_on_a_fresh_repository(tmp_path, example, expected):
    export = "district exports/Lincoln USD"
    repo = _fresh_repository(tmp_path, export, example)
    workflow = yaml.safe_load((repo / WORKFLOW).read_text(encoding="utf-8"))
    runner_temp = tmp_path / "runner temp"
    runner_temp.mkdir()
    venv = _fresh_venv(tmp_path)
    remote = f'"git+{REPOSITORY}@v{__version__}"'
    ran = _run_steps(_steps(workflow), {"runner.temp": str(runner_temp)}, _runner_env(venv, runner_temp, repo), repo,
                     rewrite=lambda script: script.replace(remote, f'"{REPO}" {OFFLINE}'))
    install, check, sarif = ran
    assert install["rc"] == 0, install["stderr"]
    assert (venv / "bin" / "oneroster-lint").is_file()
    assert check["rc"] == expected, check["stdout"] + check["stderr"]
    annotations = [line for line in check["stdout"].splitlines() if line.startswith("::error ")]
    assert bool(annotations) == (expected == 1)
    if expected:
        assert any(f"file={export}/enrollments.csv" in line for line in annotations), annotations[:3]
    report = json.loads((runner_temp / "oneroster-lint.sarif").read_text(encoding="utf-8"))
    assert report["version"] == "2.1.0" and bool(report["runs"][0]["results"]) == (expected == 1)
    assert sarif["rc"] == expected
    assert not list((repo / export).glob("*.sarif")) and subprocess.run(["git", "status", "--porcelain"], cwd=repo, capture_output=True,
                                                                          text=True).stdout == ""


@needs_posix_bash
def test_action_runs_on_a_fresh_repository(tmp_path):
    export = "district exports/Lincoln USD"
    repo = _fresh_repository(tmp_path, export, "broken-1.1")
    runner_temp = tmp_path / "runner temp"
    runner_temp.mkdir()
    venv = _fresh_venv(tmp_path)
    context = {"github.action_path": str(REPO), "runner.temp": str(runner_temp), "inputs.path": export, "inputs.fail-on": "error",
               "inputs.profile": "default", "inputs.sarif": "true", "inputs.python-version": "3.11"}
    ran = _run_steps(ACTION["runs"]["steps"], context, _runner_env(venv, runner_temp, repo), repo,
                     rewrite=lambda script: script.replace('install "$ACTION_PATH"', f'install "$ACTION_PATH" {OFFLINE}'))
    install, check, sarif = ran
    assert install["rc"] == 0, install["stderr"]
    assert check["rc"] == 1 and "::error " in check["stdout"]
    assert sarif["rc"] == 0  # `|| true`: the check step already failed the job
    assert json.loads((runner_temp / "oneroster-lint.sarif").read_text(encoding="utf-8"))["runs"][0]["results"]


# --- CI and release workflows -------------------------------------------------------------

def _load(name: str) -> dict:
    return yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))


def _runs(job: dict) -> list[str]:
    return [step["run"] for step in job["steps"] if "run" in step]


def _matrix_os(job: dict) -> set[str]:
    return {name.split("-")[0] for name in job["strategy"]["matrix"]["os"]}


def test_ci_runs_readmes_test_command_on_three_systems():
    ci = _load("ci.yml")
    assert {"push", "pull_request"} <= set(_on(ci))
    (job,) = ci["jobs"].values()
    assert _matrix_os(job) == {"ubuntu", "macos", "windows"} and job["runs-on"] == "${{ matrix.os }}"
    assert job["defaults"]["run"]["shell"] == "bash"
    assert _commands()[1] in _runs(job) and "ruff check ." in _runs(job)


def test_release_builds_checks_tests_and_publishes_from_a_tag():
    release = _load("release.yml")
    assert _on(release) == {"push": {"tags": ["v*"]}}
    jobs = release["jobs"]
    build = "\n".join(_runs(jobs["build"]))
    assert "python -m build" in build and "twine check --strict dist/*" in build and "check-wheel-contents" in build
    assert "linter/schemas/" in build and "$GITHUB_REF_NAME" in build
    assert _matrix_os(jobs["tests"]) == {"ubuntu", "macos", "windows"} and _commands()[1] in _runs(jobs["tests"])
    publish = jobs["publish"]
    assert set(publish["needs"]) == {"build", "tests"} and publish["environment"] == "pypi"
    assert publish["permissions"] == {"id-token": "write"}
    assert any(step.get("uses", "").startswith("pypa/gh-action-pypi-publish@") for step in publish["steps"])
    assert release.get("permissions") == {"contents": "read"}  # only the publish job holds id-token


def test_release_tag_check_reads_the_version_the_package_says():
    """The build job's tag check, run here against linter/__init__.py."""
    (line,) = [run for run in _runs(_load("release.yml")["jobs"]["build"]) if "$GITHUB_REF_NAME" in run]
    if os.name == "nt" or shutil.which("bash") is None:
        pytest.skip("the tag check is a bash line; it runs on ubuntu-latest")
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    good = subprocess.run(["bash", "-c", line.replace("python ", f'"{sys.executable}" ')], cwd=REPO, env={**env, "GITHUB_REF_NAME": f"v{__version__}"})
    bad = subprocess.run(["bash", "-c", line.replace("python ", f'"{sys.executable}" ')], cwd=REPO, env={**env, "GITHUB_REF_NAME": "v9.9.9"})
    assert (good.returncode, bad.returncode != 0) == (0, True)


# --- the Windows page's commands -------------------------------------------------------------

WINDOWS = REPO / "docs" / "windows.md"


def _powershell_words(line: str) -> list[str]:
    """Split a command line the way PowerShell passes it to a program: spaces separate words,
    double quotes group (and expand $env:NAME), single quotes group literally, backslashes are
    plain characters. Enough for the page's commands; a backtick or a subexpression is refused."""
    assert "`" not in line and "$(" not in line, f"the splitter does not read {line!r}"
    words, word, quote, started = [], [], None, False
    for char in line:
        if quote:
            if char == quote:
                quote = None
            else:
                word.append(char)
        elif char in "\"'":
            quote, started = char, True
        elif char.isspace():
            if word or started:
                words.append("".join(word))
            word, started = [], False
        else:
            word.append(char)
    assert quote is None, f"unbalanced quotes in {line!r}"
    if word or started:
        words.append("".join(word))
    return words


def _windows_commands(language: str) -> list[str]:
    blocks = re.findall(rf"```{language}\n(.*?)```", WINDOWS.read_text(encoding="utf-8"), re.S)
    return [line.strip() for block in blocks for line in block.splitlines() if line.strip().startswith("oneroster-lint")]


def test_powershell_splitter_honours_quotes():
    assert _powershell_words(r'oneroster-lint check "C:\Exports\Lincoln USD\roster.zip" --ignore "R107,R108"') == [
        "oneroster-lint", "check", r"C:\Exports\Lincoln USD\roster.zip", "--ignore", "R107,R108"]
    assert _powershell_words(r"oneroster-lint check 'C:\a $b' --output x") == ["oneroster-lint", "check", r"C:\a $b", "--output", "x"]


def test_windows_page_commands_run(tmp_path):
    """Every `oneroster-lint` line of the page's PowerShell and cmd blocks, run for real: the
    Windows paths become a temporary folder holding the example district (a zip and a folder),
    $env:USERPROFILE and %USERPROFILE% a profile folder; each must read its export (exit 0)."""
    import zipfile

    commands = _windows_commands("powershell") + _windows_commands("bat")
    assert len(commands) >= 6 and any("--output" in c and "Desktop" in c for c in commands)
    root = tmp_path / "C"
    exports = root / "Exports" / "Lincoln USD"
    shutil.copytree(EXAMPLES / "valid-1.1", exports / "2025-08-15")
    with zipfile.ZipFile(exports / "roster.zip", "w") as archive:
        for csv_file in sorted((EXAMPLES / "valid-1.1").glob("*.csv")):
            archive.write(csv_file, csv_file.name)
    profile = tmp_path / "User Profile"
    (profile / "Desktop").mkdir(parents=True)

    def local(word: str) -> str:
        word = word.replace("$env:USERPROFILE", "C:\\Users\\Me").replace("%USERPROFILE%", "C:\\Users\\Me")
        if word.startswith("C:\\Users\\Me"):
            return str(profile.joinpath(*word.removeprefix("C:\\Users\\Me\\").split("\\")))
        if word.startswith("C:\\"):
            return str(root.joinpath(*word.removeprefix("C:\\").split("\\")))
        return word

    for line in commands:
        words = _powershell_words(line)
        result = cli(*[local(word) for word in words[1:]], cwd=tmp_path)
        assert result.exit_code == 0, f"docs/windows.md: `{line}` exited {result.exit_code}: {result.output}"
    assert (profile / "Desktop" / "report.html").read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype html")
    assert (exports / "report.json").is_file()


def test_windows_page_installs_what_exists():
    text = WINDOWS.read_text(encoding="utf-8")
    assert "py -m pip install --user pipx" in text and "py -m pipx ensurepath" in text and "$LASTEXITCODE" in text
    assert f'pipx install "git+{REPOSITORY}"' in text and "Invoke-Item" in text and "schtasks" in text


def test_every_install_from_the_repository_names_the_pyproject_url():
    """README and the help pages show the repository's address; it is the one pyproject declares."""
    pages = [REPO / "README.md", *sorted((REPO / "docs").rglob("*.md"))]
    seen = 0
    for page in pages:
        for spec in re.findall(r"git\+(https://[^\s\"'`]+)", page.read_text(encoding="utf-8")):
            seen += 1
            assert spec in (REPOSITORY, f"{REPOSITORY}@v{__version__}"), (page.name, spec)
        for repo in re.findall(r"(?:repo:|uses:)\s+([^\s`,]*oneroster-lint/oneroster-lint[^\s`,]*)", page.read_text(encoding="utf-8")):
            assert repo in (REPOSITORY, f"{REPOSITORY.removeprefix('https://github.com/')}@v{__version__}"), (page.name, repo)
    assert seen >= 6


def test_a_folder_with_spaces_and_backslashes_in_its_name(tmp_path):
    """A district's folder named as people name folders on Windows; here, where a backslash can
    be part of a name (not on Windows), it is one too."""
    name = "Lincoln USD\\2025 (copy) 'final'" if os.name != "nt" else "Lincoln USD 2025 (copy) 'final'"
    package = tmp_path / "My Exports" / name
    shutil.copytree(EXAMPLES / "broken-1.1", package)
    report = cli("check", str(package), "--format", "json")
    assert report.exit_code == 1
    assert json.loads(report.stdout)["summary"]["files"] == 6
    assert cli("check", str(package).replace(str(tmp_path), "."), cwd=tmp_path).exit_code == 1


def test_ci_page_shows_the_workflow_init_writes():
    page = (REPO / "docs" / "ci.md").read_text(encoding="utf-8")
    shown = re.search(r"```yaml\n(name: OneRoster export check\n.*?)```", page, re.S)
    assert shown and shown.group(1) == starter_files("exports/")[WORKFLOW], "docs/ci.md must show the workflow `oneroster-lint init --path exports/` writes"
    usage = yaml.safe_load(re.search(r"```yaml\n(- uses: actions/checkout.*?)```", page, re.S).group(1))
    assert usage[1]["uses"] == f"{REPOSITORY.removeprefix('https://github.com/')}@v{__version__}"
