"""Ways to watch a check from outside: fingerprints of everything on disk around the input,
a run as an unprivileged user (so permissions really apply, even when the tests run as
root), and the real command line in a child process whose every write attempt is recorded.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import pwd
import shutil
import stat
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tests.conftest import REPO


def fingerprint(root: Path) -> dict[str, tuple]:
    """Every entry under root: its type, mode and mtime, and for files the SHA-256 of the bytes.
    A folder's mtime changes when an entry is created in it, so creations show too. Pipes and
    links are never opened."""
    seen = {}
    for folder, folders, files in os.walk(root):
        for name in folders + files:
            entry = Path(folder) / name
            info = entry.lstat()
            kind = stat.S_IFMT(info.st_mode)
            content = None
            if stat.S_ISREG(info.st_mode):
                content = hashlib.sha256(entry.read_bytes()).hexdigest()
            elif stat.S_ISLNK(info.st_mode):
                content = os.readlink(entry)
            seen[str(entry.relative_to(root))] = (kind, stat.S_IMODE(info.st_mode), info.st_mtime_ns, info.st_size, content)
    info = root.lstat()
    seen["."] = (stat.S_IFMT(info.st_mode), stat.S_IMODE(info.st_mode), info.st_mtime_ns)
    return seen


def make_read_only(root: Path) -> None:
    """Files 0444 and folders 0555 (links untouched). Root ignores these bits, which is why the
    tests also fingerprint, list and audit; an unprivileged user (as_nobody) does not."""
    for folder, _, files in os.walk(root):
        for name in files:
            path = Path(folder) / name
            if not path.is_symlink() and path.is_file():
                path.chmod(0o444)
        Path(folder).chmod(0o555)


NOBODY = pwd.getpwnam("nobody") if "nobody" in {p.pw_name for p in pwd.getpwall()} else None


@contextmanager
def shared_folder() -> Iterator[Path]:
    """A temporary folder that an unprivileged user can enter (pytest's tmp_path is private)."""
    folder = Path(tempfile.mkdtemp(prefix="oneroster-hostile-"))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        for path in [folder, *folder.rglob("*")]:
            if not path.is_symlink():
                path.chmod(0o755 if path.is_dir() else 0o644)
        shutil.rmtree(folder)


def as_nobody(function: Callable[..., Any], *args: Any) -> tuple[str, Any]:
    """Run function(*args) in a forked child that is not root, and return ("returned", value)
    or ("raised", exception). When the tests run as root the child becomes 'nobody', so file
    permissions apply to it exactly as they do to an ordinary user. The child does no polars
    work (whose thread pool does not survive a fork); it only reads."""
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        try:
            os.close(reader)
            if os.geteuid() == 0:
                if NOBODY is None:
                    raise RuntimeError("no 'nobody' user to drop root privileges to")
                os.setgroups([])
                os.setgid(NOBODY.pw_gid)
                os.setuid(NOBODY.pw_uid)
            try:
                outcome = ("returned", function(*args))
            except Exception as error:  # handed back to the parent, which asserts on it
                outcome = ("raised", error)
            with os.fdopen(writer, "wb") as out:
                pickle.dump(outcome, out)
        finally:
            os._exit(0)
    os.close(writer)
    with os.fdopen(reader, "rb") as incoming:
        data = incoming.read()
    os.waitpid(pid, 0)
    assert data, "the unprivileged child died before it answered"
    return pickle.loads(data)


# The command line, with an audit hook that records every attempt to write, create, remove,
# rename or re-permission a file, or to start a process; printed as JSON on stderr at exit.
AUDITED_CLI = r"""
import atexit, json, os, sys
WRITES = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND
EVENTS = {"os.mkdir", "os.rename", "os.replace", "os.remove", "os.rmdir", "os.symlink", "os.link", "os.truncate",
          "os.chmod", "os.chown", "os.utime", "os.chflags", "os.lchflags", "os.lchmod", "os.lchown", "shutil.copyfile",
          "shutil.copytree", "shutil.move", "shutil.rmtree", "shutil.unpack_archive", "tempfile.mkstemp",
          "tempfile.mkdtemp", "subprocess.Popen", "os.system", "os.posix_spawn", "os.fork", "os.exec"}
seen = []
def hook(event, args):
    if event == "open":
        path, mode, flags = args
        if (mode and set(str(mode)) & set("wax+")) or (isinstance(flags, int) and flags & WRITES):
            seen.append([event, str(path), str(mode)])
    elif event in EVENTS:
        seen.append([event, *map(str, args)])
sys.addaudithook(hook)
atexit.register(lambda: sys.stderr.write("AUDIT " + json.dumps(seen) + "\n"))
from linter.cli import main
main(prog_name="oneroster-lint")
"""


def run_cli(*args: str | Path, cwd: Path, tmpdir: Path, audited: bool = False) -> subprocess.CompletedProcess:
    """`python -m linter ARGS` in a child process, in `cwd`, with its own empty temp folder.
    With `audited`, stderr ends with the line 'AUDIT [...]' listing write attempts."""
    env = {**os.environ, "TMPDIR": str(tmpdir), "PYTHONPATH": str(REPO), "PYTHONDONTWRITEBYTECODE": "1",
           "POLARS_TEMP_DIR": str(tmpdir)}
    command = [sys.executable, "-c", AUDITED_CLI] if audited else [sys.executable, "-m", "linter"]
    return subprocess.run([*command, *map(str, args)], cwd=cwd, env=env, capture_output=True, text=True, timeout=120)


def split_audit(stderr: str) -> tuple[str, list]:
    """(the user's stderr, the recorded write attempts)"""
    lines = stderr.splitlines(keepends=True)
    assert lines and lines[-1].startswith("AUDIT "), stderr
    return "".join(lines[:-1]), json.loads(lines[-1][len("AUDIT "):])
