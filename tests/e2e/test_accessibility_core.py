"""axe-core finds no serious or critical problem on the core pages, errors included."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from core import accounts
from core.extensions import db
from tests.e2e.helpers import PASSWORD, assert_accessible


@pytest.mark.parametrize("path", ["/", "/register", "/login"])
def test_core_page_has_no_serious_accessibility_problems(page, path):
    page.goto(path)
    assert_accessible(page)


def test_profile_has_no_serious_accessibility_problems(page, live_server):
    with live_server.app.app_context():
        accounts.register("rosa", "rosa@example.org", PASSWORD, role="editor",
                          display_name="Rosa Reference", library="Harbour Public Library",
                          sector="public", bio="Reference desk, local history.\nAsk me anything.")
        db.session.commit()
    page.goto("/users/rosa")
    expect(page.get_by_role("heading", level=1)).to_have_text("Rosa Reference")
    assert_accessible(page)


def test_login_error_has_no_serious_accessibility_problems(page, live_server):
    with live_server.app.app_context():
        accounts.register("rosa", "rosa@example.org", PASSWORD)
        db.session.commit()
    page.goto("/login")
    page.get_by_label("Username or e-mail").fill("rosa")
    page.get_by_label("Password", exact=True).fill("not the right password")
    page.get_by_role("main").get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("main")).to_contain_text("do not match an account")
    assert_accessible(page, "the login page showing an error")


def test_register_field_errors_have_no_serious_accessibility_problems(page):
    page.goto("/register")
    page.get_by_label("Username").fill("x")
    page.get_by_label("Password", exact=True).fill("short")
    page.get_by_label("Confirm password").fill("different")
    page.get_by_role("button", name="Create my account").click()
    expect(page.locator(".field-error")).not_to_have_count(0)
    expect(page.get_by_label("Confirm password")).to_have_attribute("aria-invalid", "true")
    assert_accessible(page, "the register page showing field errors")
