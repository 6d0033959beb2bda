"""The audit log: who did what, when and why.

Editors' desk services write their own entries (`record`) with the reason the editor
gave. Moderation done elsewhere (the hide, protect, lock and close buttons on article
and thread pages, or a script) is caught by a `before_flush` listener that notices the
change to the content's flags, so no moderation escapes the log whichever way it was
done. Inside `explicit()` the listener stays quiet: the service writes the richer entry.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from flask import has_request_context
from sqlalchemy import inspect
from sqlalchemy.orm import Session

from core.extensions import db
from core.urls import site_path
from editors.models import AuditEntry

AUTOMATIC_NAME = "automatic"
COMMAND_LINE = "command line"

_explicit: ContextVar[bool] = ContextVar("editors_explicit_audit", default=False)


class Automatic:
    """The site acting by itself: it hides content that several members flagged, and
    restores it when an editor dismisses those flags. Only editors.flags uses it."""

    is_authenticated = True
    is_active = True
    is_editor = True
    is_admin = True  # only ever to restore what it hid itself
    id = None
    role = "admin"
    username = AUTOMATIC_NAME
    name = "Commonplace (automatic)"

    def has_role(self, role: str) -> bool:
        return True


AUTOMATIC = Automatic()

# ---------------------------------------------------------------- what things are called


def describe(kind: str, thing) -> tuple[str, str]:
    """A label and an address for a piece of content, for the log and the desk."""
    from community.services import question_url

    if kind == "article":
        return thing.title, site_path("wiki.article", slug=thing.slug)
    if kind == "question":
        return thing.title, question_url(thing)
    if kind == "answer":
        question = thing.question
        return (f"Answer by {thing.author.name} to “{question.title}”",
                question_url(question, anchor=f"answer-{thing.id}"))
    if kind == "comment":
        label = f"Comment by {thing.author.name}"
        url = ""
        if thing.target_type == "article":
            from wiki.models import Article

            article = db.session.get(Article, thing.target_id)
            url = site_path("wiki.article", slug=article.slug,
                            anchor=f"comment-{thing.id}") if article else ""
        else:
            from community.models import Answer, Question

            parent = db.session.get(Question if thing.target_type == "question" else Answer,
                                    thing.target_id)
            question = parent if thing.target_type == "question" else getattr(
                parent, "question", None)
            url = question_url(question, anchor=f"comment-{thing.id}") if question else ""
        return label, url
    if kind == "collection":
        return thing.title, site_path("editors.collection", slug=thing.slug)
    if kind == "feature":
        return f"Feature #{thing.id}", site_path("editors.featured")
    if kind == "user":
        return thing.username, site_path("core.profile", username=thing.username)
    return "", ""


def _actor_fields(actor) -> tuple[int | None, str]:
    if actor is None:
        return None, COMMAND_LINE
    if isinstance(actor, Automatic):
        return None, AUTOMATIC_NAME
    if not getattr(actor, "is_authenticated", False):
        return None, "anonymous"
    return actor.id, actor.username


def record(actor, action: str, kind: str = "", thing=None, *, reason: str = "",
           detail: str = "", target_id: int | None = None, label: str | None = None,
           url: str | None = None) -> AuditEntry:
    actor_id, actor_name = _actor_fields(actor)
    described = describe(kind, thing) if thing is not None else ("", "")
    entry = AuditEntry(actor_id=actor_id, actor_name=actor_name[:80], action=action[:40],
                       target_type=kind, target_id=target_id if thing is None else thing.id,
                       target_label=(label if label is not None else described[0])[:200],
                       target_url=(url if url is not None else described[1])[:300],
                       reason=(reason or "")[:500], detail=(detail or "")[:500])
    db.session.add(entry)
    return entry


@contextmanager
def explicit() -> Iterator[None]:
    """Changes made inside are logged by the caller, not by the listener."""
    token = _explicit.set(True)
    try:
        yield
        db.session.flush()
    finally:
        _explicit.reset(token)


# ---------------------------------------------------------------- the listener

def _watched() -> dict:
    from community.models import Answer, Comment, Question
    from wiki.models import Article

    return {Article: ("article", ("hidden", "protected")),
            Question: ("question", ("hidden", "locked", "closed_reason")),
            Answer: ("answer", ("hidden",)), Comment: ("comment", ("hidden",))}


def _action(kind: str, attribute: str, old, new) -> tuple[str, str] | None:
    """The log's action name for this change, and the reason it carries (if any)."""
    if attribute == "closed_reason":
        if (old or None) == (new or None):
            return None
        return ("question.closed", new or "") if new else ("question.reopened", "")
    if bool(old) == bool(new):
        return None
    names = {"hidden": ("hidden", "shown"), "protected": ("protected", "unprotected"),
             "locked": ("locked", "unlocked")}[attribute]
    return f"{kind}.{names[0] if new else names[1]}", ""


def _current_actor():
    if not has_request_context():
        return None
    from flask_login import current_user

    return current_user if current_user.is_authenticated else None


def before_flush(session: Session, _context, _instances) -> None:
    if _explicit.get() or not session.dirty:
        return
    watched = _watched()
    changes = []
    for thing in list(session.dirty):
        spec = watched.get(type(thing))
        if spec is None:
            continue
        kind, attributes = spec
        state = inspect(thing)
        for attribute in attributes:
            history = state.attrs[attribute].history
            if not history.has_changes():
                continue
            old = history.deleted[0] if history.deleted else None
            new = history.added[0] if history.added else None
            action = _action(kind, attribute, old, new)
            if action:
                changes.append((kind, thing, *action))
    if not changes:
        return
    actor = _current_actor()
    with session.no_autoflush:
        for kind, thing, action, reason in changes:
            record(actor, action, kind, thing, reason=reason)
