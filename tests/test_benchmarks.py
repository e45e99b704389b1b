"""The benchmark scripts measure what they say: the broken twin differs from the clean
district in one cell per enrollment and nowhere else, the raw read reads every row, and
one run.py invocation yields every measurement and ratio. No timings are asserted."""

from __future__ import annotations

import csv
import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

BENCHMARKS = REPO / "benchmarks"
ENROLLMENTS = 500  # a tiny district: every run below takes well under a second or two


def load(name: str):
    """Import benchmarks/<name>.py by path: the benchmarks are scripts, not a package."""
    spec = importlib.util.spec_from_file_location(f"benchmarks_{name}", BENCHMARKS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


generate_district = load("generate_district")
report = load("report")


@pytest.fixture(scope="module")
def twins(tmp_path_factory) -> tuple[Path, Path, dict[str, int]]:
    """A clean district, its every-row-broken twin from the same seed, and the rows written."""
    root = tmp_path_factory.mktemp("twins")
    rows = generate_district.generate(root / "clean", ENROLLMENTS, seed=3)
    generate_district.generate(root / "broken", ENROLLMENTS, seed=3, broken_every_row=True)
    return root / "clean", root / "broken", rows


def read_rows(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def test_the_broken_twin_differs_only_in_every_enrollment_begin_date(twins):
    clean, broken, _ = twins
    assert sorted(p.name for p in clean.iterdir()) == sorted(p.name for p in broken.iterdir())
    for path in clean.iterdir():
        if path.name != "enrollments.csv":
            assert path.read_bytes() == (broken / path.name).read_bytes(), path.name
    clean_rows, broken_rows = read_rows(clean / "enrollments.csv"), read_rows(broken / "enrollments.csv")
    assert clean_rows[0] == broken_rows[0] and len(clean_rows) == len(broken_rows) == ENROLLMENTS + 1
    begin = clean_rows[0].index("beginDate")
    for before, after in zip(clean_rows[1:], broken_rows[1:], strict=True):
        year, month, day = before[begin].split("-")
        assert after[begin] == f"{int(month)}/{int(day)}/{year}"  # as Excel writes it
        assert before[:begin] + before[begin + 1 :] == after[:begin] + after[begin + 1 :]


def test_the_broken_twin_keeps_the_files_byte_for_byte_around_the_date(twins):
    clean, broken, _ = twins
    date = re.compile(rb"\d{4}-\d{2}-\d{2}(?=,\d{4}-\d{2}-\d{2}\r\n)")  # beginDate, just before endDate
    excel = re.compile(rb"\d{1,2}/\d{1,2}/\d{4}(?=,\d{4}-\d{2}-\d{2}\r\n)")
    clean_text, broken_text = (folder.joinpath("enrollments.csv").read_bytes() for folder in (clean, broken))
    assert date.sub(b"D", clean_text) == excel.sub(b"D", broken_text)  # quoting and CRLF untouched


def test_damage_and_broken_every_row_are_exclusive(tmp_path):
    with pytest.raises(ValueError, match="exclusive"):
        generate_district.generate(tmp_path / "both", ENROLLMENTS, damage=3, broken_every_row=True)
    command = [sys.executable, str(BENCHMARKS / "generate_district.py"), str(tmp_path / "cli")]
    done = subprocess.run([*command, "--damage", "3", "--broken-every-row"], capture_output=True, text=True, check=False)
    assert done.returncode == 2 and "not allowed with argument --damage" in done.stderr
    assert not (tmp_path / "cli").exists()


def test_damage_still_changes_exactly_n_rows(tmp_path, twins):
    clean, _, _ = twins
    generate_district.generate(tmp_path / "damaged", ENROLLMENTS, seed=3, damage=6)
    changed = [a != b for a, b in zip(read_rows(clean / "enrollments.csv"), read_rows(tmp_path / "damaged" / "enrollments.csv"), strict=True)]
    assert sum(changed) == 6


def test_raw_read_counts_every_data_row(twins):
    clean, _, rows = twins
    done = subprocess.run([sys.executable, str(BENCHMARKS / "raw_read.py"), str(clean)], capture_output=True, text=True, check=True)
    assert json.loads(done.stdout) == rows


def test_the_key_floor_finds_nothing_in_a_clean_district(twins):
    clean, _, _ = twins
    done = subprocess.run([sys.executable, str(BENCHMARKS / "key_floor.py"), str(clean)], capture_output=True, text=True, check=True)
    counts = json.loads(done.stdout)
    assert {"sourcedId", "classSourcedId", "userSourcedId", "schoolSourcedId"} <= counts["enrollments.csv"].keys()
    assert all(count == 0 for file in counts.values() for count in file.values())


def test_the_key_floor_counts_a_repeated_key_and_a_dangling_reference(twins, tmp_path):
    clean, _, _ = twins
    for path in clean.iterdir():
        (tmp_path / path.name).write_bytes(path.read_bytes())
    rows = read_rows(clean / "enrollments.csv")
    header = rows[0]
    rows[2][header.index("sourcedId")] = rows[1][header.index("sourcedId")]
    rows[3][header.index("classSourcedId")] = "no-such-class"
    with open(tmp_path / "enrollments.csv", "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    done = subprocess.run([sys.executable, str(BENCHMARKS / "key_floor.py"), str(tmp_path)], capture_output=True, text=True, check=True)
    counts = json.loads(done.stdout)["enrollments.csv"]
    assert counts["sourcedId"] == 1 and counts["classSourcedId"] == 1 and counts["userSourcedId"] == 0


def test_one_run_measures_everything_and_counts_one_finding_per_enrollment():
    command = [sys.executable, str(BENCHMARKS / "run.py"), "--enrollments", str(ENROLLMENTS)]
    command += ["--skip-frictionless", "--repeat", "1", "--json"]
    done = subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    (size,) = json.loads(done.stdout)["sizes"]
    measured = size["measurements"]
    assert set(measured) == {"raw_read", "key_floor", "check", "check_broken"}
    for result in measured.values():
        assert "error" not in result and {"seconds", "cpu_seconds", "peak_rss_mb"} <= result.keys()
        assert len(result["runs"]) == 1
    assert measured["raw_read"]["rows"] == sum(size["district"]["rows"].values())
    assert measured["check"]["findings"] == measured["key_floor"]["findings"] == 0
    assert measured["check_broken"]["findings"] == measured["check_broken"]["findings_expected"] == ENROLLMENTS
    assert size["targets"]["frictionless_vs_check_time"] == "not measured"
    for key in ("check_vs_raw_time", "check_vs_raw_peak", "broken_vs_clean_time", "broken_peak_mb", "floor_vs_raw_time", "check_vs_floor_time"):
        assert size["ratios"][key]["value"] > 0


@pytest.mark.parametrize(
    ("op", "value", "bound", "status"),
    [
        (">=", 60, None, "met"),
        (">=", 40, None, "missed"),
        (">=", 60, ">=", "met"),  # at least 60x: at least 50x
        (">=", 40, ">=", "unknown"),  # at least 40x: maybe 50x
        ("<=", 40, ">=", "unknown"),  # at least 40x: maybe above 50x
        ("<=", 60, ">=", "missed"),  # at least 60x: above 50x
        ("<=", 40, "<=", "met"),
        ("<=", 60, "<=", "unknown"),
    ],
)
def test_a_bound_decides_a_target_one_way_only(op, value, bound, status):
    target = report.Target("r", "r", op, 50, ("check",))
    assert report.judge(target, {"value": value, "bound": bound}, ENROLLMENTS) == status


def test_a_target_for_large_districts_is_not_judged_on_a_small_one():
    target = report.Target("r", "r", "<=", 1.5, ("check",), from_enrollments=2_000_000)
    assert report.judge(target, {"value": 9.0, "bound": None}, ENROLLMENTS) == "not judged"
    assert report.judge(target, {"value": 9.0, "bound": None}, 2_000_000) == "missed"


def test_a_target_set_for_one_size_is_not_judged_above_it():
    target = report.Target("m", "m", "<", 1024, ("check_broken",), unit="MB", up_to_enrollments=313_000)
    assert report.judge(target, {"value": 1200, "bound": None}, 2_000_000) == "not judged"
    assert report.judge(target, {"value": 1200, "bound": None}, 313_000) == "missed"
    assert report.judge(target, {"value": 300, "bound": None}, 200_000) == "met"
    assert target.describe() == "< 1,024 MB up to 313,000"
