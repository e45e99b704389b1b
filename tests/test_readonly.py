"""The input is never changed and nothing is written anywhere: the real command line, in its
own process, on read-only copies, with every write attempt of the process recorded."""

from __future__ import annotations

import json

import pytest

from tests.conftest import EXAMPLES
from tests.corpus import BY_ID
from tests.isolation import fingerprint, make_read_only, run_cli, split_audit

CASES = ["zip-clean", "zip-bomb", "zip-nested-zip-bomb", "zip-lying-sizes", "zip-encrypted-member", "zip-of-a-folder-by-finder",
         "zip-dot-dot-member", "folder-link-to-a-folder-outside", "unterminated-quote", "utf-16-bom"]


@pytest.fixture
def places(tmp_path):
    """around/ holds the input, work/ is the current folder and tmp/ the temp folder of the check."""
    for name in ("around", "work", "tmp"):
        (tmp_path / name).mkdir()
    return tmp_path / "around", tmp_path / "work", tmp_path / "tmp"


@pytest.mark.parametrize("name", CASES)
def test_a_read_only_input_is_read_and_nothing_is_written(name, places):
    around, work, tmp = places
    case = BY_ID[name]
    path = case.build(around)
    make_read_only(around)
    before = fingerprint(around)
    result = run_cli("check", path, "--format", "json", cwd=work, tmpdir=tmp, audited=True)
    stderr, writes = split_audit(result.stderr)
    assert result.returncode == case.exit, result.stderr
    assert writes == [], writes
    assert fingerprint(around) == before
    assert list(work.iterdir()) == [] and list(tmp.iterdir()) == []
    assert "Traceback" not in stderr
    if case.exit == 2:
        assert stderr.count("\n") == 1 and case.stderr in stderr
    else:
        assert stderr == "" and set(case.codes) <= {f["code"] for f in json.loads(result.stdout)["findings"]}


def test_the_broken_example_through_the_real_command_line(places):
    around, work, tmp = places
    before = fingerprint(EXAMPLES)
    result = run_cli("check", EXAMPLES / "broken-1.1", cwd=work, tmpdir=tmp, audited=True)
    stderr, writes = split_audit(result.stderr)
    assert result.returncode == 1 and writes == [] and stderr == ""
    assert fingerprint(EXAMPLES) == before and list(work.iterdir()) == [] and list(tmp.iterdir()) == []


def test_the_audit_sees_a_write_when_there_is_one(places):
    """The recorder above is not blind: a command that does write is caught."""
    _, work, tmp = places
    result = run_cli("schemas", "--export", work / "out", cwd=work, tmpdir=tmp, audited=True)
    _, writes = split_audit(result.stderr)
    assert result.returncode == 0 and any(event == "os.mkdir" for event, *_ in writes)
    assert any(event == "open" for event, *_ in writes)
