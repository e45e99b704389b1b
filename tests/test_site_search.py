"""The help pages for vendors' words and SIS how-tos: the codes they name are the registry's,
linked to their generated pages and never restated; the SIS pages carry their sources and link
to the year-end guide; and the site's own search, in headless Chromium, finds the vendor
messages page first for the phrases vendors write."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from linter.catalogue import all_specs
from tests.browser import chromium, require_chromium, served
from tests.conftest import REPO

DOCS = REPO / "docs"
VENDOR_MESSAGES = DOCS / "vendor-messages.md"
SIS_PAGES = sorted((DOCS / "sis").glob("*.md"))
SPECS = {spec.code: spec for spec in all_specs()}
# What vendors write, and the search a district types; the page must come first for each.
PHRASES = ["held for review", "threshold error", "file not found in zip", "invalid header", "duplicate sourcedId",
           "missing required field", "orphaned enrollment"]


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def test_vendor_messages_names_registered_codes_by_link_only():
    page = _text(VENDOR_MESSAGES)
    named = set(re.findall(r"\b([PSXRY]\d{3})\b", page))
    assert len(named) >= 20 and named <= set(SPECS), named - set(SPECS)
    linked = set(re.findall(r"\[([PSXRY]\d{3})\]\(rules/\1\.md\)", page))
    assert linked == named, f"every code is a link to its rule page: {sorted(named - linked)}"
    for code in named:  # the rule page says what the code is; this page does not repeat it
        for words in (SPECS[code].title, SPECS[code].fix):
            assert words[:50] not in page, (code, words)


def test_vendor_messages_puts_the_phrases_in_headings_and_is_boosted():
    page = _text(VENDOR_MESSAGES)
    assert page.startswith("---\nsearch:\n  boost: 2\n---\n")
    headings = "\n".join(line for line in page.splitlines() if line.startswith("## ")).lower()
    for phrase in PHRASES:
        assert phrase.lower() in headings, phrase


def test_sis_pages_cite_their_sources_and_link_the_year_end_guide():
    assert {page.stem for page in SIS_PAGES} >= {"index", "infinite-campus", "powerschool", "skyward", "aeries", "synergy"}
    index = _text(DOCS / "sis" / "index.md")
    for page in SIS_PAGES:
        text = _text(page)
        assert "(../year-end/index.md)" in text, page.name
        if page.stem != "index":
            assert f"({page.name})" in index, page.name
            sources = re.findall(r"\]\((https://[^)\s]+)\)", text)
            assert sources, f"{page.name} states SIS facts without a public source"
            assert "Where the OneRoster export lives" in text and "Pause and resume" in text, page.name
    ic = _text(DOCS / "sis" / "infinite-campus.md")
    assert "Enable scheduled export" in ic
    # The year-end numbers are the year-end guide's, read from data: no lead time is restated here.
    for page in SIS_PAGES:
        assert not re.search(r"\b\d+\s*[–-]\s*\d+\s+business days\b", _text(page)), page.name


# --- the built site's search, in a real browser -------------------------------------------

@pytest.fixture(scope="module")
def site(built_site) -> Path:
    return built_site


def test_site_search_finds_the_vendor_messages_page_first(site):
    require_chromium()
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    assert (site / "vendor-messages" / "index.html").is_file()
    with served(site) as base, chromium() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.set_default_timeout(30_000)
        page.goto(base)
        search = page.locator(".md-search__input")
        for phrase in PHRASES:
            search.click()
            search.fill("")
            page.keyboard.type(phrase, delay=10)  # material searches as you type
            first = page.locator(".md-search-result__item").first
            # The result list settles once the last keystroke's query ran: wait for the whole phrase.
            page.wait_for_function("q => document.querySelector('.md-search__input').value === q", arg=phrase)
            first.wait_for()
            try:  # results can lag the last keystroke: give the page's first result time to settle
                page.wait_for_function(
                    """() => { const a = document.querySelector('.md-search-result__item a');
                               return a && a.getAttribute('href').includes('vendor-messages/'); }""", timeout=10_000)
            except PlaywrightTimeout:
                pass  # the assertion below names what came first instead
            href = first.locator("a").first.get_attribute("href")
            assert "vendor-messages/" in href, (phrase, href)
            page.keyboard.press("Escape")
