"""The help site: the generated pages (every rule and file, the real findings of each rule's
example, the CLI, year-end, configuration and profiles), the hand-written pages against the
tool they describe, `mkdocs build --strict`, and the built site in headless Chromium."""

from __future__ import annotations

import copy
import json
import re
import shlex
from pathlib import Path

import click
import pytest
import yaml

from linter import cli as cli_module
from linter import docs
from linter.catalogue import all_specs
from linter.docs import commands, configuration, paths, yearend
from linter.docs.usage import Examples
from linter.profiles import load_profile, profile_names
from linter.report import FORMATS
from linter.schemas import VERSIONS, load, schemas_root
from tests.browser import chromium, require_chromium, served
from tests.conftest import EXAMPLES, REPO, cli

ARTIFACTS = REPO / "tests" / "artifacts"
HAND_WRITTEN = sorted(p for p in (REPO / "docs").rglob("*.md") if "hooks" not in p.relative_to(REPO / "docs").parts)
SPECS = all_specs()


@pytest.fixture(scope="module", autouse=True)
def _start_build(site_build):
    """Start the site build as this module starts, so it runs while the in-process tests work."""
    return site_build


@pytest.fixture(scope="module")
def site(built_site) -> Path:
    return built_site


@pytest.fixture(scope="module")
def pages(example_reports) -> dict[str, str]:
    return docs.pages(Examples(example_reports))


# --- generated pages ------------------------------------------------------------------

def test_every_rule_has_a_page_with_its_declaration(pages):
    index = pages[paths.RULES]
    for spec in SPECS:
        page = pages[paths.rule_page(spec.code)]
        assert page.startswith(f"# {spec.code} "), spec.code
        for words in (spec.name, spec.severity.value, spec.why.split(";")[0][:40], spec.fix[:40], spec.basis.value.capitalize(), spec.clause[:40]):
            assert _plain(words) in _plain(page), (spec.code, words)
        assert f"({spec.code}.md)" in index, spec.code


def test_rule_page_shows_the_finding_its_bad_example_really_gives(pages, example_reports):
    for spec in SPECS:
        if not spec.bad:
            continue
        page = pages[paths.rule_page(spec.code)]
        found = [f for f in example_reports[spec.code].findings if f.code == spec.code]
        assert found, spec.code
        for finding in found:
            assert re.search(rf"\b{finding.severity.value}\s+{spec.code}\s+.*{re.escape(finding.message)}", page), (spec.code, finding.message)
            if finding.hint:
                assert f"fix: {finding.hint}" in page, spec.code


def test_rule_page_shows_the_bad_example_files(pages):
    for spec in SPECS:
        page = pages[paths.rule_page(spec.code)]
        for name, content in spec.bad.items():
            if isinstance(content, str) and content and not name.startswith("("):
                assert f'title="{name}"' in page and content.replace("\r\n", "\n").replace("\r", "\n").strip() in page, (spec.code, name)


def test_example_layouts_are_told_in_words():
    blocks = "\n".join(docs.rules.patch_blocks({"(zip)": "export/", "(zip-duplicate)": "users.csv", "orgs.csv": "a,b\r\nc,d\r\n",
                                                "users.csv": b"\xef\xbb\xbfa\n", "courses.csv": None, "x.bin": b"\x00\x01"}, "1.1", "rules/P007.md"))
    for words in ("inside the folder `export/`", "holds `users.csv` twice", "CRLF", "byte-order mark", "`courses.csv` is left out",
                  "2 bytes of binary data"):
        assert words in blocks, words
    previous = "\n".join(docs.rules.patch_blocks({"(previous)": {"orgs.csv": "x\n"}, "(profile)": "strict"}, "1.1", "rules/Y001.md"))
    assert "last upload" in previous and "[`strict`](../reference/profiles.md#strict)" in previous


def test_every_file_has_a_page_with_every_column_in_order(pages):
    for version in VERSIONS:
        overview = pages[paths.files_index(version)]
        for table in load(version).tables.values():
            page = pages[paths.file_page(version, table.file)]
            assert page.startswith(f"# {table.file}\n")
            assert table.file in overview
            headings = [page.index(f"### {field.name} {{#{field.name}}}") for field in table.fields]
            assert headings == sorted(headings), table.file
            for field in table.fields:
                section = page[page.index(f"### {field.name} {{#{field.name}}}"):]
                section = section[: section.find("\n### ", 1) if "\n### " in section[1:] else len(section)]
                assert ("every row must have a value" in section) == field.required, (table.file, field.name)
                for value in field.vocabulary or ():
                    assert f"`{value}`" in section, (table.file, field.name, value)
                if field.pattern:
                    assert field.pattern in section, (table.file, field.name)
                if field.reference:
                    assert f"[{field.reference.file}]({field.reference.file.removesuffix('.csv')}.md)" in section, (table.file, field.name)
                if field.example is not None:
                    assert field.example in section


def test_file_pages_name_their_keys_and_the_rules_that_read_them(pages):
    users = pages[paths.file_page("1.1", "users.csv")]
    assert "**Primary key:** `sourcedId`" in users
    for code in ("R112", "R113", "R114"):
        assert f"[{code}](../../rules/{code}.md)" in users, code
    grades = users[users.index("### grades"):users.index("### password")]
    assert "[S006](../../rules/S006.md)" in grades and "[R204](../../rules/R204.md)" in grades
    enrollments = pages[paths.file_page("1.1", "enrollments.csv")]
    assert "[R109](../../rules/R109.md)" in enrollments
    classes = pages[paths.file_page("1.1", "classes.csv")]
    assert "[enrollments.csv](enrollments.md) | `classSourcedId`" in classes  # who points at classes.csv
    roles = pages[paths.file_page("1.2", "roles.csv")]
    assert "[R301](../../rules/R301.md)" in roles


def test_file_overview_draws_every_reference(pages):
    for version in VERSIONS:
        overview = pages[paths.files_index(version)]
        drawn, current = set(), None
        for line in re.search(r"```text\n(.*?)```", overview, re.S).group(1).splitlines():
            current = line.split()[0] if not line.startswith(" ") else current
            arrow = re.search(r"──▶ (\S+) \((.*)\)", line)
            if arrow:
                drawn |= {(current, arrow.group(1), name) for name in arrow.group(2).split(", ")}
        expected = {(t.file, f.reference.file, f.name) for t in load(version).tables.values() for f in t.fields if f.reference}
        assert drawn == expected, version


def test_cli_reference_lists_every_command_and_option(pages):
    page = pages[paths.CLI]
    group = cli_module.main
    ctx = click.Context(group, info_name="oneroster-lint")
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        section = page[page.index(f"## {name} {{#{name}}}"):]
        section = section[: section.find("\n## ", 1) if "\n## " in section[1:] else len(section)]
        for param in command.params:
            for opt in getattr(param, "opts", []):
                if opt.startswith("-"):
                    assert f"`{opt}`" in section, (name, opt)
        assert _plain(" ".join((command.help or "").split())[:50]) in _plain(section), name


def test_cli_reference_follows_new_commands():
    @click.group()
    def program():
        """A program."""

    @program.command("brand-new")
    @click.option("--level", type=click.Choice(["low", "high"]), default="low", help="How much.")
    def brand_new(level):
        """Do something new."""

    page = commands.page(program)
    assert "## brand-new {#brand-new}" in page and "`--level`" in page and "one of low, high" in page and "`low`" in page


def test_year_end_guide_comes_from_the_data(pages):
    data = json.loads((schemas_root() / "yearend.json").read_text(encoding="utf-8"))
    page = pages[paths.YEAREND]
    for status in data["schoolStatuses"]:
        assert f"**{status['name']}**" in page and status["meaning"][:40] in page
    for number, transition in enumerate(data["transitions"], 1):
        assert f"{number}. {transition['from']} → {transition['to']}: {transition['when']}" in page
    svg = page[page.index("<svg"):page.index("</svg>")]
    assert "://" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', ""), "the diagram must load nothing"
    for step in data["steps"]:
        assert f"**{step['name']}:**" in page
    for window in ("resume", "timeSensitive"):
        lead = data["leadTimes"][window]
        assert f"{lead['minBusinessDays']} to {lead['maxBusinessDays']} business days before" in page
    assert data["advice"]["pause"] in page and data["advice"]["freeze"] in page
    for name in ("diff", "freeze-impact", "plan"):
        assert f"[`oneroster-lint {name}`](../reference/cli.md#{name})" in page


def test_year_end_numbers_are_read_not_written():
    data = json.loads((schemas_root() / "yearend.json").read_text(encoding="utf-8"))
    changed = copy.deepcopy(data)
    changed["leadTimes"]["resume"].update(minBusinessDays=4, maxBusinessDays=9)
    changed["leadTimes"]["circuitBreakDelayDays"] = 2
    changed["transitions"].append({"from": "Paused", "to": "Frozen", "when": "the district asks for it"})
    page = yearend.page(changed)
    assert "4 to 9 business days before" in page and "4-9 business days" in page and "about 2 days" in page
    assert "Paused → Frozen: the district asks for it" in page and "Paused to Frozen" in page


def test_year_end_page_without_data_says_it_is_coming(monkeypatch, tmp_path):
    monkeypatch.setattr(yearend, "schemas_root", lambda: tmp_path)
    page = yearend.pages()[paths.YEAREND]
    assert "coming" in page and not re.search(r"\d", page)


def test_configuration_reference_comes_from_the_schema(pages, tmp_path):
    schema = json.loads(configuration.SCHEMA.read_text(encoding="utf-8"))
    page = pages[paths.CONFIGURATION]
    for name, node in schema["properties"].items():
        assert f"## `{name}`" in page, name
        if node.get("description"):
            assert _plain(node["description"]) in _plain(page)
        for value in node.get("enum", []):
            assert f'`"{value}"`' in page
    assert 'select = ["P", "S", "X"]' in page
    coming = configuration.pages(tmp_path / "missing.json")[paths.CONFIGURATION]
    assert "does not read a configuration file yet" in coming


def test_configuration_reference_renders_nested_settings():
    schema = {"title": "T", "type": "object", "$defs": {"level": {"enum": ["a", "b"], "default": "a", "description": "How loud."}},
              "properties": {"outer": {"type": "object", "properties": {"inner": {"$ref": "#/$defs/level"}}, "required": ["inner"]}}}
    page = configuration.page(schema)
    assert "## `outer.inner`" in page and '`"a"`, `"b"`' in page and "**Required:** yes" in page and "How loud." in page


def test_profiles_page_lists_every_profile(pages):
    page = pages[paths.PROFILES]
    for name in profile_names():
        profile = load_profile(name)
        assert f"## {profile.title} {{#{name}}}" in page
        if profile.circuit_break.deleted_share is not None:
            assert f"{profile.circuit_break.deleted_share:.0%}" in page


def test_navigation_holds_every_page_once(pages):
    nav = docs.expand_nav(yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))["nav"])
    listed = list(_nav_paths(nav))
    assert len(listed) == len(set(listed))
    assert set(listed) == set(pages) | {p.relative_to(REPO / "docs").as_posix() for p in HAND_WRITTEN}


def _nav_paths(item):
    if isinstance(item, str):
        yield item
    elif isinstance(item, list):
        for entry in item:
            yield from _nav_paths(entry)
    elif isinstance(item, dict):
        for value in item.values():
            yield from _nav_paths(value)


# --- hand-written pages against the tool ------------------------------------------------

def _command_lines() -> list[tuple[str, str]]:
    """Every `oneroster-lint ...` command in the hand-written pages' code blocks."""
    found = []
    for page in HAND_WRITTEN:
        for block in re.findall(r"```[a-z]*\n(.*?)```", page.read_text(encoding="utf-8"), re.S):
            for line in block.splitlines():
                match = re.match(r"\s*(?:[-$]\s+|run:\s+)?(oneroster-lint\s[^#|\n]*)", line)
                if match:
                    found.append((page.name, match.group(1).strip()))
    return found


def test_hand_written_commands_are_real():
    lines = _command_lines()
    assert len(lines) >= 10
    group = cli_module.main
    for page, line in lines:
        name, *rest = shlex.split(line)[1:]
        try:
            if name.startswith("-"):
                group.make_context("oneroster-lint", [name, *rest])
                continue
            ctx = click.Context(group, info_name="oneroster-lint", **group.context_settings)
            command = group.get_command(ctx, name)
            assert command is not None, f"docs/{page}: no command {name!r} in `{line}`"
            command.make_context(name, rest, parent=ctx)
        except click.exceptions.Exit as done:  # --version and --help print and stop
            assert done.exit_code == 0, (page, line)
        except click.UsageError as error:
            pytest.fail(f"docs/{page}: `{line}` is not a valid command: {error}")


def test_hand_written_yaml_is_valid():
    blocks = [block for page in HAND_WRITTEN for block in re.findall(r"```yaml\n(.*?)```", page.read_text(encoding="utf-8"), re.S)]
    assert len(blocks) >= 3
    for block in blocks:
        assert yaml.safe_load(block), block


def test_ci_page_matches_the_tool(tmp_path):
    page = (REPO / "docs" / "ci.md").read_text(encoding="utf-8")
    codes = {int(code) for code in re.findall(r"^\| (\d) \|", page, re.M)}
    assert codes == {cli_module.EXIT_CLEAN, cli_module.EXIT_FINDINGS, cli_module.EXIT_CANNOT_LINT} == {0, 1, 2}
    assert cli("check", EXAMPLES / "valid-1.1").exit_code == 0
    assert cli("check", EXAMPLES / "broken-1.1").exit_code == 1
    assert cli("check", tmp_path / "no-such-export").exit_code == 2
    documented = set(re.findall(r"^\| `([a-z]+)` \|", page, re.M))
    assert documented == set(FORMATS) - {"text"}, "the formats table in docs/ci.md must list exactly the report formats"
    assert not re.search(r"(sarif|annotation)[^.]*planned", page, re.I | re.S) or "sarif" not in FORMATS
    action = yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))
    usage = yaml.safe_load(re.search(r"```yaml\n(- uses: actions/checkout.*?)```", page, re.S).group(1))
    assert set(usage[1]["with"]) <= set(action["inputs"])
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert "- id: oneroster-lint" in page and any(hook["id"] == "oneroster-lint" for hook in hooks)
    assert cli("init", "--path", "exports/", cwd=tmp_path).exit_code == 0
    assert (tmp_path / ".github" / "workflows" / "oneroster-lint.yml").is_file() and (tmp_path / ".oneroster-lint.toml").is_file()


def test_mkdocs_config_is_strict_and_offline():
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    theme = config["theme"]
    assert config["strict"] is True and config["hooks"] == ["docs/hooks/reference.py"]
    assert theme["name"] == "material" and theme["font"] is False
    assert {"navigation.tabs", "content.code.copy"} <= set(theme["features"]) and "search" in config["plugins"]
    assert [p["scheme"] for p in theme["palette"]] == ["default", "slate"] and all("toggle" in p for p in theme["palette"])
    assert not any("://" in str(asset) for asset in config.get("extra_css", []) + config.get("extra_javascript", []))
    assert "repo_url" not in config  # material would ask api.github.com for stars


# --- the built site ---------------------------------------------------------------------

def test_strict_build_has_every_page_and_loads_nothing_from_the_internet(site):
    assert (site / "index.html").is_file() and (site / "search" / "search_index.json").is_file()
    for spec in SPECS:
        assert (site / "rules" / spec.code / "index.html").is_file(), spec.code
    for version in VERSIONS:
        for table in load(version).tables.values():
            assert (site / "files" / f"oneroster-{version}" / table.file.removesuffix(".csv") / "index.html").is_file()
    assert not (site / "hooks").exists()
    external = re.compile(r"""<(?:link|script|img|iframe)[^>]+(?:href|src)=["'](?:https?:)?//""", re.I)
    for html in site.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        assert not external.search(text), html
        assert "fonts.googleapis" not in text and "unpkg.com" not in text and 'class="mermaid"' not in text, html


def test_site_works_in_headless_chromium(site):
    require_chromium()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    requests: list[str] = []
    with served(site) as base, chromium() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 900}, color_scheme="light")
        page.set_default_timeout(30_000)
        page.on("request", lambda request: requests.append(request.url))

        page.goto(base)
        assert page.locator("h1").first.inner_text().rstrip("¶").strip() == "oneroster-lint"
        assert page.locator(".md-tabs__link", has_text="Rules").is_visible()
        page.screenshot(path=str(ARTIFACTS / "home.png"), full_page=True)

        page.locator(".md-tabs__link", has_text="Rules").click()
        page.wait_for_url(f"{base}rules/")
        page.locator("nav.md-nav--primary a.md-nav__link", has_text="R201 spreadsheet-date").click()
        page.wait_for_url(f"{base}rules/R201/")
        assert page.locator("h1").first.inner_text().startswith("R201 ")
        assert "looks re-saved by a spreadsheet" in page.locator(".report").first.inner_text()
        page.screenshot(path=str(ARTIFACTS / "rule-page.png"), full_page=True)

        page.locator(".md-search__input").click()
        page.keyboard.type("enrollments", delay=20)  # material searches as you type
        results = page.locator(".md-search-result__item")
        results.first.wait_for()
        assert results.count() > 0 and "enrollments" in results.first.inner_text().lower()
        page.screenshot(path=str(ARTIFACTS / "search.png"))
        page.keyboard.press("Escape")

        page.goto(f"{base}year-end/")
        page.get_by_title("Switch to dark mode").click()
        assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"
        assert page.locator(".yearend-diagram svg").is_visible()
        page.screenshot(path=str(ARTIFACTS / "year-end-dark.png"), full_page=True)
    outside = [url for url in requests if not url.startswith(base) and not url.startswith(("data:", "blob:"))]
    assert requests and not outside, f"requests left 127.0.0.1: {outside}"


def _plain(text: str) -> str:
    """Markdown escapes removed and whitespace collapsed, to compare prose."""
    return " ".join(re.sub(r"\\([\\`*_{}\[\]|#])", r"\1", text).replace("&lt;", "<").replace("&gt;", ">").split())
