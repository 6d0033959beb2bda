"""Moderation removes what it removes (issue 12, item 3): an editor takes a revision's text
out of the history of an article, a question or an answer. Admins still read it; everyone
else sees "removed by an editor" in the history, old revisions, diffs, recent changes and
the feed; only editors may restore it as the current text; the log records it."""

import pytest
from sqlalchemy import select

from community import answers
from core.errors import PermissionDenied, ValidationFailed
from core.extensions import db
from core.models import AuditEntry
from editors import flags, history
from wiki import saving
from wiki.models import Revision

PHONE = "0151-555-0199"


@pytest.fixture
def doxxed_article(app, write, member, other_member):
    article = write(member, title="Home visits", body=f"Ring Otto at home on {PHONE} today.",
                    summary=f"Otto's number is {PHONE}")
    flags.flag(other_member, "article", article.id, "offensive", "Private number")
    db.session.commit()
    return article


@pytest.fixture
def moderated_article(doxxed_article, editor):
    flags.edit_flagged(editor, "article", doxxed_article.id,
                          body="Ring the library to arrange a visit.", reason="Private number",
                          suppress_previous=True)
    db.session.commit()
    return doxxed_article


def texts(client, *urls) -> str:
    return "".join(client.get(url).get_data(as_text=True) for url in urls)


def test_a_moderation_edit_removes_the_previous_text_from_the_articles_history(
        app, moderated_article, client, member_client, editor_client, admin_client):
    slug = moderated_article.slug
    old = db.session.scalar(select(Revision).where(Revision.article_id == moderated_article.id,
                                                   Revision.number == 1))
    assert old.suppressed_at is not None and old.body  # kept, for admins
    pages = (f"/wiki/{slug}/history", f"/wiki/{slug}/revisions/1", "/wiki/recent",
             "/feeds/changes.atom")
    for who in (client, member_client, editor_client):
        shown = texts(who, *pages)
        assert PHONE not in shown
        assert "removed by an editor" in shown
        diff = who.get(f"/wiki/{slug}/diff?from=1&to=2")
        assert diff.status_code == 403 and PHONE not in diff.get_data(as_text=True)
    history = client.get(f"/wiki/{slug}/history").get_data(as_text=True)
    assert "from=1" not in history  # no link to a comparison that would be refused
    assert PHONE in texts(admin_client, f"/wiki/{slug}/revisions/1",
                          f"/wiki/{slug}/diff?from=1&to=2")
    entry = db.session.scalar(select(AuditEntry).where(
        AuditEntry.action == "revision.suppressed"))
    assert (entry.actor_name, entry.reason, entry.detail) == (
        "edith", "Private number", "Revision 1 removed from the history")


def test_only_editors_may_restore_a_suppressed_revision(app, moderated_article, member,
                                                       editor, member_client):
    with pytest.raises(ValidationFailed, match="removed the text of revision 1"):
        saving.revert(moderated_article, member, 1)
    db.session.rollback()
    response = member_client.submit(f"/wiki/{moderated_article.slug}/revert/1", {})
    assert response.status_code == 302
    db.session.expire_all()
    assert moderated_article.revision_count == 2
    page = member_client.get(f"/wiki/{moderated_article.slug}/revisions/1").get_data(
        as_text=True)
    assert "Restore this revision" not in page
    saving.revert(moderated_article, editor, 1)  # an editor still may
    db.session.commit()
    assert PHONE in moderated_article.current_revision.body


def test_who_may_suppress_and_restore(app, doxxed_article, editor, member, admin, edit):
    edit(doxxed_article, member, "Ring the library instead.")
    with pytest.raises(PermissionDenied):
        history.suppress_revision(member, "article", doxxed_article.id, 1)
    with pytest.raises(ValidationFailed, match="current text"):
        history.suppress_revision(editor, "article", doxxed_article.id, 2)
    revision = history.suppress_revision(editor, "article", doxxed_article.id, 1, "Number")
    db.session.commit()
    assert revision.suppressed_by_id == editor.id
    with pytest.raises(PermissionDenied):
        history.restore_revision(editor, "article", doxxed_article.id, 1)
    history.restore_revision(admin, "article", doxxed_article.id, 1, "It was a switchboard")
    db.session.commit()
    assert revision.suppressed_at is None
    assert [entry.action for entry in db.session.scalars(
        select(AuditEntry).order_by(AuditEntry.id))][-2:] == ["revision.suppressed",
                                                              "revision.restored"]


def test_an_answers_history_hides_the_removed_version(app, solved, other_member, editor,
                                                      client, admin_client):
    answer = solved.accepted_answer
    answers.edit_answer(other_member, answer, f"Call me on {PHONE} for seeds.", "Number")
    flags.flag(editor, "answer", answer.id, "offensive", "A private number")
    flags.edit_flagged(editor, "answer", answer.id, body="Ask at the desk for seeds.",
                          suppress_previous=True)
    db.session.commit()
    url = f"/answers/{answer.id}/history"
    page = client.get(url).get_data(as_text=True)
    assert PHONE not in page and "removed from the history by an editor" in page
    assert "Start small" in page  # the first version is still there
    assert PHONE in admin_client.get(url).get_data(as_text=True)


def test_editors_remove_and_admins_restore_versions_on_the_web(
        app, doxxed_article, member, edit, editor_client, admin_client, member_client):
    edit(doxxed_article, member, "Ring the library instead.")
    history = editor_client.get(f"/wiki/{doxxed_article.slug}/history").get_data(as_text=True)
    assert "Remove from history" in history
    assert "Remove from history" not in member_client.get(
        f"/wiki/{doxxed_article.slug}/history").get_data(as_text=True)
    url = f"/editors/history/article/{doxxed_article.id}/1"
    response = editor_client.submit(url, {"action": "suppress", "reason": "Number"})
    assert response.status_code == 302
    assert response.location == f"/wiki/{doxxed_article.slug}/history"
    assert member_client.submit(url, {"action": "suppress"}).status_code == 403
    assert editor_client.submit(url, {"action": "restore"}).status_code == 403
    db.session.expire_all()
    revision = db.session.scalar(select(Revision).where(Revision.number == 1))
    assert revision.suppressed_at is not None
    assert admin_client.submit(url, {"action": "restore"}).status_code == 302
    db.session.expire_all()
    assert db.session.get(Revision, revision.id).suppressed_at is None


def test_the_moderation_edit_page_offers_to_remove_the_previous_text(
        app, doxxed_article, editor_client):
    page = editor_client.get(f"/editors/flags/article/{doxxed_article.id}/edit").get_data(
        as_text=True)
    assert "Remove the previous text from history" in page
    response = editor_client.submit(f"/editors/flags/article/{doxxed_article.id}/edit", {
        "title": doxxed_article.title, "body": "Ring the library.", "reason": "Number",
        "suppress_previous": "y"})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.scalar(select(Revision.suppressed_at).where(Revision.number == 1))
