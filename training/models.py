"""The training register: topics libraries want training on, the interest in them,
campaigns that pool pledges of seats and money, the pledges (with their history) and
trainers' offers.

Money is kept in integer minor units of the campaign's currency (training/money.py); the
price and tipping rules are training/pricing.py. Who may do what is core.permissions
(may_*_training / campaign rules); the services are training/topics.py, interest.py,
campaigns.py, pledges.py and offers.py.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.extensions import db
from core.models import User
from core.timeutil import utcnow
from orgs.models import Organisation

FORMATS = {"any": "Any format", "workshop": "Workshop", "webinar": "Webinar",
           "course": "Course", "consultation": "Consultation"}
TOPIC_STATUSES = {"open": "Open", "planned": "Planned", "funded": "Funded",
                  "delivered": "Delivered", "declined": "Declined", "duplicate": "Duplicate"}
CAMPAIGN_STATUSES = {"open": "Open for pledges", "tipped": "Going ahead",
                     "confirmed": "Confirmed", "failed": "Did not reach its minimum",
                     "cancelled": "Cancelled", "scheduled": "Scheduled",
                     "delivered": "Delivered"}
PLEDGE_STATUSES = ("active", "withdrawn", "confirmed", "released")
OFFER_STATUSES = {"made": "Made", "shortlisted": "Shortlisted", "accepted": "Accepted",
                  "declined": "Not chosen", "withdrawn": "Withdrawn"}
ONLINE = "online"  # a topic's or campaign's region when it is delivered online


def _known(column: str, values) -> str:
    return f"{column} IN ({', '.join(repr(value) for value in values)})"


class TrainingTopic(db.Model):
    __tablename__ = "training_topics"
    __table_args__ = (
        CheckConstraint(_known("status", TOPIC_STATUSES), name="status_known"),
        CheckConstraint(_known("format", FORMATS), name="format_known"),
        Index("ix_training_topics_list", "status", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    html: Mapped[str] = mapped_column(Text, default="")  # the description, rendered
    format: Mapped[str] = mapped_column(String(16), default="any")
    audience: Mapped[str] = mapped_column(String(200), default="")
    sectors: Mapped[str] = mapped_column(String(80), default="")  # "public,academic"
    region: Mapped[str] = mapped_column(String(80), default="")  # "" anywhere, "online"
    status: Mapped[str] = mapped_column(String(12), default="open")
    status_reason: Mapped[str] = mapped_column(Text, default="")
    duplicate_of_id: Mapped[int | None] = mapped_column(
        ForeignKey("training_topics.id", ondelete="SET NULL"))
    moved_count: Mapped[int] = mapped_column(default=0)  # interest moved in as duplicates
    # Kept by training.interest after every change: the lists sort by them.
    library_count: Mapped[int] = mapped_column(default=0)
    seat_count: Mapped[int] = mapped_column(default=0)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    author: Mapped[User | None] = relationship()
    duplicate_of: Mapped[TrainingTopic | None] = relationship(remote_side=[id])

    @property
    def sector_list(self) -> list[str]:
        return [sector for sector in self.sectors.split(",") if sector]


class TrainingInterest(db.Model):
    """A member's interest in a topic, for themselves or for an organisation they have an
    approved affiliation with, with how many staff would come. One per member and topic."""

    __tablename__ = "training_interest"
    __table_args__ = (
        CheckConstraint("seats >= 1", name="seats_positive"),
        Index("uq_training_interest_member", "topic_id", "user_id", unique=True),
        Index("ix_training_interest_recent", "topic_id", "updated_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    topic_id: Mapped[int] = mapped_column(ForeignKey("training_topics.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"),
                                         index=True)
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True)
    seats: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    user: Mapped[User] = relationship()
    organisation: Mapped[Organisation | None] = relationship()


class TrainingCampaign(db.Model):
    __tablename__ = "training_campaigns"
    __table_args__ = (
        CheckConstraint(_known("status", CAMPAIGN_STATUSES), name="status_known"),
        CheckConstraint("min_participants >= 1", name="min_positive"),
        CheckConstraint("max_participants IS NULL OR max_participants >= min_participants",
                        name="max_not_below_min"),
        CheckConstraint("fixed_fee >= 0 AND per_head_fee >= 0", name="fees_not_negative"),
        Index("ix_training_campaigns_due", "status", "deadline"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    topic_id: Mapped[int] = mapped_column(ForeignKey("training_topics.id", ondelete="CASCADE"),
                                          index=True)
    host_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"),
                                         index=True)
    # The accepted offer (TrainingOffer.id); no foreign key, since offers point at their
    # campaign, and a cycle of keys would make the tables' order of creation ambiguous.
    offer_id: Mapped[int | None] = mapped_column()
    region: Mapped[str] = mapped_column(String(80), default="")
    min_participants: Mapped[int] = mapped_column()
    max_participants: Mapped[int | None] = mapped_column()
    target: Mapped[int | None] = mapped_column(BigInteger)  # minor units
    currency: Mapped[str] = mapped_column(String(3))
    fixed_fee: Mapped[int] = mapped_column(BigInteger, default=0)
    per_head_fee: Mapped[int] = mapped_column(BigInteger, default=0)
    deadline: Mapped[datetime] = mapped_column()  # naive UTC
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    status: Mapped[str] = mapped_column(String(10), default="open")
    extended: Mapped[bool] = mapped_column(default=False)
    tipped_at: Mapped[datetime | None]
    settled_at: Mapped[datetime | None]  # confirmed, failed or cancelled
    final_price: Mapped[int | None] = mapped_column(BigInteger)  # frozen at confirmation
    final_seats: Mapped[int | None] = mapped_column()
    reason: Mapped[str] = mapped_column(Text, default="")  # why cancelled
    schedule: Mapped[str] = mapped_column(Text, default="")  # date and place or link
    deadline_warned: Mapped[bool] = mapped_column(default=False)
    # The practice article the host made of the materials after delivery (a wiki slug).
    article_slug: Mapped[str] = mapped_column(String(80), default="")
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    topic: Mapped[TrainingTopic] = relationship()
    host: Mapped[Organisation] = relationship()


class TrainingPledge(db.Model):
    """An organisation's commitment to send `seats` staff at up to `max_price` per head.
    One row per organisation and campaign (a second pledge edits it; a withdrawn one comes
    back when pledged again); every change is a TrainingPledgeChange."""

    __tablename__ = "training_pledges"
    __table_args__ = (
        CheckConstraint(_known("status", PLEDGE_STATUSES), name="status_known"),
        CheckConstraint("seats >= 1", name="seats_positive"),
        CheckConstraint("max_price >= 0", name="max_price_not_negative"),
        Index("uq_training_pledges_org", "campaign_id", "organisation_id", unique=True),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(
        ForeignKey("training_campaigns.id", ondelete="CASCADE"))
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    seats: Mapped[int] = mapped_column()
    max_price: Mapped[int] = mapped_column(BigInteger)
    status: Mapped[str] = mapped_column(String(10), default="active")
    price: Mapped[int | None] = mapped_column(BigInteger)  # confirmed at this price
    created_at: Mapped[datetime] = mapped_column(default=utcnow)  # first made: its turn
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    organisation: Mapped[Organisation] = relationship()
    user: Mapped[User | None] = relationship()


class TrainingPledgeChange(db.Model):
    __tablename__ = "training_pledge_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    pledge_id: Mapped[int] = mapped_column(ForeignKey("training_pledges.id", ondelete="CASCADE"),
                                           index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    action: Mapped[str] = mapped_column(String(12))  # made, changed, withdrawn, confirmed...
    seats: Mapped[int] = mapped_column()
    max_price: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    user: Mapped[User | None] = relationship()


class TrainingOffer(db.Model):
    """A trainer's offer on a topic (or on one of its campaigns)."""

    __tablename__ = "training_offers"
    __table_args__ = (
        CheckConstraint(_known("status", OFFER_STATUSES), name="status_known"),
        CheckConstraint("fixed_fee >= 0 AND per_head_fee >= 0", name="fees_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    topic_id: Mapped[int] = mapped_column(ForeignKey("training_topics.id", ondelete="CASCADE"),
                                          index=True)
    campaign_id: Mapped[int | None] = mapped_column(
        ForeignKey("training_campaigns.id", ondelete="CASCADE"), index=True)
    trainer_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    provider_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisations.id", ondelete="SET NULL"))
    currency: Mapped[str] = mapped_column(String(3))
    fixed_fee: Mapped[int] = mapped_column(BigInteger, default=0)
    per_head_fee: Mapped[int] = mapped_column(BigInteger, default=0)
    min_participants: Mapped[int] = mapped_column(default=1)
    max_participants: Mapped[int | None] = mapped_column()
    dates: Mapped[str] = mapped_column(String(200), default="")
    format: Mapped[str] = mapped_column(String(16), default="any")
    valid_until: Mapped[datetime | None]
    note: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(12), default="made")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    trainer: Mapped[User] = relationship()
    provider: Mapped[Organisation | None] = relationship()


class TrainerProfile(db.Model):
    """A member who declares themselves a trainer: what they train and where. With it (or
    an approved affiliation with a training provider) a member may make offers."""

    __tablename__ = "trainer_profiles"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"),
                                         primary_key=True)
    description: Mapped[str] = mapped_column(Text, default="")  # what they train, plain
    region: Mapped[str] = mapped_column(String(200), default="")  # where they train
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    user: Mapped[User] = relationship()
