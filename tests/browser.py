"""Headless Chromium for the browser tests: Debian's /usr/bin/chromium driven by Playwright,
never a downloaded browser, and the built site served on 127.0.0.1 only."""

from __future__ import annotations

import functools
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


def require_chromium() -> None:
    """Skip off Linux, where the browser tests do not run; fail on Linux when the browser or
    Playwright is missing, since CI installs both."""
    if not CHROMIUM.exists() and sys.platform != "linux":
        pytest.skip(f"no {CHROMIUM} on {sys.platform}: the browser tests run on Linux, with Debian's chromium")
    if not CHROMIUM.exists():
        pytest.fail(f"Debian's chromium is missing: install it with `apt-get install -y chromium` (the browser tests drive {CHROMIUM})")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        pytest.fail("Playwright for Python is missing: `pip install '.[test]'`; never `playwright install`")


@contextmanager
def chromium() -> Iterator[Any]:
    """A launched headless browser, closed afterwards."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@contextmanager
def served(folder: Path) -> Iterator[str]:
    """The folder served over HTTP on 127.0.0.1; yields its base address."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
