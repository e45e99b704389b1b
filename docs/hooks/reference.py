"""mkdocs hook: adds the pages linter.docs generates from the schemas, the rule registry,
the CLI and the year-end data, and puts them in the navigation. No logic lives here."""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.structure.files import File

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # document this checkout, not an older install

from linter import docs  # noqa: E402

_generated: dict[str, str] = {}


def on_config(config):
    _generated.clear()
    _generated.update(docs.pages())
    config.nav = docs.expand_nav(config.nav)
    return config


def on_files(files, config):
    for path, markdown in _generated.items():
        files.append(File.generated(config, path, content=markdown))
    return files
