"""The wheel carries schemas/ and the baseline, so an installed linter works anywhere."""

from __future__ import annotations

import subprocess
import sys
import zipfile

from tests.conftest import REPO


def test_wheel_carries_the_schemas(tmp_path):
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(tmp_path), str(REPO)],
                   check=True, capture_output=True)
    wheel = next(tmp_path.glob("oneroster_lint-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for version in ("1.1", "1.2"):
        assert f"linter/schemas/oneroster-{version}/datapackage.json" in names
        assert f"linter/schemas/oneroster-{version}/users.schema.json" in names
        assert f"linter/baseline/oneroster-{version}/manifest.csv" in names
    assert "linter/cli.py" in names and "linter/rules/enrollments.py" in names
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "oneroster-lint = linter.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()
