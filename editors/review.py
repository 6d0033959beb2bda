"""Review and outdated marks: when an article was last checked, and banners that say it
needs work (taken down by the next edit)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import joinedload

from core import permissions
from core.errors import ValidationFailed
from core.extensions import db
from core.timeutil import utcnow
from editors import audit
from editors.common import REASON_MAX, clean_line
from editors.models import (
    OutdatedMark,
    ReviewMark,
)
from wiki import checking, services
from wiki.models import Article, Revision


@dataclass
class ArticleStatus:
    """What an article page says about its review and currency."""

    review: ReviewMark | None = None
    reviewed_current: bool = False
    outdated: OutdatedMark | None = None


def mark_reviewed(editor, article: Article, note: str = "") -> ReviewMark:
    """Vouch for the article's current text (review is a mark of trust, not a gate)."""
    permissions.require_editor(editor)
    if article.hidden:
        raise ValidationFailed("A hidden article cannot be marked as reviewed.")
    note = clean_line(note, 300, "the note", "note")
    revision = article.current_revision
    latest = _latest_review(article.id)
    if latest is not None and latest.revision_id == revision.id:
        raise ValidationFailed("The current text is already marked as reviewed.")
    mark = ReviewMark(article_id=article.id, revision_id=revision.id,
                      revision_number=revision.number, reviewer_id=editor.id, note=note)
    db.session.add(mark)
    services.touch(article)
    checking.renew(article)  # a review counts as a check: the next is due a year on
    db.session.flush()
    audit.record(editor, "article.reviewed", "article", article, reason=note,
                 detail=f"Revision {revision.number}")
    return mark


def _latest_review(article_id: int) -> ReviewMark | None:
    return db.session.scalar(
        select(ReviewMark).where(ReviewMark.article_id == article_id)
        .options(joinedload(ReviewMark.reviewer))
        .order_by(ReviewMark.revision_number.desc(), ReviewMark.id.desc()).limit(1))


def article_status(article: Article) -> ArticleStatus:
    """Review and outdated marks for an article page (two queries)."""
    review = _latest_review(article.id)
    outdated = db.session.scalar(select(OutdatedMark).where(
        OutdatedMark.article_id == article.id).options(joinedload(OutdatedMark.marked_by)))
    return ArticleStatus(review=review, outdated=outdated,
                         reviewed_current=review is not None
                         and review.revision_id == article.current_revision_id)


@dataclass
class ReviewItem:
    article: Article
    waiting_since: datetime
    changes: int
    reviewed_number: int | None


def review_queue(editor, limit: int = 100) -> list[ReviewItem]:
    """Visible articles whose current text nobody has reviewed, longest waiting first."""
    permissions.require_editor(editor)
    reviewed = (select(ReviewMark.article_id,
                       func.max(ReviewMark.revision_number).label("number"))
                .group_by(ReviewMark.article_id).subquery())
    waiting = (select(Revision.article_id, func.min(Revision.created_at).label("since"),
                      func.count().label("changes"))
               .outerjoin(reviewed, reviewed.c.article_id == Revision.article_id)
               .where(Revision.number > func.coalesce(reviewed.c.number, 0))
               .group_by(Revision.article_id).subquery())
    rows = db.session.execute(
        select(Article, waiting.c.since, waiting.c.changes, reviewed.c.number)
        .join(waiting, waiting.c.article_id == Article.id)
        .outerjoin(reviewed, reviewed.c.article_id == Article.id)
        .where(Article.hidden.is_(False))
        .order_by(waiting.c.since, Article.id).limit(limit)).all()
    return [ReviewItem(article, since, changes, number)
            for article, since, changes, number in rows]


def mark_outdated(editor, article: Article, note: str) -> OutdatedMark:
    permissions.require_editor(editor)
    note = clean_line(note, 300, "a note on what is out of date", "note", required=True)
    mark = db.session.get(OutdatedMark, article.id)
    if mark is None:
        mark = OutdatedMark(article_id=article.id)
        db.session.add(mark)
    mark.revision_number = article.revision_count
    mark.note, mark.marked_by_id, mark.marked_at = note, editor.id, utcnow()
    services.touch(article)
    db.session.flush()
    audit.record(editor, "article.outdated", "article", article, reason=note)
    return mark


def clear_outdated(editor, article: Article, reason: str = "") -> None:
    permissions.require_editor(editor)
    mark = db.session.get(OutdatedMark, article.id)
    if mark is None:
        return
    db.session.delete(mark)
    services.touch(article)
    db.session.flush()
    audit.record(editor, "article.current", "article", article,
                 reason=clean_line(reason, REASON_MAX, "the reason", "reason"))


def article_saved(_app, *, article: Article, revision: Revision, author) -> None:
    """Receives core.signals.article_saved: an update to an outdated article takes its
    banner down."""
    db.session.execute(delete(OutdatedMark).where(
        OutdatedMark.article_id == article.id,
        OutdatedMark.revision_number < revision.number))
