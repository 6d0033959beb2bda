"""The partnerships board: posts looking for a partner in another sector, and replies to
them (private, to the poster alone, or public). Tables only; rules in partners.posts."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.extensions import db
from core.models import User
from core.timeutil import utcnow

STATUSES = ("open", "closed")


class PartnerPost(db.Model):
    __tablename__ = "partner_posts"
    __table_args__ = (
        CheckConstraint("status IN ('open', 'closed')", name="status_known"),
        Index("ix_partner_posts_board", "hidden", "status", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    region: Mapped[str] = mapped_column(String(80), default="")  # "" with online: anywhere
    online: Mapped[bool] = mapped_column(default=False)
    # Sought: ",public,school," and ",library,association," (orgs.models.KINDS)
    sectors_sought: Mapped[str] = mapped_column(String(80), default="")
    kinds_sought: Mapped[str] = mapped_column(String(120), default="")
    topic: Mapped[str] = mapped_column(String(50), default="", index=True)
    until: Mapped[date | None]
    status: Mapped[str] = mapped_column(String(8), default="open")
    found_note: Mapped[str] = mapped_column(String(500), default="")
    closed_at: Mapped[datetime | None]
    article_id: Mapped[int | None] = mapped_column(
        ForeignKey("articles.id", ondelete="SET NULL"))
    hidden: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    author: Mapped[User] = relationship()

    @property
    def sectors(self) -> list[str]:
        return [name for name in self.sectors_sought.split(",") if name]

    @property
    def kinds(self) -> list[str]:
        return [name for name in self.kinds_sought.split(",") if name]


class PartnerReply(db.Model):
    """A reply: private ones are read by their writer, the poster and editors only."""

    __tablename__ = "partner_replies"
    __table_args__ = (Index("ix_partner_replies_post", "post_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("partner_posts.id", ondelete="CASCADE"))
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    body: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    public: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    author: Mapped[User] = relationship()
