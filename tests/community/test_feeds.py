"""Atom feeds of questions: all, by tag, by workgroup; hidden questions never appear."""

import xml.etree.ElementTree as ET

import pytest

from community import questions as asking
from community import services
from core.extensions import db

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(autouse=True)
def people(app):
    if "people.notifications" not in app.view_functions:
        from community.people import init_people

        init_people(app)


@pytest.fixture
def questions(ask, member, other_member, editor, workgroup):
    first = ask(member, title="How do you run a seed library?", tags="seeds, gardening",
                body="We want to **start** one <script>alert(1)</script> in spring.")
    second = ask(other_member, title="Which makerspace tools come first?",
                 tags="makerspaces", workgroup_id=workgroup.id)
    hidden = ask(other_member, title="Buy cheap pills here, best prices",
                 tags="seeds", workgroup_id=workgroup.id)
    asking.set_question_hidden(editor, hidden, True)
    db.session.commit()
    return first, second, hidden


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response.mimetype == "application/atom+xml"
    root = ET.fromstring(response.data)  # noqa: S314 - our own feed
    assert root.tag == f"{ATOM}feed"
    for field in ("id", "title", "updated"):
        assert root.find(f"{ATOM}{field}") is not None
    return root, root.findall(f"{ATOM}entry")


def test_the_questions_feed_lists_visible_questions_newest_first(client, questions):
    first, second, _hidden = questions
    _root, entries = parse(client, "/feeds/questions.atom")
    assert [entry.findtext(f"{ATOM}title") for entry in entries] == [second.title, first.title]
    entry = entries[1]
    assert entry.findtext(f"{ATOM}id").endswith(f"/questions/{first.id}")
    assert entry.find(f"{ATOM}link").get("href") == \
        f"http://localhost{services.question_url(first)}"
    assert entry.find(f"{ATOM}author").findtext(f"{ATOM}name") == "Mina Member"
    assert entry.findtext(f"{ATOM}updated")
    summary = entry.findtext(f"{ATOM}summary")
    assert summary.startswith("We want to start one") and "<" not in summary


def test_tag_and_workgroup_feeds_hide_hidden_questions(client, questions, workgroup):
    first, second, hidden = questions
    _root, entries = parse(client, "/feeds/tags/seeds.atom")
    assert [entry.findtext(f"{ATOM}title") for entry in entries] == [first.title]
    _root, entries = parse(client, f"/feeds/workgroups/{workgroup.slug}.atom")
    assert [entry.findtext(f"{ATOM}title") for entry in entries] == [second.title]
    for url in ("/feeds/questions.atom", "/feeds/tags/seeds.atom",
                f"/feeds/workgroups/{workgroup.slug}.atom"):
        assert hidden.title.encode() not in client.get(url).data


def test_unknown_workgroups_and_tags_have_no_feed(client, questions):
    assert client.get("/feeds/workgroups/no-such-group.atom").status_code == 404
    assert client.get("/feeds/tags/no-such-tag.atom").status_code == 404


def test_an_empty_feed_still_parses(client):
    _root, entries = parse(client, "/feeds/questions.atom")
    assert entries == []
