"""Small Markdown builders the page generators share, so escaping is done in one place."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable

_SPECIAL = re.compile(r"([\\`*_{}\[\]|#])")


def text(value: object) -> str:
    """Prose from the schemas or the registry, shown as written (no Markdown, no HTML)."""
    escaped = _SPECIAL.sub(r"\\\1", str(value)).replace("<", "&lt;").replace(">", "&gt;")
    return " ".join(escaped.split("\n"))


def code(value: object) -> str:
    """An inline code span that survives backticks in the value."""
    value = str(value).replace("\n", " ")
    ticks = "`" * (max((len(run) for run in re.findall(r"`+", value)), default=0) + 1)
    pad = " " if value.startswith("`") or value.endswith("`") else ""
    return f"{ticks}{pad}{value}{pad}{ticks}"


def fence(content: str, language: str = "text", title: str | None = None, css: str | None = None) -> str:
    """A fenced code block; the fence is longer than any run of backticks inside. `css` adds a
    class to the block (docs/stylesheets/extra.css styles `report`)."""
    ticks = "`" * max(3, max((len(run) for run in re.findall(r"`+", content)), default=0) + 1)
    label = f' title="{title}"' if title else ""
    info = f"{{.{language} .{css}{label}}}" if css else f"{language}{label}"
    return f"{ticks}{info}\n{content.rstrip(chr(10))}\n{ticks}"


def table(header: Iterable[str], rows: Iterable[Iterable[object]]) -> str:
    header = list(header)
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    lines += ["| " + " | ".join(str(cell).replace("\n", " ") or " " for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def link(here: str, target: str, label: str, anchor: str = "") -> str:
    """A link from the page at docs path `here` to the page at docs path `target`."""
    relative = posixpath.relpath(target, posixpath.dirname(here) or ".")
    return f"[{label}]({relative}{'#' + anchor if anchor else ''})"


def words(name: str) -> str:
    """camelCase or snake_case key -> 'Camel case' heading words."""
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", name).replace("_", " ").replace("-", " ")
    return spaced[:1].upper() + spaced[1:].lower()


def join(parts: Iterable[str]) -> str:
    """Blocks separated by blank lines, ending with one newline."""
    return "\n\n".join(part.strip("\n") for part in parts if part) + "\n"
