"""Which file names in a package are one file once unpacked, and which name each is read under.

Windows drops a trailing dot or space from a name and ignores case; macOS ignores case and how
an accent is encoded (NFC or NFD). Names that differ only so are one file there, and one
overwrites the other: a duplicate (P007). A consumer that reads the package as sent sees the
names as they are, so a lone 'users.csv ' is not 'users.csv' to it (P021).
"""

from __future__ import annotations

import unicodedata
from functools import cache

from linter.source.notices import Notice, Noticed


def windows_name(name: str) -> str:
    """The name Windows gives a file it unpacks: without trailing dots and spaces."""
    return name.rstrip(". ")


def looks_csv(name: str) -> bool:
    return windows_name(name).lower().endswith(".csv")


def one_name_per_file(names: list[str]) -> tuple[dict[str, str], list[Notice]]:
    """({name: the name it is read under}, notices) for the CSV names of a package. Of the
    names that Windows makes identical one is read (the one without a trailing dot or space);
    names that differ in case or encoding are each read under their own name, as a consumer
    reading the package as sent sees them, and reported as duplicates. A lone name with a
    trailing dot or space is read under the name Windows gives it."""
    groups: dict[str, dict[str, list[str]]] = {}
    for name in names:
        key = unicodedata.normalize("NFC", windows_name(name)).casefold()
        groups.setdefault(key, {}).setdefault(windows_name(name), []).append(name)
    chosen: dict[str, str] = {}
    notices: list[Notice] = []
    for spellings in groups.values():
        first = next((n for n in spellings if n in _standard_names()), next(iter(spellings)))
        for read_as, group in spellings.items():
            keep = read_as if read_as in group else group[0]
            for other in (n for n in group if n != keep):
                notices.append(Notice(Noticed.DUPLICATE_FILE, read_as, message=f"'{other}' and '{keep}' are one file once unpacked "
                                                                f"({_why_one_file(other, keep)}); only '{keep}' was read"))
            if read_as != first:
                notices.append(Notice(Noticed.DUPLICATE_FILE, read_as, message=f"'{read_as}' and '{first}' are one file once unpacked "
                                                                f"({_why_one_file(read_as, first)}): one overwrites the other"))
            if read_as != keep:
                trailing = "a dot" if keep.endswith(".") else "a space"
                notices.append(Notice(Noticed.FILE_NAME_TRAILING_DOT_OR_SPACE, read_as, message=f"'{keep}' ends with {trailing}: Windows unpacks it as '{read_as}', "
                                                                f"but a consumer that reads the package as sent finds no '{read_as}'; "
                                                                f"it was checked as '{read_as}'"))
            chosen[keep] = read_as
    return chosen, notices


def _why_one_file(one: str, other: str) -> str:
    if windows_name(one) != one or windows_name(other) != other:
        return "Windows drops a trailing dot or space from a name"
    if one.casefold() == other.casefold():
        return "Windows and macOS ignore the difference in case"
    return (f"the first spells its accents in Unicode form {_unicode_form(one)}, the second in {_unicode_form(other)}, "
            f"and macOS treats them as one name")


def _unicode_form(name: str) -> str:
    return next((form for form in ("NFC", "NFD") if unicodedata.is_normalized(form, name)), "neither NFC nor NFD")


@cache
def _standard_names() -> frozenset[str]:
    from linter.schemas import VERSIONS, load

    return frozenset(file for version in VERSIONS for file in load(version).tables)
