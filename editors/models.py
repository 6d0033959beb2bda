"""The editors' desk: features, collections, review marks, outdated marks, flags and holds
(the audit log is core's: core/models.py). Tables and their invariants only; the rules live
in the services (editors/features.py, collections.py, review.py, flags.py, history.py,
merging.py)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    CheckConstraint,
    Float,
    ForeignKey,
    Index,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.extensions import db
from core.models import User
from core.timeutil import utcnow

FLAG_TARGETS = ("article", "question", "answer", "comment")
FLAG_REASONS = {
    "spam": "Spam or advertising",
    "offensive": "Offensive or abusive",
    "outdated": "Out of date",
    "duplicate": "Duplicate of another question",
    "other": "Something else",
}


def _one_of(*columns: str) -> str:
    """SQL that is true when exactly one of these columns is set."""
    return " + ".join(f"(CASE WHEN {name} IS NULL THEN 0 ELSE 1 END)" for name in columns) + " = 1"


class Collection(db.Model):
    """An ordered, annotated reading list of articles and solutions, curated by editors."""

    __tablename__ = "collections"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(120), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    intro: Mapped[str] = mapped_column(Text, default="")
    intro_html: Mapped[str] = mapped_column(Text, default="")
    hidden: Mapped[bool] = mapped_column(default=False)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)

    created_by: Mapped[User] = relationship()
    items: Mapped[list[CollectionItem]] = relationship(
        back_populates="collection", cascade="all, delete-orphan",
        order_by="(CollectionItem.position, CollectionItem.id)")


class CollectionItem(db.Model):
    """One reading in a collection: an article or a solved thread, with the editor's note."""

    __tablename__ = "collection_items"
    __table_args__ = (
        CheckConstraint(_one_of("article_id", "question_id"), name="one_target"),
        UniqueConstraint("collection_id", "article_id", name="uq_collection_items_article"),
        UniqueConstraint("collection_id", "question_id", name="uq_collection_items_question"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    collection_id: Mapped[int] = mapped_column(
        ForeignKey("collections.id", ondelete="CASCADE"), index=True)
    article_id: Mapped[int | None] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"),
                                                   index=True)
    question_id: Mapped[int | None] = mapped_column(
        ForeignKey("questions.id", ondelete="CASCADE"), index=True)
    note: Mapped[str] = mapped_column(Text, default="")
    note_html: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(default=0)
    added_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    added_at: Mapped[datetime] = mapped_column(default=utcnow)

    collection: Mapped[Collection] = relationship(back_populates="items")
    article = relationship("Article")
    question = relationship("Question")

    @property
    def kind(self) -> str:
        return "article" if self.article_id else "question"


class Feature(db.Model):
    """Something the home page shows first: an article, a solved thread or a collection."""

    __tablename__ = "features"
    __table_args__ = (
        CheckConstraint(_one_of("article_id", "question_id", "collection_id"),
                        name="one_target"),
        CheckConstraint("starts_at IS NULL OR ends_at IS NULL OR ends_at > starts_at",
                        name="ends_after_start"),
        Index("ix_features_live", "retired_at", "position"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int | None] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"),
                                                   index=True)
    question_id: Mapped[int | None] = mapped_column(
        ForeignKey("questions.id", ondelete="CASCADE"), index=True)
    collection_id: Mapped[int | None] = mapped_column(
        ForeignKey("collections.id", ondelete="CASCADE"), index=True)
    blurb: Mapped[str] = mapped_column(Text, default="")
    blurb_html: Mapped[str] = mapped_column(Text, default="")
    icon: Mapped[str] = mapped_column(String(24), default="")
    image: Mapped[str] = mapped_column(String(200), default="")  # a path under static/
    image_alt: Mapped[str] = mapped_column(String(200), default="")
    position: Mapped[int] = mapped_column(default=0)
    starts_at: Mapped[datetime | None]
    ends_at: Mapped[datetime | None]  # exclusive: the feature is gone from this moment
    retired_at: Mapped[datetime | None]
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    article = relationship("Article")
    question = relationship("Question")
    collection: Mapped[Collection | None] = relationship()
    created_by: Mapped[User] = relationship()

    @property
    def kind(self) -> str:
        if self.article_id:
            return "article"
        return "question" if self.question_id else "collection"


class ReviewMark(db.Model):
    """An editor vouched for an article as it read at one revision. Never changed."""

    __tablename__ = "review_marks"
    __table_args__ = (Index("ix_review_marks_article_number", "article_id", "revision_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    revision_id: Mapped[int] = mapped_column(ForeignKey("revisions.id", ondelete="CASCADE"))
    revision_number: Mapped[int]
    reviewer_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    note: Mapped[str] = mapped_column(String(300), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    reviewer: Mapped[User] = relationship()


class OutdatedMark(db.Model):
    """Editors say an article is out of date; it goes when the article is next updated."""

    __tablename__ = "outdated_marks"

    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"),
                                            primary_key=True)
    revision_number: Mapped[int]
    note: Mapped[str] = mapped_column(String(300), default="")
    marked_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    marked_at: Mapped[datetime] = mapped_column(default=utcnow)

    marked_by: Mapped[User] = relationship()


class Flag(db.Model):
    """A member's report that an article, question, answer or comment needs an editor."""

    __tablename__ = "flags"
    __table_args__ = (
        CheckConstraint("target_type IN ('article', 'question', 'answer', 'comment')",
                        name="target_known"),
        CheckConstraint("reason IN ('spam', 'offensive', 'outdated', 'duplicate', 'other')",
                        name="reason_known"),
        CheckConstraint("status IN ('open', 'dismissed', 'actioned')", name="status_known"),
        Index("ix_flags_target", "target_type", "target_id"),
        Index("ix_flags_status", "status", "created_at"),
        # One open flag per member per item: the database, not a check before the insert,
        # decides which of two racing reports is the member's flag.
        Index("uq_flags_one_open", "target_type", "target_id", "flagger_id", unique=True,
              sqlite_where=text("status = 'open'"), postgresql_where=text("status = 'open'")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    target_type: Mapped[str] = mapped_column(String(16))
    target_id: Mapped[int]
    reason: Mapped[str] = mapped_column(String(16))
    note: Mapped[str] = mapped_column(String(500), default="")
    flagger_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    # What this flag counts towards an automatic hold: the flagger's standing when they
    # flagged (editors.flags.flag_weight); a member of a month's standing counts 1.
    weight: Mapped[float] = mapped_column(Float, default=1.0, server_default="1")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    status: Mapped[str] = mapped_column(String(16), default="open")
    resolution: Mapped[str] = mapped_column(String(24), default="")
    resolved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    resolved_at: Mapped[datetime | None]

    # Not stored: set by editors.flags.flag when the member's report was already open.
    already_open = False

    flagger: Mapped[User] = relationship(foreign_keys=[flagger_id])
    resolved_by: Mapped[User | None] = relationship(foreign_keys=[resolved_by_id])

    @property
    def reason_label(self) -> str:
        return FLAG_REASONS.get(self.reason, self.reason)


class ModerationHold(db.Model):
    """Content hidden automatically after flags from several members, pending review."""

    __tablename__ = "moderation_holds"

    target_type: Mapped[str] = mapped_column(String(16), primary_key=True)
    target_id: Mapped[int] = mapped_column(primary_key=True)
    flaggers: Mapped[int] = mapped_column(default=0)
    held_at: Mapped[datetime] = mapped_column(default=utcnow)
