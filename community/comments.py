"""Comments on questions, answers and articles: adding, hiding and listing them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from community import notifications
from community.answers import get_answer
from community.models import Comment
from community.questions import get_question
from community.services import (
    TAKE_PART,
    audit_post,
    check_posting_rate,
    clean_text,
    hiding,
    question_url,
)
from core import permissions
from core.errors import NotFound
from core.extensions import db
from core.markup import render
from core.models import User
from core.signals import check_post
from core.timeutil import utcnow
from core.urls import site_path
from wiki import services

COMMENT_MAX = 600


@dataclass(frozen=True)
class CommentKind:
    """Comments on a part's own things: a part above community registers its kind (in its
    init_*), and the same comments, rules, limits, hiding and flags serve it."""

    load: Callable  # (target_id, viewer) -> the thing, or NotFound
    url: Callable  # (thing, anchor) -> the address of the thing's page
    posted: Callable  # (thing, comment, author) -> None: who hears of it, what it bumps


KINDS: dict[str, CommentKind] = {}


def register_kind(name: str, kind: CommentKind) -> None:
    KINDS[name] = kind


def comment_url(remark: Comment) -> str:
    """The address of a comment (as an anchor on its thing's page), "" if that is gone."""
    kind = KINDS.get(remark.target_type)
    if kind is None:
        return ""
    try:
        return kind.url(kind.load(remark.target_id, None), f"comment-{remark.id}")
    except NotFound:
        return ""


def comment_target(target_type: str, target_id: int, viewer=None):
    if target_type in KINDS:
        return KINDS[target_type].load(target_id, viewer)
    if target_type == "question":
        return get_question(target_id, viewer)
    if target_type == "answer":
        return get_answer(target_id, viewer)
    if target_type == "article":
        from wiki.models import Article

        article = db.session.get(Article, target_id)
        if article is None or not permissions.may_see(viewer, article):
            raise NotFound("There is no such article.")
        return article
    raise NotFound("Comments go on questions, answers and articles.")


def add_comment(author: User, target_type: str, target_id: int, body: str) -> Comment:
    permissions.require_member(author, TAKE_PART)
    target = comment_target(target_type, target_id, author)
    if target_type in KINDS:
        return _add_to_kind(author, KINDS[target_type], target, target_type, body)
    thread = target if target_type == "question" else (
        target.question if target_type == "answer" else None)
    permissions.require(permissions.may_comment(author, thread),
                        "This thread is locked: it takes no new comments.")
    body = clean_text(body, limit=COMMENT_MAX, what="comment")
    check_post(author, body)
    check_posting_rate(author)
    remark = Comment(target_type=target_type, target_id=target_id, author_id=author.id,
                     body=body, html=render(body).html)
    db.session.add(remark)
    db.session.flush()
    if thread is not None:
        thread.last_activity_at = utcnow()
        url = question_url(thread, anchor=f"comment-{remark.id}")
        title = thread.title
    else:
        url = site_path("wiki.article", slug=target.slug, anchor=f"comment-{remark.id}")
        title = target.title
        services.touch(target)
    owner = getattr(target, "author_id", None) or getattr(target, "created_by_id", None)
    notifications.notify({owner}, "comment", f"{author.name} commented on “{title}”", url, author)
    watched_type, watched_id = ("article", target.id) if thread is None else ("question",
                                                                            thread.id)
    watching = notifications.watchers(watched_type, watched_id) - {owner}
    notifications.notify(watching, "watched_change", f"{author.name} commented on “{title}”",
                         url, author, subject=f"{watched_type}:{watched_id}")
    # Nobody hears twice of one comment: a mention only reaches those not told already.
    notifications.notify(notifications.mentioned(body) - {owner} - watching, "mention",
                         f"{author.name} mentioned you in a comment on “{title}”", url, author)
    return remark


def _add_to_kind(author: User, kind: CommentKind, target, target_type: str,
                 body: str) -> Comment:
    permissions.require(permissions.may_comment(author, None), "You may not comment here.")
    body = clean_text(body, limit=COMMENT_MAX, what="comment")
    check_post(author, body)
    check_posting_rate(author)
    remark = Comment(target_type=target_type, target_id=target.id, author_id=author.id,
                     body=body, html=render(body).html)
    db.session.add(remark)
    db.session.flush()
    told = kind.posted(target, remark, author) or set()
    notifications.notify(notifications.mentioned(body) - set(told), "mention",
                         f"{author.name} mentioned you in a comment on “{target.title}”",
                         kind.url(target, f"comment-{remark.id}"), author)
    return remark


def set_comment_hidden(editor: User, remark: Comment, hidden: bool, *,
                       audited: bool = True, reason: str = "") -> Comment:
    """Hide or show a comment. `audited=False`: the caller writes the log's entry."""
    if hiding(editor, remark, "comment", hidden, audited and not reason) and audited \
            and reason:
        audit_post(editor, "comment.hidden" if hidden else "comment.shown", "comment", remark,
                   reason)
    remark.hidden = hidden
    if remark.target_type == "article":
        from wiki.models import Article

        article = db.session.get(Article, remark.target_id)
        if article is not None:
            services.touch(article)
    db.session.flush()
    return remark


def comments_for(target_type: str, ids: list[int], viewer=None) -> dict[int, list[Comment]]:
    if not ids:
        return {}
    query = (select(Comment).where(Comment.target_type == target_type,
                                   Comment.target_id.in_(ids))
             .options(selectinload(Comment.author)).order_by(Comment.created_at, Comment.id))
    if not permissions.may_see_hidden(viewer):
        query = query.where(Comment.hidden.is_(False))
    grouped: dict[int, list[Comment]] = {}
    for remark in db.session.scalars(query):
        grouped.setdefault(remark.target_id, []).append(remark)
    return grouped
