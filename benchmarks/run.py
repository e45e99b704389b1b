"""Time oneroster-lint against `frictionless validate` on the same synthetic district.

    python benchmarks/run.py --enrollments 200000 [--seed 1] [--damage N]
        [--data DIR] [--skip-frictionless] [--frictionless-timeout S] [--json]

Both tools run in the same invocation, on the same files, one after the other, each in
its own fresh measure.py wrapper (wall time, CPU time, peak RSS of that tool alone).
frictionless validates a Data Package built from schemas/oneroster-1.1/, so it checks
types, constraints, primary keys and foreign keys on every row: no sampling.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCHMARKS = Path(__file__).resolve().parent
REPO = BENCHMARKS.parent
sys.path.insert(0, str(REPO))  # the linter under test, from this checkout

from linter.schemas import frictionless_descriptor  # noqa: E402

NO_ERROR_LIMIT = 1_000_000_000  # frictionless stops at 1000 errors by default


# ---------------------------------------------------------- the district


def prepare_data(args: argparse.Namespace, workdir: Path) -> tuple[Path, dict]:
    """Generate the district (or take --data); return its folder and a description."""
    if args.data:
        folder = args.data.resolve()
        if not folder.is_dir():
            raise SystemExit(f"run.py: --data {folder} is not a folder (unzip a .zip first)")
        return folder, {"source": str(folder), "rows": count_rows(folder)}
    sys.path.insert(0, str(BENCHMARKS))  # a sibling script, not a package
    import generate_district

    folder = workdir / "district"
    started = time.perf_counter()
    rows = generate_district.generate(folder, args.enrollments, args.seed, args.damage)
    return folder, {
        "source": "generated",
        "enrollments": args.enrollments,
        "seed": args.seed,
        "damage": args.damage,
        "generate_seconds": round(time.perf_counter() - started, 2),
        "rows": rows,
    }


def count_rows(folder: Path) -> dict[str, int]:
    """Data rows per CSV (csv-aware, so quoted newlines don't inflate the count)."""
    counts = {}
    for path in sorted(folder.glob("*.csv")):
        with open(path, encoding="utf-8", errors="replace", newline="") as handle:
            counts[path.name] = max(0, sum(1 for _ in csv.reader(handle)) - 1)
    return counts


# ---------------------------------------------------------- the frictionless package


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


# ---------------------------------------------------------- running the tools


def measure(command: list[str], cwd: Path, log: Path, timeout: float | None) -> dict:
    """Run command under measure.py in a fresh process; stdout/stderr go to log.*."""
    wrapper = [sys.executable, str(BENCHMARKS / "measure.py")]
    if timeout:
        wrapper += ["--timeout", str(timeout)]
    wrapper += ["--stdout", f"{log}.out", "--stderr", f"{log}.err", "--", *command]
    done = subprocess.run(wrapper, cwd=cwd, capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


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


def run_linter(data: Path, workdir: Path, timeout: float | None) -> dict:
    problem = linter_problem()
    if problem:
        return failed("oneroster-lint", problem)
    command = [sys.executable, "-m", "linter", "check", str(data), "--format", "json"]
    log = workdir / "oneroster-lint"
    result = {"tool": "oneroster-lint", **measure(command, REPO, log, timeout)}
    if result["timed_out"]:
        return result
    output = read_json(Path(f"{log}.out"))
    if result["returncode"] not in (0, 1) or output is None:
        # Exit 1 means "findings"; anything else, or no JSON, means the linter broke.
        why = f"exit code {result['returncode']}"
        if output is None:
            why += ", stdout is not JSON"
        stderr = tail(Path(f"{log}.err"))
        return failed("oneroster-lint", f"{why}\n{stderr}".strip(), result)
    return result | summarise_linter(output)


def run_frictionless(data: Path, workdir: Path, timeout: float | None) -> dict:
    if importlib.util.find_spec("frictionless") is None:
        return failed("frictionless", "the frictionless package is not installed")
    package = workdir / "frictionless"
    try:
        notes = build_datapackage(data, package)
    except (RuntimeError, OSError, KeyError, ValueError) as error:
        return failed("frictionless", f"could not build datapackage.json: {error}")
    command = [sys.executable, "-m", "frictionless", "validate", "datapackage.json"]
    command += ["--json", "--limit-errors", str(NO_ERROR_LIMIT)]
    log = workdir / "frictionless"
    result = {"tool": "frictionless", "notes": notes}
    result |= measure(command, package, log, timeout)
    if result["timed_out"]:
        return result
    report = read_json(Path(f"{log}.out"))
    if report is None:
        return failed("frictionless", tail(Path(f"{log}.err")), result)
    result |= summarise_frictionless(report)
    return result


def failed(tool: str, reason: str, measured: dict | None = None) -> dict:
    return {"tool": tool, **(measured or {}), "error": reason}


def read_json(path: Path) -> object | None:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def tail(path: Path, lines: int = 15) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


def summarise_linter(output: object) -> dict:
    """Rows read and findings (by code) from the linter's JSON report."""
    findings = output.get("findings") if isinstance(output, dict) else output
    if not isinstance(findings, list):
        return {}
    codes: dict[str, int] = {}
    for finding in findings:
        code = finding.get("code", "?") if isinstance(finding, dict) else "?"
        codes[code] = codes.get(code, 0) + 1
    summary = output.get("summary", {}) if isinstance(output, dict) else {}
    return {
        "rows": summary.get("rows"),
        "findings": len(findings),
        "finding_types": dict(sorted(codes.items())),
    }


def summarise_frictionless(report: dict) -> dict:
    """Rows read, error count and error types from a frictionless JSON report."""
    tasks = report.get("tasks", [])
    types: dict[str, int] = {}
    for task in tasks:
        for error in task.get("errors", []):
            types[error.get("type", "?")] = types.get(error.get("type", "?"), 0) + 1
    return {
        "rows": sum(task.get("stats", {}).get("rows") or 0 for task in tasks),
        "findings": report.get("stats", {}).get("errors"),
        "warnings": report.get("stats", {}).get("warnings"),
        "finding_types": dict(sorted(types.items())),
        "valid": report.get("valid"),
    }


# ---------------------------------------------------------- reporting


def speed_ratio(linter: dict, frictionless: dict | None) -> dict | None:
    """frictionless seconds / linter seconds; a lower bound if frictionless timed out."""
    if not frictionless or "error" in linter or "error" in frictionless:
        return None
    if linter.get("timed_out") or not linter.get("seconds"):
        return None
    value = frictionless["seconds"] / linter["seconds"]
    return {"value": round(value, 1), "lower_bound": frictionless["timed_out"]}


def print_table(district: dict, results: list[dict], ratio: dict | None) -> None:
    total = sum(district["rows"].values())
    described = describe_district(district)
    print(f"district: {described}; {total:,} data rows in {len(district['rows'])} files")
    print(f"{'tool':<16}{'seconds':>11}{'cpu s':>9}{'peak MB':>9}{'rows':>12}{'findings':>10}")
    for result in results:
        print(format_row(result))
    for result in results:
        if result.get("finding_types"):
            types = ", ".join(f"{k} {v}" for k, v in result["finding_types"].items())
            print(f"findings ({result['tool']}): {types}")
        for note in result.get("notes", []):
            print(f"note ({result['tool']}): {note}")
        if "error" in result:
            print(f"error ({result['tool']}): {result['error']}")
    if ratio:
        bound = ">= " if ratio["lower_bound"] else ""
        print(f"speed ratio frictionless / oneroster-lint: {bound}{ratio['value']}x")
        if ratio["lower_bound"]:
            print("  (frictionless hit --frictionless-timeout: the true ratio is higher)")


def describe_district(district: dict) -> str:
    if district["source"] != "generated":
        return district["source"]
    return f"{district['enrollments']:,} enrollments, seed {district['seed']}, damage {district['damage']}, generated in {district['generate_seconds']} s"


def format_row(result: dict) -> str:
    if "error" in result:
        return f"{result['tool']:<16}{'failed':>11}"
    seconds = f"{'>= ' if result['timed_out'] else ''}{result['seconds']:.2f}"
    rows = result.get("rows")  # as the tool itself reports it: proof it read everything
    findings = result.get("findings")
    return (
        f"{result['tool']:<16}{seconds:>11}{result['cpu_seconds']:>9.1f}"
        f"{result['peak_rss_mb']:>9.0f}{'-' if rows is None else f'{rows:,}':>12}"
        f"{'-' if findings is None else findings:>10}"
    )


# ---------------------------------------------------------- entry point


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--enrollments", type=int, default=200_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--damage",
        type=int,
        default=0,
        metavar="N",
        help="inject N errors so both tools have findings to report",
    )
    parser.add_argument("--data", type=Path, help="benchmark this folder instead")
    parser.add_argument("--skip-frictionless", action="store_true")
    parser.add_argument(
        "--frictionless-timeout",
        type=float,
        metavar="SECONDS",
        help="stop frictionless after this long; report a lower bound",
    )
    parser.add_argument("--linter-timeout", type=float, metavar="SECONDS")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    return parser.parse_args(argv)


def benchmark(args: argparse.Namespace, workdir: Path) -> dict:
    """Prepare the district, run the tools in turn and return everything measured."""
    data, district = prepare_data(args, workdir)
    results = [run_linter(data, workdir, args.linter_timeout)]
    if not args.skip_frictionless:
        results.append(run_frictionless(data, workdir, args.frictionless_timeout))
    ratio = speed_ratio(results[0], results[1] if len(results) > 1 else None)
    return {"district": district, "results": results, "ratio": ratio}


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    workdir = Path(tempfile.mkdtemp(prefix="oneroster-bench-"))
    try:
        summary = benchmark(args, workdir)
    except ValueError as error:  # e.g. too few enrollments to lay out a district
        print(f"run.py: {error}", file=sys.stderr)
        return 2
    finally:
        if args.keep:
            print(f"kept {workdir}", file=sys.stderr)
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    if args.json:
        print(json.dumps(summary, indent=2))
    else:
        print_table(summary["district"], summary["results"], summary["ratio"])
    return 2 if any("error" in result for result in summary["results"]) else 0


if __name__ == "__main__":
    sys.exit(main())
