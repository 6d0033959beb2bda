"""Moving in and out in the browser: a wiki comes in; a member who wrote on it claims
their imported contributor; an admin approves it from the move-in-and-out page, where the
exports are; the byline then names the member, and the revision page lists what the
import left out."""

from __future__ import annotations

import io

from playwright.sync_api import expect

from core.extensions import db
from tests.e2e.helpers import assert_accessible, browser_page, create_user, sign_in
from tests.transfer.conftest import dump_bytes, page_xml, revision_xml


def _seed(app) -> str:
    from transfer.importing import import_dump
    from transfer.models import Placeholder

    create_user(app, "rosa", role="admin", display_name="Rosa Admin")
    create_user(app, "wren", display_name="Wren Writer")
    with app.app_context():
        import_dump(io.BytesIO(dump_bytes(page_xml("Seed library", 1, [
            revision_xml(10, "A '''seed library''' lends seeds.{{Infobox library|name=Town}}",
                         user="WrenW"),
            revision_xml(11, "A '''seed library''' lends seeds to members.", ip="10.0.0.9",
                         stamp="2020-02-01T00:00:00Z")]))), commit=db.session.commit)
        return db.session.scalar(db.select(Placeholder).where(
            Placeholder.wiki_username == "WrenW")).user.username


def test_claim_an_imported_contributor_approved_by_an_admin(page, live_server, browser,
                                                             console):
    username = _seed(live_server.app)

    page.goto("/wiki/seed-library/revisions/1")
    page.get_by_text("1 template could not be converted").click()
    expect(page.locator(".import-note")).to_contain_text("{{Infobox library}}")
    assert_accessible(page, "an imported revision with its note")

    sign_in(page, "wren", next_path=f"/transfer/claim/{username}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Is “WrenW” you?")
    assert_accessible(page, "the claim form")
    page.get_by_label("How can an admin tell this was you?").fill("My wiki user page.")
    page.get_by_role("button", name="Ask for the credit").click()
    expect(page.get_by_role("status")).to_contain_text("Your claim is with the admins")

    with browser_page(browser, live_server, console) as admin:
        sign_in(admin, "rosa", next_path="/transfer/")
        expect(admin.get_by_role("heading", level=1)).to_have_text("Move in and out")
        expect(admin.get_by_role("link", name="Markdown (zip)")).to_be_visible()
        assert_accessible(admin, "the move-in-and-out page with a claim waiting")
        admin.get_by_role("button", name="Approve claim by wren").click()
        expect(admin.get_by_role("status")).to_contain_text("the credit has moved")

    page.goto("/wiki/seed-library")
    expect(page.locator(".byline")).to_contain_text("Wren Writer")
    expect(page.locator("footer")).to_contain_text("CC BY-SA 4.0")
