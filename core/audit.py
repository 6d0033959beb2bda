"""The audit log: who did what, when and why.

Every service that moderates or changes a role writes its own entry here, with the actor
it was given (a member, `AUTOMATIC`, or None on the command line) and the reason they gave:
hiding, protecting, locking, closing, reviewing, merging, suppressing, roles. A caller that
writes a richer entry of its own (the editors' desk acting on flags) asks the service not
to (`audited=False`). Entries are added to the session and commit with the change.
"""

from __future__ import annotations

from core.extensions import db
from core.models import AuditEntry

AUTOMATIC_NAME = "automatic"
COMMAND_LINE = "command line"


class Automatic:
    """The site acting by itself: it hides content that several members flagged, and
    restores it when an editor dismisses those flags. Only editors.flags acts as it."""

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


def _actor_fields(actor) -> tuple[int | None, str]:
    if actor is None:
        return None, COMMAND_LINE
    if isinstance(actor, Automatic):
        return None, AUTOMATIC_NAME
    if not getattr(actor, "is_authenticated", False):
        return None, "anonymous"
    return actor.id, actor.username


def record(actor, action: str, kind: str = "", target_id: int | None = None, *,
           label: str = "", url: str = "", reason: str = "", detail: str = "") -> AuditEntry:
    """Add an entry: `action` such as "article.hidden", on the `kind` of thing `target_id`,
    named `label` and found at `url` (as they are now: the log reads the same later)."""
    actor_id, actor_name = _actor_fields(actor)
    entry = AuditEntry(actor_id=actor_id, actor_name=actor_name[:80], action=action[:40],
                       target_type=kind, target_id=target_id, target_label=(label or "")[:200],
                       target_url=(url or "")[:300], reason=(reason or "")[:500],
                       detail=(detail or "")[:500])
    db.session.add(entry)
    return entry
