"""Digests: what is new for a member since their last digest or their last visit, whichever
is later (`User.last_seen_at`, kept by core.edge.note_visit), in one message per period.

Exactly one per member and period (day, or ISO week): the outbox row carries the key
`digest:<member>:<period>` under a unique index, so a second run, or a second consumer at
the same moment, writes nothing. No digest when nothing is new. Each member's digest is
its own transaction (the job is an edge and commits)."""

from __future__ import annotations

from datetime import timedelta

from flask import current_app
from sqlalchemy import exists, select
from sqlalchemy.exc import IntegrityError

from community.models import Notification, Question, WorkgroupMember
from core.extensions import db
from core.models import User
from core.timeutil import utcnow
from core.urls import site_path
from mail import compose, outbox
from mail.models import MailPreference, MailSettings, OutboxMessage
from mail.notices import mailable, unsubscribe_url
from mail.preferences import DEFAULTS, DIGEST, KINDS
from sectors.matches import kept_for
from wiki.models import Article, ArticleSector
from wiki.reads import reads_since

PERIODS = {"daily": timedelta(days=1), "weekly": timedelta(days=7)}
SLACK = timedelta(hours=1)  # a job that runs a little early still finds the member due
SECTION_MAX = 8
BATCH = 200


def period_key(frequency: str, now) -> str:
    if frequency == "daily":
        return now.date().isoformat()
    year, week, _day = now.isocalendar()
    return f"{year}-W{week:02d}"


def gather(user: User, since, now) -> dict[str, list[dict]]:
    """The digest's sections for `user`: each a list of {title, url, note}."""
    groups = select(WorkgroupMember.workgroup_id).where(WorkgroupMember.user_id == user.id)
    visible = Question.hidden.is_(False) & Question.merged_into_id.is_(None)

    def question_item(question: Question, note: str) -> dict:
        path = site_path("community.question", question_id=question.id)
        return {"title": question.title, "url": compose.absolute(path), "note": note}

    solved = db.session.scalars(select(Question).where(
        visible, Question.workgroup_id.in_(groups), Question.solved_at > since,
        Question.solved_at <= now).order_by(Question.solved_at.desc()).limit(SECTION_MAX))
    unanswered = db.session.scalars(select(Question).where(
        visible, Question.workgroup_id.in_(groups), Question.answer_count == 0,
        Question.closed_reason.is_(None), Question.created_at > since,
        Question.created_at <= now).order_by(Question.created_at.desc()).limit(SECTION_MAX))
    chosen = dict(db.session.execute(select(MailPreference.kind, MailPreference.mode)
                                     .where(MailPreference.user_id == user.id)).all())
    digest_kinds = [kind for kind in KINDS if chosen.get(kind, DEFAULTS[kind]) == "digest"]
    news = db.session.scalars(select(Notification).where(
        Notification.user_id == user.id, Notification.kind.in_(digest_kinds),
        Notification.created_at > since, Notification.created_at <= now)
        .order_by(Notification.created_at.desc()).limit(SECTION_MAX))
    sections = {
        "solutions": [question_item(q, "solved") for q in solved],
        "unanswered": [question_item(q, "no answer yet") for q in unanswered],
        "news": [{"title": n.text, "url": compose.absolute(n.url) if n.url.startswith("/")
                  else "", "note": ""} for n in news],
        "articles": [],
        "elsewhere": [],
    }
    new_articles = select(Article).where(Article.hidden.is_(False), Article.created_at > since,
                                         Article.created_at <= now)
    in_sector = exists().where(ArticleSector.article_id == Article.id,
                               ArticleSector.sector == user.sector)
    if user.sector:
        # The most read in the period (wiki.reads), then the most worked on.
        ranking = (reads_since(since).desc(), Article.revision_count.desc(), Article.id.desc())
        mine = db.session.scalars(new_articles.where(in_sector).order_by(*ranking)
                                  .limit(3)).all()
        sections["articles"] = [_article_item(article) for article in mine]
        # From other sectors: what "From other sectors" (sectors.matches) keeps for the
        # articles above; when it has nothing yet, the most read new article elsewhere.
        across = kept_for([f"article:{article.id}" for article in mine], {user.sector})
        if across:
            sections["elsewhere"] = [{"title": item["title"],
                                      "url": compose.absolute(item["url"]),
                                      "note": item["sector"]} for item in across]
        else:
            other = db.session.scalars(new_articles.where(~in_sector, exists().where(
                ArticleSector.article_id == Article.id)).order_by(*ranking).limit(1))
            sections["elsewhere"] = [_article_item(article) for article in other]
    return sections


def _article_item(article: Article) -> dict:
    return {"title": article.title,
            "url": compose.absolute(site_path("wiki.article", slug=article.slug)),
            "note": ", ".join(article.sectors)}


def digest_for(user_id: int, now) -> str:
    """Queue `user_id`'s digest if due and something is new; its own transaction."""
    user = db.session.get(User, user_id)
    settings = db.session.get(MailSettings, user_id)
    if user is None or settings is None or settings.digest not in PERIODS \
            or not mailable(user, settings):
        return "skipped"
    period = PERIODS[settings.digest]
    if settings.last_digest_at is not None and now - settings.last_digest_at < period - SLACK:
        return "not due"
    key = f"digest:{user_id}:{period_key(settings.digest, now)}"
    if db.session.scalar(select(OutboxMessage.id).where(OutboxMessage.dedupe_key == key)):
        return "already sent"
    since = settings.last_digest_at or now - period
    if user.last_seen_at is not None and user.last_seen_at > since:
        since = user.last_seen_at  # what they saw on the site is not news
    sections = gather(user, since, now)
    if not any(sections.values()):
        return "nothing new"
    context = {"user": {"name": user.name, "username": user.username},
               "sections": sections, "frequency": settings.digest,
               "preferences_url": compose.absolute(site_path("mail.preferences")),
               "unsubscribe_url": unsubscribe_url(user.id, DIGEST)}
    # A second consumer at the same moment fails the unique key at commit (send_digests).
    outbox.queue(user_id=user.id, to=user.email, name=user.name, category="digest",
                 kind=DIGEST, subject=f"Your {settings.digest} Commonplace digest",
                 template="digest", context=context, dedupe_key=key)
    settings.last_digest_at = now
    return "queued"


def send_digests(now=None) -> str:
    """Every due member's digest (a periodic job; safe to run twice, or on two consumers)."""
    now = now or utcnow()
    counts: dict[str, int] = {}
    last = 0
    while True:
        ids = db.session.scalars(select(MailSettings.user_id).where(
            MailSettings.user_id > last, MailSettings.digest.in_(tuple(PERIODS)),
            MailSettings.verified_at.is_not(None)).order_by(MailSettings.user_id)
            .limit(BATCH)).all()
        if not ids:
            break
        for user_id in ids:
            try:
                result = digest_for(user_id, now)
                db.session.commit()
            except IntegrityError:
                db.session.rollback()
                result = "already sent"
            counts[result] = counts.get(result, 0) + 1
        last = ids[-1]
    db.session.rollback()
    current_app.logger.info("digests: %s", counts)
    return ", ".join(f"{count} {result}" for result, count in sorted(counts.items())) or "none"
