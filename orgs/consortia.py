"""Consortium memberships: an organisation's membership of a consortium or umbrella body,
with a role, dates and the link that says so; managed by the consortium's admins (and
editors)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, or_, select
from sqlalchemy.orm import joinedload

from core import audit, permissions
from core.errors import NotFound, Problems, ValidationFailed
from core.extensions import db
from orgs import identifiers
from orgs.models import MEMBERSHIP_ROLES, Affiliation, ConsortiumMembership, Organisation


def get_membership(membership_id: int) -> ConsortiumMembership:
    membership = db.session.get(ConsortiumMembership, membership_id)
    if membership is None:
        raise NotFound("There is no such membership.")
    return membership


def clean_membership(consortium: Organisation, member: Organisation | None, role: str,
                     start_date: date | None, end_date: date | None, source_url: str,
                     *, member_field: str = "member") -> str:
    """Every problem with a membership at once; returns the cleaned source link."""
    problems = Problems()
    if not consortium.groups_members:
        problems.add("Only a consortium or an umbrella body has member organisations.",
                     member_field)
    if member is None:
        problems.add("Give the ISIL or address of an organisation on Commonplace.",
                     member_field)
    elif member.id == consortium.id:
        problems.add("An organisation cannot be a member of itself.", member_field)
    if role not in MEMBERSHIP_ROLES:
        problems.add("Choose lead, member or associate.", "role")
    if start_date and end_date and end_date < start_date:
        problems.add("The end date comes before the start date.", "end_date")
    source = problems.check(identifiers.clean_url, source_url, "source_url", "The source link")
    problems.raise_any()
    return source or ""


def add_member(actor, consortium: Organisation, member: Organisation | None, role: str,
               start_date: date | None = None, end_date: date | None = None,
               source_url: str = "") -> ConsortiumMembership:
    permissions.require(permissions.may_manage_memberships(actor, consortium),
                        "Only the consortium's admins and editors manage its members.")
    source = clean_membership(consortium, member, role, start_date, end_date, source_url)
    existing = db.session.scalar(select(ConsortiumMembership).where(
        ConsortiumMembership.consortium_id == consortium.id,
        ConsortiumMembership.member_id == member.id))
    if existing is not None and existing.current:
        raise ValidationFailed(f"{member.name} is already a member.", "member")
    membership = existing or ConsortiumMembership(consortium_id=consortium.id,
                                                  member_id=member.id)
    membership.role, membership.start_date, membership.end_date = role, start_date, end_date
    membership.source_url = source
    db.session.add(membership)
    db.session.flush()
    audit.record(actor, "membership.added", "organisation", consortium.id,
                 label=f"{member.name} in {consortium.name}")
    return membership


def end_membership(actor, membership: ConsortiumMembership, end_date: date | None = None):
    """A membership that ended stays on the page's history, with its dates."""
    consortium = membership.consortium
    permissions.require(permissions.may_manage_memberships(actor, consortium),
                        "Only the consortium's admins and editors manage its members.")
    from core.timeutil import utcnow

    end_date = end_date or utcnow().date()
    if membership.start_date and end_date < membership.start_date:
        raise ValidationFailed("The end date comes before the start date.", "end_date")
    membership.end_date = end_date
    db.session.flush()
    audit.record(actor, "membership.ended", "organisation", consortium.id,
                 label=f"{membership.member.name} in {consortium.name}")
    return membership


def members_of(consortium: Organisation, *, current_only: bool = True):
    query = (select(ConsortiumMembership).where(
        ConsortiumMembership.consortium_id == consortium.id)
        .options(joinedload(ConsortiumMembership.member))
        .order_by(ConsortiumMembership.end_date.is_not(None), ConsortiumMembership.role))
    if current_only:
        query = query.where(ConsortiumMembership.end_date.is_(None))
    return sorted(db.session.scalars(query),
                  key=lambda row: (not row.current, row.role != "lead", row.member.name))


def consortia_of(organisation: Organisation):
    return list(db.session.scalars(select(ConsortiumMembership).where(
        ConsortiumMembership.member_id == organisation.id,
        ConsortiumMembership.end_date.is_(None))
        .options(joinedload(ConsortiumMembership.consortium))))


def member_ids_query(consortium_id: int):
    """The ids of a consortium's current members (and of itself): a subquery."""
    return select(ConsortiumMembership.member_id).where(
        ConsortiumMembership.consortium_id == consortium_id,
        ConsortiumMembership.end_date.is_(None))


def _staff_where(organisation: Organisation):
    where = Affiliation.organisation_id == organisation.id
    if organisation.groups_members:
        where = where | Affiliation.organisation_id.in_(member_ids_query(organisation.id))
    return where


def staff_periods(organisation: Organisation):
    """Who worked for this organisation, and when: its approved affiliations, current and
    ended (an ended affiliation stays on the work done while it lasted), as a subquery of
    (user_id, start_date, end_date); for a consortium or umbrella body, its current
    members' too. Join it with `during` to keep the work done in those periods."""
    return select(Affiliation.user_id, Affiliation.start_date, Affiliation.end_date).where(
        _staff_where(organisation), Affiliation.status == "approved").subquery()


def during(periods, user_id, first, last=None):
    """The join condition between `staff_periods` and a piece of work: its author
    (`user_id`) held one of the affiliations at some day from `first` to `last` (the times
    the work was done; one time when `last` is None). Days compare as ISO dates on both
    databases (`date()` is SQLite's function and PostgreSQL's cast). An affiliation with
    no start date counts from the beginning; one with no end date is current."""
    last = first if last is None else last
    return ((periods.c.user_id == user_id)
            & or_(periods.c.start_date.is_(None), periods.c.start_date <= func.date(last))
            & or_(periods.c.end_date.is_(None), periods.c.end_date >= func.date(first)))
