"""Stable machine output under load: a check is a stateless process, so many at once give
exactly what each gives alone, and none of them writes anything."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile

from tests.conftest import EXAMPLES, REPO
from tests.corpus import BY_ID

# One case of each class of the corpus: encodings, containers, bombs that lie, names, content.
HOSTILE = ["windows-1252", "zip-of-a-folder-by-finder", "zip-bomb", "zip-bzip2-bomb-declaring-1000-bytes",
           "zip-480-members-each-at-the-floor", "zip-deflate64-member", "folder-trailing-space-alone", "header-row-missing", "shift-jis"]


def command(path) -> list[str]:
    return [sys.executable, "-m", "linter", "check", str(path), "--format", "json"]


def test_parallel_checks_give_the_serial_output(tmp_path):
    inputs = [EXAMPLES / "valid-1.1", EXAMPLES / "broken-1.1"]
    archive = tmp_path / "broken.zip"
    with zipfile.ZipFile(archive, "w") as out:
        for file in sorted((EXAMPLES / "broken-1.1").iterdir()):
            out.write(file, file.name)
    inputs.append(archive)
    for name in HOSTILE:
        (tmp_path / name).mkdir()
        inputs.append(BY_ID[name].build(tmp_path / name))
    work, scratch = tmp_path / "work", tmp_path / "tmp"
    work.mkdir()
    scratch.mkdir()
    env = {**os.environ, "PYTHONPATH": str(REPO), "PYTHONDONTWRITEBYTECODE": "1", "TMPDIR": str(scratch)}

    def outcome(process: subprocess.Popen) -> tuple[int, str, str]:
        stdout, stderr = process.communicate(timeout=300)
        return process.returncode, stdout, stderr

    def start(path) -> subprocess.Popen:
        return subprocess.Popen(command(path), cwd=work, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    serial = [outcome(start(path)) for path in inputs]
    batch = [start(path) for path in inputs + inputs]  # every input twice, all at once
    parallel = [outcome(process) for process in batch]
    assert parallel == serial + serial
    assert list(work.iterdir()) == [] and list(scratch.iterdir()) == []
    assert [code for code, _, _ in serial] == [0, 1, 1] + [BY_ID[name].exit for name in HOSTILE]
    for code, stdout, stderr in serial:
        if code == 2:
            assert stdout == "" and stderr.count("\n") == 1
        else:
            assert stderr == "" and "summary" in json.loads(stdout)
