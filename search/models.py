"""The search outbox: written in the content's own transaction, drained after commit."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, String
from sqlalchemy.orm import Mapped, mapped_column

from core.extensions import db
from core.timeutil import utcnow


class SearchOutbox(db.Model):
    """'This object changed: bring its index document up to date.' Never lost: a row
    leaves only after the index holding the change has been committed."""

    __tablename__ = "search_outbox"
    __table_args__ = (Index("ix_search_outbox_kind_object", "kind", "object_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    object_id: Mapped[int]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
