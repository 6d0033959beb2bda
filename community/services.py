"""What every community service shares: posting rules, post revisions, audit labels, addresses."""

from __future__ import annotations

from datetime import timedelta

from flask import current_app
from limits import parse
from limits.strategies import MovingWindowRateLimiter
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from community.models import Answer, PostRevision, Question
from core import audit, permissions, signals
from core.errors import RateLimited, ValidationFailed
from core.extensions import db, limiter
from core.markup import slugify
from core.models import User
from core.slugs import free_slug
from core.text import check_text
from core.timeutil import utcnow
from core.urls import site_path

BODY_MAX = 30_000
NEW_ACCOUNT_AGE = timedelta(days=1)
TAKE_PART = "Please sign in to take part."
POSTING_LIMITS = {"new": "5 per 10 minutes", "member": "30 per 10 minutes"}


# ---------------------------------------------------------------- rules shared by all posts

def check_posting_rate(user: User) -> None:
    """Posting is limited per member, more strictly for accounts less than a day old."""
    if not current_app.config.get("RATELIMIT_ENABLED", True):
        return
    kind = "new" if utcnow() - user.created_at < NEW_ACCOUNT_AGE else "member"
    item = parse(POSTING_LIMITS[kind])
    if not MovingWindowRateLimiter(limiter.storage).hit(item, "post", str(user.id)):
        raise RateLimited(
            "You are posting faster than we allow"
            + (" for new accounts" if kind == "new" else "")
            + f" ({POSTING_LIMITS[kind]}). Your text is kept below: wait a few minutes and "
            "send it again.")


def clean_text(body: str, *, field: str = "body", limit: int = BODY_MAX,
               what: str = "text") -> str:
    body = check_text(body, field, f"your {what}", multiline=True)
    body = body.replace("\r\n", "\n").strip()
    if not body:
        raise ValidationFailed(f"Write some {what} first.", field)
    if len(body) > limit:
        raise ValidationFailed(f"Your {what} is {len(body):,} characters long; the limit is "
                               f"{limit:,}. Shorten it and send it again.", field)
    return body



def record_revision(post_type: str, post_id: int, author: User, body: str, title: str = "",
                    summary: str = "") -> PostRevision:
    number = (db.session.scalar(select(func.max(PostRevision.number)).where(
        PostRevision.post_type == post_type, PostRevision.post_id == post_id)) or 0) + 1
    revision = PostRevision(post_type=post_type, post_id=post_id, number=number,
                            author_id=author.id, body=body, title=title, summary=summary)
    db.session.add(revision)
    return revision


def describe(kind: str, thing) -> tuple[str, str]:
    """A label and an address for an article, question, answer or comment, for the audit
    log and the editors' desk."""
    if kind == "article":
        return thing.title, site_path("wiki.article", slug=thing.slug)
    if kind == "question":
        return thing.title, question_url(thing)
    if kind == "answer":
        question = thing.question
        return (f"Answer by {thing.author.name} to “{question.title}”",
                question_url(question, anchor=f"answer-{thing.id}"))
    label = f"Comment by {thing.author.name}"
    url = ""
    from community.comments import KINDS, comment_url

    if thing.target_type in KINDS:
        url = comment_url(thing)
    elif thing.target_type == "article":
        from wiki.models import Article

        article = db.session.get(Article, thing.target_id)
        url = site_path("wiki.article", slug=article.slug,
                        anchor=f"comment-{thing.id}") if article else ""
    else:
        parent = db.session.get(Question if thing.target_type == "question" else Answer,
                                thing.target_id)
        question = parent if thing.target_type == "question" else getattr(
            parent, "question", None)
        url = question_url(question, anchor=f"comment-{thing.id}") if question else ""
    return label, url


def audit_post(actor, action: str, kind: str, thing, reason: str = "") -> None:
    label, url = describe(kind, thing)
    audit.record(actor, action, kind, thing.id, label=label, url=url, reason=reason)


def hiding(editor: User, post, kind: str, hidden: bool, audited: bool) -> bool:
    """What every hide or show of a post (`kind`: question, answer, comment) checks and logs
    first; whether it changes anything. `audited=False`: the caller writes the log's entry."""
    permissions.require(permissions.may_hide(editor, post), f"Only editors may hide {kind}s.")
    changes = bool(post.hidden) != bool(hidden)
    if audited and changes:
        audit_post(editor, f"{kind}.hidden" if hidden else f"{kind}.shown", kind, post)
    return changes


def question_changed(question: Question) -> None:
    """Search shows this question differently now: bump it and tell the outbox."""
    # In SQL, not from the value read: two answers at once must both count.
    question.version = Question.version + 1
    db.session.flush()
    signals.send(signals.content_changed, kind="question", object_id=question.id)


QUESTION_RULE = "/questions/<int:question_id>/<slug>"


def question_slug(title: str) -> str:
    """The slug after a question's id: from its title, never the name of a page of the
    thread ("Vote??????" is /questions/1/vote-question, not the vote button's address)."""
    return free_slug(slugify(title)[:60], QUESTION_RULE, "question")


def question_url(question: Question, anchor: str | None = None) -> str:
    return site_path("community.question", question_id=question.id,
                     slug=question_slug(question.title), anchor=anchor)


def revisions_of(post_type: str, post_id: int) -> list[PostRevision]:
    return list(db.session.scalars(select(PostRevision).where(
        PostRevision.post_type == post_type, PostRevision.post_id == post_id)
        .options(selectinload(PostRevision.author)).order_by(PostRevision.number.desc())))
