"""The command line: thin wrappers around the library. Exit codes (EXIT_CODES, declared once
here for the help, the docs and README): 0 clean, 1 findings at or above --fail-on, 2 the input
cannot be linted at all."""

from __future__ import annotations

import json
import os
import shutil
import sys
import textwrap
import traceback
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime
from functools import partial
from pathlib import Path
from typing import Any, NoReturn, TypedDict

import click

from linter import RECORDED, CannotLint, __version__, lint
from linter.catalogue import all_specs, check_selectors, closest, lookup
from linter.cli_options import A_PATH, TYPED_PATH, Suggesting, as_typed, colour_for, outcomes, progress_bar, with_color, with_limits
from linter.config import ConfigError, load_config
from linter.findings import Report, Severity, as_findings, finding_table
from linter.paths import check_readable, check_writable, refuse_inputs, write_failed, write_text
from linter.profile_spec import Profile
from linter.profiles import ProfileError, profile_names
from linter.registry import SelectorError
from linter.report import FORMATS, escape, github, rules_text, several, stream
from linter.report.locate import DOCS_URL
from linter.schemas import VERSIONS, load
from linter.source import Limits
from linter.yearend.state import STATE_DIR, StateError, record_school, school_statuses

EXIT_CLEAN, EXIT_FINDINGS, EXIT_CANNOT_LINT = 0, 1, 2
EXIT_CODES = {  # what each exit code means, for --help, the CLI reference and README (a test compares them)
    EXIT_CLEAN: "no finding at or above `--fail-on` (default `error`)",
    EXIT_FINDINGS: "at least one finding at or above `--fail-on`",
    EXIT_CANNOT_LINT: "the input cannot be checked at all (no such path, not a folder or zip, unreadable zip; with several "
                      "packages, any one of them), or the command line is wrong; one line on stderr says why",
}


def _codes(value: str | None) -> list[str]:
    return [part.strip() for part in (value or "").split(",") if part.strip()]


class Comparing(TypedDict):
    """What diff hands either year-end comparison, besides the packages."""

    profile: Profile
    version: str
    as_of: date | None
    recorded: dict[str, dict[str, Any]]
    limits: Limits


class Guarded(Suggesting):
    """The last safety net: a bug anywhere becomes one line on stderr and exit 2, never a
    traceback (checks already turn a crashing rule into a P999 finding)."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit):
            raise
        except BrokenPipeError:  # the reader went away (`oneroster-lint rules | head`) after the command did its work
            _silence_stdout()
            sys.exit(EXIT_CLEAN)  # reports go through _emit, which keeps the exit code of their findings
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


def _guard_paths(read: tuple[Path | None, ...], writes: dict[str, Path | None], inputs: tuple[Path | None, ...] | None = None) -> None:
    """Before any linting: every path in `read` readable, and no write ({what: target}) onto or
    into an input (`inputs`, by default those read), nor one that cannot succeed."""
    try:
        for path in read:
            if path is not None:
                check_readable(path)
        for what, target in writes.items():
            refuse_inputs(target, read if inputs is None else inputs, what)
            check_writable(target, what)
    except CannotLint as error:
        _cannot(error)


def _exit_codes_epilog() -> str:
    """EXIT_CODES for --help, wrapped here (click must not join the lines) to fit 80 columns."""
    lines = [textwrap.fill(meaning.replace("`", ""), 74, initial_indent=f"{code}  ", subsequent_indent="   ") for code, meaning in EXIT_CODES.items()]
    return "\b\nExit codes:\n" + "\n".join(lines)


@click.group(cls=Guarded, context_settings={"help_option_names": ["-h", "--help"]}, epilog=_exit_codes_epilog())
@click.version_option(__version__, prog_name="oneroster-lint")
def main() -> None:
    """Check OneRoster CSV exports (a folder or a .zip) before you upload them."""


@main.command(short_help="Check packages (folders or .zip files) before you upload.")
@click.argument("paths", nargs=-1, required=True, type=TYPED_PATH, metavar="PATH...")
@click.option("--format", "output_format", type=click.Choice(sorted(FORMATS)), default="text", show_default=True, help="Report format.")
@click.option("-q", "--quiet", is_flag=True, help="Print only the totals line; the exit code tells the rest. No effect on the document of a machine --format.")
@click.option("--oneroster-version", type=click.Choice(["auto", *VERSIONS]), default="auto", show_default=True,
              help="Read the package as this version; auto uses manifest.csv (or oneroster_version in the configuration).")
@click.option("--select", show_default="every code, or select in the configuration", help="Only report these codes, prefixes or names (comma-separated), e.g. X,R104.")
@click.option("--ignore", show_default="none, or ignore in the configuration", help="Do not report these codes, prefixes or names (comma-separated).")
@click.option("--show-values", is_flag=True, help="Print the offending cell values (they may be personal data).")
@click.option("--fail-on", type=click.Choice(["error", "warning"]), show_default="error, or fail_on in the configuration", help="Exit 1 when a finding of this severity or worse is found.")
@click.option("--previous", is_flag=False, flag_value=RECORDED, help="The last upload: add the year-end comparison's findings. "
              "Without a value, the last upload recorded with 'oneroster-lint record'.")
@click.option("--profile", show_default="default", help="Vendor profile for the circuit-break forecast, with --previous.")
@click.option("--as-of", "as_of", type=click.DateTime(["%Y-%m-%d"]), metavar="YYYY-MM-DD", show_default="today", help="The day the upload would be sent: the season decides how serious rollover signs are.")
@click.option("--state", "state_dir", type=A_PATH, show_default=".oneroster-lint, or state in the configuration",
              help="The folder that remembers school statuses and the recorded last upload.")
@click.option("--config", "config_path", type=A_PATH, show_default="the nearest one", help="Read the configuration from this file.")
@click.option("--output", "output_path", type=TYPED_PATH, show_default="the screen", help="Write the report to this file (never inside a package).")
@with_color
@with_limits
def check(paths: tuple[str, ...], output_format: str, quiet: bool, oneroster_version: str, select: str | None, ignore: str | None,
          show_values: bool, fail_on: str | None, previous: str | None, profile: str | None, state_dir: Path | None, config_path: Path | None,
          output_path: str | None, limits: Limits, as_of: datetime | None) -> None:
    """Check the OneRoster packages at PATH... (folders or .zip files).

    With several packages, the text report has a section per package and one totals line for
    all, and the exit code is the worst of them: one that cannot be read is said on stderr and
    in its section, and the others are still checked. json gives an array of the per-package
    documents (in the order given), sarif a run per package, junit and github the suites or
    annotations of all; csv and html take one package per run."""
    summary = Path(os.environ["GITHUB_STEP_SUMMARY"]) if output_format == "github" and os.environ.get("GITHUB_STEP_SUMMARY") else None
    if len(paths) > 1 and output_format in several.REFUSED:
        _cannot(CannotLint(several.REFUSED[output_format]))
    last = Path(previous) if previous and previous != RECORDED else None
    output = Path(output_path) if output_path is not None else None
    writes = {"report": output, "job summary": summary}
    if len(paths) == 1:
        _guard_paths((Path(paths[0]), last), writes)
    else:
        _guard_paths((last,), writes, inputs=(last, *map(Path, paths)))
    try:
        for flag, value in (("--select", select), ("--ignore", ignore)):
            # An empty flag clears the configuration's list; '--select " , "' names nothing and is a typo.
            if value is not None and value.strip() and not _codes(value):
                raise SelectorError(f"{flag} names no code, prefix or rule name; leave it out to report every code")
            check_selectors(_codes(value), flag)
        chosen = click.get_current_context().get_parameter_source("oneroster_version") is not click.core.ParameterSource.DEFAULT
        # The flags override the file; lint() applies the result, the same stage as the library's.
        config = load_config(config_path).overridden(
            oneroster_version=oneroster_version if chosen else None, profile=profile, state=str(state_dir) if state_dir else None,
            select=_codes(select) if select is not None else None, ignore=_codes(ignore) if ignore is not None else None)
        config.check()  # a bad profile stops before any package is read
        checking = partial(lint, limits=limits, previous=previous, as_of=as_of.date() if as_of else None,
                           recorded=school_statuses(config.state) if previous is not None else None)
    except (CannotLint, ProfileError, ConfigError, SelectorError, StateError) as error:
        _cannot(error)
    docs_url = config.docs_url or DOCS_URL

    def checked(typed: str) -> Report:
        """The report of one package, the configuration's per-file choices applied."""
        path = Path(typed)
        check_readable(path)
        with progress_bar(path) as progress:
            report = checking(path, config, progress=progress)
        if summary is not None:
            try:
                github.write_step_summary(report, summary, origin=typed, docs_url=docs_url)
            except OSError as error:
                _cannot(write_failed(summary, "job summary", error))
        return report

    tally = several.Tally()
    render = {"show_values": show_values, "docs_url": docs_url, "colour": colour_for(output_path), "quiet": quiet}
    if len(paths) == 1:
        try:
            report = checked(paths[0])
        except (CannotLint, ProfileError, StateError) as error:
            _cannot(as_typed(error, paths[0]))
        tally.add(report)
        pieces = stream(output_format)(report, origin=paths[0], **render)
    else:
        pieces = several.render(output_format, outcomes(paths, checked), tally, **render)
    _emit(pieces, output_path, lambda: f"the {output_format} report ({tally.described()})")
    threshold = Severity(fail_on or config.fail_on)
    sys.exit(EXIT_CANNOT_LINT if tally.unreadable else EXIT_FINDINGS if tally.fails(threshold) else EXIT_CLEAN)


@main.command(short_help="Why a finding code matters and how to fix it.")
@click.argument("code")
def explain(code: str) -> None:
    """Explain a finding code (e.g. X001) or rule name: why it matters and how to fix it."""
    all_specs()
    spec = lookup(code)
    if spec is None and (repair := _repair(code)) is not None:
        click.echo(repair, nl=False)
        return
    if spec is None:
        near = closest(code)
        hint = f"did you mean {' or '.join(near)}? " if near else ""
        click.echo(f"oneroster-lint: no rule with the code or name '{escape.terminal(code)}'; {hint}'oneroster-lint rules' lists them", err=True)
        sys.exit(EXIT_CANNOT_LINT)
    click.echo(rules_text.explain(spec), nl=False)


@main.command(short_help="List every rule the linter can report.")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True, help="Report format.")
def rules(output_format: str) -> None:
    """List every rule the linter can report."""
    render = rules_text.rules_json if output_format == "json" else rules_text.rules_text
    click.echo(render(all_specs()), nl=False)


@main.command(short_help="List the bundled OneRoster schemas, or export them.")
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
    click.echo(rules_text.schemas_text({version: load(version) for version in VERSIONS}), nl=False)


@main.command(short_help="What this upload changes since the last one, and its risks.")
@click.argument("packages", nargs=-1, required=True, type=TYPED_PATH, metavar="[PREVIOUS] CURRENT")
@click.option("--profile", show_default="default", help=f"Vendor profile for the circuit-break forecast ({', '.join(profile_names())}, or your own).")
@click.option("--format", "output_format", type=click.Choice(["text", "json", "markdown", "html"]), default="text", show_default=True,
              help="markdown and html give a brief for the vendor: volumes per school, new schools, schools to Pause or Freeze, circuit break.")
@click.option("--oneroster-version", type=click.Choice(["auto", *VERSIONS]), show_default="auto", help="Read both packages as this version.")
@click.option("--as-of", "as_of", type=click.DateTime(["%Y-%m-%d"]), metavar="YYYY-MM-DD", show_default="today", help="The day the upload would be sent: the season decides how serious rollover signs are.")
@click.option("--show-values", is_flag=True, help="Print offending values (they may be personal data).")
@click.option("--fail-on", type=click.Choice(["error", "warning"]), show_default="error, or fail_on in the configuration", help="Exit 1 when a finding of this severity or worse is found.")
@click.option("--state", "state_dir", type=A_PATH, show_default=".oneroster-lint, or state in the configuration",
              help="The folder that remembers school statuses and the recorded last upload.")
@click.option("--config", "config_path", type=A_PATH, show_default="the nearest one", help="Read the configuration from this file.")
@click.option("--output", "output_path", type=TYPED_PATH, show_default="the screen", help="Write the report to this file (never inside a package).")
@with_color
@with_limits
def diff(packages: tuple[str, ...], profile: str | None, output_format: str, oneroster_version: str | None, as_of: datetime | None, show_values: bool,
         fail_on: str | None, state_dir: Path | None, config_path: Path | None, output_path: str | None, limits: Limits) -> None:
    """Compare the upload about to be sent (CURRENT) with the last one (PREVIOUS, or without it
    the last upload recorded with 'oneroster-lint record'): changes per file and school, school
    statuses, and whether a circuit break is likely."""
    from linter.report.yearend.diff import render_json, render_text
    from linter.yearend.compare import compare_uploads, compare_with_recorded

    if len(packages) > 2:
        _cannot(CannotLint("diff takes the last upload and the next one (or only the next one, with a recorded last upload)"))
    typed_previous, typed_current = packages if len(packages) == 2 else (None, packages[0])
    previous, current = (Path(typed_previous) if typed_previous else None), Path(typed_current)
    _guard_paths((previous, current), {"report": Path(output_path) if output_path else None})
    try:
        config = load_config(config_path).overridden(profile=profile, oneroster_version=oneroster_version,
                                                     state=str(state_dir) if state_dir else None)
        config.check()
        options = Comparing(profile=config.chosen_profile(), version=config.oneroster_version,
                            as_of=as_of.date() if as_of else None, recorded=school_statuses(config.state), limits=limits)
        comparison = (compare_uploads(previous, current, **options) if previous is not None
                      else compare_with_recorded(current, config.state, **options))
    except (CannotLint, ProfileError, ConfigError, SelectorError, StateError) as error:
        _cannot(as_typed(as_typed(error, typed_current), typed_previous or typed_current))
    comparison.findings = list(as_findings(config.apply(finding_table(comparison.findings))))
    last = typed_previous or "recorded with 'oneroster-lint record'"
    count = len(comparison.findings)
    wrote = f"the {output_format} report ({count:,} finding{'s' * (count != 1)})"
    if output_format == "json":
        _emit(render_json(comparison, show_values=show_values), output_path, lambda: wrote)
    elif output_format in ("markdown", "html"):
        from linter.report.yearend.brief import render_html, render_markdown

        render = render_markdown if output_format == "markdown" else render_html
        _emit(render(comparison, previous=Path(last).name if previous else last, current=current.name), output_path, lambda: wrote)
    else:
        _emit(render_text(comparison, show_values=show_values, previous=last, current=typed_current), output_path, lambda: wrote)
    threshold = Severity(fail_on or config.fail_on)
    sys.exit(EXIT_FINDINGS if any(f.severity.rank >= threshold.rank for f in comparison.findings) else EXIT_CLEAN)


@main.command(short_help="Remember a package as the last upload actually sent.")
@click.argument("package", type=A_PATH)
@click.option("--state", "state_dir", type=A_PATH, show_default=".oneroster-lint, or state in the configuration", help="The state folder.")
@click.option("--oneroster-version", type=click.Choice(["auto", *VERSIONS]), default="auto", show_default=True, help="Read the package as this version; auto uses manifest.csv.")
@click.option("--config", "config_path", type=A_PATH, show_default="the nearest one", help="Read the configuration from this file.")
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


@main.group(cls=Suggesting, short_help="Record a school as Paused, Frozen or Active at the vendor.")
def school() -> None:
    """Record what you set a school to at the vendor (Paused, Frozen, or Active again), so that
    diff and check --previous remember it."""


def _school_command(name: str, status: str | None, summary: str, short: str) -> None:
    @school.command(name, help=summary, short_help=short)
    @click.argument("school_id", metavar="SCHOOL_ID")
    @click.option("--on", type=click.DateTime(["%Y-%m-%d"]), show_default="today", help="The day it was set at the vendor (YYYY-MM-DD).")
    @click.option("--state", "state_dir", type=A_PATH, show_default=".oneroster-lint, or state in the configuration", help="The state folder.")
    @click.option("--config", "config_path", type=A_PATH, show_default="the nearest one", help="Read the configuration from this file.")
    def record(school_id: str, on: datetime | None, state_dir: Path | None, config_path: Path | None) -> None:
        try:
            config = load_config(config_path)
            path = record_school(state_dir or config.state, school_id, status, on.date() if on else date.today())
        except (ConfigError, StateError) as error:
            _cannot(error)
        click.echo(f"Recorded {escape.terminal(school_id)} as {status or 'Active'} in {escape.terminal(str(path))}")


_school_command("pause", "Paused", "Record that SCHOOL_ID is Paused at the vendor: it keeps its last data, and its absence is not Action Needed.",
                "Record that SCHOOL_ID is Paused at the vendor.")
_school_command("freeze", "Frozen", "Record that SCHOOL_ID is Frozen at the vendor: every account tied to it is locked until support unfreezes it.",
                "Record that SCHOOL_ID is Frozen at the vendor.")
_school_command("activate", None, "Record that SCHOOL_ID is Active again at the vendor (forget a Pause or a Freeze).",
                "Record that SCHOOL_ID is Active again at the vendor.")


@main.command("freeze-impact", short_help="Who a Freeze of one school would lock out, by role.")
@click.argument("package", type=A_PATH)
@click.option("--school", required=True, help="The sourcedId of the school to freeze.")
@click.option("--next", "following", type=A_PATH, help="The next upload: who of them is there at another school (locked although they moved).")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True, help="Report format.")
@click.option("--oneroster-version", type=click.Choice(["auto", *VERSIONS]), default="auto", show_default=True, help="Read the packages as this version; auto uses manifest.csv.")
@with_limits
def freeze_impact(package: Path, school: str, following: Path | None, output_format: str, oneroster_version: str, limits: Limits) -> None:
    """How many accounts a Freeze of one school locks, and which of them also belong to
    other schools (a Freeze locks them there too)."""
    from linter.report.yearend.freeze_and_plan import render_freeze_impact
    from linter.yearend.freeze import UnknownSchool
    from linter.yearend.freeze import freeze_impact as impact
    from linter.yearend.snapshot import take_snapshot

    _guard_paths((package, following), {})
    try:
        result = impact(take_snapshot(package, oneroster_version, limits), school,
                        take_snapshot(following, oneroster_version, limits) if following is not None else None)
    except (CannotLint, UnknownSchool) as error:
        _cannot(error)
    _print_result(result, output_format, lambda: render_freeze_impact(result, school))


@main.command(short_help="When to pause and resume delivery, in business days.")
@click.argument("package", required=False, type=A_PATH)
@click.option("--visible-on", required=True, type=click.DateTime(["%Y-%m-%d"]), help="The date data must be visible to staff (YYYY-MM-DD).")
@click.option("--time-sensitive", is_flag=True, help="The date must not slip (first day of school): leave room for a circuit break.")
@click.option("--holidays", "region", metavar="CC[-SUBDIVISION]", help="Skip this region's public holidays, e.g. US or US-CA.")
@click.option("--holiday", "extra", multiple=True, type=click.DateTime(["%Y-%m-%d"]), help="Another date that is not a business day (repeatable).")
@click.option("--ics", "ics_path", type=TYPED_PATH, help="Also write the calendar to this .ics file (never inside the package).")
@click.option("--as-of", "as_of", type=click.DateTime(["%Y-%m-%d"]), metavar="YYYY-MM-DD", show_default="today", help="The day the plan is read on: says whether the pause date or resume window has passed.")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True, help="Report format.")
@with_limits
def plan(package: Path | None, visible_on: datetime, time_sensitive: bool, region: str | None, extra: tuple[datetime, ...], ics_path: str | None,
         as_of: datetime | None, output_format: str,
         limits: Limits) -> None:
    """When to pause and when to resume file delivery, in business days, counted back from
    the date data must be visible; with PACKAGE, a pause date from its academic sessions."""
    from linter.report.yearend.freeze_and_plan import render_plan
    from linter.yearend.plan import Calendar, PlanError, make_plan, to_ics
    from linter.yearend.snapshot import take_snapshot

    _guard_paths((package,), {"calendar": Path(ics_path) if ics_path else None})
    try:
        calendar = Calendar(region.upper() if region else None, frozenset(d.date() for d in extra))
        result = make_plan(visible_on.date(), calendar, time_sensitive=time_sensitive,
                           package=take_snapshot(package, limits=limits) if package is not None else None, as_of=as_of.date() if as_of else None)
        if ics_path is not None:
            calendar_text = to_ics(result)
            write_text(Path(ics_path), calendar_text, "calendar", newline="")
            events = calendar_text.count("BEGIN:VEVENT")
            _wrote(f"the calendar ({events} event{'s' * (events != 1)})", ics_path)
    except (CannotLint, PlanError) as error:
        _cannot(error)
    _print_result(result, output_format, lambda: render_plan(result, ics_path))


@main.command(short_help="Write a starter configuration and a GitHub Actions workflow.")
@click.option("--path", "export_path", default="exports/", show_default=True, help="The folder or zip the workflow checks.")
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


@main.command(short_help="Repair what is certain in a copy, then check the copy.")
@click.argument("package", type=A_PATH)
@click.option("--output", "output_path", type=A_PATH, required=True, help="Write the repaired copy here: a new folder, or a zip when the name ends in .zip (never inside the package).")
@click.option("--dry-run", is_flag=True, help="List the repairs and what would remain; write nothing.")
@click.option("--force", is_flag=True, help="Replace --output if it exists.")
@click.option("--show-values", is_flag=True, help="Print the old and new values (they may be personal data).")
@click.option("--oneroster-version", type=click.Choice(["auto", *VERSIONS]), help="Read the package as this version; auto (the default) uses manifest.csv.")
@click.option("--fail-on", type=click.Choice(["error", "warning"]), show_default="error, or fail_on in the configuration",
              help="Exit 1 when the repaired copy still has a finding of this severity or worse.")
@click.option("--config", "config_path", type=A_PATH, show_default="the nearest one",
              help="Check the repaired copy with this configuration (select, ignore, severity, profile), as check would.")
@with_limits
def fix(package: Path, output_path: Path, dry_run: bool, force: bool, show_values: bool, oneroster_version: str | None, fail_on: str | None,
        config_path: Path | None, limits: Limits) -> None:
    """Repair what is certain in a copy of PACKAGE (BOM, line endings, header case, booleans and
    vocabulary in the wrong case, spreadsheet dates, status in bulk files, the manifest, lost
    leading zeros), list what was left alone and why, then check the copy."""
    from linter.fix import fix_package
    from linter.fix.render import render

    _guard_paths((package,), {})
    try:
        config = load_config(config_path).overridden(oneroster_version=oneroster_version)
        config.check()
        result = fix_package(package, output_path, config=config, limits=limits, dry_run=dry_run, force=force)
    except (CannotLint, ConfigError, ProfileError, SelectorError) as error:
        _cannot(error)
    click.echo(render(result, show_values=show_values), nl=False)
    sys.exit(EXIT_FINDINGS if result.remaining.fails(Severity(fail_on or config.fail_on)) else EXIT_CLEAN)


def _print_result(result: dict[str, Any], output_format: str, text: Callable[[], str]) -> None:
    """A year-end command's result: its JSON document, or its text for people."""
    if output_format == "json":
        click.echo(escape.json_document(json.dumps(result, ensure_ascii=False, indent=2)))
    else:
        click.echo(text(), nl=False)


def _repair(code: str) -> str | None:
    from linter.fix.registry import explain, lookup_repair

    repair = lookup_repair(code)
    return explain(repair) if repair is not None else None


def _emit(text: str | Iterable[str], output_path: str | Path | None, wrote: Callable[[], str] | None = None) -> None:
    """Print the report, or write it to --output (and say so on stderr: `wrote()` names what,
    asked once the pieces are written); a report in pieces is written a megabyte at a time.
    When the reader of the screen goes away (`| head`), the rest is still produced, unseen, so
    that the exit code says what the whole check found."""
    pieces = iter([text] if isinstance(text, str) else _batched(text))
    if output_path is None:
        try:
            for piece in pieces:
                click.echo(piece, nl=False)
        except BrokenPipeError:
            _silence_stdout()
            for _ in pieces:
                pass
        return
    try:
        write_text(Path(output_path), pieces, "report")
    except CannotLint as error:
        _cannot(error)
    if wrote is not None:
        _wrote(wrote(), output_path)


def _wrote(what: str, target: str | Path) -> None:
    click.echo(f"Wrote {what} to {escape.terminal(str(target))}", err=True)


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
