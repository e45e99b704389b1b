"""The lint pipeline: read, parse, map headers, check fields and keys, run the named rules."""

from __future__ import annotations

import os
import traceback
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from pathlib import Path
from typing import TypeVar

import polars as pl

from linter.engine.container import container_findings
from linter.engine.context import Context
from linter.engine.csvfile import ROW, ParsedFile, parse
from linter.engine.delta import apply_delta, is_delta
from linter.engine.emit import stamp
from linter.engine.fields import field_probes
from linter.engine.header import looks_like_data, map_header, read_headless
from linter.engine.keys import check_references, primary_key_probe
from linter.engine.manifest import MANIFEST, check_empty_files, check_manifest, read_manifest, resolve_version, restore_header
from linter.engine.probe import Probe, run_probes
from linter.findings import RANKS, Finding, Found, Report, Severity, finding_table
from linter.profile_spec import Profile
from linter.registry import Basis, Check, RuleSpec, declare, finding
from linter.schemas import ABSENT, VERSIONS, SchemaPackage, TableSpec, load
from linter.source import Limits, RawPackage, read_package

WORKERS = min(4, os.cpu_count() or 1)
T = TypeVar("T")

P999 = declare(
    code="P999", name="internal-error", severity=Severity.ERROR, basis=Basis.PRACTICE,
    clause="Not about your files: a check inside oneroster-lint failed",
    title="A check failed inside the linter",
    why="This is a bug in oneroster-lint, not in your files. The other checks still ran, so the rest of the report stands.",
    fix="Please report it with the command you ran and the message (no student data needed): the maintainers will fix it.",
    bad={}, good={},
)


Progress = Callable[[int, int, str], None]  # (steps done, steps in all, what was just done)


def lint(path: str | Path, *, rules: Sequence[RuleSpec] = (), version: str = "auto", progress: Progress | None = None,
         profile: Profile | None = None, limits: Limits = Limits(), base: Context | None = None) -> tuple[Report, Context]:
    """Check one package: its report, and the package as loaded, which the year-end comparison
    reads instead of reading the files again. `base` is the last bulk upload: a delta's
    references are then resolved against what the consumer holds once the delta is applied to it."""
    raw = read_package(path, limits)
    steps = iter(range(1, 2 * len(raw.files) + 3))
    total = 2 * len(raw.files) + 2

    def advance(label: str) -> None:
        done = next(steps)
        if progress:
            progress(done, total, label)

    ctx, findings = load_package(raw, version=version, advance=advance)
    ctx.profile = profile
    state = apply_delta(base, ctx) if base is not None and is_delta(ctx) else None
    findings += _guarded("X001", lambda: check_references(ctx, state))
    advance("checked references")
    findings += run_rules(ctx, rules)
    advance("ran the named rules")
    # Unsorted and as found: the library applies the user's choices (profile, selection,
    # severity) to these and the year-end findings together, then sorts once.
    return Report(findings, ctx.version, ctx.row_counts()), ctx


def load_package(raw: RawPackage, *, version: str = "auto", checks: bool = True,
                 advance: Callable[[str], None] = lambda label: None) -> tuple[Context, list[Found]]:
    """Parse every file, map headers to schema fields and (with `checks`) check the values;
    the year-end comparison loads packages without the value checks."""
    findings: list[Found] = list(container_findings(raw.notices))
    names = list(raw.files)
    columns = load(VERSIONS[0]).tables[MANIFEST]  # the manifest has the same two columns in every version
    manifest_file = None
    if MANIFEST in raw.files:
        manifest_file, manifest_findings = _read_manifest_file(raw.files.pop(MANIFEST), columns)
        findings += manifest_findings
        advance(f"read {MANIFEST}")
    manifest = read_manifest(_manifest_frame(manifest_file, columns))
    # When the version is known before the files are read (asked for, or stated by the
    # manifest), each file's values are checked by the worker that parsed it, while the
    # other files are still being parsed.
    claimed = manifest.claimed_version
    known = version if version in VERSIONS else claimed if claimed is not None and claimed in VERSIONS else None
    early = load(known) if known else None

    # Files are independent until the references: parse them side by side. Each file's
    # bytes are dropped from the package as soon as it is parsed, to bound memory.
    def read(name: str) -> tuple[ParsedFile, tuple[pl.DataFrame, list[Found]] | None]:
        parsed_file = parse(name, raw.files.pop(name))
        advance(f"read {name}")
        table = early.tables.get(name) if early is not None else None
        return parsed_file, (_check_table(table, parsed_file, checks) if table is not None and parsed_file.header else None)

    with ThreadPoolExecutor(WORKERS) as pool:
        done = dict(zip(list(raw.files), pool.map(read, list(raw.files)), strict=True))
    parsed = {name: manifest_file if name == MANIFEST and manifest_file is not None else done[name][0] for name in names}
    resolved, why_version = resolve_version(version, manifest, {name: file.header for name, file in parsed.items()})
    schema = load(resolved)
    ctx = Context(version=resolved, schema=schema, damaged=set(raw.unreadable) | {n for n, f in parsed.items() if not f.complete})
    for name, file in parsed.items():
        table = schema.tables.get(name)
        if table is None or not file.header:
            findings += file.findings
        else:
            checked = done[name][1] if name in done and schema is early else None
            frame, table_findings = checked or _check_table(table, file, checks)  # the file's own findings among them
            findings += table_findings
            ctx.tables[name] = frame
            if table.primary_key is not None and table.primary_key not in frame.columns:
                ctx.damaged.add(name)  # its header finding is the root cause of every reference into it
        advance(f"checked {name}")
    modes, manifest_findings = check_manifest(manifest, schema, set(parsed) | raw.unreadable, why_version)
    findings += manifest_findings + check_empty_files(ctx.tables, schema)
    ctx.modes = modes
    # A file the manifest announces but the package lacks has its P004: references into it are not each a finding too.
    ctx.damaged |= {t.file for t in schema.data_files
                    if t.manifest_key and manifest.properties.get(t.manifest_key, ABSENT) in schema.manifest.sent_modes and t.file not in parsed}
    return ctx, findings


def run_rules(ctx: Context, rules: Sequence[RuleSpec]) -> list[Found]:
    """Rules yield findings, or probes that are all answered together in one parallel pass."""
    findings: list[Found] = []
    probes: list[tuple[str, Probe]] = []
    for spec in rules:
        if spec.check is None or ctx.version not in spec.versions or (spec.whole_roster and is_delta(ctx)):
            continue  # a rule about what is missing from the roster cannot judge a delta, which holds only changes
        for item in _guarded(spec.code, partial(_collect, spec.check, ctx)):
            if isinstance(item, Probe):
                probes.append((spec.code, Probe(item.fails, partial(_stamped_extract, spec, item.extract))))
            else:
                findings.append(_stamped(spec, item))
    try:
        return findings + run_probes(probe for _, probe in probes)
    except Exception:  # noqa: BLE001  (one broken probe: ask each alone, so only its rule is lost)
        return findings + [f for code, probe in probes for f in _guarded(code, partial(run_probes, [probe]))]


def _stamped(spec: RuleSpec, found: Found) -> pl.DataFrame:
    """What a rule found, under its own code and severity (its body never names them)."""
    return stamp(spec, finding_table([found]) if isinstance(found, Finding) else found)


def _stamped_extract(spec: RuleSpec, extract: Callable[[], pl.DataFrame | list[Found]]) -> pl.DataFrame | list[Found]:
    """What a rule's probe extracts, stamped as _stamped stamps what the rule yields itself."""
    found = extract()
    if isinstance(found, list):
        stamped: list[Found] = [_stamped(spec, f) for f in found]
        return stamped
    return _stamped(spec, found)


def _collect(check: Check, ctx: Context) -> list[Found | Probe]:
    return list(check(ctx))


def _guarded(code: str, check: Callable[[], Sequence[T]]) -> Sequence[T | Finding]:
    """Run one check; a crash becomes a P999 finding and the other checks go on."""
    try:
        return check()
    except Exception as error:  # noqa: BLE001  (any bug in one rule must not stop the others)
        where = traceback.extract_tb(error.__traceback__)[-1]
        return [finding("P999", None, message=f"the check {code} failed: {type(error).__name__} at {Path(where.filename).name}:{where.lineno}")]


def _check_table(table: TableSpec, file: ParsedFile, checks: bool = True) -> tuple[pl.DataFrame, list[Found]]:
    if looks_like_data(table, file.header):
        file, mapping, header_findings = read_headless(table, file)
    else:
        mapping, header_findings = map_header(table, file.header)
    findings: list[Found] = [*file.findings, *header_findings]
    frame = file.frame.select(ROW, *(pl.col(f"c{position}").alias(name) for position, name in mapping.items()))
    if not checks:
        return frame, findings
    findings += _guarded("S002", lambda: run_probes(field_probes(table, frame) + primary_key_probe(table, frame)))
    return frame, findings


def _read_manifest_file(raw: bytes, columns: TableSpec) -> tuple[ParsedFile, list[Finding]]:
    """manifest.csv parsed, its header restored or its first line read as data when it has none."""
    manifest, findings = restore_header(parse(MANIFEST, raw))
    if len(manifest.header) == 2 and looks_like_data(columns, manifest.header):
        manifest, _, headless = read_headless(columns, manifest)  # its P209; the properties are still read
        findings += headless
    return manifest, findings


def _manifest_frame(file: ParsedFile | None, columns: TableSpec) -> pl.DataFrame | None:
    """propertyName and value, found as map_header finds any file's columns (its findings say what is wrong)."""
    if file is None:
        return None
    mapping, _ = map_header(columns, file.header)
    return file.frame.select(ROW, *(pl.col(f"c{position}").alias(name) for position, name in mapping.items()))


FAMILIES = {"P": 0, "S": 1, "X": 2, "R": 3, "Y": 4}


def sort_table(table: pl.DataFrame, schema: SchemaPackage) -> pl.DataFrame:
    """Root causes first: package-level problems, then files in the order they are referenced
    (orgs before classes before enrollments), and within a file structure before values."""
    order = file_order(schema)
    file = pl.col("file")
    return table.sort(
        file.is_not_null(), file.replace_strict(order, default=len(order), return_dtype=pl.Int64), file.fill_null(""),
        pl.col("code").str.slice(0, 1).replace_strict(FAMILIES, default=len(FAMILIES), return_dtype=pl.Int64),
        -pl.col("severity").replace_strict(RANKS, return_dtype=pl.Int64), pl.col("row").fill_null(0), pl.col("code"),
        pl.col("field").fill_null(""), pl.col("message"), maintain_order=True)


def file_order(schema: SchemaPackage) -> dict[str, int]:
    """Files ranked by how deep they sit in the reference graph: referenced files first."""
    depends = {t.file: {f.reference.file for f in t.fields if f.reference and f.reference.file != t.file} for t in schema.tables.values()}
    depth: dict[str, int] = {}

    def measure(file: str, seen: frozenset[str] = frozenset()) -> int:
        if file not in depth:
            depth[file] = 1 + max((measure(d, seen | {file}) for d in depends.get(file, ()) if d not in seen), default=0)
        return depth[file]

    ranked = sorted(schema.tables, key=lambda f: (f != MANIFEST, measure(f), f))
    return {file: rank for rank, file in enumerate(ranked)}
