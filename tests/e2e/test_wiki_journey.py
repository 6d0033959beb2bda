"""A member writes an article with a red link, creates the missing page from it, edits,
compares revisions and restores the first one: all in the browser."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.e2e.helpers import assert_accessible, create_user, sign_in

FIRST_BODY = """Our branch lends garden tools alongside books.

## How it works

Members borrow a spade or a rake for two weeks, like any other loan.
We also keep seeds: see [[Seed library]] for how the seed packets circulate.
"""
SEED_BODY = "Seed packets are catalogued as realia and returned after the harvest."
OLD_SENTENCE = "Members borrow a spade or a rake for two weeks, like any other loan."
NEW_SENTENCE = "Members borrow a spade, a rake or a soil tester for three weeks."


def test_write_link_create_edit_compare_and_restore(page, live_server):
    create_user(live_server.app, "gardener", display_name="Greta Gardener")
    sign_in(page, "gardener", next_path="/wiki/new")

    # Write the article, replacing the suggested outline with our own text.
    expect(page.get_by_role("heading", level=1)).to_have_text("Write a new article")
    page.get_by_label("Title", exact=True).fill("Tool lending library")
    body = page.get_by_label("Text", exact=True)
    expect(body).to_have_value(re.compile("## The problem or context"))  # the outline
    body.fill(FIRST_BODY)
    page.get_by_label("Tags", exact=True).fill("lending, gardening")
    page.get_by_role("button", name="Publish article").click()

    article_url = live_server("/wiki/tool-lending-library")
    expect(page).to_have_url(article_url)
    expect(page.get_by_role("status")).to_contain_text("Your article is published")
    expect(page.get_by_role("heading", level=1)).to_have_text("Tool lending library")
    expect(page.locator(".byline")).to_contain_text("Greta Gardener")
    red = page.locator(".prose a.wikilink", has_text="Seed library")
    expect(red).to_have_class("wikilink new")
    expect(red).to_have_attribute("title", re.compile("does not exist yet"))
    assert_accessible(page, "the article page with a red link")

    # Follow the red link: the new-article form has the title filled in.
    red.click()
    expect(page).to_have_url(re.compile(r"/wiki/new\?title=Seed\+library$"))
    expect(page.get_by_label("Title", exact=True)).to_have_value("Seed library")
    page.get_by_label("Text", exact=True).fill(SEED_BODY)
    page.get_by_role("button", name="Publish article").click()
    expect(page).to_have_url(live_server("/wiki/seed-library"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Seed library")

    # Back on the first article the link is an ordinary (blue) link now.
    page.go_back()
    page.go_back()
    expect(page).to_have_url(article_url)
    page.reload()  # the browser's copy is the old page: ask the server again
    link = page.locator(".prose a.wikilink", has_text="Seed library")
    expect(link).to_have_class("wikilink")
    expect(link).to_have_attribute("href", "/wiki/seed-library")

    # Edit one sentence, with a summary.
    page.get_by_role("navigation", name="This article").get_by_role("link", name="Edit").click()
    expect(page).to_have_url(live_server("/wiki/tool-lending-library/edit"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Edit the article")
    assert_accessible(page, "the edit page")
    body = page.get_by_label("Text", exact=True)
    body.fill(body.input_value().replace(OLD_SENTENCE, NEW_SENTENCE))
    page.get_by_label("Summary of your change").fill("Longer loans, soil tester")
    page.get_by_role("button", name="Save changes").click()
    expect(page).to_have_url(article_url)
    expect(page.get_by_role("status")).to_contain_text("Your changes are saved")
    expect(page.locator(".prose")).to_contain_text(NEW_SENTENCE)
    expect(page.locator(".article-meta")).to_contain_text("2 revisions")

    # History, then compare the two revisions.
    page.get_by_role("navigation", name="This article").get_by_role("link",
                                                                    name="History").click()
    expect(page).to_have_url(live_server("/wiki/tool-lending-library/history"))
    rows = page.locator("table.history tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.first).to_contain_text("Longer loans, soil tester")
    assert_accessible(page, "the history page")
    expect(page.get_by_label("Compare from revision 1")).to_be_checked()
    expect(page.get_by_label("Compare to revision 2")).to_be_checked()
    page.get_by_role("button", name="Compare selected revisions").click()
    expect(page).to_have_url(re.compile(
        r"/wiki/tool-lending-library/diff\?(from=1&to=2|to=2&from=1)$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Changes between revisions 1 and 2")
    expect(page.locator(".diff ins").first).to_be_visible()
    expect(page.locator(".diff ins", has_text="three")).to_have_count(1)
    expect(page.locator(".diff del", has_text="two")).to_have_count(1)
    assert_accessible(page, "the diff page")

    # Open revision 1 and restore it.
    page.go_back()
    page.get_by_role("link", name="#1", exact=True).click()
    expect(page).to_have_url(live_server("/wiki/tool-lending-library/revisions/1"))
    expect(page.locator(".prose")).to_contain_text(OLD_SENTENCE)
    page.get_by_label("Why restore this revision?").fill("Back to the original loan period")
    page.get_by_role("button", name="Restore this revision").click()
    expect(page).to_have_url(article_url)
    expect(page.get_by_role("status")).to_contain_text("Revision 1 is restored")
    expect(page.locator(".prose")).to_contain_text(OLD_SENTENCE)
    expect(page.locator(".prose")).not_to_contain_text(NEW_SENTENCE)
    expect(page.locator(".article-meta")).to_contain_text("3 revisions")

    page.goto("/wiki/tool-lending-library/history")
    expect(rows).to_have_count(3)
    expect(rows.first).to_contain_text("restored #1")
    expect(rows.first).to_contain_text("Back to the original loan period")
    expect(rows.first.locator(".badge", has_text="current")).to_be_visible()
