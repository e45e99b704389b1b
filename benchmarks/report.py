"""Ratios, targets and tables for run.py's measurements.

A sibling module of run.py (the benchmarks are scripts, not a package): run.py measures,
this module says what the figures mean.
"""

from __future__ import annotations

import operator
from collections.abc import Iterator
from dataclasses import asdict, dataclass

# Measurement keys in run.py's results, in the order they run, and how the tables name them.
MEASUREMENTS = {
    "raw_read": "raw read",
    "key_floor": "key floor",
    "check": "check",
    "check_broken": "check, broken",
    "frictionless": "frictionless",
}
OPERATORS = {"<=": operator.le, "<": operator.lt, ">=": operator.ge}


# ---------------------------------------------------------- targets


@dataclass(frozen=True)
class Target:
    ratio: str  # key in ratios()
    label: str
    op: str  # a key of OPERATORS
    threshold: float
    needs: tuple[str, ...]  # the measurements the ratio is made of
    unit: str = "x"  # "x" for a ratio, "MB" for a peak
    from_enrollments: int = 0  # judged only from this size up, where start-up no longer dominates
    up_to_enrollments: int | None = None  # judged only up to this size: the district the target was set for

    def describe(self) -> str:
        at = f" at {self.from_enrollments:,}" if self.from_enrollments else ""
        upto = f" up to {self.up_to_enrollments:,}" if self.up_to_enrollments else ""
        return f"{self.op} {format_threshold(self.threshold, self.unit)}{at}{upto}"

    def judged_at(self, enrollments: int | None) -> bool:
        size = enrollments or 0
        return size >= self.from_enrollments and (self.up_to_enrollments is None or size <= self.up_to_enrollments)


LARGE = 2_000_000  # the project's reference district (README "Speed")
GIGABYTE_MB = 1024  # peaks are measured in MiB, printed as MB
TARGETS = (
    Target("check_vs_raw_time", "check / raw read, time", "<=", 1.5, ("check", "raw_read"), from_enrollments=LARGE),
    Target("check_vs_raw_peak", "check / raw read, peak memory", "<=", 1.3, ("check", "raw_read")),
    Target("frictionless_vs_check_time", "frictionless / check, time", ">=", 50, ("frictionless", "check"), from_enrollments=LARGE),
    Target("broken_vs_clean_time", "broken / clean, time", "<=", 2, ("check_broken", "check")),
    # The issue that set it: a finding on every row of a 313,000-enrollment district in under 1 GB.
    Target("broken_peak_mb", "broken, peak memory", "<", GIGABYTE_MB, ("check_broken",), unit="MB", up_to_enrollments=313_000),
)


@dataclass(frozen=True)
class Context:
    """A ratio that no target judges but that tells what a target asks: how much of the
    check's time the least possible key and reference work already takes."""

    ratio: str  # key in ratios()
    label: str
    needs: tuple[str, ...]


CONTEXT = (
    Context("floor_vs_raw_time", "key floor / raw read, time", ("key_floor", "raw_read")),
    Context("check_vs_floor_time", "check / key floor, time", ("check", "key_floor")),
)


def target_definitions() -> list[dict]:
    return [asdict(target) for target in TARGETS]


# ---------------------------------------------------------- ratios


def ratios(measured: dict[str, dict]) -> dict[str, dict | None]:
    """Every ratio the targets judge, and the context ones; None where a measurement is missing or failed."""
    raw, floor, check, broken, frictionless = (measured.get(key) for key in MEASUREMENTS)
    return {
        "floor_vs_raw_time": ratio(floor, raw, "seconds"),
        "check_vs_floor_time": ratio(check, floor, "seconds"),
        "check_vs_raw_time": ratio(check, raw, "seconds"),
        "check_vs_raw_peak": ratio(check, raw, "peak_rss_mb"),
        "frictionless_vs_check_time": ratio(frictionless, check, "seconds"),
        "broken_vs_clean_time": ratio(broken, check, "seconds"),
        "broken_peak_mb": figure(broken, "peak_rss_mb"),
    }


def usable(result: dict | None) -> bool:
    return bool(result) and "error" not in result


def ratio(top: dict | None, bottom: dict | None, key: str) -> dict | None:
    """top[key] / bottom[key], with its bound when one of the two was cut short.

    A run stopped by its timeout took at least that long (and would have used at least
    that memory), so it makes the ratio a lower bound (">=") on top, an upper one ("<=")
    underneath; with both cut short nothing is known.
    """
    if not (usable(top) and usable(bottom)) or not bottom[key]:
        return None
    if top["timed_out"] and bottom["timed_out"]:
        return None
    bound = ">=" if top["timed_out"] else "<=" if bottom["timed_out"] else None
    return {"value": round(top[key] / bottom[key], 2), "bound": bound}


def figure(result: dict | None, key: str) -> dict | None:
    if not usable(result):
        return None
    return {"value": result[key], "bound": ">=" if result["timed_out"] else None}


def judge(target: Target, value: dict | None, enrollments: int | None) -> str:
    """met, missed, not judged (too small a district) or unknown (a run failed, or a bound cannot decide)."""
    if not target.judged_at(enrollments):
        return "not judged"
    if value is None:
        return "unknown"
    passes = OPERATORS[target.op](value["value"], target.threshold)
    if value["bound"] is None:
        return "met" if passes else "missed"
    # A bound decides one way only: ">= 60x" proves ">= 50x" is met, ">= 40x" proves nothing.
    bound_helps = (value["bound"] == ">=") == (target.op == ">=")
    if passes == bound_helps:
        return "met" if passes else "missed"
    return "unknown"


def judge_all(size: dict) -> dict[str, str]:
    """Each target's status, by ratio key."""
    enrollments = size["district"].get("enrollments")
    statuses = {}
    for target in TARGETS:
        if set(target.needs) <= size["measurements"].keys():
            statuses[target.ratio] = judge(target, size["ratios"][target.ratio], enrollments)
        else:  # --skip-frictionless or --data left a part out: nothing failed
            statuses[target.ratio] = "not measured"
    return statuses


def any_failed(summary: dict) -> bool:
    return any("error" in result for size in summary["sizes"] for result in size["measurements"].values())


# ---------------------------------------------------------- formatting


def format_threshold(value: float, unit: str) -> str:
    return f"{value:,.0f} MB" if unit == "MB" else f"{value:g}x"


def format_value(value: dict | None, unit: str) -> str:
    if value is None:
        return "-"
    bound = f"{value['bound']} " if value["bound"] else ""
    number = f"{value['value']:,.0f} MB" if unit == "MB" else f"{value['value']:.1f}x"
    return bound + number


def format_seconds(result: dict) -> str:
    return f"{'>= ' if result['timed_out'] else ''}{result['seconds']:.2f}"


def format_count(count: int | None) -> str:
    return "-" if count is None else f"{count:,}"


def describe_district(district: dict) -> str:
    rows = district["rows"]
    contents = f"{sum(rows.values()):,} data rows in {len(rows)} files"
    if district["source"] != "generated":
        return f"{district['source']}: {contents}"
    made = district["generate_seconds"]
    return (
        f"{district['enrollments']:,} enrollments, seed {district['seed']}: {contents}; "
        f"generated in {made['clean']:.1f} s, the broken twin in {made['broken']:.1f} s"
    )


# ---------------------------------------------------------- the text report


def print_text(summary: dict) -> None:
    for number, size in enumerate(summary["sizes"]):
        if number:
            print()
        print_size(size, summary["repeat"])


def print_size(size: dict, repeat: int) -> None:
    print(describe_district(size["district"]))
    if size["district"].get("note"):
        print(f"note: {size['district']['note']}")
    if repeat > 1:
        print(f"wall s and cpu s: the median of {repeat} runs; peak MB: the highest")
    print(aligned(("measurement", "wall s", "cpu s", "peak MB", "rows", "findings")))
    for key, label in MEASUREMENTS.items():
        if key in size["measurements"]:
            print(measurement_row(label, size["measurements"][key]))
    for line in measurement_notes(size["measurements"]):
        print(line)
    print(f"{'ratio':<32}{'value':>10}  {'target':<27}status")
    for target in TARGETS:
        value = format_value(size["ratios"][target.ratio], target.unit)
        print(f"{target.label:<32}{value:>10}  {target.describe():<27}{size['targets'][target.ratio]}")
    for context in CONTEXT:
        if set(context.needs) <= size["measurements"].keys():
            print(f"{context.label:<32}{format_value(size['ratios'][context.ratio], 'x'):>10}  {'-':<27}for context")


MEASUREMENT_WIDTHS = (16, 10, 8, 9, 12, 11)


def aligned(cells: tuple[str, ...]) -> str:
    """A row of the measurement table: the name to the left, the figures to the right."""
    name, *figures = cells
    return name.ljust(MEASUREMENT_WIDTHS[0]) + "".join(cell.rjust(width) for cell, width in zip(figures, MEASUREMENT_WIDTHS[1:], strict=False))


def measurement_row(label: str, result: dict) -> str:
    if "seconds" not in result:  # it never started
        return aligned((label, "failed"))
    # A run that went wrong keeps its figures (they help tell why) but is marked failed.
    findings = "failed" if "error" in result else format_count(result.get("findings"))
    return aligned(
        (
            label,
            format_seconds(result),
            f"{result['cpu_seconds']:.1f}",
            f"{result['peak_rss_mb']:.0f}",
            format_count(result.get("rows")),
            findings,
        )
    )


def measurement_notes(measured: dict[str, dict]) -> Iterator[str]:
    """What the rows cannot say: finding types, the broken count check, notes, failures."""
    for key, label in MEASUREMENTS.items():
        result = measured.get(key, {})
        if result.get("finding_types"):
            types = ", ".join(f"{code} {count:,}" for code, count in result["finding_types"].items())
            as_expected = "findings_expected" in result and "error" not in result
            yield f"findings ({label}): {types}" + ("; one per enrollment, as expected" if as_expected else "")
        for note in result.get("notes", []):
            yield f"note ({label}): {note}"
        if "error" in result:
            yield f"error ({label}): {result['error']}"


# ---------------------------------------------------------- the Markdown report


def print_markdown(summary: dict) -> None:
    """Two tables for a README: the figures per size, then the ratios against the targets."""
    print()
    for line in markdown_figures(summary["sizes"]):
        print(line)
    print()
    for line in markdown_ratios(summary["sizes"]):
        print(line)
    print()
    for line in markdown_context(summary["sizes"]):
        print(line)


def markdown_row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def markdown_figures(sizes: list[dict]) -> Iterator[str]:
    headings = ["enrollments", "rows", *MEASUREMENTS.values()]
    yield markdown_row(headings)
    yield markdown_row(["---"] * len(headings))
    for size in sizes:
        district = size["district"]
        cells = [format_count(district.get("enrollments")), f"{sum(district['rows'].values()):,}"]
        cells += [markdown_figure(size["measurements"].get(key)) for key in MEASUREMENTS]
        yield markdown_row(cells)


def markdown_figure(result: dict | None) -> str:
    if result is None:
        return "-"
    if "error" in result:  # its figures are not ones to publish
        return "failed"
    return f"{format_seconds(result)} s, {result['peak_rss_mb']:,.0f} MB"


def markdown_ratios(sizes: list[dict]) -> Iterator[str]:
    yield markdown_row(["enrollments", *(target.label for target in TARGETS)])
    yield markdown_row(["---"] * (len(TARGETS) + 1))
    yield markdown_row(["target", *(target.describe() for target in TARGETS)])
    for size in sizes:
        cells = [format_count(size["district"].get("enrollments"))]
        for target in TARGETS:
            value = format_value(size["ratios"][target.ratio], target.unit)
            status = size["targets"][target.ratio]
            cells.append(value if status in ("not judged", "not measured") else f"{value} ({status})")
        yield markdown_row(cells)


def markdown_context(sizes: list[dict]) -> Iterator[str]:
    yield markdown_row(["enrollments", *(context.label for context in CONTEXT)])
    yield markdown_row(["---"] * (len(CONTEXT) + 1))
    for size in sizes:
        cells = [format_count(size["district"].get("enrollments"))]
        cells += [format_value(size["ratios"][context.ratio], "x") for context in CONTEXT]
        yield markdown_row(cells)
