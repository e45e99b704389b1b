"""The command line: thin wrappers around the library. Exit codes: 0 clean, 1 findings at or
above --fail-on, 2 the input cannot be linted at all."""

from __future__ import annotations

import json
import shutil
import sys
from contextlib import contextmanager
from pathlib import Path

import click

from linter import CannotLint, __version__, lint
from linter.findings import Severity
from linter.registry import all_specs, lookup
from linter.report import FORMATS
from linter.schemas import VERSIONS, load

EXIT_CLEAN, EXIT_FINDINGS, EXIT_CANNOT_LINT = 0, 1, 2


def _codes(value: str | None) -> list[str]:
    return [part.strip() for part in (value or "").split(",") if part.strip()]


BIG_PACKAGE = 50 * 1024**2  # bytes on disk from which a progress bar is worth showing


@contextmanager
def _progress_bar(path: Path):
    """A progress bar on stderr, only for big packages and only on a terminal."""
    if not sys.stderr.isatty() or _size(path) < BIG_PACKAGE:
        yield None
        return
    with click.progressbar(length=1, label="Checking", file=sys.stderr, show_pos=False) as bar:
        def update(done: int, total: int, label: str) -> None:
            bar.length = total
            bar.update(done - bar.pos)
        yield update


def _size(path: Path) -> int:
    try:
        return sum(p.stat().st_size for p in path.iterdir()) if path.is_dir() else path.stat().st_size
    except OSError:
        return 0


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="oneroster-lint")
def main() -> None:
    """Check OneRoster CSV exports (a folder or a .zip) before you upload them."""


@main.command()
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--format", "output_format", type=click.Choice(sorted(FORMATS)), default="text", show_default=True, help="Report format.")
@click.option("--oneroster-version", type=click.Choice(["auto", *VERSIONS]), default="auto", show_default=True,
              help="Read the package as this version; auto uses manifest.csv.")
@click.option("--select", help="Only report these codes, prefixes or names (comma-separated), e.g. X,R104.")
@click.option("--ignore", help="Do not report these codes, prefixes or names (comma-separated).")
@click.option("--show-values", is_flag=True, help="Print the offending cell values (they may be personal data).")
@click.option("--fail-on", type=click.Choice(["error", "warning"]), default="error", show_default=True,
              help="Exit 1 when a finding of this severity or worse is found.")
def check(path: Path, output_format: str, oneroster_version: str, select: str | None, ignore: str | None,
          show_values: bool, fail_on: str) -> None:
    """Check the OneRoster package at PATH (a folder or a .zip)."""
    try:
        with _progress_bar(path) as progress:
            report = lint(path, version=oneroster_version, select=_codes(select), ignore=_codes(ignore), progress=progress)
    except CannotLint as error:
        click.echo(f"oneroster-lint: {error}", err=True)
        sys.exit(EXIT_CANNOT_LINT)
    click.echo(FORMATS[output_format](report, show_values=show_values, origin=str(path)), nl=False)
    sys.exit(EXIT_FINDINGS if report.fails(Severity(fail_on)) else EXIT_CLEAN)


@main.command()
@click.argument("code")
def explain(code: str) -> None:
    """Explain a finding code (e.g. X001) or rule name: why it matters and how to fix it."""
    all_specs()
    spec = lookup(code)
    if spec is None:
        click.echo(f"oneroster-lint: no rule with the code or name '{code}'; 'oneroster-lint rules' lists them", err=True)
        sys.exit(EXIT_CANNOT_LINT)
    click.echo(f"{spec.code} {spec.name} ({spec.severity.value})\n{spec.title}\n")
    click.echo(f"Why it matters:\n  {spec.why}\n\nHow to fix it:\n  {spec.fix}\n")
    click.echo(f"Family: {spec.family}. Applies to OneRoster {', '.join(spec.versions)}.")


@main.command()
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
def rules(output_format: str) -> None:
    """List every rule the linter can report."""
    specs = all_specs()
    if output_format == "json":
        entries = [{"code": s.code, "name": s.name, "severity": s.severity.value, "title": s.title} for s in specs]
        click.echo(json.dumps(entries, indent=2))
        return
    for spec in specs:
        click.echo(f"{spec.code}  {spec.severity.value:<7}  {spec.name:<32}  {spec.title}")


@main.command()
@click.option("--export", "export_to", type=click.Path(path_type=Path), help="Copy the bundled schemas into this new folder.")
def schemas(export_to: Path | None) -> None:
    """List the bundled OneRoster schemas, or export them as Frictionless Data Packages."""
    if export_to is not None:
        if export_to.exists():
            click.echo(f"oneroster-lint: {export_to} already exists; name a new folder", err=True)
            sys.exit(EXIT_CANNOT_LINT)
        for version in VERSIONS:
            shutil.copytree(load(version).folder, export_to / f"oneroster-{version}")
        click.echo(f"Wrote the schemas of OneRoster {', '.join(VERSIONS)} to {export_to}")
        return
    for version in VERSIONS:
        package = load(version)
        click.echo(f"OneRoster {version}  ({package.folder})")
        for table in package.tables.values():
            click.echo(f"  {table.file:<24} {len(table.fields):>3} columns")
