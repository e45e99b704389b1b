"""The starter files `oneroster-lint init` writes: a configuration and a GitHub Actions
workflow that checks the export path given. The path is pasted into the workflow's `run:`
lines, so it is quoted twice, for the shell and then for YAML, and refused when no quoting can
carry it: a line break or other control character, a leading '-' (an option to the shell
command), or '${{' (GitHub evaluates it before the shell ever sees the line)."""

from __future__ import annotations

import shlex
import unicodedata
from pathlib import Path

from linter import __version__, project
from linter.config import CONFIG_FILE

TEMPLATES = Path(__file__).resolve().parent / "templates"
WORKFLOW = Path(".github/workflows/oneroster-lint.yml")
# Control characters, invisible format characters (bidi overrides), line and paragraph separators.
UNSAFE_CATEGORIES = {"Cc", "Cf", "Cs", "Zl", "Zp"}


class StarterError(ValueError):
    """The export path cannot be written into a workflow; the message says why."""


def starter_files(export_path: str) -> dict[Path, str]:
    """{where: content} of the files `init` writes."""
    workflow = (TEMPLATES / "github-workflow.yml").read_text(encoding="utf-8")
    # The repository and the version come from pyproject.toml and linter.__version__ (both
    # checked to be plain: a GitHub URL, a version of digits and dots), never from the user.
    for name, value in (("repository", project.repository()), ("action", project.action()), ("version", _version())):
        workflow = workflow.replace("{" + name + "}", value)
    return {Path(CONFIG_FILE): (TEMPLATES / "oneroster-lint.toml").read_text(encoding="utf-8"),
            WORKFLOW: workflow.replace("{path}", _yaml_double_quoted(shlex.quote(_safe(export_path))))}


def _version() -> str:
    if not all(part.isdigit() for part in __version__.split(".")):
        raise StarterError(f"version {__version__!r} is not a release (digits and dots): a workflow could not name its tag")
    return __version__


def _safe(path: str) -> str:
    unsafe = next((char for char in path if unicodedata.category(char) in UNSAFE_CATEGORIES), None)
    if unsafe is not None:
        raise StarterError(f"--path {path!r}: holds a line break or control character ({unsafe!r}); name the export without it")
    if not path.strip():
        raise StarterError("--path is empty; name the export folder or zip")
    if path.startswith("-"):
        raise StarterError(f"--path {path!r}: starts with '-', which the command would read as an option; write ./{path}")
    if "${{" in path:
        raise StarterError(f"--path {path!r}: holds '${{{{', which GitHub Actions would evaluate as an expression")
    return path


def _yaml_double_quoted(text: str) -> str:
    """`text` inside a YAML double-quoted scalar (the template holds the quotes)."""
    return text.replace("\\", "\\\\").replace('"', '\\"')
