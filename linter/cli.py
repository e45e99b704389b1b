"""The command line: thin wrappers around the library. Exit codes: 0 clean, 1 findings at or
above --fail-on, 2 the input cannot be linted at all."""

from __future__ import annotations

import functools
import json
import os
import shutil
import sys
import traceback
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import NoReturn

import click

from linter import RECORDED, CannotLint, __version__, lint
from linter.config import ConfigError, load_config
from linter.findings import Severity
from linter.paths import check_readable, check_writable, refuse_inputs, write_failed, write_text
from linter.profiles import ProfileError, profile_names
from linter.registry import SelectorError, all_specs, check_selectors, lookup
from linter.report import FORMATS, escape, github, stream
from linter.report.locate import DOCS_URL
from linter.schemas import VERSIONS, load
from linter.source import Limits
from linter.yearend.state import STATE_DIR, StateError, record_school, school_statuses

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


class Guarded(click.Group):
    """The last safety net: a bug anywhere becomes one line on stderr and exit 2, never a
    traceback (checks already turn a crashing rule into a P999 finding)."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit):
            raise
        except BrokenPipeError:  # the reader went away (`oneroster-lint rules | head`): nothing left to say
            _silence_stdout()
            sys.exit(EXIT_FINDINGS)
        except OSError as error:
            if not _while_printing(error):
                _internal_error(error)
            _silence_stdout()  # else the interpreter's last flush reports the same failure again
            click.echo(f"oneroster-lint: cannot write to standard output: {error.strerror or error}", err=True)
            sys.exit(EXIT_CANNOT_LINT)
        except Exception as error:  # noqa: BLE001
            _internal_error(error)


def _internal_error(error: Exception) -> NoReturn:
    where = traceback.extract_tb(error.__traceback__)[-1]
    click.echo(f"oneroster-lint: internal error ({type(error).__name__} at {Path(where.filename).name}:{where.lineno}); "
               "this is a bug in oneroster-lint, not in your files: please report it with the command you ran", err=True)
    sys.exit(EXIT_CANNOT_LINT)


def _while_printing(error: OSError) -> bool:
    """Did the error come from printing to the screen (a full disk behind `> /dev/full`)?
    Every other write names its file in its own message."""
    return any(frame.name == "echo" and Path(frame.filename).parent.name == "click" for frame in traceback.extract_tb(error.__traceback__))


def _silence_stdout() -> None:
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


# Paths are checked by the commands themselves, so that an unreadable one is the same one line
# as anywhere else (click's own check prints a usage error).
A_PATH = click.Path(path_type=Path, readable=False)
LIMITS = Limits()


def with_limits(command):
    """The same caps on every command that reads a package; the command receives them as `limits`."""
    @functools.wraps(command)
    def run(*args, max_files: int, max_size: int, max_zip_ratio: int, **kwargs):
        return command(*args, limits=Limits(max_files=max_files, max_total_bytes=max_size, max_ratio=max_zip_ratio), **kwargs)

    options = (
        click.option("--max-files", type=click.IntRange(1), default=LIMITS.max_files, show_default=True, help="Refuse a folder or zip with more entries."),
        click.option("--max-size", type=click.IntRange(1), default=LIMITS.max_total_bytes, show_default=True, help="Refuse a package whose CSV files hold more bytes."),
        click.option("--max-zip-ratio", type=click.IntRange(1), default=LIMITS.max_ratio, show_default=True,
                     help="Refuse a zip member that expands more than this many times (a compression bomb)."),
    )
    for option in reversed(options):
        run = option(run)
    return run


def _guard_paths(read: tuple[Path | None, ...], writes: dict[str, Path | None]) -> None:
    """Before any linting: every input readable, and no write ({what: target}) onto or into an
    input, nor one that cannot succeed."""
    try:
        for path in read:
            if path is not None:
                check_readable(path)
        for what, target in writes.items():
            refuse_inputs(target, read, what)
            check_writable(target, what)
    except CannotLint as error:
        _cannot(error)


@click.group(cls=Guarded, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="oneroster-lint")
def main() -> None:
    """Check OneRoster CSV exports (a folder or a .zip) before you upload them."""


@main.command()
@click.argument("path", type=A_PATH)
@click.option("--format", "output_format", type=click.Choice(sorted(FORMATS)), default="text", show_default=True, help="Report format.")
@click.option("--oneroster-version", type=click.Choice(["auto", *VERSIONS]), help="Read the package as this version; auto (the default) uses manifest.csv.")
@click.option("--select", help="Only report these codes, prefixes or names (comma-separated), e.g. X,R104.")
@click.option("--ignore", help="Do not report these codes, prefixes or names (comma-separated).")
@click.option("--show-values", is_flag=True, help="Print the offending cell values (they may be personal data).")
@click.option("--fail-on", type=click.Choice(["error", "warning"]), help="Exit 1 when a finding of this severity or worse is found (default: error).")
@click.option("--previous", is_flag=False, flag_value=RECORDED, help="The last upload: add the year-end comparison's findings. "
              "Without a value, the last upload recorded with 'oneroster-lint record'.")
@click.option("--profile", help="Vendor profile for the circuit-break forecast, with --previous (default: default).")
@click.option("--as-of", "as_of", type=click.DateTime(["%Y-%m-%d"]), metavar="YYYY-MM-DD", help="The day the upload would be sent (YYYY-MM-DD, default today): the season decides how serious rollover signs are.")
@click.option("--state", "state_dir", type=A_PATH, help="The folder that remembers school statuses and the recorded last upload (default: .oneroster-lint, or state in the configuration).")
@click.option("--config", "config_path", type=A_PATH, help="Read the configuration from this file instead of searching for one.")
@click.option("--output", "output_path", type=A_PATH, help="Write the report to this file (never inside the package) instead of the screen.")
@with_limits
def check(path: Path, output_format: str, oneroster_version: str | None, select: str | None, ignore: str | None,
          show_values: bool, fail_on: str | None, previous: str | None, profile: str | None, state_dir: Path | None, config_path: Path | None,
          output_path: Path | None, limits: Limits, as_of) -> None:
    """Check the OneRoster package at PATH (a folder or a .zip)."""
    summary = Path(os.environ["GITHUB_STEP_SUMMARY"]) if output_format == "github" and os.environ.get("GITHUB_STEP_SUMMARY") else None
    _guard_paths((path, Path(previous) if previous and previous != RECORDED else None), {"report": output_path, "job summary": summary})
    try:
        for flag, value in (("--select", select), ("--ignore", ignore)):
            # An empty flag clears the configuration's list; '--select " , "' names nothing and is a typo.
            if value is not None and value.strip() and not _codes(value):
                raise SelectorError(f"{flag} names no code, prefix or rule name; leave it out to report every code")
            check_selectors(_codes(value), flag)
        config = load_config(config_path)
        with _progress_bar(path) as progress:
            report = lint(path, version=oneroster_version or config.oneroster_version,
                          select=_codes(select) if select is not None else config.select,
                          ignore=_codes(ignore) if ignore is not None else config.ignore, progress=progress,
                          previous=previous, profile=profile or config.profile, custom_profiles=config.profiles,
                          limits=limits,
                          as_of=as_of.date() if as_of else None,
                          recorded=school_statuses(state_dir or config.state) if previous is not None else None,
                          state=state_dir or config.state)
    except (CannotLint, ProfileError, ConfigError, SelectorError, StateError) as error:
        _cannot(error)
    report.findings = config.apply(report.findings)
    docs_url = config.docs_url or DOCS_URL
    _emit(stream(output_format)(report, show_values=show_values, origin=str(path), docs_url=docs_url), output_path)
    if summary is not None:
        try:
            github.write_step_summary(report, summary, origin=str(path), docs_url=docs_url)
        except OSError as error:
            _cannot(write_failed(summary, "job summary", error))
    sys.exit(EXIT_FINDINGS if report.fails(Severity(fail_on or config.fail_on)) else EXIT_CLEAN)


@main.command()
@click.argument("code")
def explain(code: str) -> None:
    """Explain a finding code (e.g. X001) or rule name: why it matters and how to fix it."""
    all_specs()
    spec = lookup(code)
    if spec is None and (repair := _repair(code)) is not None:
        click.echo(repair, nl=False)
        return
    if spec is None:
        click.echo(f"oneroster-lint: no rule with the code or name '{escape.terminal(code)}'; 'oneroster-lint rules' lists them", err=True)
        sys.exit(EXIT_CANNOT_LINT)
    click.echo(f"{spec.code} {spec.name} ({spec.severity.value})\n{spec.title}\n")
    click.echo(f"Why it matters:\n  {spec.why}\n\nHow to fix it:\n  {spec.fix}\n")
    click.echo(f"What it rests on:\n  {spec.basis.value} ({spec.basis.meaning})\n  {spec.clause}\n")
    click.echo(f"Family: {spec.family}. Applies to OneRoster {', '.join(spec.versions)}.")


@main.command()
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
def rules(output_format: str) -> None:
    """List every rule the linter can report."""
    specs = all_specs()
    if output_format == "json":
        entries = [{"code": s.code, "name": s.name, "severity": s.severity.value, "basis": s.basis.value, "clause": s.clause,
                    "title": s.title} for s in specs]
        click.echo(json.dumps(entries, indent=2))
        return
    for spec in specs:
        click.echo(f"{spec.code}  {spec.severity.value:<7}  {spec.basis.value:<14}  {spec.name:<32}  {spec.title}")


@main.command()
@click.option("--export", "export_to", type=A_PATH, help="Copy the bundled schemas into this new folder.")
def schemas(export_to: Path | None) -> None:
    """List the bundled OneRoster schemas, or export them as Frictionless Data Packages."""
    if export_to is not None:
        if export_to.exists():
            click.echo(f"oneroster-lint: {escape.terminal(str(export_to))} already exists; name a new folder", err=True)
            sys.exit(EXIT_CANNOT_LINT)
        for version in VERSIONS:
            shutil.copytree(load(version).folder, export_to / f"oneroster-{version}")
        click.echo(f"Wrote the schemas of OneRoster {', '.join(VERSIONS)} to {escape.terminal(str(export_to))}")
        return
    for version in VERSIONS:
        package = load(version)
        click.echo(f"OneRoster {version}  ({package.folder})")
        for table in package.tables.values():
            click.echo(f"  {table.file:<24} {len(table.fields):>3} columns")


@main.command()
@click.argument("packages", nargs=-1, required=True, type=A_PATH, metavar="[PREVIOUS] CURRENT")
@click.option("--profile", help=f"Vendor profile for the circuit-break forecast ({', '.join(profile_names())}, or your own; default: default).")
@click.option("--format", "output_format", type=click.Choice(["text", "json", "markdown", "html"]), default="text", show_default=True,
              help="markdown and html give a brief for the vendor: volumes per school, new schools, schools to Pause or Freeze, circuit break.")
@click.option("--oneroster-version", type=click.Choice(["auto", *VERSIONS]), help="Read both packages as this version (default: auto).")
@click.option("--as-of", "as_of", type=click.DateTime(["%Y-%m-%d"]), metavar="YYYY-MM-DD", help="The day the upload would be sent (YYYY-MM-DD, default today): the season decides how serious rollover signs are.")
@click.option("--show-values", is_flag=True, help="Print offending values (they may be personal data).")
@click.option("--fail-on", type=click.Choice(["error", "warning"]), help="Exit 1 when a finding of this severity or worse is found (default: error).")
@click.option("--state", "state_dir", type=A_PATH, help="The folder that remembers school statuses and the recorded last upload (default: .oneroster-lint, or state in the configuration).")
@click.option("--config", "config_path", type=A_PATH, help="Read the configuration from this file instead of searching for one.")
@click.option("--output", "output_path", type=A_PATH, help="Write the report to this file (never inside a package) instead of the screen.")
@with_limits
def diff(packages: tuple[Path, ...], profile: str | None, output_format: str, oneroster_version: str | None, as_of, show_values: bool,
         fail_on: str | None, state_dir: Path | None, config_path: Path | None, output_path: Path | None, limits: Limits) -> None:
    """Compare the upload about to be sent (CURRENT) with the last one (PREVIOUS, or without it
    the last upload recorded with 'oneroster-lint record'): changes per file and school, school
    statuses, and whether a circuit break is likely."""
    from linter.yearend import compare_uploads, compare_with_recorded
    from linter.yearend.report import render_json, render_text

    if len(packages) > 2:
        _cannot(CannotLint("diff takes the last upload and the next one (or only the next one, with a recorded last upload)"))
    previous, current = packages if len(packages) == 2 else (None, packages[0])
    _guard_paths((previous, current), {"report": output_path})
    try:
        config = load_config(config_path)
        state = state_dir or config.state
        options = {"profile": profile or config.profile, "version": oneroster_version or config.oneroster_version,
                   "custom_profiles": config.profiles, "as_of": as_of.date() if as_of else None, "recorded": school_statuses(state),
                   "limits": limits}
        comparison = (compare_uploads(previous, current, **options) if previous is not None
                      else compare_with_recorded(current, state, **options))
    except (CannotLint, ProfileError, ConfigError, SelectorError, StateError) as error:
        _cannot(error)
    comparison.findings = config.apply(comparison.findings)
    last = str(previous) if previous else "recorded with 'oneroster-lint record'"
    if output_format == "json":
        _emit(render_json(comparison, show_values=show_values), output_path)
    elif output_format in ("markdown", "html"):
        from linter.yearend.brief import render_html, render_markdown

        render = render_markdown if output_format == "markdown" else render_html
        _emit(render(comparison, previous=Path(last).name if previous else last, current=Path(current).name), output_path)
    else:
        _emit(render_text(comparison, show_values=show_values, previous=last, current=str(current)), output_path)
    threshold = Severity(fail_on or config.fail_on)
    sys.exit(EXIT_FINDINGS if any(f.severity.rank >= threshold.rank for f in comparison.findings) else EXIT_CLEAN)


@main.command()
@click.argument("package", type=A_PATH)
@click.option("--state", "state_dir", type=A_PATH, help="The state folder (default: .oneroster-lint, or state in the configuration).")
@click.option("--oneroster-version", type=click.Choice(["auto", *VERSIONS]), default="auto", show_default=True)
@click.option("--config", "config_path", type=A_PATH, help="Read the configuration from this file instead of searching for one.")
@with_limits
def record(package: Path, state_dir: Path | None, oneroster_version: str, config_path: Path | None, limits: Limits) -> None:
    """Remember PACKAGE as the last upload actually sent, so that 'diff CURRENT' compares with it.
    Personal values are kept only as keyed hashes: nothing in the state folder can be read back."""
    from linter.yearend.recorded import record_upload
    from linter.yearend.snapshot import take_snapshot

    _guard_paths((package,), {})
    try:
        config = load_config(config_path)
        refuse_inputs(Path(state_dir or config.state or STATE_DIR), (package,), "state")
        snapshot = take_snapshot(package, oneroster_version, limits)
        where = record_upload(snapshot, state_dir or config.state, str(package))
    except (CannotLint, ConfigError, StateError) as error:
        _cannot(error)
    rows = sum(frame.height for name, frame in snapshot.ctx.tables.items() if name != "manifest.csv")
    click.echo(f"Recorded {escape.terminal(str(package))} as the last upload sent ({len(snapshot.ctx.tables) - 1} files, {rows:,} rows) in {escape.terminal(str(where))}")


@main.group()
def school() -> None:
    """Record what you set a school to at the vendor (Paused, Frozen, or Active again), so that
    diff and check --previous remember it."""


def _school_command(name: str, status: str | None, summary: str) -> None:
    @school.command(name, help=summary)
    @click.argument("school_id", metavar="SCHOOL_ID")
    @click.option("--on", type=click.DateTime(["%Y-%m-%d"]), help="The day it was set at the vendor (YYYY-MM-DD, default today).")
    @click.option("--state", "state_dir", type=A_PATH, help="The state folder (default: .oneroster-lint, or state in the configuration).")
    @click.option("--config", "config_path", type=A_PATH, help="Read the configuration from this file instead of searching for one.")
    def record(school_id: str, on, state_dir: Path | None, config_path: Path | None) -> None:
        try:
            config = load_config(config_path)
            path = record_school(state_dir or config.state, school_id, status, on.date() if on else date.today())
        except (ConfigError, StateError) as error:
            _cannot(error)
        click.echo(f"Recorded {escape.terminal(school_id)} as {status or 'Active'} in {escape.terminal(str(path))}")


_school_command("pause", "Paused", "Record that SCHOOL_ID is Paused at the vendor: it keeps its last data, and its absence is not Action Needed.")
_school_command("freeze", "Frozen", "Record that SCHOOL_ID is Frozen at the vendor: every account tied to it is locked until support unfreezes it.")
_school_command("activate", None, "Record that SCHOOL_ID is Active again at the vendor (forget a Pause or a Freeze).")


@main.command("freeze-impact")
@click.argument("package", type=A_PATH)
@click.option("--school", required=True, help="The sourcedId of the school to freeze.")
@click.option("--next", "following", type=A_PATH, help="The next upload: who of them is there at another school (locked although they moved).")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--oneroster-version", type=click.Choice(["auto", *VERSIONS]), default="auto", show_default=True)
@with_limits
def freeze_impact(package: Path, school: str, following: Path | None, output_format: str, oneroster_version: str, limits: Limits) -> None:
    """How many accounts a Freeze of one school locks, and which of them also belong to
    other schools (a Freeze locks them there too)."""
    from linter.yearend.freeze import UnknownSchool
    from linter.yearend.freeze import freeze_impact as impact
    from linter.yearend.snapshot import take_snapshot
    from linter.yearend.text_reports import render_freeze_impact

    _guard_paths((package, following), {})
    try:
        result = impact(take_snapshot(package, oneroster_version, limits), school,
                        take_snapshot(following, oneroster_version, limits) if following is not None else None)
    except (CannotLint, UnknownSchool) as error:
        _cannot(error)
    if output_format == "json":
        click.echo(escape.json_document(json.dumps(result, ensure_ascii=False, indent=2)))
        return
    click.echo(render_freeze_impact(result, school), nl=False)


@main.command()
@click.argument("package", required=False, type=A_PATH)
@click.option("--visible-on", required=True, type=click.DateTime(["%Y-%m-%d"]), help="The date data must be visible to staff (YYYY-MM-DD).")
@click.option("--time-sensitive", is_flag=True, help="The date must not slip (first day of school): leave room for a circuit break.")
@click.option("--holidays", "region", metavar="CC[-SUBDIVISION]", help="Skip this region's public holidays, e.g. US or US-CA.")
@click.option("--holiday", "extra", multiple=True, type=click.DateTime(["%Y-%m-%d"]), help="Another date that is not a business day (repeatable).")
@click.option("--ics", "ics_path", type=A_PATH, help="Also write the calendar to this .ics file (never inside the package).")
@click.option("--as-of", "as_of", type=click.DateTime(["%Y-%m-%d"]), metavar="YYYY-MM-DD", help="The day the plan is read on (YYYY-MM-DD, default today): says whether the pause date or resume window has passed.")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@with_limits
def plan(package: Path | None, visible_on, time_sensitive: bool, region: str | None, extra, ics_path: Path | None, as_of, output_format: str,
         limits: Limits) -> None:
    """When to pause and when to resume file delivery, in business days, counted back from
    the date data must be visible; with PACKAGE, a pause date from its academic sessions."""
    from linter.yearend.plan import Calendar, PlanError, make_plan, to_ics
    from linter.yearend.snapshot import take_snapshot
    from linter.yearend.text_reports import render_plan

    _guard_paths((package,), {"calendar": ics_path})
    try:
        calendar = Calendar(region.upper() if region else None, frozenset(d.date() for d in extra))
        result = make_plan(visible_on.date(), calendar, time_sensitive=time_sensitive,
                           package=take_snapshot(package, limits=limits) if package is not None else None, as_of=as_of.date() if as_of else None)
        if ics_path is not None:
            write_text(ics_path, to_ics(result), "calendar", newline="")
    except (CannotLint, PlanError) as error:
        _cannot(error)
    if output_format == "json":
        click.echo(escape.json_document(json.dumps(result, ensure_ascii=False, indent=2)))
        return
    click.echo(render_plan(result, ics_path), nl=False)


@main.command()
@click.option("--path", "export_path", default="exports/", show_default=True, help="The export folder or zip the workflow checks.")
@click.option("--force", is_flag=True, help="Overwrite files that already exist.")
def init(export_path: str, force: bool) -> None:
    """Write a starter configuration (.oneroster-lint.toml) and a GitHub Actions workflow
    into the current folder; existing files are kept unless --force."""
    from linter.starter import StarterError, starter_files

    try:
        planned = starter_files(export_path)
    except StarterError as error:
        _cannot(error)
    for target, content in planned.items():
        if target.exists() and not force:
            click.echo(f"kept {escape.terminal(str(target))} (it exists; --force overwrites it)")
            continue
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            _cannot(write_failed(target, "starter file", error))
        try:
            write_text(target, content, "starter file")
        except CannotLint as error:
            _cannot(error)
        click.echo(f"wrote {escape.terminal(str(target))}")


@main.command()
@click.argument("package", type=A_PATH)
@click.option("--output", "output_path", type=A_PATH, required=True, help="Write the repaired copy here: a new folder, or a zip when the name ends in .zip (never inside the package).")
@click.option("--dry-run", is_flag=True, help="List the repairs and what would remain; write nothing.")
@click.option("--force", is_flag=True, help="Replace --output if it exists.")
@click.option("--show-values", is_flag=True, help="Print the old and new values (they may be personal data).")
@click.option("--oneroster-version", type=click.Choice(["auto", *VERSIONS]), help="Read the package as this version; auto (the default) uses manifest.csv.")
@click.option("--fail-on", type=click.Choice(["error", "warning"]), default="error", show_default=True, help="Exit 1 when the repaired copy still has a finding of this severity or worse.")
@with_limits
def fix(package: Path, output_path: Path, dry_run: bool, force: bool, show_values: bool, oneroster_version: str | None, fail_on: str,
        limits: Limits) -> None:
    """Repair what is certain in a copy of PACKAGE (BOM, line endings, header case, booleans and
    vocabulary in the wrong case, spreadsheet dates, status in bulk files, the manifest, lost
    leading zeros), list what was left alone and why, then check the copy."""
    from linter.fix import fix_package
    from linter.fix.render import render

    _guard_paths((package,), {})
    try:
        result = fix_package(package, output_path, version=oneroster_version or "auto", limits=limits, dry_run=dry_run, force=force)
    except CannotLint as error:
        _cannot(error)
    click.echo(render(result, show_values=show_values), nl=False)
    sys.exit(EXIT_FINDINGS if result.remaining.fails(Severity(fail_on)) else EXIT_CLEAN)


def _repair(code: str) -> str | None:
    from linter.fix.registry import explain, lookup_repair

    repair = lookup_repair(code)
    return explain(repair) if repair is not None else None


def _emit(text: str | Iterable[str], output_path: Path | None) -> None:
    """Print the report, or write it to --output; a report in pieces is written a megabyte at a time."""
    pieces = [text] if isinstance(text, str) else _batched(text)
    if output_path is None:
        for piece in pieces:
            click.echo(piece, nl=False)
        return
    try:
        write_text(output_path, pieces, "report")
    except CannotLint as error:
        _cannot(error)


def _batched(pieces: Iterable[str], size: int = 1024**2) -> Iterator[str]:
    """Small pieces joined into writes of about `size` characters: one write per finding is slow."""
    batch: list[str] = []
    held = 0
    for piece in pieces:
        batch.append(piece)
        held += len(piece)
        if held >= size:
            yield "".join(batch)
            batch, held = [], 0
    if batch:
        yield "".join(batch)


def _cannot(error: Exception) -> NoReturn:
    # One line that no name inside it can break, restyle or turn into a CI workflow command.
    click.echo(f"oneroster-lint: {escape.terminal(str(error))}", err=True)
    sys.exit(EXIT_CANNOT_LINT)
