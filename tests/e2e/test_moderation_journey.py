"""An editor takes a private phone number out of an article and out of its history."""

import re

from playwright.sync_api import expect

from tests.e2e.helpers import assert_accessible, browser_page, create_user, sign_in

PHONE = "0151-555-0199"


def _article(app) -> dict:
    from sqlalchemy import select

    from core.extensions import db
    from core.models import User
    from editors import flags
    from wiki import saving

    with app.app_context():
        mina = db.session.scalar(select(User).where(User.username == "mina"))
        otto = db.session.scalar(select(User).where(User.username == "otto"))
        article = saving.create_article(
            mina, title="Home visits",
            body=f"Ring Otto at home on {PHONE} to book.\n\nWe visit on Tuesdays.").article
        flags.flag(otto, "article", article.id, "offensive", "My private number")
        db.session.commit()
        return {"slug": article.slug, "id": article.id}


def test_an_editor_removes_a_phone_number_from_the_history(page, live_server, browser,
                                                          console):
    app = live_server.app
    for username, role in (("mina", "member"), ("otto", "member"), ("edith", "editor")):
        create_user(app, username, role=role)
    article = _article(app)

    with browser_page(browser, live_server, console) as desk:
        sign_in(desk, "edith")
        desk.goto(f"/editors/flags/article/{article['id']}/edit")
        desk.get_by_label("Text", exact=True).fill("Ring the library to book.\n\n"
                                                    "We visit on Tuesdays.")
        desk.get_by_label("Remove the previous text from history").check()
        desk.get_by_label("Why", exact=True).fill("A private number")
        assert_accessible(desk, "the moderation edit with its history option")
        desk.get_by_role("button", name="Save the correction").click()
        expect(desk.get_by_role("status")).to_contain_text("correction is saved")
        desk.goto(f"/wiki/{article['slug']}/history")
        expect(desk.get_by_role("main")).to_contain_text("removed by an editor")
        assert_accessible(desk, "the history with a removed revision")

    # A reader sees that something was removed, never what.
    page.goto(f"/wiki/{article['slug']}/history")
    expect(page.get_by_role("main")).to_contain_text("removed by an editor")
    page.goto(f"/wiki/{article['slug']}/revisions/1")
    expect(page.get_by_role("main")).to_contain_text("removed from the history by an editor")
    expect(page.get_by_role("main")).not_to_contain_text(PHONE)
    assert_accessible(page, "a removed revision")
    console.allow(re.compile("403"))
    response = page.goto(f"/wiki/{article['slug']}/diff?from=1&to=2")
    assert response.status == 403
    expect(page.get_by_role("main")).not_to_contain_text(PHONE)
