"""Steps and checks that several browser tests share."""

from __future__ import annotations

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
