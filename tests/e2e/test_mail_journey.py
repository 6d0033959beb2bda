"""Forgot the password: ask on /login, read the captured mail, set a new password, sign in;
and the notification settings, all axe clean (every impact) and whole at 320 px."""

from __future__ import annotations

import email
import re
from email.policy import default
from pathlib import Path

from playwright.sync_api import expect

from tests.e2e.helpers import axe_violations, create_user, format_violations, sign_in

NEW_PASSWORD = "the stacks at midnight 7"


def _no_violations(page) -> None:
    violations = axe_violations(page)
    assert not violations, f"{page.url}:\n{format_violations(violations)}"


def _reset_mail(mail_dir: Path):
    for path in sorted(mail_dir.glob("*.eml")):
        message = email.message_from_bytes(path.read_bytes(), policy=default)
        if "password" in message["Subject"]:
            return message
    raise AssertionError(f"no reset mail in {list(mail_dir.iterdir())}")


def test_forgot_password_read_the_mail_set_a_new_one_and_sign_in(page, live_server, console):
    from jobs import huey_of

    console.allow(r"status of 410")  # the used link, at the end
    huey_of(live_server.app).immediate = True  # mail is written as it is queued
    create_user(live_server.app, "wren")
    page.goto("/login")
    page.get_by_role("link", name="Forgot your password?").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Forgotten password")
    _no_violations(page)
    page.get_by_label("Your account's e-mail address").fill("wren@example.org")
    page.get_by_role("button", name="Send me a link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your e-mail")
    _no_violations(page)

    message = _reset_mail(Path(live_server.app.config["MAIL_DIR"]))
    text = message.get_body(("plain",)).get_content()
    link = re.search(r"https?://\S+(/password/reset/\S+)", text).group(1)
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Set a new password")
    _no_violations(page)
    page.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("Confirm new password").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Set password").click()
    expect(page.get_by_role("status")).to_contain_text("Your password is changed")
    sign_in(page, "wren", NEW_PASSWORD)

    page.goto(link)  # once only
    expect(page.get_by_role("heading", level=1)).to_have_text("This link no longer works")
    _no_violations(page)


def test_mail_settings_pages_are_accessible_and_fit_a_phone(page, live_server):
    create_user(live_server.app, "wren")
    sign_in(page, "wren")
    page.set_viewport_size({"width": 320, "height": 900})  # 1280 px: tests/e2e/test_look.py
    for path in ("/settings/notifications", "/settings/email", "/settings"):
        page.goto(path)
        _no_violations(page)
        sideways = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        assert sideways <= 0, f"{path} scrolls {sideways} px sideways at 320 px"
    page.get_by_role("link", name="Choose how you hear of answers, mentions and digests").click()
    page.get_by_role("group", name="Mentions of me").get_by_label("Off").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_contain_text("Your notification settings are saved")
    expect(page.get_by_role("group", name="Mentions of me").get_by_label("Off")).to_be_checked()


def test_the_xss_corpus_in_a_digest_runs_nothing_in_the_browser(browser, live_server, console):
    """Every vector of the shared corpus as titles, notes and the member's name in a digest's
    HTML part, opened in Chromium with the trap of tests/e2e/helpers.py: nothing runs."""
    from mail.compose import build
    from tests.e2e.helpers import xss_probe, xss_vectors

    payloads = xss_vectors()
    app = live_server.app
    items = [{"title": payload, "url": "http://127.0.0.1:5000/questions/1",
              "note": payload[:80]} for payload in payloads]
    with app.test_request_context():
        raw = build(to="mina@example.org", name=payloads[0], subject=payloads[1],
                    template="digest", message_id="<digest@example.org>",
                    user={"name": payloads[2], "username": "mina"},
                    sections={"solutions": items, "unanswered": [], "news": items[:20],
                              "articles": [], "elsewhere": []}, frequency="weekly",
                    preferences_url="http://127.0.0.1:5000/settings/notifications",
                    unsubscribe_url="http://127.0.0.1:5000/unsubscribe/x")
    html = email.message_from_string(raw, policy=default).get_body(("html",)).get_content()
    app.add_url_rule("/digest-as-mailed", "digest_as_mailed", lambda: html)
    with xss_probe(browser, live_server, console) as probe:
        probe.visit("/digest-as-mailed")
        probe.assert_clean()
    assert not console.unexpected(), console.unexpected()
