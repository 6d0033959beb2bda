"""The audit log as editors read it: filters, and role changes from the web or the CLI."""

from __future__ import annotations

from sqlalchemy import func, or_, select

from core import permissions
from core.extensions import db
from core.models import AuditEntry, User
from editors import audit


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


def role_changed(_app, *, user: User, old: str, new: str, actor, reason: str) -> None:
    """Receives core.signals.role_changed: every role change goes into the log, from the
    web or the command line."""
    audit.record(actor, "role.changed", "user", user, reason=reason, detail=f"{old} → {new}")


# What each action in the log means, in words; the code stays the filter's value.
_VERBS = {"hidden": "hidden", "shown": "shown again", "held": "held until an editor looks",
          "edited": "edited by an editor", "protected": "protected",
          "unprotected": "protection lifted", "locked": "locked", "unlocked": "unlocked",
          "closed": "closed", "reopened": "reopened", "merged": "merged into another"}
_NOUNS = {"article": "Article", "question": "Question", "answer": "Answer",
          "comment": "Comment", "collection": "Collection"}
ACTION_LABELS = {
    "article.reviewed": "Article reviewed", "article.outdated": "Article marked out of date",
    "article.current": "Out-of-date mark cleared", "collection.created": "Collection created",
    "collection.edited": "Collection edited", "collection.item_added": "Added to a collection",
    "collection.item_removed": "Removed from a collection", "feature.created": "Featured",
    "feature.edited": "Feature edited", "feature.retired": "Feature retired",
    "flags.dismissed": "Flags dismissed", "revision.suppressed": "Revision text suppressed",
    "revision.restored": "Revision text restored", "role.changed": "Role changed",
    # Organisations (orgs/): confirming and merging them, affiliations, memberships.
    "organisation.confirmed": "Organisation confirmed",
    "organisation.merged": "Organisation merged into another",
    "affiliation.approved": "Affiliation approved", "affiliation.removed": "Affiliation removed",
    "affiliation.admin": "Made an organisation admin",
    "affiliation.not_admin": "No longer an organisation admin",
    "membership.added": "Member organisation added",
    "membership.ended": "Member organisation's membership ended",
    # Across sectors (sectors/): an editor's choices about "From other sectors".
    "cross_sector.pin": "Match from other sectors pinned",
    "cross_sector.remove": "Match from other sectors removed",
    "cross_sector.clear": "Match from other sectors unpinned",
    **{f"{kind}.{verb}": f"{noun} {words}" for kind, noun in _NOUNS.items()
       for verb, words in _VERBS.items()},
}


def action_label(action: str) -> str:
    """The log's action in words ("Answer hidden"); an unknown code as it is."""
    return ACTION_LABELS.get(action, action)
