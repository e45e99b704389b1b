"""Which rules read which files and columns, and what each rule's examples really print.

Column checks come from the engine itself (`compile_field` and the key checks), so a file
page lists exactly the codes the linter can report on each column. A rule that is not a
column check reads the files its spec declares (`RuleSpec.files`), or, where it declares
none, the files its bad example changes and the files its finding lands in.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from linter import lint
from linter.catalogue import all_specs
from linter.engine.fields import compile_field
from linter.examples import AS_OF, EXAMPLE_DAY, PREVIOUS, PROFILE, SCHOOL_STATUS, example_version, materialize
from linter.findings import Report
from linter.registry import RuleSpec
from linter.schemas import VERSIONS, FieldSpec, TableSpec, load

# Where the package-level codes apply, by the first two characters of the code.
SCOPES = {
    "P0": "the package as a whole: manifest.csv, which files are there, and the zip",
    "P1": "every CSV file of the package: its encoding, line endings, quoting and rows",
    "P2": "the header row of every CSV file",
    "P9": "any check: it reports a fault in oneroster-lint itself, not in the files",
}


def key_codes(field: FieldSpec, table: TableSpec) -> set[str]:
    """The codes the key and reference checks (linter.engine.keys) report on this column."""
    codes = {"S005"} if field.name == table.primary_key else set()
    if field.reference:
        codes |= {"X002" if field.is_list else "X001", "R202"}
        if field.reference.types:
            codes.add("X003")
    return codes


def column_codes(field: FieldSpec, table: TableSpec) -> list[str]:
    return sorted({check.code for check in compile_field(field)} | key_codes(field, table))


def run(spec: RuleSpec, which: str) -> Report:
    """Lint the rule's `bad` or `good` example; a "(previous)" patch is the last upload,
    compared with the example as the year-end check does."""
    patch = spec.bad if which == "bad" else spec.good
    version = example_version(spec)
    profile = str(patch.get(PROFILE, "default"))
    last = patch.get(PREVIOUS)
    if not isinstance(last, Mapping):  # no last upload: a patch of its own is the only thing "(previous)" holds
        with materialize(patch, version) as path:
            return lint(path, version=version, profile=profile)
    as_of = date.fromisoformat(str(patch.get(AS_OF, EXAMPLE_DAY)))
    with materialize(patch, version) as path, materialize(last, version) as previous:
        school, _, status = str(patch.get(SCHOOL_STATUS, "")).partition(":")
        recorded = {school: {"status": status, "since": "2026-06-10"}} if status else None
        return lint(path, version=version, previous=previous, profile=profile, as_of=as_of, recorded=recorded)


@dataclass
class Examples:
    """The lint report of every rule's bad example, run once per build. (Good examples give
    no finding at all: tests/rules/test_rules.py checks that, so the pages need not run them.)"""

    bad: dict[str, Report] = field(default_factory=dict)


def run_examples(specs: Iterable[RuleSpec]) -> Examples:
    return Examples({s.code: run(s, "bad") for s in specs if s.bad})


@dataclass
class Usage:
    """Rules by file and column, per OneRoster version."""

    specs: list[RuleSpec]
    examples: Examples
    columns: dict[str, dict[str, dict[str, list[str]]]] = field(default_factory=dict)  # version -> code -> file -> columns

    def __post_init__(self) -> None:
        for version in VERSIONS:
            by_code: dict[str, dict[str, list[str]]] = {}
            for table in load(version).tables.values():
                for spec in table.fields:
                    for code in column_codes(spec, table):
                        by_code.setdefault(code, {}).setdefault(table.file, []).append(spec.name)
            self.columns[version] = by_code

    def scope(self, spec: RuleSpec) -> str | None:
        """A sentence for package-level codes that apply everywhere, else None."""
        return None if spec.files or spec.code[0] != "P" else SCOPES.get(spec.code[:2])

    def is_column_check(self, spec: RuleSpec) -> bool:
        return not spec.files and any(spec.code in by_code for by_code in self.columns.values())

    def files(self, spec: RuleSpec) -> tuple[str, ...]:
        """The files a file-level rule reads: declared, or inferred from its bad example."""
        if spec.files:
            return spec.files
        if self.scope(spec) or self.is_column_check(spec) or spec.code not in self.examples.bad:
            return ()
        previous = spec.bad.get(PREVIOUS)
        changed = [name for patch in (spec.bad, previous if isinstance(previous, dict) else {}) for name in patch if not name.startswith("(")]
        landed = [f.file for f in self.examples.bad[spec.code].findings if f.code == spec.code and f.file]
        known = load(example_version(spec)).tables
        return tuple(sorted({name for name in (*changed, *landed) if name in known}))

    def rules_reading(self, file: str, version: str) -> list[RuleSpec]:
        """File-level rules (not column checks, not package-wide) that read this file."""
        return [s for s in self.specs if version in s.versions and file in self.files(s)]


def build(examples: Examples | None = None) -> Usage:
    specs = all_specs()
    return Usage(specs, examples if examples is not None else run_examples(specs))
