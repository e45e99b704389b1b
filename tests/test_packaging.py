"""The wheel carries schemas/ and the baseline, so an installed linter works anywhere; the sdist
and the wheel pass the checks the release workflow runs before it publishes."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from email.parser import Parser

import pytest

from linter import project
from tests.conftest import REPO


@pytest.fixture(scope="module")
def dist(tmp_path_factory):
    """`python -m build` (sdist, then the wheel from it), without network."""
    out = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(REPO)], check=True, capture_output=True)
    return out


def test_wheel_carries_the_schemas(dist):
    wheel = next(dist.glob("oneroster_lint-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for version in ("1.1", "1.2"):
        assert f"linter/schemas/oneroster-{version}/datapackage.json" in names
        assert f"linter/schemas/oneroster-{version}/users.schema.json" in names
        assert f"linter/baseline/oneroster-{version}/manifest.csv" in names
    assert "linter/cli.py" in names and "linter/rules/enrollments.py" in names
    assert "linter/templates/github-workflow.yml" in names and "linter/project.py" in names
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "oneroster-lint = linter.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()


def test_wheel_metadata_names_the_project_urls(dist):
    """An installed copy reads [project.urls] from this metadata (linter.project)."""
    wheel = zipfile.ZipFile(next(dist.glob("oneroster_lint-*.whl")))
    metadata = Parser().parsestr(wheel.read(next(n for n in wheel.namelist() if n.endswith(".dist-info/METADATA"))).decode())
    assert project.from_metadata(metadata.get_all("Project-URL")) == project.urls()
    assert metadata["Description-Content-Type"] == "text/markdown" and "Intended Audience :: Education" in metadata.get_all("Classifier")


def test_twine_check_strict(dist):
    pytest.importorskip("twine", reason="twine is in the test extra: pip install '.[test]'")
    files = sorted(str(path) for path in dist.iterdir())
    assert any(f.endswith(".tar.gz") for f in files) and any(f.endswith(".whl") for f in files)
    result = subprocess.run([sys.executable, "-m", "twine", "check", "--strict", *files], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
