"""Organisations, the members' affiliations with them, and consortium memberships.

An organisation's identifiers are checked by `orgs.identifiers`; the rules of who may do
what to them are in `core.permissions`; the services that keep the invariants below are
`orgs.organisations`, `orgs.affiliations`, `orgs.consortia` and `orgs.merging`.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from core.extensions import db
from core.models import User
from core.timeutil import utcnow

KINDS = {
    "library": "Library",
    "service": "Library service or branch network",
    "consortium": "Consortium or network",
    "association": "Association or umbrella body",
    "training": "Training provider or consultancy",
    "other": "Other",
}
# Kinds whose page lists member organisations (and what their staff write and ask).
GROUPING_KINDS = ("consortium", "association")
STATUSES = ("active", "closed", "merged")
AFFILIATION_ROLES = {"staff": "Staff", "manager": "Manager"}
MEMBERSHIP_ROLES = {"lead": "Lead", "member": "Member", "associate": "Associate"}


class Organisation(db.Model):
    __tablename__ = "organisations"
    __table_args__ = (
        CheckConstraint("status IN ('active', 'closed', 'merged')", name="status_known"),
        Index("ix_organisations_list", "status", "name"),
        Index("ix_organisations_place", "country", "region"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    name: Mapped[str] = mapped_column(String(160))
    kind: Mapped[str] = mapped_column(String(16), index=True)
    country: Mapped[str] = mapped_column(String(2), default="")  # ISO 3166-1 alpha-2
    region: Mapped[str] = mapped_column(String(80), default="")
    website: Mapped[str] = mapped_column(String(300), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    # ISIL as written, and upper-cased for uniqueness (ISO 15511: one regardless of case).
    isil: Mapped[str] = mapped_column(String(16), default="")
    isil_key: Mapped[str | None] = mapped_column(String(16), unique=True)
    oclc: Mapped[str] = mapped_column(String(16), default="")
    ror: Mapped[str] = mapped_column(String(40), default="")
    wikidata: Mapped[str] = mapped_column(String(20), default="")
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisations.id", ondelete="SET NULL"), index=True)
    status: Mapped[str] = mapped_column(String(8), default="active")
    merged_into_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisations.id", ondelete="SET NULL"))
    verified: Mapped[bool] = mapped_column(default=False)
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    parent: Mapped[Organisation | None] = relationship(
        remote_side=[id], foreign_keys=[parent_id])
    sector_rows: Mapped[list[OrganisationSector]] = relationship(
        cascade="all, delete-orphan", order_by="OrganisationSector.sector")

    @property
    def sectors(self) -> list[str]:
        return [row.sector for row in self.sector_rows]

    @property
    def groups_members(self) -> bool:
        return self.kind in GROUPING_KINDS

    def __repr__(self) -> str:
        return f"<Organisation {self.slug}>"


class OrganisationSector(db.Model):
    __tablename__ = "organisation_sectors"

    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), primary_key=True)
    sector: Mapped[str] = mapped_column(String(16), primary_key=True, index=True)


class OrganisationSlug(db.Model):
    """A slug an organisation no longer answers to (merged away, or renamed): it redirects."""

    __tablename__ = "organisation_slugs"

    slug: Mapped[str] = mapped_column(String(80), primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"), index=True)


class Affiliation(db.Model):
    """A member's work for an organisation: claimed by the member, approved (or removed) by
    the organisation's admins. One open claim per member and organisation; an ended one
    (end date set) stays, for old content."""

    __tablename__ = "affiliations"
    __table_args__ = (
        CheckConstraint("role IN ('staff', 'manager')", name="role_known"),
        CheckConstraint("status IN ('pending', 'approved')", name="status_known"),
        Index("uq_affiliations_one_open", "user_id", "organisation_id", unique=True,
              sqlite_where=text("end_date IS NULL"), postgresql_where=text("end_date IS NULL")),
        Index("ix_affiliations_organisation", "organisation_id", "status", "user_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"))
    role: Mapped[str] = mapped_column(String(8), default="staff")
    status: Mapped[str] = mapped_column(String(8), default="pending")
    # An org admin: approves affiliations, manages a consortium's members (given by an
    # editor or another admin of the organisation, to an approved affiliation).
    admin: Mapped[bool] = mapped_column(default=False)
    show_in_byline: Mapped[bool] = mapped_column(default=False)
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    approved_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"))
    approved_at: Mapped[datetime | None]

    user: Mapped[User] = relationship(foreign_keys=[user_id])
    organisation: Mapped[Organisation] = relationship()

    @property
    def current(self) -> bool:
        return self.end_date is None

    @property
    def approved(self) -> bool:
        return self.status == "approved"


class ConsortiumMembership(db.Model):
    """An organisation's membership of a consortium or umbrella body."""

    __tablename__ = "consortium_memberships"
    __table_args__ = (
        CheckConstraint("role IN ('lead', 'member', 'associate')", name="role_known"),
        CheckConstraint("consortium_id <> member_id", name="not_itself"),
        Index("uq_consortium_memberships_pair", "consortium_id", "member_id", unique=True),
        Index("ix_consortium_memberships_member", "member_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    consortium_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.id", ondelete="CASCADE"))
    member_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"))
    role: Mapped[str] = mapped_column(String(10), default="member")
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    source_url: Mapped[str] = mapped_column(String(300), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    consortium: Mapped[Organisation] = relationship(foreign_keys=[consortium_id])
    member: Mapped[Organisation] = relationship(foreign_keys=[member_id])

    @property
    def current(self) -> bool:
        return self.end_date is None
