"""Searching: title suggestions in the header box, picked with the keyboard; then a
full search narrowed by type with the facet links."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from community import questions
from core import accounts
from core.extensions import db
from tests.e2e.helpers import PASSWORD, assert_accessible
from wiki import saving

ARTICLES = {
    "Seed library basics": "Lend vegetable seeds like books; patrons return seeds after "
                           "the harvest. A seed library needs a cabinet and volunteers.",
    "Makerspace safety rules": "Every maker signs the safety agreement before using the "
                               "laser cutter. The library keeps goggles at the desk.",
    "Oral history recording": "Record local elders with a quiet room and a good "
                              "microphone; the library archives each interview.",
}
QUESTION = "How do you promote a new seed library to gardeners?"


def _seed(app) -> None:
    """Content made through the services; the test app indexes it on commit."""
    with app.app_context():
        author = accounts.register("sorrel", "sorrel@example.org", PASSWORD,
                                   display_name="Sorrel Searcher")
        for title, body in ARTICLES.items():
            saving.create_article(author, title=title, body=body, tags="library")
        questions.ask(author, title=QUESTION, body="Our library opens a seed library in "
                      "spring. What worked for you?", tags="seeds")
        db.session.commit()


def test_suggestion_by_keyboard_then_search_and_filter_by_type(page, live_server):
    _seed(live_server.app)

    page.goto("/wiki/")
    box = page.locator("#site-search-q")
    expect(box).to_have_attribute("role", "combobox")  # the script has enhanced it
    box.press_sequentially("seed li", delay=60)
    options = page.locator("#site-search-suggestions [role=option]")
    expect(options.first).to_be_visible()
    expect(box).to_have_attribute("aria-expanded", "true")
    expect(options).to_have_count(2)  # the article and the question
    expect(options.filter(has_text="Seed library basics")).to_have_count(1)

    article_index = next(i for i, text in enumerate(options.all_inner_texts())
                         if text.startswith("Seed library basics"))
    for _ in range(article_index + 1):
        box.press("ArrowDown")
    expect(options.nth(article_index)).to_have_attribute("aria-selected", "true")
    expect(box).to_have_attribute("aria-activedescendant",
                                  f"site-search-option-{article_index}")
    box.press("Enter")
    expect(page).to_have_url(live_server("/wiki/seed-library-basics"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Seed library basics")

    # A full search from the header box finds articles and the question.
    page.locator("#site-search-q").fill("library")
    page.locator("#site-search-q").press("Enter")
    expect(page).to_have_url(live_server("/search?q=library"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Results for “library”")
    results = page.locator("ol.results li.result")
    expect(results).to_have_count(4)
    expect(page.locator(".result-bar [role=status]")).to_have_text("4 results")
    assert_accessible(page, "the search results page")

    # Narrow to questions with the facet link, then back to any type.
    facets = page.get_by_role("complementary")
    facets.get_by_role("link", name="Question").click()
    expect(page).to_have_url(re.compile(r"/search\?q=library&.*type=question"))
    expect(results).to_have_count(1)
    expect(results.first).to_contain_text(QUESTION)
    expect(facets.locator("strong[aria-current]")).to_have_text("Question")
    assert_accessible(page, "the search results narrowed to questions")

    facets.get_by_role("link", name="Any type").click()
    expect(results).to_have_count(4)
    facets.get_by_role("link", name="Article").click()
    expect(page).to_have_url(re.compile(r"type=article"))
    expect(results).to_have_count(3)
    expect(results.locator(".badge-question")).to_have_count(0)
