"""axe-core finds no serious or critical problem on the wiki, community and search pages
a reader browses, with real content on them (and on the empty search and the 404).
The pages only read: the module seeds one server once."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from community import answers, questions, workgroups
from core import accounts
from core.extensions import db
from tests.e2e.helpers import PASSWORD, assert_accessible
from wiki import saving


def _seed(app) -> None:
    """Two linked articles by two members (one an admin), tags and sectors; a workgroup with an open
    question and a solved one."""
    with app.app_context():
        rosa = accounts.register("rosa", "rosa@example.org", PASSWORD, role="admin",
                                 display_name="Rosa Reference", sector="public")
        tomas = accounts.register("tomas", "tomas@example.org", PASSWORD,
                                  display_name="Tomás Teen Services", sector="school")
        first = saving.create_article(
            rosa, title="Homework help clubs",
            body="## Context\n\nAfter school, pupils need a quiet table and a helper.\n\n"
                 "## Practice\n\nVolunteers staff the club; see [[Volunteer rota]].\n\n"
                 "| Day | Helpers |\n|---|---|\n| Monday | 2 |\n| Thursday | 3 |\n",
            tags="homework, teens", sectors=["public", "school"])
        saving.save_edit(first.article, tomas, title="Homework help clubs",
                         body=first.revision.body + "\nWe added a maths corner in 2024.\n",
                         summary="Maths corner", tags="homework, teens",
                         sectors=["public", "school"], base_revision=1)
        saving.create_article(tomas, title="Volunteer rota",
                              body="A shared calendar lists who staffs each session.",
                              tags="volunteers", sectors=["public"])
        group = workgroups.create_workgroup(rosa,
                                            "Teen services", "Programmes for teenagers.")
        workgroups.join(tomas, group)
        questions.ask(tomas, title="How do you recruit homework club volunteers?",
                      body="We need helpers for Thursdays.", tags="volunteers",
                      workgroup_id=group.id)
        solved = questions.ask(rosa, title="Where do you keep the homework club supplies?",
                               body="Pencils and calculators go missing.", tags="homework")
        reply = answers.answer(tomas, solved, "A locked trolley, signed out at the desk.")
        answers.accept(rosa, reply)
        db.session.commit()


@pytest.fixture(scope="module")
def live_server(module_server):
    """One server for the module, seeded once: these tests only read."""
    _seed(module_server.app)
    return module_server


PAGES = {
    "/wiki/": "Articles",
    "/wiki/recent": "Recent changes",
    "/wiki/tags/": "Tags",
    "/wiki/homework-help-clubs/contributors": "Contributors",
    "/wiki/volunteer-rota/backlinks": "What links here",
    "/questions/": "Questions",
    "/solutions/": "Solutions",
    "/workgroups/": "Workgroups",
    "/search?q=x": "Results for “x”",
    "/chats/": "Community chats",
    "/chats/agenda": "Open agenda",
    "/sectors/": "Practice across sectors",
    "/sectors/public": "Public library",
    "/partners/": "Partners across sectors",
    "/wiki/?status=due": "Articles due for a check",
}


@pytest.mark.parametrize("path", list(PAGES))
def test_page_has_no_serious_accessibility_problems(page, path):
    page.goto(path)
    expect(page.get_by_role("heading", level=1)).to_have_text(PAGES[path])
    if path.startswith("/search"):
        expect(page.locator(".empty-state")).to_contain_text("Nothing matched “x”")
    else:
        expect(page.locator("main li, main tbody tr").first).to_be_visible()
    assert_accessible(page)


def test_not_found_page_has_no_serious_accessibility_problems(page, console):
    console.allow(r"status of 404")  # the page is meant to be a 404
    response = page.goto("/wiki/no-such-article")
    assert response is not None and response.status == 404
    expect(page.locator(".error-page")).to_contain_text("Error 404")
    assert_accessible(page, "the 404 page")
