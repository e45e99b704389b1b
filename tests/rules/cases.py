"""The case files under tests/cases/: one per code, holding the exact findings (code, file,
row, field) that linting the code's bad example gives, and why any other code is among them.

    UPDATE_GOLDEN=1 python -m pytest -q tests/rules    # rewrite them from what the linter finds

Read the diff before committing: a case file is an expectation, not a record.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover  (Python 3.10)
    import tomli as tomllib

CASES = Path(__file__).resolve().parent.parent / "cases"

Where = tuple[str, str | None, int | None, str | None]  # (code, file, row, field)


def path_of(code: str) -> Path:
    return CASES / f"{code}.toml"


def read_case(code: str) -> dict:
    """{"bad": [Where, ...] in report order, "companions": {code: why}} of one code's case file."""
    data = tomllib.loads(path_of(code).read_text(encoding="utf-8"))
    found = [(f["code"], f.get("file"), f.get("row"), f.get("field")) for f in data.get("bad", [])]
    return {"code": data["code"], "bad": found, "companions": dict(data.get("companions", {}))}


def write_case(code: str, found: list[Where], companions: dict[str, str]) -> None:
    lines = [f"code = {json.dumps(code)}", "",
             "# What linting the declaration's bad example gives, finding by finding, in report order.", "bad = ["]
    for what, file, row, field in found:
        cells = [f"code = {json.dumps(what)}"] + [f"{key} = {json.dumps(value)}" for key, value in (("file", file), ("row", row), ("field", field))
                                                   if value is not None]
        lines.append("  { " + ", ".join(cells) + " },")
    lines.append("]")
    if companions:
        lines += ["", "# Other codes the example rightly gives too: each is true of it, not a cascade of one root cause.", "[companions]"]
        lines += [f"{other} = {json.dumps(why)}" for other, why in sorted(companions.items())]
    path_of(code).write_text("\n".join(lines) + "\n", encoding="utf-8")
