"""The year-end facts: schemas/yearend.json, validated by yearend.schema.json, read by the
linter (diff, plan, freeze-impact) and the help site alike."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema

from linter.schemas import schemas_root


def _read(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


@cache
def yearend() -> dict[str, Any]:
    """schemas/yearend.json, validated (a broken data file is a bug, so it raises)."""
    root = schemas_root()
    data = _read(root / "yearend.json")
    # The schema is trusted (a test checks it against its meta-schema); asking jsonschema.validate
    # would check it again on every run, a tenth of a second of start-up.
    jsonschema.Draft202012Validator(_read(root / "yearend.schema.json")).validate(data)
    return data
