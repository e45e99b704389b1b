"""Reading a package (a folder or a .zip) into the bytes of its CSV files, read-only.

Reading judges nothing: what it notices about the container (a zipped folder, a stray file, an
encrypted member...) comes back as neutral notices, which the engine turns into findings.
"""

from __future__ import annotations

from linter.source.limits import Limits
from linter.source.notices import Notice, Noticed
from linter.source.reading import CannotLint, RawPackage, read_package

__all__ = ["CannotLint", "Limits", "Notice", "Noticed", "RawPackage", "read_package"]
