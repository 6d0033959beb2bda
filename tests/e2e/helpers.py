"""Steps and checks that several browser tests share."""

from __future__ import annotations

from contextlib import contextmanager
from functools import cache

import pytest

PASSWORD = "a quiet reading room 42"
BLOCKING_IMPACTS = ("serious", "critical")


@cache
def _axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


def axe_violations(page) -> list[dict]:
    """Run axe-core on the page as it is now and return its violations.

    axe is injected with `page.evaluate`, which runs through the DevTools protocol
    and is not subject to the page's Content-Security-Policy, so the site's CSP
    (script-src 'self') stays exactly as served.
    """
    return _axe().run(page).response["violations"]


def format_violations(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"[{violation['impact']}] {violation['id']}: {violation['help']}")
        lines.append(f"    {violation['helpUrl']}")
        for node in violation["nodes"]:
            lines.append(f"    at {' '.join(map(str, node['target']))}")
            lines.append(f"       {node['html'][:200]}")
            summary = (node.get("failureSummary") or "").replace("\n", "\n         ")
            if summary:
                lines.append(f"       {summary}")
    return "\n".join(lines)


def assert_accessible(page, what: str = "") -> None:
    """Fail if axe-core finds any violation of impact serious or critical."""
    blocking = [v for v in axe_violations(page) if v["impact"] in BLOCKING_IMPACTS]
    if blocking:
        pytest.fail(f"axe-core found {len(blocking)} serious or critical problem(s) on "
                    f"{what or page.url}:\n{format_violations(blocking)}", pytrace=False)


def register(page, username: str, password: str = PASSWORD, email: str | None = None) -> None:
    """Join through the /register form, as a visitor would."""
    page.goto("/register")
    page.get_by_label("Username").fill(username)
    page.get_by_label("E-mail").fill(email or f"{username}@example.org")
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_label("Confirm password").fill(password)
    page.get_by_role("button", name="Create my account").click()


def create_user(app, username: str, role: str = "member", **profile) -> None:
    """A member made directly through the accounts service, in the live server's database."""
    from core import accounts
    from core.extensions import db

    with app.app_context():
        accounts.register(username, f"{username}@example.org", PASSWORD, role=role, **profile)
        db.session.commit()


def sign_in(page, login: str, password: str = PASSWORD, next_path: str | None = None) -> None:
    """Sign in through the /login form and wait for the welcome message."""
    from urllib.parse import urlencode

    from playwright.sync_api import expect

    page.goto("/login" + (f"?{urlencode({'next': next_path})}" if next_path else ""))
    page.get_by_label("Username or e-mail").fill(login)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("main").get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("status")).to_contain_text("Signed in as")


@contextmanager
def browser_page(browser, live_server, console, **context_options):
    """A page in a browser profile of its own (another member, or special options), with
    its console errors recorded in `console` as the `page` fixture's are."""
    from tests.e2e.conftest import TIMEOUT_MS

    context = browser.new_context(base_url=live_server.url,
                                  viewport={"width": 1280, "height": 900}, **context_options)
    context.set_default_timeout(TIMEOUT_MS)
    try:
        page = context.new_page()
        page.on("console", console.on_console)
        page.on("pageerror", console.on_page_error)
        yield page
    finally:
        context.close()
