"""Run one command and report its wall time and peak memory as JSON on stdout.

    python benchmarks/measure.py [--timeout S] [--stdout F] [--stderr F] -- CMD ...

Why a separate process: getrusage(RUSAGE_CHILDREN).ru_maxrss is the maximum over all the
children a process has ever waited for, so a parent that runs two tools can't tell their
peaks apart. This wrapper is started fresh for each tool and has exactly one child, so
its RUSAGE_CHILDREN figures are that tool's own (grandchildren included once reaped).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path


def max_rss_bytes(usage: resource.struct_rusage) -> int:
    # Linux reports kilobytes, macOS bytes.
    return usage.ru_maxrss if sys.platform == "darwin" else usage.ru_maxrss * 1024


def run(command: list[str], timeout: float | None, stdout: Path, stderr: Path) -> dict:
    with open(stdout, "wb") as out, open(stderr, "wb") as err:
        started = time.perf_counter()
        # Own session so a timeout can kill the whole tree (frictionless --parallel forks).
        child = subprocess.Popen(command, stdout=out, stderr=err, start_new_session=True)
        timed_out = False
        try:
            child.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            timed_out = True
            os.killpg(child.pid, signal.SIGKILL)
            child.wait()
        seconds = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "seconds": round(seconds, 3),
        "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 3),
        "peak_rss_mb": round(max_rss_bytes(usage) / 2**20, 1),
        "returncode": child.returncode,
        "timed_out": timed_out,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--timeout", type=float, default=None, help="seconds")
    parser.add_argument("--stdout", type=Path, default=Path(os.devnull))
    parser.add_argument("--stderr", type=Path, default=Path(os.devnull))
    parser.add_argument("command", nargs=argparse.REMAINDER, help="-- CMD ...")
    args = parser.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("no command given")
    print(json.dumps(run(command, args.timeout, args.stdout, args.stderr)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
