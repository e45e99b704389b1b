"""Benchmark oneroster-lint against reading the CSVs, on its worst case, and against frictionless.

    python benchmarks/run.py [--enrollments N [N ...]] [--seed 1] [--repeat N]
        [--data DIR] [--skip-frictionless] [--frictionless-timeout S]
        [--linter-timeout S] [--keep] [--markdown | --json]

For each size, a clean district and its every-row-broken twin (same seed) are generated,
then each measurement runs in its own fresh measure.py process (wall time, CPU time and
peak RSS of that tool alone):

    raw read       benchmarks/raw_read.py on the clean district: what reading the CSVs costs
    key floor      benchmarks/key_floor.py: the read plus one hash per key and one lookup
                   per reference, the least any key and reference check can cost
    check          `python -m linter check DIR --format json` on the clean district
    check, broken  the same on the twin, whose report must hold one finding per enrollment
    frictionless   `frictionless validate` on the clean district, with the same Table Schemas

report.py turns the figures into ratios and judges them against the project's targets.
"""

from __future__ import annotations

import argparse
import csv
import functools
import importlib.util
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parent
REPO = BENCHMARKS.parent
sys.path.insert(0, str(REPO))  # the linter under test, from this checkout
sys.path.insert(0, str(BENCHMARKS))  # sibling scripts, not a package

import generate_district  # noqa: E402
import report  # noqa: E402

from linter.schemas import frictionless_descriptor  # noqa: E402

DEFAULT_SIZES = (200_000, 2_000_000)
NO_ERROR_LIMIT = 1_000_000_000  # frictionless stops at 1000 errors by default


# ---------------------------------------------------------- the districts


def districts(args: argparse.Namespace, workdir: Path) -> Iterator[dict]:
    """The folders to benchmark, one per size (lazily: each is written just before it is measured)."""
    if args.data:
        yield existing_district(args.data.resolve())
        return
    for enrollments in args.enrollments or DEFAULT_SIZES:
        yield generated_district(enrollments, args.seed, workdir)


def generated_district(enrollments: int, seed: int, workdir: Path) -> dict:
    """Write the clean district and its every-row-broken twin, from the same seed."""
    clean, broken = workdir / f"{enrollments}-clean", workdir / f"{enrollments}-broken"
    clean_seconds, rows = timed(generate_district.generate, clean, enrollments, seed)
    broken_seconds, _ = timed(generate_district.generate, broken, enrollments, seed, broken_every_row=True)
    return {
        "label": str(enrollments),
        "source": "generated",
        "enrollments": enrollments,
        "seed": seed,
        "rows": rows,
        "generate_seconds": {"clean": clean_seconds, "broken": broken_seconds},
        "clean": str(clean),
        "broken": str(broken),
    }


def existing_district(folder: Path) -> dict:
    if not folder.is_dir():
        raise SystemExit(f"run.py: --data {folder} is not a folder (unzip a .zip first)")
    rows = count_rows(folder)
    return {
        "label": "data",
        "source": str(folder),
        "enrollments": rows.get("enrollments.csv"),  # the size the targets are judged at
        "rows": rows,
        "clean": str(folder),
        "broken": None,
        "note": "an existing folder has no every-row-broken twin: no 'check, broken' figures",
    }


def timed(function: Callable, *args, **kwargs) -> tuple[float, object]:
    started = time.perf_counter()
    result = function(*args, **kwargs)
    return round(time.perf_counter() - started, 2), result


def count_rows(folder: Path) -> dict[str, int]:
    """Data rows per CSV (csv-aware, so quoted newlines don't inflate the count)."""
    counts = {}
    for path in sorted(folder.glob("*.csv")):
        with open(path, encoding="utf-8", errors="replace", newline="") as handle:
            counts[path.name] = max(0, sum(1 for _ in csv.reader(handle)) - 1)
    return counts


# ---------------------------------------------------------- repeating the measurements


def planned_runs(district: dict, args: argparse.Namespace, workdir: Path) -> dict[str, Callable[[Path], dict]]:
    """Measurement key -> a function that runs it once, logging to the path it is given."""
    clean = Path(district["clean"])
    runs = {
        "raw_read": functools.partial(run_raw_read, clean),
        "key_floor": functools.partial(run_key_floor, clean),
        "check": functools.partial(run_linter, clean, timeout=args.linter_timeout),
    }
    if district["broken"]:
        runs["check_broken"] = functools.partial(
            run_linter,
            Path(district["broken"]),
            timeout=args.linter_timeout,
            expected_findings=district["enrollments"],
        )
    if not args.skip_frictionless:
        package = workdir / f"{district['label']}-frictionless"
        runs["frictionless"] = functools.partial(run_frictionless, clean, package=package, timeout=args.frictionless_timeout)
    return runs


def measure_district(district: dict, args: argparse.Namespace, workdir: Path) -> dict[str, dict]:
    runs = planned_runs(district, args, workdir)
    done: dict[str, list[dict]] = {key: [] for key in runs}
    for number in range(1, args.repeat + 1):
        # Round after round rather than N runs in a row: a slow spell on a shared machine
        # then falls on every measurement alike instead of skewing one side of a ratio.
        for key, run_once in runs.items():
            if not any("error" in result for result in done[key]):  # a failure won't heal on a rerun
                done[key].append(run_once(workdir / f"{district['label']}-{key}-{number}"))
    return {key: combine(results) for key, results in done.items()}


TIMING_KEYS = ("seconds", "cpu_seconds", "peak_rss_mb", "timed_out")


def combine(results: list[dict]) -> dict:
    """One figure from repeated runs: the median wall and CPU time, the highest peak."""
    timings = [{key: result[key] for key in TIMING_KEYS} for result in results if "seconds" in result]
    failure = next((result for result in results if "error" in result), None)
    if failure:
        return failure | {"runs": timings}
    return results[0] | {
        "seconds": statistics.median(timing["seconds"] for timing in timings),
        "cpu_seconds": statistics.median(timing["cpu_seconds"] for timing in timings),
        "peak_rss_mb": max(timing["peak_rss_mb"] for timing in timings),
        "timed_out": any(timing["timed_out"] for timing in timings),
        "runs": timings,
    }


# ---------------------------------------------------------- running the tools


def measure(command: list[str], cwd: Path, log: Path, timeout: float | None) -> dict:
    """Run command under measure.py in a fresh process; stdout/stderr go to log.*."""
    wrapper = [sys.executable, str(BENCHMARKS / "measure.py")]
    if timeout:
        wrapper += ["--timeout", str(timeout)]
    wrapper += ["--stdout", f"{log}.out", "--stderr", f"{log}.err", "--", *command]
    done = subprocess.run(wrapper, cwd=cwd, capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def run_script(script: str, data: Path, log: Path) -> tuple[dict, object | None]:
    """Run a sibling script on the folder; its measurement, and the JSON it printed (None when
    it failed, the measurement then saying why)."""
    if importlib.util.find_spec("polars") is None:
        return failed("the polars package is not installed"), None
    result = measure([sys.executable, str(BENCHMARKS / script), str(data)], REPO, log, None)
    printed = read_json(Path(f"{log}.out"))
    if result["returncode"] != 0 or not isinstance(printed, dict):
        return failed(f"exit code {result['returncode']}\n{tail(Path(f'{log}.err'))}".strip(), result), None
    return result, printed


def run_raw_read(data: Path, log: Path) -> dict:
    result, counts = run_script("raw_read.py", data, log)
    if not isinstance(counts, dict):
        return result
    return result | {"rows": sum(counts.values()), "rows_per_file": counts}


def run_key_floor(data: Path, log: Path) -> dict:
    result, counts = run_script("key_floor.py", data, log)
    if not isinstance(counts, dict):
        return result
    # A clean district has no duplicate and no dangling id: anything else means the floor
    # looked at the wrong columns, and its time would not be the floor's.
    found = sum(count for file in counts.values() for count in file.values())
    return result | {"findings": found} | ({"error": f"{found:,} duplicate or dangling ids in a clean district"} if found else {})


@functools.cache
def linter_problem() -> str | None:
    """Why `python -m linter` can't run from the repo, or None if it can."""
    probe = "import importlib.util as u, sys; sys.exit(u.find_spec('linter.__main__') is None)"
    done = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode == 0:
        return None
    detail = done.stderr.strip().splitlines()[-1:] or ["linter/__main__.py not found"]
    return f"`python -m linter` cannot run from {REPO}: {detail[0]}"


def run_linter(data: Path, log: Path, timeout: float | None, expected_findings: int | None = None) -> dict:
    problem = linter_problem()
    if problem:
        return failed(problem)
    command = [sys.executable, "-m", "linter", "check", str(data), "--format", "json"]
    result = measure(command, REPO, log, timeout)
    if result["timed_out"]:
        return result
    output = read_linter_report(Path(f"{log}.out"))
    if result["returncode"] not in (0, 1) or output is None:
        # Exit 1 means "findings"; anything else, or no JSON report, means the linter broke.
        why = f"exit code {result['returncode']}"
        if output is None:
            why += ", stdout is not a JSON report"
        return failed(f"{why}\n{tail(Path(f'{log}.err'))}".strip(), result)
    result |= summarise_linter(output)
    if expected_findings is not None:
        result |= verify_finding_count(result["findings"], expected_findings)
    return result


def verify_finding_count(found: int, expected: int) -> dict:
    """The broken twin has one bad value per enrollment and nothing else wrong: any other
    count means the run measured something other than the report it claims to."""
    verdict = {"findings_expected": expected}
    if found != expected:
        verdict["error"] = f"expected {expected:,} findings, one per enrollment, got {found:,}"
    return verdict


def run_frictionless(data: Path, log: Path, package: Path, timeout: float | None) -> dict:
    if importlib.util.find_spec("frictionless") is None:
        return failed("the frictionless package is not installed")
    try:
        notes = build_datapackage(data, package)
    except (RuntimeError, OSError, KeyError, ValueError) as error:
        return failed(f"could not build datapackage.json: {error}")
    command = [sys.executable, "-m", "frictionless", "validate", "datapackage.json"]
    command += ["--json", "--limit-errors", str(NO_ERROR_LIMIT)]
    result = {"notes": notes} | measure(command, package, log, timeout)
    if result["timed_out"]:
        return result
    output = read_json(Path(f"{log}.out"))
    if not isinstance(output, dict):
        return failed(tail(Path(f"{log}.err")), result)
    return result | summarise_frictionless(output)


def build_datapackage(data: Path, target: Path) -> list[str]:
    """Write target/datapackage.json with the linter's own schemas embedded.

    The CSVs are symlinked into target rather than the descriptor written beside them:
    the input folder is never modified, and the linter never sees a stray file.
    Returns notes about what had to be left out.
    """
    present = {path.name for path in data.glob("*.csv")}
    descriptor = frictionless_descriptor("1.1", present)
    known = {resource["path"] for resource in descriptor["resources"]}
    target.mkdir(parents=True, exist_ok=True)
    for name in sorted(known):
        link = target / name
        link.unlink(missing_ok=True)
        link.symlink_to(data / name)
    (target / "datapackage.json").write_text(json.dumps(descriptor, indent=1), "utf-8")
    return [f"{name}: not a OneRoster 1.1 file, left out" for name in sorted(present - known)]


def failed(reason: str, measured: dict | None = None) -> dict:
    return {**(measured or {}), "error": reason}


# ---------------------------------------------------------- reading the tools' output


def read_json(path: Path) -> object | None:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def read_linter_report(path: Path) -> dict | None:
    """The linter's JSON report, each finding reduced to its code; None if it is not one.

    On the broken twin the report holds a finding per enrollment (some 700 MB at 2M
    enrollments): as dicts that would be gigabytes in this process, as interned codes
    it is one pointer each. The whole document is still parsed, so it is proven JSON.
    """

    def code_only(item: dict) -> object:
        code = item.get("code")
        return sys.intern(code) if isinstance(code, str) and "severity" in item else item

    try:
        with open(path, encoding="utf-8") as handle:
            output = json.load(handle, object_hook=code_only)
    except (OSError, ValueError):
        return None
    if not isinstance(output, dict) or not isinstance(output.get("findings"), list):
        return None
    return output


def tail(path: Path, lines: int = 15) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


def summarise_linter(output: dict) -> dict:
    """Rows read and findings (by code) from a report read by read_linter_report."""
    codes = Counter(finding if isinstance(finding, str) else "?" for finding in output["findings"])
    summary = output.get("summary")
    return {
        "rows": summary.get("rows") if isinstance(summary, dict) else None,
        "findings": len(output["findings"]),
        "finding_types": dict(sorted(codes.items())),
    }


def summarise_frictionless(output: dict) -> dict:
    """Rows read, error count and error types from a frictionless JSON report."""
    tasks = output.get("tasks", [])
    types = Counter(error.get("type", "?") for task in tasks for error in task.get("errors", []))
    return {
        "rows": sum(task.get("stats", {}).get("rows") or 0 for task in tasks),
        "findings": output.get("stats", {}).get("errors"),
        "warnings": output.get("stats", {}).get("warnings"),
        "finding_types": dict(sorted(types.items())),
        "valid": output.get("valid"),
    }


# ---------------------------------------------------------- entry point


def positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    source = parser.add_mutually_exclusive_group()
    source.add_argument(
        "--enrollments",
        type=positive,
        nargs="+",
        metavar="N",
        help="district sizes to generate, each with its broken twin (default: 200000 2000000)",
    )
    source.add_argument("--data", type=Path, metavar="DIR", help="benchmark this existing folder instead (no broken twin)")
    parser.add_argument("--seed", type=int, default=1, help="random seed of the generated districts (default 1)")
    parser.add_argument("--repeat", type=positive, default=1, metavar="N", help="run each measurement N times: median time, highest peak")
    parser.add_argument("--skip-frictionless", action="store_true", help="do not run frictionless")
    parser.add_argument(
        "--frictionless-timeout",
        type=float,
        metavar="SECONDS",
        help="stop frictionless after this long; report a lower bound",
    )
    parser.add_argument("--linter-timeout", type=float, metavar="SECONDS", help="stop each check after this long")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (districts and raw output)")
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--markdown", action="store_true", help="also print Markdown tables for a README")
    output.add_argument("--json", action="store_true", help="print everything as JSON instead")
    return parser.parse_args(argv)


def benchmark_size(district: dict, args: argparse.Namespace, workdir: Path) -> dict:
    size = {"district": district, "measurements": measure_district(district, args, workdir)}
    size["ratios"] = report.ratios(size["measurements"])
    size["targets"] = report.judge_all(size)
    return size


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    workdir = Path(tempfile.mkdtemp(prefix="oneroster-bench-"))
    try:
        sizes = [benchmark_size(district, args, workdir) for district in districts(args, workdir)]
    except ValueError as error:  # e.g. too few enrollments to lay out a district
        print(f"run.py: {error}", file=sys.stderr)
        return 2
    finally:
        if args.keep:
            print(f"kept {workdir}", file=sys.stderr)
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    summary = {"repeat": args.repeat, "targets": report.target_definitions(), "sizes": sizes}
    if args.json:
        print(json.dumps(summary, indent=2))
    else:
        report.print_text(summary)
        if args.markdown:
            report.print_markdown(summary)
    return 2 if report.any_failed(summary) else 0


if __name__ == "__main__":
    sys.exit(main())
