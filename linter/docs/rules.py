"""The rule catalogue: an index grouped by family and one page per code at rules/<CODE>/.

Each page shows the files of the rule's bad and good examples and what the linter really
printed when it checked them, so an example on the site cannot go stale.
"""

from __future__ import annotations

import click

from linter import baseline
from linter.docs import markdown as md
from linter.docs import repairs
from linter.docs.paths import PROFILES, RULES, NavItem, column_anchor, file_page, rule_page
from linter.docs.usage import Usage
from linter.examples import (
    AS_OF,
    EXAMPLE_DAY,
    PREVIOUS,
    PROFILE,
    SCHOOL_STATUS,
    VERSION,
    ZIP,
    ZIP_CORRUPT,
    ZIP_DUPLICATE,
    ZIP_ENCRYPTED,
    example_version,
    file_content,
)
from linter.findings import Report
from linter.registry import FAMILIES, Patch, RuleSpec
from linter.report import text as text_report
from linter.schemas import load

BOM = b"\xef\xbb\xbf"


def nav(specs: list[RuleSpec]) -> dict[str, list[NavItem]]:
    families: list[NavItem] = [{FAMILIES[letter]: [{f"{s.code} {s.name}": rule_page(s.code)} for s in specs if s.code[0] == letter]}
                for letter in FAMILIES if any(s.code[0] == letter for s in specs)]
    return {RULES: [RULES, *families]}


def pages(usage: Usage) -> dict[str, str]:
    out = {RULES: index(usage)}
    for spec in usage.specs:
        out[rule_page(spec.code)] = page(spec, usage)
    return out


def index(usage: Usage) -> str:
    parts = ["# Rules", "Every problem oneroster-lint can report has a code: a family letter and three digits. "
             "Codes never change meaning. Each page below says why the problem matters, how to fix it, what it rests on, "
             "and shows a small package that triggers it with what the linter prints for it.",
             "Every rule states its basis. **standard**: a MUST or MUST NOT of the OneRoster CSV binding or of RFC 4180, "
             "reported as an error. **recommendation**: a SHOULD of the binding, a warning. **practice**: not in the standard, "
             "but what consumers commonly reject or what puts the wrong people in the wrong classes; a warning, which a vendor "
             "profile (or your configuration) may raise to an error.",
             f"On the command line, {md.code('oneroster-lint explain CODE')} prints the same explanation, and "
             f"{md.code('oneroster-lint rules')} lists them all. There are {len(usage.specs)} codes."]
    for letter, family in FAMILIES.items():
        specs = [s for s in usage.specs if s.code[0] == letter]
        if not specs:
            continue
        rows = [[md.link(RULES, rule_page(s.code), s.code), md.code(s.name), s.severity.value, s.basis.value, md.text(s.title)] for s in specs]
        parts += [f"## {family} {{#{letter}}}", md.table(["Code", "Name", "Severity", "Basis", "What it means"], rows)]
    return md.join(parts)


def page(spec: RuleSpec, usage: Usage) -> str:
    here = rule_page(spec.code)
    versions = " and ".join(spec.versions)
    family = md.link(here, RULES, spec.family, spec.code[0])
    parts = [f"# {spec.code} {md.text(spec.title)}",
             f"{md.code(spec.name)} · **{spec.severity.value}** · {family} · OneRoster {versions}",
             "## Why it matters", md.text(spec.why), "## How to fix it", md.text(spec.fix), *repairs.rule_line(spec.code, here),
             "## What it rests on", f"**{spec.basis.value.capitalize()}**: {md.text(spec.basis.meaning)}. {md.text(spec.clause)}."]
    parts += examples(spec, usage)
    parts += ["## Where it looks", *where(spec, usage, here)]
    parts += options(spec)
    return md.join(parts)


def examples(spec: RuleSpec, usage: Usage) -> list[str]:
    if spec.code not in usage.examples.bad:
        return ["## Example", "This code has no example: no package should ever produce it."]
    version = example_version(spec)
    intro = f"Both examples start from a small, valid OneRoster {version} package and change only what is shown."
    good = spec.good or {name: _baseline(name, version) for name in spec.bad if not name.startswith("(")}
    return ["## Example that triggers it", intro, *patch_blocks(spec.bad, version, rule_page(spec.code)),
            "The linter prints:", console(spec.bad, version, usage.examples.bad[spec.code]),
            "## Example that passes", *(patch_blocks(good, version, rule_page(spec.code)) or ["The small valid package, unchanged."]),
            "oneroster-lint finds no problem at all in this package (the project's tests check that for every rule)."]


def _baseline(name: str, version: str) -> str | None:
    return baseline.text(name, version) if (baseline.folder(version) / name).is_file() else None


def console(patch: Patch, version: str, report: Report) -> str:
    """The command that checks the example, and what it printed."""
    origin = _name("example", patch)
    command = ["oneroster-lint check", origin]
    previous = patch.get(PREVIOUS)
    if isinstance(previous, dict):
        command.append(f"--previous {_name('last-upload', previous)} --as-of {str(patch.get(AS_OF, EXAMPLE_DAY))}")
    if patch.get(PROFILE):
        command.append(f"--profile {str(patch[PROFILE])}")
    printed = click.unstyle(text_report.render(report, origin=origin))
    return md.fence(f"$ {' '.join(command)} --oneroster-version {version}\n{printed}", css="report")


def _name(stem: str, patch: Patch) -> str:
    return f"{stem}.zip" if ZIP in patch else stem


SETTINGS = {  # the special keys of a patch, in words
    ZIP: lambda v: f"The package is sent as a zip, with its files {'inside the folder ' + md.code(v) if v else 'at the top level of the zip'}.",
    ZIP_DUPLICATE: lambda v: f"The zip holds {md.code(v)} twice.",
    ZIP_CORRUPT: lambda v: f"The compressed bytes of {md.code(v)} in the zip are damaged.",
    ZIP_ENCRYPTED: lambda v: f"In the zip, {md.code(v)} is marked as encrypted, as in a password-protected zip.",
    VERSION: lambda v: f"The example is a OneRoster {v} package.",
    AS_OF: lambda v: f"It is sent on {md.code(v)} ({md.code('--as-of')}).",
    SCHOOL_STATUS: lambda v: f"The district recorded school {md.code(v.partition(':')[0])} as {v.partition(':')[2]} "
                             f"({md.code('oneroster-lint school ' + v.partition(':')[2].lower().replace('paused', 'pause').replace('frozen', 'freeze') + ' ' + v.partition(':')[0])}).",
}


def patch_blocks(patch: Patch, version: str, here: str) -> list[str]:
    """The example's files as code blocks, and in words what a code block cannot show."""
    blocks = []
    if patch.get(PROFILE):
        blocks.append(f"It is checked under the vendor profile {md.link(here, PROFILES, md.code(patch[PROFILE]), str(patch[PROFILE]))}.")
    previous = patch.get(PREVIOUS)
    if isinstance(previous, dict):
        blocks.append(f"The last upload ({md.code('--previous')}) is the small valid package" + (" with these changes:" if previous else ", unchanged."))
        blocks += patch_blocks(previous, version, here)
        current = [key for key in patch if key not in (PREVIOUS, PROFILE)]
        blocks.append("The package about to be sent" + (" has these changes:" if current else " is the small valid package, unchanged."))
    for key, value in patch.items():
        if key.startswith("(") and key not in (PREVIOUS, PROFILE):
            blocks.append(SETTINGS[key](str(value)) if key in SETTINGS else f"Example setting {md.code(key)}: {md.code(value)}.")
    for name, content in patch.items():
        if not name.startswith("("):
            blocks += file_blocks(name, file_content(name, content), version, zipped=ZIP in patch)
    return blocks


def file_blocks(name: str, content: str | bytes | None, version: str, zipped: bool = False) -> list[str]:
    known = (baseline.folder(version) / name).is_file()
    if content is None:
        return [f"{md.code(name)} is left out of the package." if known else f"The package has no {md.code(name)}."]
    label = md.code(name) if known else f"An extra {'zip entry' if zipped else 'file'} {md.code(name)}"
    if isinstance(content, bytes):
        if b"\x00" in content:
            shown = " ".join(f"{byte:02x}" for byte in content[:32])
            return [f"{label} holds {len(content)} bytes of binary data, not text: {md.code(shown)}."]
        notes, text = _decode(content)
    else:
        notes, text = [], content
    if text == "":
        return [f"{label} is empty (0 bytes)."]
    notes += _line_endings(text)
    lead = label + (": " + "; ".join(notes) + "." if notes else ":") if notes or not known else ""
    return [lead, md.fence(text.replace("\r\n", "\n").replace("\r", "\n"), "text", title=name)]


def _decode(content: bytes) -> tuple[list[str], str]:
    notes = []
    if content.startswith(BOM):
        notes.append("it starts with a UTF-8 byte-order mark (BOM), which most editors do not show")
        content = content[len(BOM):]
    try:
        return notes, content.decode("utf-8")
    except UnicodeDecodeError:
        return [*notes, "it is saved as Windows-1252, not UTF-8 (shown decoded here)"], content.decode("cp1252", errors="replace")


def _line_endings(text: str) -> list[str]:
    crlf = text.count("\r\n")
    cr, lf = text.count("\r") - crlf, text.count("\n") - crlf
    kinds = [f"{n} with {name}" for n, name in ((crlf, "CRLF (Windows)"), (lf, "LF (Unix)"), (cr, "a bare CR (old Mac)")) if n]
    if len(kinds) > 1:
        return ["its lines end in different ways: " + ", ".join(kinds)]
    if cr:
        return ["its lines end with a bare carriage return (CR, old Mac style)"]
    return ["its lines end with CRLF (Windows style)"] if crlf else []


def where(spec: RuleSpec, usage: Usage, here: str) -> list[str]:
    scope = usage.scope(spec)
    if scope:
        return [f"It checks {scope}."]
    if usage.is_column_check(spec):
        lines = []
        for version in spec.versions:
            columns = usage.columns[version].get(spec.code, {})
            listed = [f"{md.link(here, file_page(version, file), file)} ({', '.join(md.link(here, file_page(version, file), name, column_anchor(name)) for name in names)})"
                      for file, names in columns.items()]
            if listed:
                lines.append(f"- **OneRoster {version}:** " + "; ".join(listed))
        return ["It checks these columns:", "\n".join(lines)]
    files = usage.files(spec)
    if not files:
        return ["It does not read any file in particular."]
    source = "as the rule declares" if spec.files else "as its example shows"
    links = [md.link(here, file_page(v, f), f"{f} ({v})") for f in files for v in spec.versions if f in load(v).tables]
    return [f"It reads these files ({source}): " + ", ".join(links) + "."]


def options(spec: RuleSpec) -> list[str]:
    parts = ["## Turning it off",
             f"Leave it out of one run with {md.code(f'oneroster-lint check PATH --ignore {spec.code}')} "
             f"(the name {md.code(spec.name)} works too), or report only it with {md.code(f'--select {spec.code}')}."]
    declared = getattr(spec, "options", None)
    if declared:
        rows = [[md.code(name), md.text(value)] for name, value in dict(declared).items()]
        parts += ["## Options", md.table(["Option", "Default and meaning"], rows)]
    return parts
