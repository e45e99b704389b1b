"""What reading a package can notice about its container, said without judging it: the
engine turns each notice into a finding (linter.engine.container), so reading depends on no rule."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Noticed(str, enum.Enum):
    """What was noticed; each value is the name of the finding the engine reports it as."""

    DUPLICATE_FILE = "duplicate-file"
    FOLDER_ZIPPED = "folder-zipped"
    SUB_FOLDER = "sub-folder"
    STRAY_FILE = "stray-file"
    UNSAFE_ENTRY = "unsafe-entry"
    UNREADABLE_FILE = "unreadable-file"
    NESTED_ARCHIVE = "nested-archive"
    ENCRYPTED_FILE = "encrypted-file"
    FILE_NAME_TRAILING_DOT_OR_SPACE = "file-name-trailing-dot-or-space"


@dataclass(frozen=True)
class Notice:
    kind: Noticed
    file: str | None  # the file it is about, or None for the package as a whole
    message: str
    hint: str | None = None  # how to fix this case, when it differs from the code's own fix
