"""Options and conventions that several commands share, each declared once: the caps on what a
package may hold (`with_limits`), colour (`with_color`), paths kept as the user typed them, help
that reads well at 80 columns (`Command`), "did you mean" for a mistyped command (`Suggesting`),
several packages checked one after the other (`outcomes`), and the progress bar. A new command
gets any of the options with one decorator line."""

from __future__ import annotations

import difflib
import functools
import os
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, TypeVar

import click

from linter.findings import Report
from linter.report import escape
from linter.report.several import Outcome
from linter.source import CannotLint, Limits
from linter.units import Size, size_text

# Paths are checked by the commands themselves, so that an unreadable one is the same one line
# as anywhere else (click's own check prints a usage error).
A_PATH = click.Path(path_type=Path, readable=False)
# A path the command echoes: the text exactly as typed ('./export/', 'my export'), read through Path.
TYPED_PATH = click.Path(readable=False)
LIMITS = Limits()
COLOR = "oneroster-lint.color"  # where with_color keeps the --color choice in the click context
T = TypeVar("T")


class Command(click.Command):
    """A command whose option help reads well at 80 columns: a default the command works out
    is shown as '[default: today]' (click writes '(today)'), and a short default never breaks
    between its words, nor from the word 'default:'."""

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        records = [record for param in self.get_params(ctx)
                   if isinstance(param, click.Option) and (record := param.get_help_record(ctx)) is not None]
        if records:
            with formatter.section("Options"):
                formatter.write_dl([(names, _kept_together(text)) for names, text in records])


DEFAULT = re.compile(r"\[default: (?:\((.*?)\)|(.*?))\]")
NO_BREAK = "\u00a0"


def _kept_together(help_text: str) -> str:
    def tidy(match: re.Match[str]) -> str:
        value = match.group(1) if match.group(1) is not None else match.group(2)
        return f"[default:{NO_BREAK}{value.replace(' ', NO_BREAK) if len(value) <= 24 else value}]"

    return DEFAULT.sub(tidy, help_text)


def with_limits(command: Callable[..., T]) -> Callable[..., T]:
    """The same caps on every command that reads a package; the command receives them as `limits`."""
    @functools.wraps(command)
    def run(*args: Any, max_files: int, max_size: int, max_zip_ratio: int, **kwargs: Any) -> T:
        return command(*args, limits=Limits(max_files=max_files, max_total_bytes=max_size, max_ratio=max_zip_ratio), **kwargs)

    options = (
        click.option("--max-files", type=click.IntRange(1), default=LIMITS.max_files, show_default=True, help="Refuse a folder or zip with more entries."),
        click.option("--max-size", type=Size(), default=size_text(LIMITS.max_total_bytes), show_default=True,
                     help="Refuse a package whose CSV files hold more: bytes, or a size such as 500MB, 4GiB or 2g."),
        click.option("--max-zip-ratio", type=click.IntRange(1), default=LIMITS.max_ratio, show_default=True,
                     help="Refuse a zip member that expands more than this many times (a compression bomb)."),
    )
    for option in reversed(options):
        run = option(run)
    return run


def with_color(command: Callable[..., T]) -> Callable[..., T]:
    """--color auto|always|never on a command that prints styled text. auto (the default) styles
    only on a terminal and only without NO_COLOR (any non-empty value, see no-color.org);
    always wins over NO_COLOR. The choice is applied to everything the command echoes (click
    strips the styles of text it is not to colour); `colour_for` tells a renderer whether to style."""
    @click.option("--color", "color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True,
                  help="Colour the report: auto only on a terminal, unless NO_COLOR is set.")
    @functools.wraps(command)
    def run(*args: Any, color: str, **kwargs: Any) -> T:
        ctx = click.get_current_context()
        ctx.meta[COLOR] = color
        ctx.color = wants_colour(color, sys.stdout)
        return command(*args, **kwargs)

    return run


def wants_colour(choice: str, stream: IO[Any]) -> bool:
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR"):
        return False
    return not _strips_ansi(stream)


def _strips_ansi(stream: IO[Any]) -> bool:
    """click's own answer to "is this a terminal that shows styles?" (a test runner may say yes)."""
    try:
        from click._compat import should_strip_ansi
    except ImportError:  # click moved it: ask the stream itself
        return not stream.isatty()
    return bool(should_strip_ansi(stream))


def colour_for(output_path: object | None) -> bool:
    """Should the report be styled? For the screen, what with_color decided; a file (--output)
    is styled only with --color always."""
    ctx = click.get_current_context()
    if output_path is not None:
        return ctx.meta.get(COLOR) == "always"
    return bool(ctx.color)


def as_typed(error: Exception, typed: str) -> Exception:
    """The error with the package named as typed: the reader's messages start with the path as
    Path writes it ('export' for './export/')."""
    message, normalised = str(error), str(Path(typed))
    if isinstance(error, CannotLint) and typed != normalised and message.startswith(normalised + ":"):
        return CannotLint(typed + message[len(normalised):])
    return error


def outcomes(paths: tuple[str, ...], checked: Callable[[str], Report]) -> Iterator[Outcome]:
    """Each package's report, checked when the report reaches it; one that cannot be read at
    all is said on stderr at once, and the next is checked."""
    for typed in paths:
        try:
            yield typed, checked(typed)
        except CannotLint as error:
            reason = as_typed(error, typed)
            click.echo(f"oneroster-lint: {escape.terminal(str(reason))}", err=True)
            yield typed, reason


class Suggesting(click.Group):
    """A group that answers a mistyped command with the nearest ones (`chek` -> check)."""

    command_class = Command

    def resolve_command(self, ctx: click.Context, args: list[str]) -> tuple[str | None, click.Command | None, list[str]]:
        name = args[0] if args else ""
        if name and not name.startswith("-") and self.get_command(ctx, name) is None:
            close = difflib.get_close_matches(name, self.list_commands(ctx), n=3, cutoff=0.6)
            hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
            ctx.fail(f"No such command '{escape.terminal(name)}'{hint} ('{ctx.command_path} --help' lists them)")
        return super().resolve_command(ctx, args)


BIG_PACKAGE = 50 * 1024**2  # bytes on disk from which a progress bar is worth showing


@contextmanager
def progress_bar(path: Path) -> Iterator[Callable[[int, int, str], None] | None]:
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
