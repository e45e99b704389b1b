"""The configuration reference, generated from the configuration's JSON Schema
(linter/config.schema.json) when it exists; until then a short page says it is coming."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from linter.docs import markdown as md
from linter.docs.paths import CLI, CONFIGURATION

SCHEMA = Path(__file__).resolve().parent.parent / "config.schema.json"


def pages(schema_file: Path = SCHEMA) -> dict[str, str]:
    schema = json.loads(schema_file.read_text(encoding="utf-8")) if schema_file.is_file() else None
    return {CONFIGURATION: page(schema)}


def page(schema: dict[str, Any] | None) -> str:
    if schema is None:
        return md.join(["# Configuration",
                        "oneroster-lint does not read a configuration file yet: every setting is an option on the command line, "
                        f"such as {md.code('--select')}, {md.code('--ignore')} and {md.code('--fail-on')} (see the "
                        f"{md.link(CONFIGURATION, CLI, 'command-line reference')}).",
                        "Configuration files are coming. When they arrive, this page will list every setting, generated from "
                        "the same schema the linter uses to check your configuration."])
    found = settings(schema)
    rows = [[md.link(CONFIGURATION, CONFIGURATION, md.code(path), _anchor(path)), _type(node, schema), md.text(node.get("description", ""))]
            for path, node, _ in found]
    parts = [f"# {md.text(schema.get('title') or 'Configuration')}", md.text(schema.get("description", "")),
             "This page is generated from the configuration's JSON Schema, the same one the linter checks your configuration with: "
             "a misspelt or unknown setting is an error that names it.",
             md.table(["Setting", "Type", "What it does"], rows) if rows else "There are no settings yet."]
    example = "\n".join(f"{path} = {toml(node['examples'][0])}" for path, node, _ in found if node.get("examples") and "<" not in path)
    if example:
        parts += ["An example, using the examples the schema gives:", md.fence(example, "toml")]
    parts += ["## How the settings combine {#how-settings-combine}", ORDER, "## From Python {#from-python}", FROM_PYTHON,
              md.fence(PYTHON_EXAMPLE, "python")]
    for path, node, required in found:
        facts = [f"- **Type:** {_type(node, schema)}", f"- **Required:** {'yes' if required else 'no'}"]
        facts += [f"- **{label}:** {value}" for label, value in (("Allowed values", _allowed(node, schema)), ("Default", _default(node))) if value]
        facts += [f"- **Example:** {md.code(f'{path} = {toml(value)}')}" for value in node.get("examples", [])[:1] if "<" not in path]
        parts += [f"## {md.code(path)} {{#{_anchor(path)}}}", md.text(node.get("description", "")), "\n".join(facts)]
    return md.join(parts)


ORDER = ("Whatever reads them (`check`, `diff`, `fix` or Python), the settings meet the findings in one step, in this order: "
         "the profile drops the unknown columns its consumer tolerates and raises the codes it rejects to errors; "
         "then `select` and `ignore`; then `per-file-ignores`; then `severity`, so your own word on a code wins over the "
         "profile's. A flag on the command line replaces the setting of the same name.")
FROM_PYTHON = ("`linter.lint()` takes the same configuration, so a script and `check` report the same findings. "
               "`load_config()` reads the nearest configuration file (or the one you name) as `check` does; "
               "keywords of the same names replace its settings, as flags do. `Config(...)` builds one in code, "
               "checked as a file is: a selector that names no code raises `SelectorError`.")
PYTHON_EXAMPLE = """from linter import Config, lint, load_config

report = lint("export.zip", load_config())            # as `check export.zip` would
report = lint("export.zip", load_config(), ignore=[])  # as `check export.zip --ignore ""`
report = lint("export.zip", Config(select=("X",), profile="strict"))
for finding in report.findings:
    print(finding.code, finding.file, finding.row, finding.message)"""


def _anchor(path: str) -> str:
    return "setting-" + "".join(c if c.isalnum() else "-" for c in path).strip("-")


def toml(value: object) -> str:
    """A value in TOML syntax (strings, numbers, booleans, lists and inline tables)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(toml(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{json.dumps(str(k))} = {toml(v)}" for k, v in value.items()) + " }"
    return json.dumps(value, ensure_ascii=False)


def resolve(node: dict[str, Any], schema: dict[str, Any], seen: frozenset[str] = frozenset()) -> dict[str, Any]:
    """Follow a local $ref ("#/$defs/name"); the referring node's own keys win."""
    ref = node.get("$ref")
    if not isinstance(ref, str) or not ref.startswith("#/") or ref in seen:
        return node
    target: object = schema
    for part in ref[2:].split("/"):
        target = target.get(part.replace("~1", "/").replace("~0", "~"), {}) if isinstance(target, dict) else {}
    merged = {**resolve(target if isinstance(target, dict) else {}, schema, seen | {ref}), **node}
    merged.pop("$ref", None)
    return merged


def settings(schema: dict[str, Any], node: dict[str, Any] | None = None, prefix: str = "") -> list[tuple[str, dict[str, Any], bool]]:
    """(dotted path, schema node, required) for every setting, depth first."""
    node = resolve(schema if node is None else node, schema)
    out: list[tuple[str, dict[str, Any], bool]] = []
    required = set(node.get("required", []))
    children = [(name, child, name in required) for name, child in node.get("properties", {}).items()]
    for pattern, child in node.get("patternProperties", {}).items():
        children.append((f"<{pattern}>", child, False))
    if isinstance(node.get("additionalProperties"), dict):
        children.append(("<name>", node["additionalProperties"], False))
    for name, child, is_required in children:
        child = resolve(child, schema)
        path = f"{prefix}.{name}" if prefix else name
        nested = child.get("properties") or child.get("patternProperties") or isinstance(child.get("additionalProperties"), dict)
        if not nested or child.get("description"):
            out.append((path, child, is_required))
        if nested:
            out += settings(schema, child, path)
    return out


WORDS = {"string": "text", "integer": "whole number", "number": "number", "boolean": "true or false", "object": "table", "null": "nothing"}


def _type(node: dict[str, Any], schema: dict[str, Any]) -> str:
    kinds = node.get("type")
    if kinds is None:
        choices = node.get("enum") or ([node["const"]] if "const" in node else [])
        alternatives = node.get("anyOf") or node.get("oneOf") or []
        kinds = sorted({_json_type(v) for v in choices}) or [resolve(a, schema).get("type", "value") for a in alternatives] or ["value"]
    words = []
    for kind in kinds if isinstance(kinds, list) else [kinds]:
        if kind == "array":
            items = resolve(node.get("items", {}), schema) if isinstance(node.get("items"), dict) else {}
            words.append(f"list of {_type(items, schema) if items else 'values'}")
        else:
            words.append(WORDS.get(str(kind), str(kind)))
    return " or ".join(words)


def _json_type(value: object) -> str:
    return {bool: "boolean", int: "integer", float: "number", str: "string", type(None): "null"}.get(type(value), "value")


def _default(node: dict[str, Any]) -> str:
    return md.code(json.dumps(node["default"], ensure_ascii=False)) if "default" in node else ""


def _allowed(node: dict[str, Any], schema: dict[str, Any]) -> str:
    facts = []
    values = node.get("enum") or ([node["const"]] if "const" in node else None)
    items = resolve(node.get("items", {}), schema) if isinstance(node.get("items"), dict) else {}
    values = values or items.get("enum")
    if values:
        facts.append(", ".join(md.code(json.dumps(v, ensure_ascii=False)) for v in values))
    for key, word in (("minimum", "at least"), ("exclusiveMinimum", "more than"), ("maximum", "at most"), ("exclusiveMaximum", "less than")):
        if key in node:
            facts.append(f"{word} {node[key]}")
    if "pattern" in node:
        facts.append(f"matches {md.code(node['pattern'])}")
    return "; ".join(facts)
