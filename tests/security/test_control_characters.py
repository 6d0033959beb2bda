"""Control characters: every text field refuses them at the service layer, with a clear
message and nothing changed; the feeds strip what older data may still hold."""

import xml.etree.ElementTree as ET

import pytest
from sqlalchemy import update

from community import answers, comments, questions, services, workgroups
from community.models import Answer, Question, Workgroup
from core import accounts
from core.errors import ValidationFailed
from core.extensions import db
from core.models import User
from core.text import check_text, strip_unsafe
from editors import collections as curated
from editors import flags
from editors.models import Collection
from tests.conftest import on_postgres
from tests.security.conftest import fingerprint
from wiki import saving
from wiki.models import Article, Revision

HOSTILE_CHARACTERS = ["\x00", "\x01", "\x1b", "\x7f", "\x85", "\x9f", "\ud800"]


@pytest.mark.parametrize("char", HOSTILE_CHARACTERS)
def test_check_text_refuses_control_characters_and_lone_surrogates(char):
    for multiline in (False, True):
        with pytest.raises(ValidationFailed) as refused:
            check_text(f"Weeding{char}policy", "title", "the title", multiline=multiline)
        assert refused.value.field == "title"
        assert "U+" in refused.value.message and "character 8" in refused.value.message


def test_bodies_keep_newlines_and_tabs_titles_do_not():
    assert check_text("one\n\ttwo\r\n", multiline=True) == "one\n\ttwo\r\n"
    with pytest.raises(ValidationFailed):
        check_text("one\ntwo")
    assert check_text("Café “quoted” — ok ✓ 𝔘") == "Café “quoted” — ok ✓ 𝔘"


def test_strip_unsafe_removes_only_what_check_text_refuses():
    assert strip_unsafe("a\x00b\x85c\ud800d") == "abcd"
    assert strip_unsafe("a\nb\tc\x01", multiline=True) == "a\nb\tc"
    assert strip_unsafe(None) == ""


def _fields(member, editor, admin, question, answer, article, group, collection):
    """Every member text field, each as a call that sends `bad` in that field alone."""
    ok_q = {"title": "How do we weed a collection?", "body": "Details.", "tags": "weeding"}
    ok_a = {"title": "Weeding policy", "body": "Text.", "summary": "", "tags": "weeding"}
    profile = {"display_name": "Mina", "library": "Town", "sector": "", "bio": "Hi"}
    return {
        "question title": lambda bad: questions.ask(member, **{**ok_q, "title": bad}),
        "question body": lambda bad: questions.ask(member, **{**ok_q, "body": bad}),
        "question tags": lambda bad: questions.ask(member, **{**ok_q, "tags": bad}),
        "question edit summary": lambda bad: questions.edit_question(
            editor, question, **{**ok_q, "title": "A new title for it?", "summary": bad}),
        "answer": lambda bad: answers.answer(member, question, bad),
        "comment": lambda bad: comments.add_comment(member, "question", question.id, bad),
        "close reason": lambda bad: questions.close(editor, question, bad),
        "article title": lambda bad: saving.create_article(member, **{**ok_a, "title": bad}),
        "article body": lambda bad: saving.create_article(member, **{**ok_a, "body": bad}),
        "article summary": lambda bad: saving.save_edit(
            article, member, title=article.title, body="Changed.", summary=bad,
            base_revision=1),
        "article tags": lambda bad: saving.create_article(member, **{**ok_a, "tags": bad}),
        "rename": lambda bad: saving.rename(article, editor, bad),
        "workgroup name": lambda bad: workgroups.create_workgroup(admin, bad, "About."),
        "workgroup description": lambda bad: workgroups.edit_workgroup(
            admin, group, group.name, bad, False),
        "display name": lambda bad: accounts.update_profile(
            member, **{**profile, "display_name": bad}),
        "library": lambda bad: accounts.update_profile(member, **{**profile, "library": bad}),
        "bio": lambda bad: accounts.update_profile(member, **{**profile, "bio": bad}),
        "role reason": lambda bad: accounts.change_role(admin, member, "editor", bad),
        "collection title": lambda bad: curated.create_collection(editor, bad, "Intro."),
        "collection intro": lambda bad: curated.edit_collection(
            editor, collection, collection.title, bad),
        "collection note": lambda bad: curated.add_to_collection(
            editor, collection, f"/wiki/{article.slug}", bad),
        "flag note": lambda bad: flags.flag(member, "answer", answer.id, "other", bad),
        "moderation reason": lambda bad: flags.hide_content(editor, "answer", answer.id, bad),
    }


def test_every_text_field_refuses_a_control_character_and_changes_nothing(
        app, member, other_member, editor, admin):
    app.config["RATELIMIT_ENABLED"] = False
    group = workgroups.create_workgroup(admin, "Makerspaces", "Making things.")
    question = questions.ask(other_member, title="How do you weed a collection?",
                             body="Details.", tags="weeding")
    answer = answers.answer(other_member, question, "We use usage data.")
    article = saving.create_article(other_member, title="Readers' advisory", body="Ask.").article
    collection = curated.create_collection(editor, "Starter reading", "Intro.")
    db.session.commit()
    fields = _fields(member, editor, admin, question, answer, article, group, collection)
    before = fingerprint()
    for name, send in fields.items():
        for char in ("\x01", "\x00", "\ud800"):
            with pytest.raises(ValidationFailed) as refused:
                send(f"Some text{char} here, long enough")
            assert "cannot accept" in refused.value.message, name
            db.session.rollback()
    assert fingerprint() == before


def test_a_form_with_a_control_character_comes_back_with_the_text(app, member_client):
    response = member_client.submit("/questions/ask", {
        "title": "How do you weed\x01 a collection?", "body": "My words, kept.",
        "tags": "", "workgroup": "", "confirmed": "1"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "control character" in page and "My words, kept." in page
    assert db.session.scalar(db.select(db.func.count()).select_from(Question)) == 0


FEEDS = ["/feeds/changes.atom", "/feeds/questions.atom", "/feeds/tags/weeding.atom",
         "/feeds/workgroups/{workgroup}.atom", "/feeds/collections/starter-reading.atom"]


def test_feeds_strip_control_characters_that_older_data_holds(app, world, editor, client):
    question = db.session.get(Question, world.question_id)
    article = db.session.scalar(db.select(Article).where(Article.slug == world.slug))
    answers.accept(editor, db.session.get(Answer, world.answer_id))
    collection = curated.create_collection(editor, "Starter reading", "Intro.")
    curated.add_to_collection(editor, collection, services.question_url(question), "A note.")
    curated.add_to_collection(editor, collection, f"/wiki/{article.slug}", "Another.")
    db.session.commit()
    # Written straight to the database, as data saved before the check would be
    # (PostgreSQL cannot hold NUL at all: there it is the other control characters).
    dirty = "Bad\x01 title\x1b\x7f\x85" if on_postgres() else "Bad\x00 \x01title\x1b\x7f\x85"
    db.session.execute(update(Question).values(title=dirty, body=dirty, html=f"<p>{dirty}</p>"))
    db.session.execute(update(Article).values(title=dirty))
    db.session.execute(update(Revision).values(title=dirty, summary=dirty))
    db.session.execute(update(User).values(display_name=dirty))
    db.session.execute(update(Workgroup).values(name=dirty))
    db.session.execute(update(Collection).values(title=dirty, intro_html=f"<p>{dirty}</p>"))
    db.session.commit()
    for path in FEEDS:
        response = client.get(path.format(workgroup=world.workgroup))
        assert response.status_code == 200, path
        root = ET.fromstring(response.data)  # noqa: S314 - our own feed
        text = "".join(root.itertext())
        assert "Bad title" in text, path
        assert not any(char in text for char in "\x00\x01\x1b\x7f\x85"), path


NUL_PATHS = ["/orgs/%00x", "/wiki/%00x", "/users/%00x", "/questions/%00"]
NUL_QUERIES = ["/orgs/?region=%00a", "/questions/?tag=%00a", "/search?q=a&org=%00",
               "/wiki/?sector=%00", "/search?%00=1", "/wiki/?tag=a%00b"]


@pytest.mark.parametrize("path", NUL_PATHS)
def test_a_nul_in_the_path_is_no_page(client, member, path):
    """PostgreSQL refuses NUL in any text: an address carrying one is answered 404 before a
    view looks anything up with it (it was a 500 there)."""
    assert client.get(path).status_code == 404, path


@pytest.mark.parametrize("path", NUL_QUERIES)
def test_a_nul_in_the_query_is_taken_out(client, member, path):
    """...and one in the query is taken out, so the page answers as it would without it."""
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    assert client.get(path.replace("%00", "")).status_code == 200
