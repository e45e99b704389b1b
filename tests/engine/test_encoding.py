"""P101 names the encoding a file most likely has, for the locales SIS exports come from."""

from __future__ import annotations

import pytest

from linter import lint
from linter.engine.encoding import guess_encoding
from tests.corpus import BY_ID, USERS

NAMES = {  # text a district in that locale would export, and the name P101 must give
    "cp1252": ({"María": "Renée Müller", "Ada": "Zoë “Ada” O’Neil"}, "Windows-1252"),
    "shift_jis": ({"María": "山田太郎", "Ada": "さくら"}, "Shift-JIS"),
    "gb18030": ({"María": "张伟", "Ada": "王芳"}, "GB18030"),
}


@pytest.mark.parametrize("codec", sorted(NAMES))
def test_the_guess_names_the_locale(codec):
    edits, name = NAMES[codec]
    text = USERS
    for old, new in edits.items():
        text = text.replace(old, new)
    assert guess_encoding(text.encode(codec)) == (name, codec)


def test_bytes_no_candidate_reads_are_latin_1():
    assert guess_encoding(USERS.replace("María", "Ma\x81\x8d\x9d").encode("latin-1"))[0] == "Latin-1 (ISO-8859-1)"


@pytest.mark.parametrize(("case", "name"), [("shift-jis", "Shift-JIS"), ("gb18030", "GB18030"), ("windows-1252", "Windows-1252")])
def test_the_finding_names_it_and_the_rest_is_still_read(case, name, tmp_path):
    report = lint(BY_ID[case].build(tmp_path))
    [p101] = [f for f in report.findings if f.code == "P101"]
    assert f"it looks like {name}" in p101.message
    assert report.files["users.csv"] == len(USERS.splitlines()) - 1
