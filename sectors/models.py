"""Across sectors: the cached "From other sectors" of each article and solution, and the
editors' choices about them. Tables only; the rules live in sectors.matches."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from core.extensions import db
from core.timeutil import utcnow


class CrossSectorList(db.Model):
    """What "From other sectors" shows for one document ("article:12", "question:7"),
    computed by the job `cross_sector` (never on a page view) for one version of it."""

    __tablename__ = "cross_sector_lists"

    doc_key: Mapped[str] = mapped_column(String(40), primary_key=True)
    version: Mapped[str] = mapped_column(String(40))
    # [{key, type, title, url, sector, pinned}], at most five, at most two per sector
    items: Mapped[list] = mapped_column(JSON, default=list)
    computed_at: Mapped[datetime] = mapped_column(default=utcnow)


class CrossSectorChoice(db.Model):
    """An editor removed a poor match (it stays removed) or pinned a good one (shown first)."""

    __tablename__ = "cross_sector_choices"
    __table_args__ = (CheckConstraint("action IN ('pin', 'remove')", name="action_known"),)

    doc_key: Mapped[str] = mapped_column(String(40), primary_key=True)
    target_key: Mapped[str] = mapped_column(String(40), primary_key=True)
    action: Mapped[str] = mapped_column(String(8))
    chosen_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"))
    chosen_at: Mapped[datetime] = mapped_column(default=utcnow)
