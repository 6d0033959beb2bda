"""Check-by dates: when an article's practice should next be checked against how things
are done now, who checked it last, and the lists that find articles due.

An article's `check_by` starts a year after it is made (wiki.models); marking it checked,
or an editor's review mark (editors.review), moves it a year on. Its lead authors and the
editors may mark it checked (with an optional note) or move the date
(core.permissions.may_check_article). Nothing is hidden when a date passes: the page says
so, a reminder goes out a month before (sectors.reminders), and an article six months
overdue is in the editors' queue and ranks a little lower in search (search.sources)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import exists, select
from sqlalchemy.orm import joinedload

from core import permissions, signals
from core.errors import ValidationFailed
from core.extensions import db
from core.text import check_text
from core.timeutil import utcnow
from wiki import services
from wiki.models import CHECK_EVERY, Article, ArticleAuthor, ArticleCheck

REMIND_BEFORE = timedelta(days=30)   # reminders go out a month before the date
OVERDUE_AFTER = timedelta(days=182)  # six months past it: the editors' queue, a lower rank
LATEST_DATE = timedelta(days=5 * 366)  # a date is at most about five years ahead
NOTE_MAX = 300


def today() -> date:
    return utcnow().date()


def leads(viewer, article_id: int) -> bool:
    """The fact "leads" (core.permissions): the viewer is one of the article's lead authors."""
    return bool(db.session.scalar(select(exists().where(
        ArticleAuthor.article_id == article_id, ArticleAuthor.user_id == viewer.id,
        ArticleAuthor.lead.is_(True)))))


def is_due(check_by: date | None, on: date | None = None) -> bool:
    return check_by is not None and check_by <= (on or today())


def is_overdue(check_by: date | None, on: date | None = None) -> bool:
    """Six months or more past the check-by date (what ranks lower in search)."""
    return check_by is not None and check_by <= (on or today()) - OVERDUE_AFTER


@dataclass
class CheckStatus:
    """What an article page says about its check-by date."""

    check_by: date | None
    last: ArticleCheck | None
    due: bool
    overdue: bool
    since_number: int  # the revision the last check saw (1 when never checked)


def latest_check(article_id: int) -> ArticleCheck | None:
    return db.session.scalar(
        select(ArticleCheck).where(ArticleCheck.article_id == article_id)
        .options(joinedload(ArticleCheck.checked_by))
        .order_by(ArticleCheck.id.desc()).limit(1))


def checks_of(article: Article, limit: int = 20) -> list[ArticleCheck]:
    """The article's checks, newest first (its check page lists them)."""
    return list(db.session.scalars(
        select(ArticleCheck).where(ArticleCheck.article_id == article.id)
        .options(joinedload(ArticleCheck.checked_by))
        .order_by(ArticleCheck.id.desc()).limit(limit)))


def check_status(article: Article, on: date | None = None) -> CheckStatus:
    """One query (the latest check); the rest is read from the article."""
    on = on or today()
    last = latest_check(article.id)
    return CheckStatus(check_by=article.check_by, last=last,
                       due=is_due(article.check_by, on),
                       overdue=is_overdue(article.check_by, on),
                       since_number=last.revision_number if last else 1)


def _clean_note(note: str) -> str:
    note = " ".join(check_text(note, "note", "the note").split())
    if len(note) > NOTE_MAX:
        raise ValidationFailed(f"Keep the note to {NOTE_MAX} characters.", "note")
    return note


def _clean_date(when, field: str = "check_by") -> date:
    if isinstance(when, str):
        try:
            when = date.fromisoformat(when.strip())
        except ValueError:
            raise ValidationFailed("Give the date as year-month-day, e.g. 2027-03-31.",
                                   field) from None
    if not isinstance(when, date):
        raise ValidationFailed("Give the date the article should next be checked by.", field)
    now = today()
    if when <= now:
        raise ValidationFailed("The next check must be after today.", field)
    if when > now + LATEST_DATE:
        raise ValidationFailed("Choose a date within five years.", field)
    return when


def _require_check(viewer, article: Article) -> None:
    permissions.require_member(viewer)
    permissions.require(permissions.may_check_article(viewer, article),
                        "Only the article's lead authors and the editors may do that.")


def _changed(article: Article) -> None:
    services.touch(article)
    db.session.flush()
    # The check-by date decides whether search ranks the article a little lower.
    signals.send(signals.content_changed, kind="article", object_id=article.id)


def mark_checked(viewer, article: Article, note: str = "",
                 next_check_by: date | str | None = None) -> ArticleCheck:
    """Record that the practice still holds as written: who, when, at which revision;
    the next check is due a year on (or on the date given)."""
    _require_check(viewer, article)
    note = _clean_note(note)
    when = _clean_date(next_check_by, "next_check_by") if next_check_by else \
        today() + CHECK_EVERY
    check = ArticleCheck(article_id=article.id, revision_number=article.revision_count,
                         checked_by_id=viewer.id, note=note, next_check_by=when,
                         checked_at=utcnow())
    db.session.add(check)
    article.check_by = when
    _changed(article)
    return check


def change_check_by(viewer, article: Article, when: date | str) -> None:
    """Move the date the article should next be checked by."""
    _require_check(viewer, article)
    article.check_by = _clean_date(when)
    _changed(article)


def renew(article: Article) -> None:
    """A review (editors.review) counts as a check for the date: a year on, never earlier."""
    later = today() + CHECK_EVERY
    if article.check_by is None or article.check_by < later:
        article.check_by = later
        signals.send(signals.content_changed, kind="article", object_id=article.id)


def due_condition(on: date | None = None):
    """Visible articles whose check-by date has come."""
    return (Article.hidden.is_(False)) & (Article.check_by <= (on or today()))


def overdue_queue(editor, limit: int = 100, on: date | None = None) -> list[Article]:
    """The editors' queue: articles six months or more past their date, longest first."""
    permissions.require_editor(editor)
    on = on or today()
    return list(db.session.scalars(
        select(Article).where(Article.hidden.is_(False),
                              Article.check_by <= on - OVERDUE_AFTER)
        .options(joinedload(Article.lead_authors).joinedload(ArticleAuthor.user))
        .order_by(Article.check_by, Article.id).limit(limit)).unique())


def remind_window(on: date | None = None) -> tuple[date, date]:
    """Check-by dates a reminder goes out for today: from today to a month ahead."""
    on = on or today()
    return on, on + REMIND_BEFORE
