"""R110 finds a loop through parentSourcedId whatever its length, and only the orgs on it."""

from __future__ import annotations

from linter import lint
from tests.corpus import ORGS, folder


def test_every_org_on_a_long_loop_and_none_leading_into_it(tmp_path):
    loop = [f"o{i},,,Org {i},department,,o{(i + 1) % 300}" for i in range(300)]
    into = [f"stem{i},,,Stem {i},department,,{'o7' if i == 0 else f'stem{i - 1}'}" for i in range(100)]
    report = lint(folder({"orgs.csv": ORGS + "\n".join(loop + into) + "\n"})(tmp_path))
    first = len(ORGS.splitlines()) + 1  # the row of o0
    assert sorted(f.row for f in report.findings if f.code == "R110") == list(range(first, first + 300))
