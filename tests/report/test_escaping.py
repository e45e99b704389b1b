"""Hostile names and values change nothing in a report beyond their own text.

A corpus of hostile strings is put where reports show them: as a stray file's name (P010 quotes
it), as an unknown column of users.csv and as a cell value shown with --show-values (all three
in one package), and as the package's own path (the origin); for the year-end commands as a school's name and id, a user id
and a session id. Every format of `check` and `diff` (and the text of `freeze-impact` and `plan`)
must then still parse as its format and hold nothing the clean report lacks: no extra element
or link, no line the name started, no escape byte, no formula, valid UTF-8 throughout.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from linter import baseline
from linter.report import escape
from linter.report.locate import DOCS_URL
from tests.conftest import cli
from tests.corpus import ORGS, USERS, folder
from tests.test_formats import assert_valid_sarif

HOSTILE = {
    "markdown-link": "[Click here for the corrected roster](https://evil.example/roster)",
    "markdown-image": "![logo](https://evil.example/pixel.png)",
    "bare-url": "see www.evil.example or https://evil.example",
    "script": "<script>alert(1)</script>",
    "javascript-url": '<a href="javascript:alert(1)">fix</a>',
    "attribute-break": '"><img src=x onerror=alert(1)>',
    "cdata-end": "]]><x/>",
    "xml-illegal": "a\x00b\x01c\x08d\x0be\x0cf\x0eg\x1fh",
    "workflow-error": "x\n::error::forged",
    "workflow-mask": "x\r\n::add-mask::x",
    "workflow-legacy": "##[error]forged",
    "percent-newline": "%0A::warning::forged",
    "hyperlink-formula": '=HYPERLINK("https://evil.example","x")',
    "plus": "+1",
    "minus": "-1",
    "at": "@SUM(A1)",
    "tab-formula": "\t=1+1",
    "cr-formula": "\r=1+1",
    "csi": "\x1b[31mred\x1b[0m",
    "osc8-hyperlink": "\x1b]8;;http://x\x07link\x1b]8;;\x07",
    "c1-csi": "\x9b31mred",
    "bidi-override": "abc\u202edcba",
    "line-separator": "a\u2028b",
    "lone-surrogate": "users\udcff",
}
FORMATS = ("text", "json", "csv", "html", "sarif", "junit", "github")


def _csv(rows: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def _table(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def _bytes(text: str) -> bytes:
    return text.encode("utf-8", "surrogateescape")  # a lone surrogate is the byte it stands for


def _file_name(hostile: str) -> str:
    return hostile.replace("/", "").replace("\x00", "") or "x"  # what a POSIX file name can hold


def as_file(root: Path, hostile: str) -> tuple[Path, str]:
    package = folder()(root)
    (package / f"{_file_name(hostile)}.txt").write_bytes(b"stray")
    return root, str(package)


def as_names(root: Path, hostile: str) -> tuple[Path, str]:
    """One package, the hostile text four times: a stray file's name, an unknown CSV file's name
    (the finding's file), an unknown column of users.csv, and a cell value that is not a role
    (S003 shows it with --show-values)."""
    rows = _table(USERS)
    rows[0].append(hostile)
    for row in rows[1:]:
        row.append("")
    rows[2][rows[0].index("role")] = hostile
    package = folder({"users.csv": _bytes(_csv(rows))})(root)
    (package / f"{_file_name(hostile)}.txt").write_bytes(b"stray")
    (package / f"{_file_name(hostile)}.csv").write_bytes(b"a\n1\n")  # P006 names it as its file
    return root, str(package)


def as_origin(root: Path, hostile: str) -> tuple[Path, str]:
    package = folder()(root)
    name = _file_name(hostile)
    package.rename(root / name)
    (root / name / "notes.txt").write_bytes(b"stray")  # one finding, so every format says where
    return root, f"./{name}"  # checked from root: the origin is the hostile name itself ("./" for "-1")


PLACES = {"names": as_names, "origin": as_origin}


@pytest.fixture(scope="module")
def clean_pages(tmp_path_factory) -> dict[str, str]:
    """The clean reports the hostile ones are compared with: the baseline and one stray file."""
    root = tmp_path_factory.mktemp("clean")
    cwd, path = as_file(root, "notes")
    return {fmt: cli("check", path, "--format", fmt, "--show-values", cwd=cwd).stdout for fmt in ("html",)}


# --- properties, one per format -------------------------------------------------------------

def assert_utf8(text: str) -> None:
    text.encode("utf-8")  # strict: a lone surrogate raises


def assert_no_command_in_a_log(text: str) -> None:
    """GitHub's runner runs '::cmd::' at a line's start (after blanks) and '##[cmd]' anywhere."""
    for line in text.splitlines():
        assert not line.lstrip().startswith("::"), line
    assert "##[" not in text


def assert_text(text: str, findings: list[dict], placed: list[str], own: re.Pattern[str]) -> None:
    assert_utf8(text)
    assert "\x1b" not in text and "\x9b" not in text and "\u202e" not in text
    assert_no_command_in_a_log(text)
    headers = {escape.terminal(f["file"]) for f in findings if f["file"]}
    for line in text.splitlines():
        assert own.match(line) or line in headers, f"a line the linter did not start: {line!r}"
    for name in placed:
        if any(name in (f[k] or "") for f in findings for k in ("file", "field", "message", "value")):
            assert escape.terminal(name) in text  # shown, as its own escaped text


CHECK_LINES = re.compile(r"^(Checked |  |package$|$|\d[\d,]* errors?, |'oneroster-lint explain|No problems found)")


def assert_csv(text: str, findings: list[dict]) -> None:
    assert_utf8(text)
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert len(rows) == len(findings) + 1 and {len(row) for row in rows} == {len(rows[0])}
    for row in rows[1:]:
        assert not [cell for cell in row if cell.startswith(escape.FORMULA_STARTS)], row
    for line in text.splitlines():  # a CSV printed into a CI log: no line of it is a command
        assert not line.lstrip().startswith("::"), line


class Elements(HTMLParser):
    """Every element and attribute of a page, and what each link points at."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: set[tuple[str, str]] = set()
        self.links: list[str] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        for name, value in attrs:
            self.attributes.add((tag, name))
            if name in ("href", "src", "action", "formaction"):
                self.links.append(value or "")


def assert_html(text: str, clean: str) -> None:
    assert_utf8(text)
    page, model = Elements(text), Elements(clean)
    assert set(page.tags) <= set(model.tags) and page.tags.count("script") == model.tags.count("script") == 1
    assert page.attributes <= model.attributes, page.attributes - model.attributes
    assert "img" not in page.tags and not [link for link in page.links if not link.startswith(("https://", "#"))]
    assert "<img" not in text and "javascript:" not in " ".join(page.links)


OWN_LINK = re.compile(r"\[[A-Z]\d{3}\]\(" + re.escape(DOCS_URL) + r"/rules/[A-Z]\d{3}/\)")


def assert_markdown(text: str) -> None:
    assert_utf8(text)
    rest = OWN_LINK.sub("", text)
    assert "](" not in rest and "![" not in rest, "a link or image the linter did not write"
    assert not re.search(r"<[a-zA-Z/!]", rest), "raw HTML in the Markdown"
    assert not re.search(r"(?<!\\)(https?:|www\.)", rest), "a bare URL GitHub would link"
    assert "\x1b" not in text and "##[" not in text
    for table in re.findall(r"(?m)(?:^\|.*\n)+", text):  # every row of a table has its header's cells
        cells = {len(re.findall(r"(?<!\\)\|", line)) for line in table.splitlines()}
        assert len(cells) == 1, table


def assert_github(text: str, findings: list[dict]) -> None:
    assert_utf8(text)
    lines = text.splitlines()
    assert len(lines) == len(findings) and text.endswith("\n")
    for line, finding in zip(lines, findings, strict=True):
        command = {"error": "::error ", "warning": "::warning ", "info": "::notice "}[finding["severity"]]
        assert line.startswith(command) and "\x1b" not in line and "\r" not in line
        properties = line[len(command):line.index("::", len(command))]
        assert all(re.fullmatch(r"(file|line|title)=[^,:]*", prop) for prop in properties.split(",")), properties


def assert_sarif(text: str, findings: list[dict]) -> None:
    assert_utf8(text)
    assert "##[" not in text
    results = assert_valid_sarif(text)["runs"][0]["results"]  # the OASIS schema, and what GitHub needs
    assert len(results) == len(findings)
    for result in results:
        message = result["message"]["text"]
        assert not re.search(r"(?<!\\)[][]", message), f"an embedded link a viewer would follow: {message!r}"
        assert "\n" not in message and "\x1b" not in message


def assert_junit(text: str, findings: list[dict]) -> None:
    assert_utf8(text)
    assert "##[" not in text
    root = ET.fromstring(text.encode("utf-8"))
    failures = root.findall(".//failure")
    assert len(failures) == len(findings)
    for failure in failures:
        assert "\n" not in failure.get("message")
        assert all(line.startswith(("warning: ", "error: ", "info: ", "at ", "fix: ", "value: ")) for line in failure.text.splitlines())


# --- check ---------------------------------------------------------------------------------

@pytest.mark.parametrize("place", sorted(PLACES))
@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_check_reports_show_hostile_text_as_text(tmp_path, monkeypatch, clean_pages, place, name):
    hostile = HOSTILE[name]
    placed = [_file_name(hostile), hostile]
    cwd, path = PLACES[place](tmp_path, hostile)
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    out = {fmt: cli("check", path, "--format", fmt, "--show-values", cwd=cwd) for fmt in FORMATS}
    for fmt, result in out.items():
        assert result.exit_code in (0, 1), (fmt, result.stderr)
    report = json.loads(out["json"].stdout)
    findings = report["findings"]
    assert findings, "the hostile input must give a finding, or nothing shows it"
    assert "##[" not in out["json"].stdout
    assert_utf8(out["json"].stdout)
    assert_text(out["text"].stdout, findings, placed, CHECK_LINES)
    if place == "origin":
        assert out["text"].stdout.startswith(f"Checked {escape.terminal(path)} as ")  # as typed, './' included
    assert_csv(out["csv"].stdout, findings)
    assert_html(out["html"].stdout, clean_pages["html"])
    assert_sarif(out["sarif"].stdout, findings)
    assert_junit(out["junit"].stdout, findings)
    assert_github(out["github"].stdout, findings)
    assert_markdown(summary.read_text(encoding="utf-8"))


def test_the_text_report_on_a_terminal_keeps_only_its_own_colours(tmp_path, monkeypatch):
    """With colours on (a terminal), the only escape sequences are the linter's own SGR styles."""
    from click.testing import CliRunner

    from linter.cli import main

    cwd, path = as_names(tmp_path, HOSTILE["osc8-hyperlink"] + HOSTILE["csi"])
    monkeypatch.chdir(cwd)
    text = CliRunner().invoke(main, ["check", path], color=True).stdout
    assert "\x1b[1m" in text  # click did style it
    assert "\x1b" not in re.sub(r"\x1b\[[0-9;]*m", "", text)
    assert "\\x1b]8;;http://x\\x07link" in text and "\\x1b[31mred" in text


def test_a_file_name_that_is_not_utf8_is_shown_as_its_bytes(tmp_path):
    cwd, path = as_file(tmp_path, "users\udcff")
    for fmt in FORMATS:
        text = cli("check", path, "--format", fmt, cwd=cwd).stdout
        assert_utf8(text)
        assert "users\\xff.txt" in (json.dumps(json.loads(text), ensure_ascii=False).replace("\\\\", "\\") if fmt in ("json", "sarif") else text), fmt
    output = tmp_path / "report.sarif"
    assert cli("check", path, "--format", "sarif", "--output", output, cwd=cwd).exit_code == 0
    assert "users\\\\xff.txt" in output.read_text(encoding="utf-8")


def test_escaping_leaves_clean_text_alone():
    clean = "users.csv, row 5, email: 'a@b.example' is not an e-mail address (Lakeside High → 12 %)"
    for function in (escape.printable, escape.visible, escape.terminal, escape.xml_text):
        assert function(clean) == clean
    assert escape.csv_cell(clean) == clean and escape.html_text("users.csv") == "users.csv"
    assert escape.markdown_text("users.csv") == "users.csv" and escape.json_document(json.dumps([clean])) == json.dumps([clean])


# --- diff, freeze-impact, plan -------------------------------------------------------------

def year_end(root: Path, hostile: str) -> tuple[Path, Path]:
    """The baseline as the last upload; this upload renames its school and adds one, hostile."""
    for side in ("previous", "current"):
        (root / side).mkdir(parents=True)
    previous = folder()(root / "previous")
    orgs = _table(ORGS)
    orgs[2][orgs[0].index("name")] = hostile
    orgs.append([f"new-{hostile}", "", "", hostile, "school", "", "dist"])
    current = folder({"orgs.csv": _bytes(_csv(orgs))})(root / "current")
    named = root / f"current-{_file_name(hostile)}"
    current.rename(named)
    return previous, named


DIFF_LINES = re.compile(r"^(Compared |Season: |Changes per file$|Schools after this upload$|Circuit break$|No year-end problems found"
                        r"|  |$|\d[\d,]* errors?, |'oneroster-lint explain)")


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_diff_reports_show_hostile_text_as_text(tmp_path, name):
    hostile = HOSTILE[name]
    previous, current = year_end(tmp_path, hostile)
    out = {fmt: cli("diff", previous, current, "--format", fmt, "--as-of", "2026-07-01", "--show-values", "--state", tmp_path / "state")
           for fmt in ("text", "json", "markdown", "html")}
    for fmt, result in out.items():
        assert result.exit_code in (0, 1), (fmt, result.stderr)
    report = json.loads(out["json"].stdout)
    assert_utf8(out["json"].stdout)
    assert "##[" not in out["json"].stdout
    assert report["schools"]
    assert_text(out["text"].stdout, report["findings"], [hostile], DIFF_LINES)
    for school in report["schools"]:
        assert f"{escape.terminal(school['sourcedId'])}  {escape.terminal(school['name'])}" in out["text"].stdout
    assert_markdown(out["markdown"].stdout)
    clean_previous, clean_current = year_end(tmp_path / "clean", "Harbor Academy")
    clean = cli("diff", clean_previous, clean_current, "--format", "html", "--as-of", "2026-07-01", "--state", tmp_path / "state").stdout
    page, model = Elements(out["html"].stdout), Elements(clean)
    assert set(page.tags) <= set(model.tags) and page.attributes <= model.attributes and "script" not in page.tags
    assert_utf8(out["html"].stdout)


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_freeze_impact_and_plan_show_hostile_ids_as_text(tmp_path, name):
    hostile = HOSTILE[name]
    users = _table(USERS)
    users[1][0] = hostile  # the teacher, whom freeze-impact lists by id
    summer = [hostile, "", "", "Summer", "term", "2026-06-22", "2026-07-31", "y2026", "2026"]
    sessions = _table(baseline.text("academicSessions.csv"))
    package = folder({"users.csv": _bytes(_csv(users)), "academicSessions.csv": _bytes(_csv([*sessions, summer]))})(tmp_path)
    impact = cli("freeze-impact", package, "--school", "sch")
    planned = cli("plan", package, "--visible-on", "2026-08-24", "--as-of", "2026-06-01")
    ids = [user["user"] for group in json.loads(cli("freeze-impact", package, "--school", "sch", "--format", "json").stdout)["by_role"]
           for user in group.get("users", [])]
    summer = json.loads(cli("plan", package, "--visible-on", "2026-08-24", "--format", "json").stdout)["pause"].get("summer_sessions", [])
    for result, shown in ((impact, ids), (planned, [s["sourcedId"] for s in summer])):
        assert result.exit_code == 0, result.stderr
        text = result.stdout
        assert_utf8(text)
        assert "\x1b" not in text and "\x9b" not in text and "\u202e" not in text
        assert_no_command_in_a_log(text)
        assert (shown or "\x00" in hostile) and all(escape.terminal(value) in text for value in shown)  # NUL: P109, nothing read
    assert all(re.match(r"^(A Freeze of |  |None of them|\d[\d,]* of them|If the school|In the next upload)", line)
               for line in impact.stdout.splitlines())
    assert all(re.match(r"^(\d\. |   |Now: |Assumptions:|  - )", line) for line in planned.stdout.splitlines())


def test_commands_that_echo_their_arguments_escape_them(tmp_path):
    """explain, school and schemas --export repeat what they were given: on one line, no command."""
    hostile = "x\n::error::forged \x1b]0;title\x07"
    outputs = [cli("explain", hostile), cli("school", "pause", hostile, "--state", tmp_path / "state"),
               cli("schemas", "--export", tmp_path / hostile)]
    for result in outputs:
        for line in (result.stdout + result.stderr).splitlines():
            assert not line.lstrip().startswith("::") and "\x1b" not in line, line
        assert "forged" in result.stdout + result.stderr


def test_csv_report_shows_controls_and_legacy_commands_escaped(tmp_path):
    package = tmp_path / "package"
    shutil.copytree(baseline.folder("1.1"), package)
    (package / "\x1b]0;PWNED\x07.csv").write_text("a\n1\n")
    (package / "##[error]x.csv").write_text("a\n1\n")
    out = cli("check", package, "--format", "csv").stdout
    assert "\x1b" not in out and "##[" not in out and "PWNED" in out and "##\\x5berror]" in out
