"""Review marks: a mark of trust on one revision, shown on the article; not a gate."""

from datetime import timedelta

import pytest
from sqlalchemy import select, update

from core.errors import PermissionDenied, ValidationFailed
from core.extensions import db
from core.models import AuditEntry
from editors import review
from editors.models import ReviewMark
from wiki.models import Revision


def test_a_reviewed_article_says_who_reviewed_it_and_when(app, editor, article, client):
    mark = review.mark_reviewed(editor, article, "Checked the suppliers")
    db.session.commit()
    status = review.article_status(article)
    assert status.review.id == mark.id and status.reviewed_current
    assert mark.revision_number == 1
    page = client.get(f"/wiki/{article.slug}").get_data(as_text=True)
    assert "Reviewed by <a href=\"/users/edith\">Edith Editor</a> on" in page


def test_an_edit_after_the_review_shows_changed_with_a_diff_link(app, editor, article, edit,
                                                                other_member, client,
                                                                member_client):
    review.mark_reviewed(editor, article)
    db.session.commit()
    client.get(f"/wiki/{article.slug}")  # cached fragment for readers
    member_client.get(f"/wiki/{article.slug}")
    edit(article, other_member, "We began with three printers and a sewing machine.")
    assert not review.article_status(article).reviewed_current
    for viewer in (client, member_client):
        page = viewer.get(f"/wiki/{article.slug}").get_data(as_text=True)
        assert "Changed since the last review" in page
        assert f"/wiki/{article.slug}/diff?from=1&amp;to=2" in page
        assert "Reviewed by" not in page
    # Members' edits still publish at once: review is not a gate.
    assert article.current_revision.number == 2


def test_marking_the_page_reviewed_updates_the_cached_page(app, editor, article, client):
    assert "Reviewed by" not in client.get(f"/wiki/{article.slug}").get_data(as_text=True)
    review.mark_reviewed(editor, article)
    db.session.commit()
    assert "Reviewed by" in client.get(f"/wiki/{article.slug}").get_data(as_text=True)


def test_the_same_text_is_reviewed_once_and_hidden_articles_not_at_all(app, editor, article):
    review.mark_reviewed(editor, article)
    with pytest.raises(ValidationFailed, match="already marked"):
        review.mark_reviewed(editor, article)
    article.hidden = True
    with pytest.raises(ValidationFailed, match="hidden"):
        review.mark_reviewed(editor, article)


def test_members_cannot_mark_reviews(app, member, article, member_client):
    with pytest.raises(PermissionDenied):
        review.mark_reviewed(member, article)
    assert member_client.submit(f"/editors/review/{article.slug}").status_code == 403
    assert member_client.get("/editors/review").status_code == 403
    assert db.session.scalar(select(ReviewMark.id)) is None


def test_the_queue_lists_unreviewed_changes_oldest_first(app, editor, member, write, edit):
    old = write(member, title="Old practice", body="First text.")
    new = write(member, title="New practice", body="First text.")
    done = write(member, title="Reviewed practice", body="First text.")
    review.mark_reviewed(editor, done)
    review.mark_reviewed(editor, old)
    db.session.commit()
    edit(old, member, "Changed text.")
    edit(old, member, "Changed text again.")
    # The old article's first unreviewed change waited longest.
    db.session.execute(update(Revision).where(Revision.article_id == old.id,
                                              Revision.number == 2)
                       .values(created_at=new.created_at - timedelta(days=3)))
    db.session.commit()
    queue = review.review_queue(editor)
    assert [row.article.title for row in queue] == ["Old practice", "New practice"]
    assert (queue[0].changes, queue[0].reviewed_number) == (2, 1)
    assert (queue[1].changes, queue[1].reviewed_number) == (1, None)


def test_the_review_page_marks_an_article_and_logs_it(app, editor_client, article, edit,
                                                     other_member):
    page = editor_client.get("/editors/review").get_data(as_text=True)
    assert "Starting a makerspace" in page and "Never reviewed" in page
    response = editor_client.submit(f"/editors/review/{article.slug}",
                                    {"note": "Looks right", "next": "/editors/review"})
    assert response.status_code == 302 and response.location == "/editors/review"
    assert "Every article" in editor_client.get("/editors/review").get_data(as_text=True)
    edit(article, other_member, "Different words entirely.")
    page = editor_client.get("/editors/review").get_data(as_text=True)
    assert "since revision 1 was reviewed" in page
    assert f"/wiki/{article.slug}/diff?from=1&amp;to=2" in page
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "article.reviewed"))
    assert (entry.actor_name, entry.reason, entry.detail) == ("edith", "Looks right",
                                                              "Revision 1")


def test_editors_mark_reviews_from_the_article_page(app, editor_client, article):
    page = editor_client.get(f"/wiki/{article.slug}").get_data(as_text=True)
    assert f'action="/editors/review/{article.slug}"' in page
    editor_client.submit(f"/editors/review/{article.slug}")
    page = editor_client.get(f"/wiki/{article.slug}").get_data(as_text=True)
    assert "Reviewed by" in page and f'action="/editors/review/{article.slug}"' not in page
