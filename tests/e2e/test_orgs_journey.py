"""Organisations in the browser: a member adds a branch of their library and claims an
affiliation with the library; the library's admin approves it; the member's byline names
the library, and the consortium's page shows the library and the member's article."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from core import accounts
from core.extensions import db
from tests.e2e.helpers import assert_accessible, browser_page, create_user, sign_in

CONSORTIUM = "Fenland Libraries Network"
LIBRARY = "Fen Town Library"
BRANCH = "Marsh End Branch"
ARTICLE = "Seed libraries in a small branch"


def _seed(app) -> None:
    """The consortium and its member library, Oz the library's admin, and Mo's article."""
    from orgs import affiliations, consortia
    from orgs import organisations as registry
    from wiki import saving

    create_user(app, "eda", role="editor", display_name="Eda Editor")
    create_user(app, "ozzy", display_name="Oz Organiser")
    create_user(app, "momo", display_name="Mo Member", sector="public")
    with app.app_context():
        editor = accounts.get_by_username("eda")
        consortium = registry.create_organisation(editor, registry.clean_details(
            name=CONSORTIUM, kind="consortium", sectors="public", country="GB"))
        library = registry.create_organisation(editor, registry.clean_details(
            name=LIBRARY, kind="library", sectors="public", country="GB", isil="GB-FenTL"))
        consortia.add_member(editor, consortium, library, "member")
        admin = affiliations.claim(accounts.get_by_username("ozzy"), library, "manager")
        affiliations.approve(editor, admin)
        affiliations.set_admin(editor, admin, True)
        saving.create_article(accounts.get_by_username("momo"), title=ARTICLE,
                              body="Packets of seeds lent like books.", tags="seeds")
        db.session.commit()


def test_add_a_branch_claim_an_affiliation_approved_by_the_librarys_admin(
        page, live_server, browser, console):
    _seed(live_server.app)

    # Mo adds a branch of the library; it shows as unverified.
    sign_in(page, "momo", next_path="/orgs/new")
    assert_accessible(page, "the new organisation form")
    page.get_by_label("Name").fill(BRANCH)
    page.get_by_label("Kind").select_option("library")
    page.get_by_label("Public library").check()
    page.get_by_label("Country").select_option("GB")
    page.get_by_label("Part of").fill("GB-FenTL")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_contain_text("The organisation is added")
    expect(page.get_by_role("heading", level=1)).to_have_text(BRANCH)
    expect(page.get_by_role("main")).to_contain_text("Unverified")

    # Mo claims an affiliation with the library, shown in bylines.
    page.get_by_role("main").get_by_role("link", name=LIBRARY).first.click()
    page.get_by_text("I work here").click()
    page.get_by_label("Your role").select_option("staff")
    page.get_by_label("Show it next to my name in bylines").check()
    page.get_by_role("button", name="Claim the affiliation").click()
    expect(page.get_by_role("status")).to_contain_text("waits for one of its admins")
    library_path = page.url.removeprefix(live_server.url)

    # The library's admin approves it.
    with browser_page(browser, live_server, console) as admin:
        sign_in(admin, "ozzy", next_path=library_path)
        assert_accessible(admin, "an organisation's page with a claim waiting")
        admin.get_by_role("button", name="Approve Mo Member").click()
        expect(admin.get_by_role("status")).to_contain_text("Affiliation approved")

    # The byline names the library; the consortium's page shows it and Mo's article.
    page.goto("/users/momo")
    page.get_by_role("main").get_by_role("link", name=ARTICLE).first.click()
    expect(page.locator(".byline")).to_contain_text(f"Mo Member ({LIBRARY})")
    page.goto("/orgs/fenland-libraries-network")
    main = page.get_by_role("main")
    expect(main.get_by_role("link", name=LIBRARY)).to_be_visible()
    expect(main.get_by_role("link", name=ARTICLE)).to_be_visible()
    assert_accessible(page, "a consortium's page")
    page.get_by_role("link", name=re.compile("^Search the articles and solutions")).click()
    expect(page.get_by_role("main").get_by_role("link", name=ARTICLE)).to_be_visible()
    expect(page.locator("#org-filter")).to_contain_text(CONSORTIUM)
