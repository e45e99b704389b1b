"""The command-line reference, read from the click commands themselves: a new command,
argument or option appears on the site without anyone writing about it."""

from __future__ import annotations

import click

from linter.docs import markdown as md
from linter.docs.paths import CLI

PROGRAM = "oneroster-lint"


def pages() -> dict[str, str]:
    from linter.cli import main

    return {CLI: page(main)}


def root_context(group: click.Command) -> click.Context:
    return click.Context(group, info_name=PROGRAM, **group.context_settings)


def commands(group: click.Command) -> list[tuple[str, click.Command, click.Context]]:
    """Every visible command, depth first: (full name, command, its context)."""
    found = []

    def walk(command: click.Command, ctx: click.Context, path: str) -> None:
        if not isinstance(command, click.Group):
            return
        for name in command.list_commands(ctx):
            sub = command.get_command(ctx, name)
            if sub is None or sub.hidden:
                continue
            sub_ctx = click.Context(sub, info_name=name, parent=ctx, **sub.context_settings)
            found.append((f"{path} {name}", sub, sub_ctx))
            walk(sub, sub_ctx, f"{path} {name}")

    walk(group, root_context(group), PROGRAM)
    return found


def summary(cmd: click.Command) -> str:
    """The first paragraph of a command's help, on one line."""
    return " ".join((cmd.help or "").split("\n\n")[0].split())


def anchor(full_name: str) -> str:
    return full_name.removeprefix(PROGRAM).strip().replace(" ", "-")


def page(group: click.Command) -> str:
    listed = commands(group)
    rows = [[md.link(CLI, CLI, md.code(name), anchor(name)), md.text(summary(cmd))] for name, cmd, _ in listed]
    parts = [f"# Command line: {md.code(PROGRAM)}", md.text(group.help or ""),
             "This page is generated from the program itself, so it lists exactly the commands and options of this version. "
             f"Every command also takes {' or '.join(md.code(n) for n in root_context(group).help_option_names)}, which prints its help.",
             md.table(["Command", "What it does"], rows)]
    ctx = root_context(group)
    own = [p for p in group.get_params(ctx) if isinstance(p, click.Option) and not set(p.opts) & set(ctx.help_option_names)]
    if own:
        parts += [f"Options of {md.code(PROGRAM)} itself:", options_table(own, ctx)]
    for name, cmd, sub_ctx in listed:
        parts += section(name, cmd, sub_ctx)
    return md.join([*parts, *exit_codes()])


def exit_codes() -> list[str]:
    """The exit codes and what they mean, as the program declares them (linter.cli.EXIT_CODES)."""
    from linter.cli import EXIT_CODES

    return ["## Exit codes {#exit-codes}", "Every command ends with one of these codes:",
            md.table(["Code", "Meaning"], [[str(code), meaning] for code, meaning in EXIT_CODES.items()])]


def section(name: str, cmd: click.Command, ctx: click.Context) -> list[str]:
    usage = " ".join([name, *cmd.collect_usage_pieces(ctx)])
    parts = [f"## {name.removeprefix(PROGRAM).strip()} {{#{anchor(name)}}}", md.fence(usage, "text"), md.text(cmd.help or "")]
    arguments = [p for p in cmd.get_params(ctx) if isinstance(p, click.Argument)]
    if arguments:
        rows = [[md.code(metavar(p, ctx)), "yes" if p.required else "no", md.text(_type(p, ctx))] for p in arguments]
        parts += ["Arguments:", md.table(["Argument", "Required", "Value"], rows)]
    opts = [p for p in cmd.get_params(ctx) if isinstance(p, click.Option) and not p.hidden and not set(p.opts) & set(ctx.help_option_names)]
    if opts:
        parts += ["Options:", options_table(opts, ctx)]
    return parts


def options_table(opts: list[click.Option], ctx: click.Context) -> str:
    rows = []
    for option in opts:
        names = ", ".join(md.code(n) for n in [*option.opts, *option.secondary_opts])
        value = "a flag" if option.is_flag else md.text(_type(option, ctx))
        rows.append([names, value, default(option), md.text(option.help or "")])
    return md.table(["Option", "Value", "Default", "What it does"], rows)


def metavar(param: click.Parameter, ctx: click.Context) -> str:
    try:
        return param.make_metavar(ctx)
    except TypeError:  # click < 8.2 takes no context
        return param.make_metavar()  # type: ignore[call-arg]


def _type(param: click.Parameter, ctx: click.Context) -> str:
    if isinstance(param.type, click.Choice):
        return "one of " + ", ".join(str(c) for c in param.type.choices)
    if isinstance(param.type, click.Path):
        return "a path"
    return param.type.name if param.type.name not in ("text", "string") else "text"


def default(option: click.Option) -> str:
    """What the option is when not given: its declared default, or the words of its
    `show_default` (for one the command works out: today, the configuration's), or required."""
    value = option.default
    if isinstance(option.show_default, str):
        return md.text(option.show_default)
    if option.is_flag:
        return "on" if value is True else "off"
    if isinstance(value, (str, int, float)) and value != "":
        return md.code(f"{value:,}" if isinstance(value, int) and value >= 10_000 else value)
    if isinstance(value, (list, tuple)) and value:
        return ", ".join(md.code(v) for v in value)
    return "required" if option.required else "none"
