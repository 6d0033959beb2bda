"""Issue 14 (WCAG 2.2 AA), the look and feel: the search suggestions, reflow at 320 px,
focus and border contrast, the header on desktop and phone, buttons that look like
buttons (also in forced colours), print, citations and dark mode."""

from __future__ import annotations

import pytest

from community import services as community
from core import accounts
from core.extensions import db
from tests.e2e.helpers import PASSWORD
from wiki import services as wiki


def seed(app) -> dict:
    """Two articles (one with three revisions by two members), a question with two answers,
    one accepted, by members with long-ish names; rosa is an admin."""
    with app.app_context():
        rosa = accounts.register("rosa", "rosa@example.org", PASSWORD, role="admin",
                                 display_name="Rosalind Reference-Desk", sector="public")
        tomas = accounts.register("tomas", "tomas@example.org", PASSWORD,
                                  display_name="Tomás Teen Services", sector="school")
        mina = accounts.register("mina", "mina@example.org", PASSWORD,
                                 display_name="mina", sector="academic")
        first = wiki.create_article(
            rosa, title="Homework help clubs",
            body="## Context\n\nAfter school, pupils need a quiet table and a helper.\n\n"
                 "## Practice\n\nVolunteers staff the club; see [[Makerspace rules]].\n\n"
                 "| Day | Helpers |\n|---|---|\n| Monday | 2 |\n| Thursday | 3 |\n",
            tags="homework, teens", sectors=["public", "school"])
        second = wiki.save_edit(first.article, tomas, title="Homework help clubs",
                                body=first.revision.body + "\nWe added a maths corner in 2024.\n",
                                summary="Maths corner, with a longer summary that wraps "
                                        "onto a second line in the history table",
                                tags="homework, teens", sectors=["public", "school"],
                                base_revision=1)
        wiki.save_edit(first.article, rosa, title="Homework help clubs",
                       body=second.revision.body + "\nBring a {curly} & 50% snack_box.\n",
                       summary="Snacks", tags="homework, teens",
                       sectors=["public", "school"], base_revision=2)
        wiki.create_article(tomas, title="Makerspace rules",
                            body="Sign the safety sheet before using the laser cutter.",
                            tags="makerspace", sectors=["public"])
        question = community.ask(rosa, title="Where do you keep the homework club supplies?",
                                 body="Pencils and calculators go missing.", tags="homework")
        by_mina = community.answer(mina, question, "A locked trolley, signed out at the desk.")
        by_tomas = community.answer(tomas, question, "Labelled boxes on a high shelf.")
        community.accept(rosa, by_mina)
        community.vote(rosa, "answer", by_tomas.id, 1)
        db.session.commit()
        return {"question_path": f"/questions/{question.id}/"
                                 f"{community.question_slug(question.title)}",
                "question_id": question.id, "answer_mina": by_mina.id}


# --- 8: the search suggestions -------------------------------------------------------

def _open_suggestions(page, text: str = "ho"):
    from playwright.sync_api import expect

    box = page.get_by_role("combobox", name="Search Commonplace")
    box.fill(text)
    listbox = page.get_by_role("listbox", name="Suggested titles")
    expect(listbox).to_be_visible()
    return box, listbox


@pytest.mark.parametrize("width", [320, 390, 1280])
def test_suggestions_open_below_the_search_box_and_never_cover_it(page, live_server, width):
    seed(live_server.app)
    page.set_viewport_size({"width": width, "height": 800})
    page.goto("/wiki/makerspace-rules")
    box, listbox = _open_suggestions(page)
    field, shown = box.bounding_box(), listbox.bounding_box()
    assert shown["y"] >= field["y"] + field["height"] - 1, (field, shown)


def test_suggestions_read_with_a_separator_and_their_number_is_announced(page, live_server):
    from playwright.sync_api import expect

    seed(live_server.app)
    page.goto("/wiki/makerspace-rules")
    _open_suggestions(page, "homework")
    expect(page.get_by_role("option", name="Homework help clubs, article", exact=True)) \
        .to_be_visible()
    options = page.get_by_role("option").count()
    status = page.locator("#site-search-status")
    expect(status).to_have_attribute("aria-live", "polite")
    expect(status).to_have_text(f"{options} suggestion{'s' if options != 1 else ''}")


def test_escape_closes_the_suggestions_first_and_the_keyboard_reopens_them(page, live_server):
    from playwright.sync_api import expect

    seed(live_server.app)
    page.goto("/wiki/makerspace-rules")
    box, listbox = _open_suggestions(page)
    box.press("Escape")
    expect(listbox).to_be_hidden()
    expect(box).to_have_value("ho")
    expect(box).to_have_attribute("aria-expanded", "false")
    box.press("ArrowDown")
    expect(listbox).to_be_visible()
    expect(box).to_have_attribute("aria-expanded", "true")
    box.press("Escape")
    expect(listbox).to_be_hidden()
    box.press("Alt+ArrowDown")
    expect(listbox).to_be_visible()
    expect(box).to_have_value("ho")
