"""Community chats: a scheduled hour of numbered prompts, the replies given live, the
summary written afterwards, and the agenda members propose for the next one.

Times are stored as naive UTC like everywhere else; a chat keeps the IANA time zone it was
scheduled in (`time_zone`), which the page and the iCalendar files show it in. Whether a
chat is upcoming, live or past is not stored: it follows from the clock (`Chat.status`).
Replies are never deleted: a host hides one, with a reason (in the audit log).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.extensions import db
from core.models import User
from core.timeutil import utcnow

UPCOMING, LIVE, PAST = "upcoming", "live", "past"


class Chat(db.Model):
    __tablename__ = "chats"
    __table_args__ = (
        CheckConstraint("ends_at > starts_at", name="ends_after_start"),
        Index("ix_chats_starts_at", "starts_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(160))
    short_name: Mapped[str] = mapped_column(String(40), index=True)  # the hashtag, no "#"
    description: Mapped[str] = mapped_column(Text, default="")
    description_html: Mapped[str] = mapped_column(Text, default="")
    time_zone: Mapped[str] = mapped_column(String(64), default="UTC")
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    workgroup_id: Mapped[int | None] = mapped_column(
        ForeignKey("workgroups.id", ondelete="SET NULL"), index=True)
    host_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    curator_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    locked: Mapped[bool] = mapped_column(default=False)
    closed_at: Mapped[datetime | None]
    # The summary: a synthesis per prompt is on each Prompt; this is the whole chat's.
    summary: Mapped[str] = mapped_column(Text, default="")
    summary_html: Mapped[str] = mapped_column(Text, default="")
    next_steps: Mapped[str] = mapped_column(Text, default="")
    next_steps_html: Mapped[str] = mapped_column(Text, default="")
    summarised_at: Mapped[datetime | None]
    # Imported chats: where from (a file's digest or name), so a second import adds nothing.
    import_key: Mapped[str | None] = mapped_column(String(80), unique=True)
    article_id: Mapped[int | None] = mapped_column(
        ForeignKey("articles.id", ondelete="SET NULL"))
    version: Mapped[int] = mapped_column(default=1)
    # The newest reply the search document was built with: replies do not reindex the
    # chat one by one (a live hour brings hundreds); a job every minute catches up.
    indexed_reply_id: Mapped[int] = mapped_column(default=0, server_default="0")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    host: Mapped[User | None] = relationship(foreign_keys=[host_id])
    curator: Mapped[User | None] = relationship(foreign_keys=[curator_id])
    prompts: Mapped[list[Prompt]] = relationship(
        back_populates="chat", order_by="Prompt.number", cascade="all, delete-orphan")
    readings: Mapped[list[Reading]] = relationship(
        order_by="Reading.position", cascade="all, delete-orphan")

    def status(self, now: datetime) -> str:
        if now < self.starts_at:
            return UPCOMING
        if self.closed_at is None and now < self.ends_at and self.import_key is None:
            return LIVE
        return PAST

    @property
    def hashtag(self) -> str:
        return f"#{self.short_name}"

    def __repr__(self) -> str:
        return f"<Chat {self.id} {self.short_name}>"


class Reading(db.Model):
    """A featured reading: a link to an article, or to anything."""

    __tablename__ = "chat_readings"

    id: Mapped[int] = mapped_column(primary_key=True)
    chat_id: Mapped[int] = mapped_column(ForeignKey("chats.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    title: Mapped[str] = mapped_column(String(200))
    url: Mapped[str] = mapped_column(String(500))


class Prompt(db.Model):
    """Q1, Q2...: released one at a time by the host while the chat is live."""

    __tablename__ = "chat_prompts"
    __table_args__ = (Index("uq_chat_prompts_number", "chat_id", "number", unique=True),)

    id: Mapped[int] = mapped_column(primary_key=True)
    chat_id: Mapped[int] = mapped_column(ForeignKey("chats.id", ondelete="CASCADE"))
    number: Mapped[int]
    body: Mapped[str] = mapped_column(Text)
    html: Mapped[str] = mapped_column(Text, default="")
    released_at: Mapped[datetime | None]
    # A topic from the open agenda this prompt was picked from (its suggester is credited).
    suggestion_id: Mapped[int | None] = mapped_column(
        ForeignKey("chat_suggestions.id", ondelete="SET NULL"))
    synthesis: Mapped[str] = mapped_column(Text, default="")
    synthesis_html: Mapped[str] = mapped_column(Text, default="")

    chat: Mapped[Chat] = relationship(back_populates="prompts")
    suggestion: Mapped[Suggestion | None] = relationship()

    @property
    def label(self) -> str:
        return f"Q{self.number}"


class Reply(db.Model):
    """A reply under a prompt, or an introduction (no prompt: "before we start"), or a
    reply to one of those (one level deep). Imported replies by people who are not members
    keep their name in `outside_author`."""

    __tablename__ = "chat_replies"
    __table_args__ = (
        # The polling endpoint: this chat's replies after the last one seen.
        Index("ix_chat_replies_poll", "chat_id", "id"),
        Index("uq_chat_replies_source", "chat_id", "source_key", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    chat_id: Mapped[int] = mapped_column(ForeignKey("chats.id", ondelete="CASCADE"))
    prompt_id: Mapped[int | None] = mapped_column(
        ForeignKey("chat_prompts.id", ondelete="CASCADE"), index=True)
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("chat_replies.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True)
    outside_author: Mapped[str] = mapped_column(String(120), default="")
    body: Mapped[str] = mapped_column(Text)
    html: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    hidden: Mapped[bool] = mapped_column(default=False)
    hidden_reason: Mapped[str] = mapped_column(String(300), default="")
    source_key: Mapped[str | None] = mapped_column(String(120))
    source_url: Mapped[str] = mapped_column(String(500), default="")

    author: Mapped[User | None] = relationship()

    @property
    def author_name(self) -> str:
        if self.author is not None:
            return self.author.name
        return self.outside_author or "someone"


class Highlight(db.Model):
    """A reply the summary quotes under its prompt."""

    __tablename__ = "chat_highlights"
    __table_args__ = (Index("uq_chat_highlights_reply", "prompt_id", "reply_id", unique=True),)

    id: Mapped[int] = mapped_column(primary_key=True)
    prompt_id: Mapped[int] = mapped_column(ForeignKey("chat_prompts.id", ondelete="CASCADE"))
    reply_id: Mapped[int] = mapped_column(ForeignKey("chat_replies.id", ondelete="CASCADE"),
                                          index=True)

    reply: Mapped[Reply] = relationship()


class Reminder(db.Model):
    """A member asked to be reminded (mail an hour before); `sent_at` makes it once."""

    __tablename__ = "chat_reminders"

    chat_id: Mapped[int] = mapped_column(ForeignKey("chats.id", ondelete="CASCADE"),
                                         primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"),
                                         primary_key=True, index=True)
    sent_at: Mapped[datetime | None]


class ChatHost(db.Model):
    """A member an editor made a chat host: they may schedule chats."""

    __tablename__ = "chat_hosts"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"),
                                         primary_key=True)
    granted_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"))
    granted_at: Mapped[datetime] = mapped_column(default=utcnow)

    user: Mapped[User] = relationship(foreign_keys=[user_id])


class Suggestion(db.Model):
    """A topic on the open agenda; members vote (one each, withdrawable)."""

    __tablename__ = "chat_suggestions"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"),
                                                  index=True)
    votes: Mapped[int] = mapped_column(default=0)
    picked_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    author: Mapped[User | None] = relationship()


class SuggestionVote(db.Model):
    __tablename__ = "chat_suggestion_votes"

    suggestion_id: Mapped[int] = mapped_column(
        ForeignKey("chat_suggestions.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"),
                                         primary_key=True, index=True)
