"""The outbox (every message, from queued to handed to the server) and each member's mail
settings and per-kind preferences."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from core.extensions import db
from core.timeutil import utcnow

# queued -> sending (claimed by one sender) -> sent | failed | undeliverable
STATUSES = ("queued", "sending", "sent", "failed", "undeliverable")


class OutboxMessage(db.Model):
    """One message, written in the transaction of the change that caused it: its template
    and what it shows (`context`, JSON), and a Message-ID made then. The sender builds it
    once, on its first try, and keeps the result in `raw` (committed before it is handed
    to the server), so that every later try sends the very same message. `dedupe_key`
    makes a second copy impossible where there must be one (a member's digest for a
    period)."""

    __tablename__ = "mail_outbox"
    __table_args__ = (Index("ix_mail_outbox_due", "status", "next_attempt_at"),
                      Index("ix_mail_outbox_group", "user_id", "kind", "status"))

    id: Mapped[int] = mapped_column(primary_key=True)
    message_id: Mapped[str] = mapped_column(String(200), unique=True)
    dedupe_key: Mapped[str | None] = mapped_column(String(80), unique=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    to_address: Mapped[str] = mapped_column(String(254))
    # account (reset, verification, address change), notification, digest, test
    category: Mapped[str] = mapped_column(String(16))
    kind: Mapped[str] = mapped_column(String(24), default="")
    subject: Mapped[str] = mapped_column(String(300))
    to_name: Mapped[str] = mapped_column(String(120), default="")
    template: Mapped[str] = mapped_column(String(40))
    # What the template shows (JSON); a grouped notification's items join it while held.
    context: Mapped[str] = mapped_column(Text, default="{}")
    raw: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(16), default="queued")
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow)
    claimed_at: Mapped[datetime | None]
    sent_at: Mapped[datetime | None]
    last_error: Mapped[str] = mapped_column(String(300), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class MailSettings(db.Model):
    """A member's mail state: whether their address is verified, whether the server
    refused it (mail stops until they change it), digests, and password-reset links."""

    __tablename__ = "mail_settings"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"),
                                         primary_key=True)
    verified_at: Mapped[datetime | None]
    # The address a server refused for good (5xx): no mail while it is still theirs.
    undeliverable_address: Mapped[str] = mapped_column(String(254), default="")
    digest: Mapped[str] = mapped_column(String(8), default="weekly")
    last_digest_at: Mapped[datetime | None]
    # A password-reset link carries this number: a newer link or a reset bumps it.
    reset_generation: Mapped[int] = mapped_column(default=0)
    pending_email: Mapped[str] = mapped_column(String(254), default="")


class MailPreference(db.Model):
    """How a member hears of one kind of notification: site, instant, digest or off.
    No row: the kind's default (mail.preferences.DEFAULTS)."""

    __tablename__ = "mail_preferences"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"),
                                         primary_key=True)
    kind: Mapped[str] = mapped_column(String(24), primary_key=True)
    mode: Mapped[str] = mapped_column(String(8))
