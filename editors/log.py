"""The audit log as editors read it: filters, and role changes from the web or the CLI."""

from __future__ import annotations

from sqlalchemy import func, or_, select

from core import permissions
from core.extensions import db
from core.models import User
from editors import audit
from editors.models import (
    AuditEntry,
)


def log_query(viewer, *, action: str | None = None, actor: str | None = None,
              kind: str | None = None, q: str | None = None):
    permissions.require(permissions.may_read_log(viewer),
                        "Only editors and admins may read the log.")
    query = select(AuditEntry).order_by(AuditEntry.created_at.desc(), AuditEntry.id.desc())
    if action:
        query = query.where(AuditEntry.action == action)
    if actor:
        query = query.where(func.lower(AuditEntry.actor_name) == actor.strip().lower())
    if kind:
        query = query.where(AuditEntry.target_type == kind)
    if q:
        pattern = "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        query = query.where(or_(AuditEntry.target_label.ilike(pattern, escape="\\"),
                                AuditEntry.reason.ilike(pattern, escape="\\")))
    return query


def log_actions() -> list[str]:
    return list(db.session.scalars(select(AuditEntry.action).distinct()
                                   .order_by(AuditEntry.action)))


def role_changed(user: User, old: str, new: str, actor, reason: str) -> None:
    """Hook: every role change goes into the log, from the web or the command line."""
    audit.record(actor, "role.changed", "user", user, reason=reason, detail=f"{old} → {new}")
