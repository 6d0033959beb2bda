"""A community chat in the browser: the host schedules it, releases a prompt, two members
reply and each sees the other's reply arrive without reloading (announced politely), the
host closes it and writes a summary quoting a reply, and search finds it. axe checks every
new page, the live one with replies arriving."""

from __future__ import annotations

from datetime import datetime

from playwright.sync_api import expect

from tests.e2e.helpers import assert_accessible, browser_page, create_user, sign_in

TITLE = "Seed libraries after the first season"


def test_schedule_release_reply_live_close_and_summarise(page, live_server, browser, console):
    app = live_server.app
    create_user(app, "hana", role="editor", display_name="Hana Host")
    create_user(app, "ria", display_name="Ria Reader")
    create_user(app, "sam", display_name="Sam Shelver")
    app.config["CHATS_NOW"] = datetime(2030, 6, 1, 12, 0)

    # The host schedules it.
    sign_in(page, "hana")
    page.goto("/chats/new")
    assert_accessible(page, "the form that schedules a chat")
    page.get_by_label("Title", exact=True).fill(TITLE)
    page.get_by_label("Short name (hashtag)").fill("seedchat")
    page.get_by_label("Time zone").fill("Europe/London")
    page.get_by_label("Starts", exact=True).fill("2030-06-10T19:00")
    page.get_by_label("Ends", exact=True).fill("2030-06-10T20:00")
    page.get_by_label("Prompts", exact=True).fill(
        "Q1 – What grew best?\nQ2 – What would you change?")
    page.get_by_role("button", name="Schedule").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.get_by_role("main")).to_contain_text("Monday 10 June 2030, 19:00–20:00 BST")
    chat_path = page.url.removeprefix(live_server.url)
    page.goto("/chats/")
    assert_accessible(page, "the list of chats")

    # It starts; the host releases Q1.
    app.config["CHATS_NOW"] = datetime(2030, 6, 10, 18, 5)  # 19:05 in London
    page.goto(chat_path)
    page.get_by_role("button", name="Release Q1").click()
    expect(page.get_by_role("heading", name="Q1")).to_be_visible()

    with browser_page(browser, live_server, console) as ria, \
            browser_page(browser, live_server, console) as sam:
        for who, name in ((ria, "ria"), (sam, "sam")):
            sign_in(who, name)
            who.goto(chat_path)
        expect(sam.get_by_text("What grew best?")).to_be_visible()
        assert_accessible(sam, "the live chat page")

        # Ria answers (a plain form post); Sam's page shows it without a reload.
        ria.get_by_label("Your answer to Q1").fill("Runner beans, by a mile.")
        ria.get_by_role("button", name="Send").last.click()
        expect(ria.locator(".chat-reply").filter(has_text="Runner beans")).to_be_visible()
        arrived = sam.locator("#chat-news")
        expect(sam.locator(".chat-reply").filter(has_text="Runner beans")).to_be_visible()
        expect(arrived).to_have_text("1 new reply.")
        assert_accessible(sam, "the live chat page with a reply that arrived")

        # Sam replies to Ria's reply; it arrives on Ria's page under hers.
        sam.locator(".chat-reply summary").filter(has_text="Reply").first.click()
        sam.get_by_label("Your reply to Ria Reader").fill("Same here: **beans** everywhere.")
        sam.locator(".chat-reply details form").first.get_by_role("button", name="Send").click()
        expect(ria.locator(".chat-children .chat-reply").filter(
            has_text="beans everywhere")).to_be_visible()
        expect(ria.locator("#chat-news")).to_have_text("1 new reply.")
        assert_accessible(ria, "the live chat page with a reply to a reply")

    # The host closes it and writes the summary, quoting Ria.
    page.goto(chat_path)
    page.get_by_role("button", name="Close the chat now").click()
    page.get_by_role("link", name="Write the summary").click()
    assert_accessible(page, "the summary form")
    page.get_by_label("Overview").fill("Beans won; next year we label the packets better.")
    page.get_by_label("Synthesis of Q1").fill("Easy crops first.")
    page.get_by_label("Ria Reader: Runner beans, by a mile.").check()
    page.get_by_role("button", name="Save the summary").click()
    summary = page.locator("#summary")
    expect(summary).to_contain_text("Beans won")
    expect(summary.locator("blockquote")).to_contain_text("Runner beans")
    expect(summary.locator("blockquote")).to_contain_text("Ria Reader")
    assert_accessible(page, "the archive of a chat with its summary")

    # Search finds it.
    page.goto("/search?q=runner+beans&type=chat")
    expect(page.get_by_role("main").get_by_role("link", name=TITLE)).to_be_visible()
    page.goto("/chats/agenda")
    assert_accessible(page, "the open agenda")
    page.goto("/chats/hosts")
    assert_accessible(page, "the chat hosts page")
    page.goto("/chats/import")
    page.get_by_label("Summary or CSV transcript").fill(
        "Chat summary: seed swaps\nQ1 – What do you swap?\n  • Tomato seeds. — @grower")
    page.get_by_role("button", name="Preview").click()
    expect(page.get_by_role("heading", name="Preview: Seed swaps")).to_be_visible()
    assert_accessible(page, "the import form with its preview")
    page.get_by_role("button", name="Import it").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Seed swaps")
    expect(page.get_by_role("main")).to_contain_text("@grower")
