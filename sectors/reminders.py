"""Reminders of check-by dates (wiki.checking): a month before an article's date, its lead
authors and watchers hear of it through the notifications (and so mail, by their choice:
the kind `check_due`). A periodic job, safe to run twice or on two consumers at once: the
row in `check_reminders` for the article and its date is the key, written in the same
transaction as the notifications, so a second run finds it and a racing one fails its
commit and sends nothing."""

from __future__ import annotations

from datetime import date, timedelta

from flask import current_app
from sqlalchemy import exists, select
from sqlalchemy.exc import IntegrityError

from community.models import Watch
from community.notifications import notify
from core import signals
from core.extensions import db
from core.urls import site_path
from wiki import checking
from wiki.models import Article, ArticleAuthor, CheckReminder

KIND = "check_due"
BATCH = 200
# Articles that crossed into "six months overdue" in the last week are indexed again, so
# search ranks them a little lower (a job that missed a few days still catches them).
CATCH_UP = timedelta(days=7)


def recipients(article_id: int) -> tuple[list[int], list[int]]:
    """The article's lead authors, and its watchers."""
    leads = select(ArticleAuthor.user_id).where(ArticleAuthor.article_id == article_id,
                                                ArticleAuthor.lead.is_(True))
    watchers = select(Watch.user_id).where(Watch.target_type == "article",
                                           Watch.target_id == article_id)
    return sorted(db.session.scalars(leads)), sorted(db.session.scalars(watchers))


def remind_one(article_id: int, check_by: date) -> bool:
    """Notify the article's lead authors and watchers, once for this date (no commit)."""
    article = db.session.get(Article, article_id)
    if article is None or article.hidden or article.check_by != check_by:
        return False
    db.session.add(CheckReminder(article_id=article_id, check_by=check_by))
    db.session.flush()  # the key first: a second run stops here
    text = f"“{article.title}” is due for a check by {check_by.day} {check_by:%B %Y}"
    leads, watchers = recipients(article_id)
    # Lead authors go straight to the check; watchers, who may not check it, to the article.
    notify(leads, KIND, text, site_path("wiki.check", slug=article.slug), None,
           subject=f"article:{article_id}")
    notify(sorted(set(watchers) - set(leads)), KIND, text,
           site_path("wiki.article", slug=article.slug), None, subject=f"article:{article_id}")
    return True


def send_reminders(on: date | None = None) -> str:
    """Every reminder due today (the job `check_reminders`); each its own transaction."""
    start, end = checking.remind_window(on)
    sent = 0
    last = 0
    while True:
        rows = db.session.execute(
            select(Article.id, Article.check_by).where(
                Article.id > last, Article.hidden.is_(False),
                Article.check_by >= start, Article.check_by <= end,
                ~exists().where(CheckReminder.article_id == Article.id,
                                CheckReminder.check_by == Article.check_by))
            .order_by(Article.id).limit(BATCH)).all()
        if not rows:
            break
        for article_id, check_by in rows:
            try:
                sent += remind_one(article_id, check_by)
                db.session.commit()
            except IntegrityError:  # another consumer sent it at the same moment
                db.session.rollback()
        last = rows[-1][0]
    reindexed = reindex_overdue(on)
    db.session.commit()
    current_app.logger.info("check reminders: %s sent, %s newly overdue", sent, reindexed)
    return f"{sent} reminders, {reindexed} newly overdue"


def reindex_overdue(on: date | None = None) -> int:
    """Tell search about articles that became six months overdue lately (their rank)."""
    edge = (on or checking.today()) - checking.OVERDUE_AFTER
    ids = db.session.scalars(select(Article.id).where(
        Article.hidden.is_(False), Article.check_by <= edge,
        Article.check_by > edge - CATCH_UP)).all()
    for article_id in ids:
        signals.send(signals.content_changed, kind="article", object_id=article_id)
    return len(ids)
