"""The audit log as the editors' desk writes it: its entries name the content they are
about (`describe`). The log itself, and who may be its actor, are core's (core/audit.py);
moderation done outside the desk (the buttons on article and thread pages) is logged by
the wiki's and the community's own services.
"""

from __future__ import annotations

from core import audit
from core.models import AuditEntry
from core.urls import site_path

# ---------------------------------------------------------------- what things are called


def describe(kind: str, thing) -> tuple[str, str]:
    """A label and an address for a piece of content, for the log and the desk."""
    if kind in ("article", "question", "answer", "comment"):
        from community.services import describe as describe_post

        return describe_post(kind, thing)
    if kind == "collection":
        return thing.title, site_path("editors.collection", slug=thing.slug)
    if kind == "feature":
        return f"Feature #{thing.id}", site_path("editors.featured")
    if kind == "user":
        return thing.username, site_path("pages.profile", username=thing.username)
    return "", ""


def record(actor, action: str, kind: str = "", thing=None, *, reason: str = "",
           detail: str = "", target_id: int | None = None, label: str | None = None,
           url: str | None = None) -> AuditEntry:
    """core.audit.record, with the label and address of `thing` filled in by `describe`."""
    described = describe(kind, thing) if thing is not None else ("", "")
    return audit.record(actor, action, kind, target_id if thing is None else thing.id,
                        label=label if label is not None else described[0],
                        url=url if url is not None else described[1], reason=reason,
                        detail=detail)
