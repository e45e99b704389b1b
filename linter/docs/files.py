"""The file reference: per OneRoster version, an overview of the files and how they refer to
each other, and one page per CSV file with every column in the standard's order."""

from __future__ import annotations

from linter.docs import markdown as md
from linter.docs.paths import RULES, NavItem, column_anchor, file_page, files_index, rule_page
from linter.docs.usage import Usage, column_codes
from linter.schemas import VERSIONS, FieldSpec, Reference, SchemaPackage, TableSpec, load

GROUPS = {"rostering": "Rostering", "gradebook": "Gradebook", "resources": "Resources"}
TYPES = {"string": "text", "date": "date, YYYY-MM-DD", "datetime": "date and time in UTC, YYYY-MM-DDTHH:MM:SSZ",
         "number": "number", "integer": "whole number"}


def ordered(package: SchemaPackage) -> list[TableSpec]:
    """manifest.csv first, then the files group by group, each group alphabetically."""
    rank = {group: i for i, group in enumerate(GROUPS)}
    return sorted(package.tables.values(), key=lambda t: (t.manifest_key is not None, rank.get(t.group, 9), t.file.lower()))


def nav() -> dict[str, list[NavItem]]:
    out: dict[str, list[NavItem]] = {}
    for version in VERSIONS:
        tables = ordered(load(version))
        entries: list[NavItem] = [files_index(version)] + [{t.file: file_page(version, t.file)} for t in tables if not t.manifest_key]
        for group, title in GROUPS.items():
            members: list[NavItem] = [{t.file: file_page(version, t.file)} for t in tables if t.manifest_key and t.group == group]
            if members:
                entries.append({title: members})
        out[files_index(version)] = entries
    return out


def pages(usage: Usage) -> dict[str, str]:
    out = {}
    for version in VERSIONS:
        package = load(version)
        out[files_index(version)] = overview(package)
        for table in package.tables.values():
            out[file_page(version, table.file)] = page(package, table, usage)
    return out


def references(package: SchemaPackage) -> list[tuple[TableSpec, FieldSpec, Reference]]:
    return [(t, f, ref) for t in package.tables.values() for f in t.fields if (ref := f.reference)]


def overview(package: SchemaPackage) -> str:
    here = files_index(package.version)
    rows = [[md.link(here, file_page(package.version, t.file), t.file), GROUPS.get(t.group, "Control file") if t.manifest_key else "Control file",
             md.text(t.description)] for t in ordered(package)]
    parts = [f"# OneRoster {package.version} files", md.text(package.raw.get("description", "")),
             "A package is a folder or a zip of CSV files. Each page below lists a file's columns in the order the "
             "standard gives them, what each column may hold, and which checks look at it.",
             "## Files", md.table(["File", "Group", "What it holds"], rows),
             "## How the files refer to each other",
             "A reference is a column holding the sourcedId of a row in another file (or in the same file). "
             "Every referenced row must be in the package, or the consumer drops the rows that point at it. "
             "Files are listed in the order they depend on each other: a file points only at itself or at files above it.",
             md.fence(diagram(package)), reference_table(package, here)]
    sources = package.raw.get("sources", [])
    if sources:
        parts += ["## Sources", "The columns and their rules were checked against these published documents:",
                  "\n".join(f"- [{md.text(s['title'])}]({s['path']})" if s.get("path") else f"- {md.text(s['title'])}" for s in sources)]
    return md.join(parts)


def depth(package: SchemaPackage) -> dict[str, int]:
    targets = {t.file: {f.reference.file for f in t.fields if f.reference and f.reference.file != t.file} for t in package.tables.values()}
    levels: dict[str, int] = {}

    def measure(file: str, seen: frozenset[str] = frozenset()) -> int:
        if file not in levels:
            levels[file] = 1 + max((measure(d, seen | {file}) for d in targets.get(file, ()) if d not in seen and d in targets), default=0)
        return levels[file]

    for file in targets:
        measure(file)
    return levels


def diagram(package: SchemaPackage) -> str:
    """A text picture of the references: each file, then an arrow to each file it points at."""
    levels = depth(package)
    tables = sorted(package.tables.values(), key=lambda t: (levels[t.file], t.file.lower()))
    width = max(len(t.file) for t in tables) + 2
    lines = []
    for table in tables:
        targets: dict[str, list[str]] = {}
        for spec in table.fields:
            if spec.reference:
                targets.setdefault(spec.reference.file, []).append(spec.name)
        arrows = [f"──▶ {file} ({', '.join(names)})" for file, names in targets.items()] or ["(points at no other file)"]
        lines += [f"{table.file if i == 0 else '':<{width}}{arrow}" for i, arrow in enumerate(arrows)]
    return "\n".join(lines)


def reference_table(package: SchemaPackage, here: str) -> str:
    rows = []
    for table, spec, ref in references(package):
        kind = "each item of the list" if spec.is_list else "the value"
        types = f"; the row's type must be {' or '.join(md.code(t) for t in ref.types)}" if ref.types else ""
        rows.append([md.link(here, file_page(package.version, table.file), table.file), md.code(spec.name),
                     f"{kind} is a {md.code(ref.field)} of {md.link(here, file_page(package.version, ref.file), ref.file)}{types}"])
    return md.table(["File", "Column", "Refers to"], rows)


def page(package: SchemaPackage, table: TableSpec, usage: Usage) -> str:
    version, here = package.version, file_page(package.version, table.file)
    where = (f"listed in manifest.csv as {md.code(table.manifest_key)}" if table.manifest_key
             else "the control file every package must hold")
    parts = [f"# {md.text(table.file)}", f"OneRoster {version} · {GROUPS.get(table.group, 'Control file') if table.manifest_key else 'Control file'} · {where}",
             md.text(table.description), "## Columns",
             "Columns must appear in this order, with these exact names (capital letters matter). An empty cell means no value.",
             md.table(["#", "Column", "Type", "Required", "Checked by"],
                      [[i, md.link(here, here, spec.name, column_anchor(spec.name)), _type(spec), "yes" if spec.required else "no",
                        _codes(here, usage, table, spec)] for i, spec in enumerate(table.fields, 1)])]
    parts += [column(here, package, table, spec, usage) for spec in table.fields]
    parts += keys(here, package, table)
    parts += rules_reading(here, table, version, usage)
    return md.join(parts)


def _type(spec: FieldSpec) -> str:
    if spec.type == "boolean":
        kind = " or ".join(md.code(v) for v in spec.true_values + spec.false_values)
    else:
        kind = TYPES.get(spec.type, spec.type)
    return f"list of {kind}" if spec.is_list else kind


def _codes(here: str, usage: Usage, table: TableSpec, spec: FieldSpec) -> str:
    return " ".join(md.link(here, rule_page(code), code) for code in column_codes(spec, table) if any(s.code == code for s in usage.specs))


def column(here: str, package: SchemaPackage, table: TableSpec, spec: FieldSpec, usage: Usage) -> str:
    facts = [f"- **Type:** {_type(spec)}", f"- **Required:** {'yes: every row must have a value' if spec.required else 'no: the cell may be empty'}"]
    if spec.is_list:
        facts.append(f"- **List:** several values separated by commas inside one quoted cell, for example {md.code(chr(34) + 'a,b' + chr(34))}")
    allowed = spec.vocabulary
    if allowed:
        extra = f"; values starting with {md.code('ext:')} are accepted too" if spec.extensible else ""
        facts.append(f"- **Allowed values** (spelled exactly, capital letters matter{extra}): " + ", ".join(md.code(v) for v in allowed))
    if table.period and spec.name in table.period:
        start, end = table.period
        facts.append(f"- **Period:** {md.code(start)} to {md.code(end)} are the row's first and last day; the linter warns when the start falls after the end")
    for group, roles in spec.role_groups.items():
        facts.append(f"- **Roles the rules count as {group}:** " + ", ".join(md.code(r) for r in roles))
    if spec.grade_order:
        facts.append("- **Grade order** (promotion moves a student one step along it; the year-end checks read it): "
                     + ", ".join(md.code(g) for g in spec.grade_order))
    for label, pattern in (("Format", spec.pattern), ("Format of each item", spec.item_pattern)):
        if pattern:
            facts.append(f"- **{label}:** must match the regular expression {md.code(pattern)}")
    if spec.name == table.primary_key:
        facts.append("- **Primary key:** no two rows may share a value")
    if spec.reference:
        ref = spec.reference
        target = md.link(here, file_page(package.version, ref.file), ref.file)
        types = f", whose {md.code('type')} is {' or '.join(md.code(t) for t in ref.types)}" if ref.types else ""
        facts.append(f"- **Refers to:** {'each item is' if spec.is_list else 'the value is'} the {md.code(ref.field)} of a row of {target}{types}")
    if spec.identifier:
        facts.append("- **Identifier:** the linter watches for spreadsheet damage here (lost leading zeros, 1.23E+05)")
    if spec.example is not None:
        facts.append(f"- **Example:** {md.code(spec.example)}")
    codes = _codes(here, usage, table, spec)
    if codes:
        facts.append(f"- **Checked by:** {codes}")
    return md.join([f"### {md.text(spec.name)} {{#{column_anchor(spec.name)}}}", md.text(spec.description), "\n".join(facts)])


def keys(here: str, package: SchemaPackage, table: TableSpec) -> list[str]:
    parts = ["## Keys and references"]
    if table.primary_key:
        parts.append(f"**Primary key:** {md.code(table.primary_key)}. Every row needs its own value, and other rows refer to this one by it.")
    out = [[md.code(s.name), md.link(here, file_page(package.version, s.reference.file), s.reference.file), md.code(s.reference.field),
            "yes" if s.is_list else "no"] for s in table.fields if s.reference]
    parts.append(md.table(["Column", "Refers to file", "Column there", "List"], out) if out else "This file refers to no other file.")
    pointing = [[md.link(here, file_page(package.version, t.file), t.file), md.code(f.name), "yes" if f.is_list else "no"]
                for t, f, ref in references(package) if ref.file == table.file]
    parts += ["**Rows of other files that point at this one:**" if pointing else "No other file points at this one.",
              md.table(["File", "Column", "List"], pointing) if pointing else ""]
    return parts


def rules_reading(here: str, table: TableSpec, version: str, usage: Usage) -> list[str]:
    specs = usage.rules_reading(table.file, version)
    parts = ["## Rules that read this file",
             "The column checks are listed with each column above. Beyond them, these rules look at this file as a whole "
             "or compare it with other files:" if specs else "Beyond the column checks listed above, no rule reads this file in particular."]
    if specs:
        parts.append("\n".join(f"- {md.link(here, rule_page(s.code), s.code)} {md.text(s.title)} ({s.severity.value})" for s in specs))
    parts.append(f"Like every file, it also gets the {md.link(here, RULES, 'package and file structure checks', 'P')} "
                 "(encoding, line endings, quoting, header).")
    return parts
