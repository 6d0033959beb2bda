"""Suppressed revisions: editors hide a revision's text from the history, admins restore it."""

from __future__ import annotations

from sqlalchemy import func, select

from community.models import PostRevision
from core import permissions
from core.errors import NotFound, ValidationFailed
from core.extensions import db
from core.timeutil import utcnow
from core.urls import site_path
from editors import audit
from editors.common import REASON_MAX, clean_line, load_target
from wiki import reading, services

HISTORY_KINDS = ("article", "question", "answer")


def latest_number(kind: str, target) -> int:
    if kind == "article":
        db.session.flush()
        return target.revision_count
    return db.session.scalar(select(func.max(PostRevision.number)).where(
        PostRevision.post_type == kind, PostRevision.post_id == target.id)) or 0


def history_revision(kind: str, object_id: int, number: int, viewer):
    """(the article, question or answer, one of its revisions), for this viewer."""
    if kind not in HISTORY_KINDS:
        raise NotFound("Only articles, questions and answers keep a history.")
    target = load_target(kind, object_id, viewer)
    if kind == "article":
        revision = reading.get_revision(target, number)
    else:
        revision = db.session.scalar(select(PostRevision).where(
            PostRevision.post_type == kind, PostRevision.post_id == target.id,
            PostRevision.number == number))
        if revision is None:
            raise NotFound(f"There is no version {number} of this {kind}.")
    return target, revision


def history_url(kind: str, target) -> str:
    if kind == "article":
        return site_path("wiki.history", slug=target.slug)
    return site_path("community.post_history", kind=f"{kind}s", post_id=target.id)


def suppress_revision(editor, kind: str, object_id: int, number: int,
                      reason: str = "") -> object:
    """Remove a revision's text from the history (kept for admins): its text, summary and
    diffs are shown to everyone else as removed by an editor, and only editors may restore
    it as the current text. The current revision cannot be removed: edit it first."""
    permissions.require(permissions.may_suppress(editor),
                        "Only editors may remove text from the history.")
    target, revision = history_revision(kind, object_id, number, editor)
    if number >= latest_number(kind, target):
        raise ValidationFailed("This is the current text: edit it first, then remove the "
                               "old version from the history.", "reason")
    reason = clean_line(reason, REASON_MAX, "the reason", "reason")
    if revision.suppressed_at is None:
        revision.suppressed_at, revision.suppressed_by_id = utcnow(), editor.id
        if kind == "article":
            services.touch(target)
        db.session.flush()
        audit.record(editor, "revision.suppressed", kind, target, reason=reason,
                     detail=f"Revision {number} removed from the history")
    return revision


def restore_revision(admin, kind: str, object_id: int, number: int,
                     reason: str = "") -> object:
    """Put a removed revision's text back in the history (admins only)."""
    permissions.require(permissions.may_read_suppressed(admin),
                        "Only admins may put removed text back in the history.")
    target, revision = history_revision(kind, object_id, number, admin)
    reason = clean_line(reason, REASON_MAX, "the reason", "reason")
    if revision.suppressed_at is not None:
        revision.suppressed_at, revision.suppressed_by_id = None, None
        if kind == "article":
            services.touch(target)
        db.session.flush()
        audit.record(admin, "revision.restored", kind, target, reason=reason,
                     detail=f"Revision {number} shown in the history again")
    return revision
