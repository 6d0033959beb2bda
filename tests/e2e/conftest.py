"""Browser fixtures: the real app served on 127.0.0.1, driven by Debian's Chromium.

Every test gets a server of its own (built with `tests.conftest.make_app`, so on
the same database as the rest of the suite: a fresh SQLite file, or the run's
PostgreSQL schema, emptied afterwards) and a fresh browser context; a module whose
tests only read shares one server, seeded once (`module_server`). CSRF and rate
limits stay on: the browser sends the tokens itself.

A page that logs a console error or throws fails its test; Chromium reports a
Content-Security-Policy violation as a console error, so the site must keep to
its own policy. Tests that provoke an error on purpose say so with
`console.allow(pattern)`.

Without /usr/bin/chromium the tests are skipped, except under CI (CI=true),
where they fail: CI must prove that the browser tests ran. (The playwright and
axe-playwright-python packages are dev dependencies, like pytest itself.)
"""

from __future__ import annotations

import contextlib
import os
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from flask import Flask
from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server

from tests.conftest import empty_database, make_app

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-quic", "--no-first-run", "--disable-sync",
]
E2E_DIR = Path(__file__).resolve().parent
# How long a page may take to show what a test waits for. A missing element costs this
# once, a passing test nothing; 5 s was too short when both databases' suites (and so
# two Chromiums) share two busy cores. E2E_TIMEOUT_MS changes it.
TIMEOUT_MS = int(os.environ.get("E2E_TIMEOUT_MS") or 20_000)


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def _missing_browser() -> str | None:
    """Why the browser tests cannot run here, or None if they can."""
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is not installed (apt-get install chromium)"
    return None


def pytest_collection_modifyitems(config, items) -> None:
    reason = _missing_browser()
    for item in items:
        if E2E_DIR not in Path(str(item.path)).resolve().parents:
            continue
        item.add_marker(pytest.mark.e2e)
        if reason and not in_ci():
            item.add_marker(pytest.mark.skip(reason=f"browser tests skipped: {reason}"))


# --- the server ---------------------------------------------------------------------


class _QuietHandler(WSGIRequestHandler):
    """Werkzeug's handler without a log line per request (errors are still logged)."""

    def log_request(self, code="-", size="-") -> None:
        pass


# The browser keeps the site's static files for the length of a test's browser profile
# instead of asking for each again on every page (a 304 each, served by the same Python
# process as the pages): nginx serves static/ in production, with its own headers.
SERVER_CONFIG = {"SEND_FILE_MAX_AGE_DEFAULT": 3600}


@dataclass
class LiveServer:
    app: Flask
    url: str

    def __call__(self, path: str = "/") -> str:
        return self.url + path


@contextlib.contextmanager
def serving(app: Flask) -> Iterator[LiveServer]:
    """`app` served by a real threaded server on a free port of 127.0.0.1; its database
    is emptied when the server stops."""
    server: BaseWSGIServer = make_server("127.0.0.1", 0, app, threaded=True,
                                         request_handler=_QuietHandler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                              name="e2e-live-server", daemon=True)
    thread.start()
    try:
        yield LiveServer(app=app, url=f"http://127.0.0.1:{server.server_port}")
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
        empty_database(app)


@pytest.fixture
def live_server(tmp_path, pg_schema, live_database) -> Iterator[LiveServer]:
    """The app served by a real threaded server on a free port of 127.0.0.1: a server and
    an empty database of the test's own."""
    with serving(make_app(tmp_path, pg_schema, **SERVER_CONFIG, **live_database())) as server:
        yield server


@pytest.fixture(scope="module")
def module_server(tmp_path_factory, pg_schema) -> Iterator[LiveServer]:
    """One server (and database) for a whole module, for modules whose tests only read
    what the module seeded once: such a module says so with

        @pytest.fixture(scope="module")
        def live_server(module_server):
            seed(module_server.app)
            return module_server

    Each test still gets a fresh browser context (no cookies) and page."""
    app = make_app(tmp_path_factory.mktemp("e2e-module"), pg_schema, **SERVER_CONFIG)
    with serving(app) as server:
        yield server


# --- the browser --------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser():
    reason = _missing_browser()
    if reason:
        # Only reached under CI: elsewhere the tests were marked skip at collection.
        pytest.fail(f"browser tests cannot run, and CI must run them: {reason}")
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=TIMEOUT_MS)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM),
                                              args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@dataclass
class ConsoleWatch:
    """Console errors and uncaught exceptions seen on a page."""

    errors: list[str] = field(default_factory=list)
    allowed: list[re.Pattern] = field(default_factory=list)

    def allow(self, pattern: str) -> None:
        """Expect an error matching `pattern` (e.g. a page that is meant to 404)."""
        self.allowed.append(re.compile(pattern))

    def on_console(self, message) -> None:
        if message.type == "error":
            location = message.location or {}
            self.errors.append(f"console error: {message.text} "
                               f"(at {location.get('url', '?')}:{location.get('lineNumber', '?')})")

    def on_page_error(self, error) -> None:
        self.errors.append(f"page error: {error}")

    def unexpected(self) -> list[str]:
        return [e for e in self.errors if not any(p.search(e) for p in self.allowed)]


@pytest.fixture
def console() -> ConsoleWatch:
    return ConsoleWatch()


@pytest.fixture
def context(browser, live_server: LiveServer):
    """A fresh browser profile (no cookies) whose relative URLs go to the live server."""
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    try:
        yield context
    finally:
        context.close()


@pytest.fixture
def page(context, console: ConsoleWatch):
    page = context.new_page()
    page.on("console", console.on_console)
    page.on("pageerror", console.on_page_error)
    yield page
    problems = console.unexpected()
    if problems:
        pytest.fail("the page logged errors (a CSP violation shows up here too):\n  "
                    + "\n  ".join(problems), pytrace=False)
