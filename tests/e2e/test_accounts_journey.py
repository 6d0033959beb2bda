"""A visitor joins, signs out, signs back in and finds their profile; and the keyboard way in."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.e2e.helpers import PASSWORD, register


def test_join_sign_out_sign_in_and_see_your_profile(page, live_server):
    register(page, "quiet_reader")

    expect(page).to_have_url(live_server("/settings"))
    expect(page.get_by_role("status")).to_contain_text("Welcome to Commonplace, quiet_reader")
    account = page.get_by_role("navigation", name="Account")
    account.get_by_role("button", name="Account").click()
    expect(account.get_by_role("link", name="quiet_reader")).to_be_visible()

    account.get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(live_server("/"))
    expect(page.get_by_role("status")).to_contain_text("You are signed out.")
    expect(account.get_by_role("link", name="Sign in")).to_be_visible()
    expect(account.get_by_role("link", name="quiet_reader")).to_have_count(0)

    page.goto("/login")
    page.get_by_label("Username or e-mail").fill("quiet_reader")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(live_server("/"))
    expect(page.get_by_role("status")).to_contain_text("Signed in as quiet_reader.")

    account.get_by_role("button", name="Account").click()
    account.get_by_role("link", name="quiet_reader").click()
    expect(page).to_have_url(live_server("/users/quiet_reader"))
    expect(page.get_by_role("heading", level=1)).to_have_text("quiet_reader")
    expect(page.get_by_role("main")).to_contain_text("@quiet_reader")


def test_first_tab_reaches_skip_link_which_moves_focus_to_main(page):
    page.goto("/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()  # shown on focus, not left off-screen

    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#main$"))
    expect(page.locator("main")).to_be_focused()
