"""Across sectors in the browser: a reader opens an academic article, follows a public
library's practice from "From other sectors"; a member posts a partnership and another
replies to it privately; a lead author marks an article checked. axe on each new page."""

from __future__ import annotations

from playwright.sync_api import expect

from core import accounts
from core.extensions import db
from tests.e2e.helpers import assert_accessible, browser_page, create_user, sign_in

ACADEMIC = "Information literacy sessions for first-year undergraduates"
PUBLIC = "Information literacy workshops for adult learners at the branch"


def _seed(app) -> None:
    from sectors import matches
    from wiki import saving

    create_user(app, "ada", display_name="Ada Academic", sector="academic")
    create_user(app, "pat", display_name="Pat Public", sector="public")
    create_user(app, "sol", display_name="Sol School", sector="school")
    with app.app_context():
        academic = saving.create_article(
            accounts.get_by_username("ada"), title=ACADEMIC, sectors=["academic"],
            body="Evaluating sources, citing sources and search strategies, with a source "
                 "evaluation checklist in the first-year seminar.").article
        saving.create_article(
            accounts.get_by_username("pat"), title=PUBLIC, sectors=["public"],
            body="Evaluating sources and search strategies for adult learners, with a "
                 "source evaluation checklist and a session on citing sources.")
        db.session.commit()
        matches.compute("article", academic.id)  # the job's work, done before the visit
        db.session.commit()


def test_from_other_sectors_partnerships_and_checking(page, live_server, browser, console):
    _seed(live_server.app)

    # A reader opens the academic article and follows the public library's practice.
    page.goto("/wiki/" + ACADEMIC.lower().replace(" ", "-"))
    section = page.get_by_role("region", name="From other sectors")
    expect(section).to_contain_text("Public library:")
    assert_accessible(page, "an article with its From other sectors section")
    section.get_by_role("link", name=PUBLIC).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(PUBLIC)

    # Pat posts a partnership.
    sign_in(page, "pat", next_path="/partners/new")
    assert_accessible(page, "the new partnership form")
    page.get_by_label("What is the project?").fill("Information literacy with a school")
    page.get_by_label("Tell possible partners about it").fill(
        "We run workshops for adults and would like to work with a school library.")
    page.get_by_label("Where (a region or town)").fill("Northshire")
    page.get_by_label("School library").check()
    page.get_by_label("Topic (one tag)").fill("information-literacy")
    page.get_by_role("button", name="Post it").click()
    expect(page.get_by_role("status")).to_contain_text("Your post is on the board")
    post_path = page.url.removeprefix(live_server.url)
    assert_accessible(page, "a partnership post")

    # Sol replies privately; Pat reads it, a visitor does not.
    with browser_page(browser, live_server, console) as other:
        sign_in(other, "sol", next_path="/partners/")
        assert_accessible(other, "the partnerships board")
        other.get_by_role("link", name="Information literacy with a school").click()
        other.get_by_label("Your reply").fill("Our year 9 classes would join in spring.")
        other.get_by_role("button", name="Send reply").click()
        expect(other.get_by_role("status")).to_contain_text("sent to the poster")
    page.goto(post_path)
    expect(page.get_by_role("main")).to_contain_text("Our year 9 classes would join in spring.")
    with browser_page(browser, live_server, console) as visitor:
        visitor.goto(post_path)
        expect(visitor.get_by_role("main")).not_to_contain_text("Our year 9 classes")

    # Pat, a lead author, marks the public article checked.
    page.goto("/wiki/" + PUBLIC.lower().replace(" ", "-"))
    page.get_by_role("link", name="Mark checked or change the date").click()
    assert_accessible(page, "the check page")
    page.get_by_label("Note (optional)").fill("Booking links still work.")
    page.get_by_role("button", name="Mark as checked").click()
    expect(page.get_by_role("status")).to_contain_text("Marked as checked")
    expect(page.get_by_role("main")).to_contain_text("Last checked by Pat Public")
