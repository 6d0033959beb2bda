"""The editors' desk in a real browser: an editor features an article and a collection and
reorders them; a member flags an answer, an editor hides it, and it leaves the page and
search. axe-core checks the home page, collections and every editors' page on the way."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.e2e.helpers import assert_accessible, browser_page, create_user, sign_in

WORD = "quokkanomics"


def _content(app, *, spam: bool = False) -> dict:
    """An article and a solved thread written through the real services."""
    from sqlalchemy import select

    from community import answers, questions, services
    from core.extensions import db
    from core.models import User
    from wiki import saving

    with app.app_context():
        mina = db.session.scalar(select(User).where(User.username == "mina"))
        otto = db.session.scalar(select(User).where(User.username == "otto"))
        article = saving.create_article(mina, title="Starting a makerspace",
                                        body="We began with three printers and a sewing machine.",
                                        tags="makerspaces").article
        question = questions.ask(mina, title="How do you run a seed library?",
                                 body="We want to start one next spring.")
        answer = answers.answer(otto, question, "Start small, with donated seeds.")
        answers.accept(mina, answer)
        spam_id = None
        if spam:
            spammer = db.session.scalar(select(User).where(User.username == "spammer"))
            spam_id = answers.answer(spammer, question,
                                     f"Buy cheap {WORD} pills at our shop today!").id
        db.session.commit()
        return {"slug": article.slug, "question_url": services.question_url(question),
                "spam_id": spam_id}


def _people(app, *names: tuple[str, str]) -> None:
    for username, role in names:
        create_user(app, username, role=role,
                    display_name={"mina": "Mina Member", "otto": "Otto Other",
                                  "edith": "Edith Editor"}.get(username, ""))


def test_an_editor_features_an_article_and_a_collection_and_reorders_them(page, live_server,
                                                                        browser, console):
    app = live_server.app
    _people(app, ("mina", "member"), ("otto", "member"), ("edith", "editor"))
    content = _content(app)
    sign_in(page, "edith")

    # The account menu leads to the desk.
    page.get_by_role("navigation", name="Account").get_by_role("link", name="Editors",
                                                                   exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Editors' desk")
    assert_accessible(page, "the editors' desk")

    # A collection: two readings, an article and a solution, each with a note.
    page.get_by_role("navigation", name="Editors' desk").get_by_role(
        "link", name="Collections").click()
    assert_accessible(page, "the collections desk")
    page.get_by_role("link", name="New collection").click()
    assert_accessible(page, "the new collection form")
    page.get_by_label("Title", exact=True).fill("Starting a makerspace: two readings")
    page.get_by_label("Introduction", exact=True).fill(
        "For a library planning its *first* makerspace.")
    page.get_by_role("button", name="Make the collection").click()
    expect(page.get_by_role("status")).to_contain_text("The collection is made")
    for address, note in ((f"/wiki/{content['slug']}", "Start here."),
                          (content["question_url"], "Then how others did it.")):
        page.get_by_label("Article or solution to add").fill(address)
        page.get_by_label("Your note", exact=True).fill(note)
        page.get_by_role("button", name="Add to the collection").click()
        expect(page.get_by_role("status")).to_contain_text("Added to the collection")
    assert_accessible(page, "a collection being edited")

    # Feature the collection from its editing page...
    page.get_by_role("link", name="Feature it").click()
    expect(page.get_by_label("What to feature")).to_have_value(
        "/collections/starting-a-makerspace-two-readings")
    page.get_by_label("Blurb", exact=True).fill("Two readings for a first makerspace.")
    page.get_by_label("Icon", exact=True).select_option(label="Reading list")
    assert_accessible(page, "the feature form")
    page.get_by_role("button", name="Feature it").click()
    expect(page.get_by_role("status")).to_contain_text("is at position 1")

    # ...and the article from its page.
    page.goto(f"/wiki/{content['slug']}")
    page.get_by_role("link", name="Feature on the home page").click()
    page.get_by_label("Blurb", exact=True).fill("Three printers and a **sewing machine**.")
    page.get_by_label("Icon", exact=True).select_option(label="Tools")
    page.get_by_role("button", name="Feature it").click()
    expect(page.get_by_role("status")).to_contain_text("is at position 2")
    assert_accessible(page, "the featured desk")

    # On the home page, in the editors' order.
    page.goto("/")
    cards = page.locator(".feature-card h3")
    expect(cards).to_have_text(["Starting a makerspace: two readings",
                                "Starting a makerspace"])
    expect(page.locator(".feature-card").nth(1)).to_contain_text("sewing machine")

    # Move the article up, with the buttons (no JavaScript needed: a form per row).
    page.goto("/editors/featured")
    page.get_by_role("button", name="Move “Starting a makerspace” up").click()
    expect(page.get_by_role("status")).to_contain_text("Moved up.")
    expect(page.get_by_role("button", name="Move “Starting a makerspace” up")).to_be_disabled()
    page.goto("/")
    expect(cards).to_have_text(["Starting a makerspace",
                                "Starting a makerspace: two readings"])
    assert_accessible(page, "the home page with features, signed in")

    # A visitor sees the same, and the collection's own page.
    with browser_page(browser, live_server, console) as visitor:
        visitor.goto("/")
        expect(visitor.locator(".feature-card h3")).to_have_text(
            ["Starting a makerspace", "Starting a makerspace: two readings"])
        assert_accessible(visitor, "the home page for a visitor")
        visitor.get_by_role("link", name="Starting a makerspace: two readings").click()
        expect(visitor.get_by_role("heading", level=1)).to_have_text(
            "Starting a makerspace: two readings")
        expect(visitor.locator(".reading-note")).to_have_text(["Start here.",
                                                               "Then how others did it."])
        assert_accessible(visitor, "a collection's page")
        visitor.goto("/collections/")
        assert_accessible(visitor, "the list of collections")


def test_a_member_flags_an_answer_and_an_editor_hides_it(page, live_server, browser, console):
    app = live_server.app
    _people(app, ("mina", "member"), ("otto", "member"), ("edith", "editor"),
            ("spammer", "member"))
    content = _content(app, spam=True)

    # Search finds the spam while it is there.
    page.goto(f"/search?q={WORD}")
    expect(page.locator(".result")).to_have_count(1)

    # Otto flags the answer with its own Flag link, from the keyboard.
    sign_in(page, "otto")
    page.goto(content["question_url"])
    flag = page.get_by_role("link", name="Flag the answer by spammer")
    expect(flag).to_be_visible()
    flag.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Report a problem")
    expect(page.get_by_label(re.compile(r"^Answer by spammer"))).to_be_checked()
    page.get_by_label("Spam or advertising").check()
    page.get_by_label("Tell the editors more").fill("Selling pills.")
    assert_accessible(page, "the report form")
    page.get_by_role("button", name="Send to the editors").click()
    expect(page.get_by_role("status")).to_contain_text("the editors will look at it")
    expect(page).to_have_url(re.compile(rf"#answer-{content['spam_id']}$"))
    assert_accessible(page, "a thread with flag links")

    # Edith finds it among the flags and hides it, saying why.
    with browser_page(browser, live_server, console) as desk:
        sign_in(desk, "edith")
        desk.goto("/editors/flags")
        group = desk.locator(".flag-group", has_text="Selling pills.")
        expect(group).to_contain_text(WORD)
        assert_accessible(desk, "the flags page")
        desk.goto(f"/editors/flags/answer/{content['spam_id']}/edit")
        expect(desk.get_by_label("Text", exact=True)).to_have_value(re.compile(WORD))
        assert_accessible(desk, "the page for correcting flagged content")
        desk.goto("/editors/flags")
        group = desk.locator(".flag-group", has_text="Selling pills.")
        group.get_by_label("Why (for the audit log)").fill("Advertising")
        group.get_by_role("button", name=re.compile(r"^Hide")).click()
        expect(desk.get_by_role("status")).to_contain_text("Hidden")
        expect(desk.get_by_role("main")).to_contain_text("No open flags")
        desk.goto("/editors/flags?status=closed")
        expect(desk.locator(".flag-group", has_text="Selling pills.")).to_be_visible()
        assert_accessible(desk, "the closed flags")

        desk.goto("/editors/log")
        row = desk.locator("tbody tr").first
        expect(row).to_contain_text("Answer hidden")
        expect(row).to_contain_text("edith")
        expect(row).to_contain_text("Advertising")
        assert_accessible(desk, "the audit log")
        desk.goto("/editors/review")
        assert_accessible(desk, "the review queue")

    # The answer has left the thread and search.
    page.goto(content["question_url"])
    expect(page.get_by_role("main")).not_to_contain_text(WORD)
    expect(page.get_by_role("main")).to_contain_text("Start small, with donated seeds.")
    page.goto(f"/search?q={WORD}")
    expect(page.locator(".result")).to_have_count(0)


def test_an_admin_changes_a_role_from_the_profile_page(page, live_server, console):
    console.allow(r"status of 422")  # the form sent without a reason comes back with it
    app = live_server.app
    _people(app, ("mina", "member"), ("edith", "editor"))
    create_user(app, "adam", role="admin", display_name="Adam Admin")
    sign_in(page, "adam")
    page.goto("/users/mina")
    role = page.get_by_role("region", name="Role")
    expect(role).to_contain_text("Mina Member is a member.")
    assert_accessible(page, "a profile as an admin sees it")

    # Saying nothing is refused, with the reason asked for beside its field.
    role.get_by_label("New role").select_option(label="Editor")
    role.get_by_role("button", name="Change the role").click()
    expect(page.get_by_label("Why")).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_role("region", name="Role")).to_contain_text("Say why, for the audit log.")
    assert_accessible(page, "the role form with an error")

    page.get_by_label("New role").select_option(label="Editor")
    page.get_by_label("Why").fill("Runs the makerspace group")
    page.get_by_label("Why").press("Enter")
    expect(page.get_by_role("status")).to_contain_text("mina is now an editor")
    expect(page.get_by_role("region", name="Role")).to_contain_text("Mina Member is an editor.")

    page.goto("/editors/log")
    row = page.locator("tbody tr").first
    for text in ("Role changed", "adam", "mina", "member → editor", "Runs the makerspace group"):
        expect(row).to_contain_text(text)
