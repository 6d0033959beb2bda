"""Interest in a topic: a member says they (or an organisation they have an approved
affiliation with) would send `seats` staff. One interest per member and topic, editable.

How it counts: an organisation counts once, with the largest number of seats any of its
members gave (two colleagues registering for the same library are the same staff, not
twice as many); a member registering for themselves counts their own seats. So a library
interested in a topic and in its duplicate counts once after the merge.
"""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import delete, select
from sqlalchemy.orm import joinedload

from core import permissions
from core.errors import ValidationFailed
from core.extensions import db
from core.numbers import parse_int
from core.timeutil import utcnow
from orgs.models import Organisation
from training.models import TrainingInterest, TrainingTopic
from training.pricing import SEATS_MAX

OPEN_TO_INTEREST = ("open", "planned")
INDIVIDUAL = "(individuals)"


def interest_of(user, topic: TrainingTopic) -> TrainingInterest | None:
    if not permissions.is_member(user):
        return None
    return db.session.scalar(select(TrainingInterest).where(
        TrainingInterest.topic_id == topic.id, TrainingInterest.user_id == user.id))


def register(user, topic: TrainingTopic, seats, organisation: Organisation | None):
    """Register (or change) the member's interest."""
    permissions.require_member(user, "Please sign in to register interest.")
    if topic.status not in OPEN_TO_INTEREST:
        raise ValidationFailed("This topic takes no more interest.", "seats")
    count = parse_int(seats, low=1, high=SEATS_MAX)
    if count is None:
        raise ValidationFailed(f"Give the number of staff, from 1 to {SEATS_MAX}.", "seats")
    if organisation is not None:
        from orgs.affiliations import require_acting_for

        require_acting_for(user, organisation)
    row = interest_of(user, topic)
    now = utcnow()
    if row is None:
        row = TrainingInterest(topic_id=topic.id, user_id=user.id, created_at=now)
        db.session.add(row)
    row.seats, row.updated_at = count, now
    row.organisation_id = organisation.id if organisation is not None else None
    topic.updated_at = now
    db.session.flush()
    recount(topic)
    return row


def withdraw(user, topic: TrainingTopic) -> None:
    permissions.require_member(user, "Please sign in.")
    db.session.execute(delete(TrainingInterest).where(
        TrainingInterest.topic_id == topic.id, TrainingInterest.user_id == user.id))
    db.session.flush()
    recount(topic)


def _rows(topic_id: int) -> list[TrainingInterest]:
    return list(db.session.scalars(
        select(TrainingInterest).where(TrainingInterest.topic_id == topic_id)
        .options(joinedload(TrainingInterest.organisation), joinedload(TrainingInterest.user))
        .order_by(TrainingInterest.id)))


def _per_party(rows) -> dict:
    """(kind, id) -> seats: organisations once, with their largest number; members alone."""
    parties: dict[tuple[str, int], int] = {}
    for row in rows:
        key = ("org", row.organisation_id) if row.organisation_id else ("user", row.user_id)
        parties[key] = max(parties.get(key, 0), row.seats)
    return parties


def totals(rows) -> tuple[int, int]:
    """(libraries, staff): organisations counted once each; staff from everyone."""
    parties = _per_party(rows)
    return sum(1 for kind, _ in parties if kind == "org"), sum(parties.values())


def recount(topic: TrainingTopic) -> None:
    topic.library_count, topic.seat_count = totals(_rows(topic.id))
    db.session.flush()


def breakdown(topic: TrainingTopic) -> dict:
    """Libraries and staff interested, by sector and by region."""
    rows = _rows(topic.id)
    seen: dict[tuple[str, int], tuple[list[str], str, int]] = {}
    for row in rows:
        if row.organisation is not None:
            key = ("org", row.organisation_id)
            sectors, region = row.organisation.sectors or ["other"], row.organisation.region
        else:
            key = ("user", row.user_id)
            sectors, region = [row.user.sector or "other"], ""
        if key not in seen or seen[key][2] < row.seats:
            seen[key] = (sectors, region or "Not given", row.seats)
    by_sector: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    by_region: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for (kind, _id), (sectors, region, seats) in seen.items():
        libraries = 1 if kind == "org" else 0
        for sector in sectors:
            by_sector[sector][0] += libraries
            by_sector[sector][1] += seats
        by_region[region][0] += libraries
        by_region[region][1] += seats
    libraries, staff = totals(rows)
    return {"libraries": libraries, "staff": staff,
            "individuals": sum(1 for kind, _ in seen if kind == "user"),
            "by_sector": sorted(by_sector.items()), "by_region": sorted(by_region.items()),
            "rows": rows}


def move_all(duplicate: TrainingTopic, original: TrainingTopic) -> int:
    """Move the duplicate's interest to the original; a member interested in both keeps
    one interest there (the larger number of seats). Returns how many moved."""
    kept = {row.user_id: row for row in db.session.scalars(select(TrainingInterest).where(
        TrainingInterest.topic_id == original.id))}
    moved = 0
    for row in db.session.scalars(select(TrainingInterest).where(
            TrainingInterest.topic_id == duplicate.id)).all():
        there = kept.get(row.user_id)
        if there is None:
            row.topic_id = original.id
            moved += 1
        else:
            if row.seats > there.seats:
                there.seats = row.seats
                there.organisation_id = there.organisation_id or row.organisation_id
            db.session.delete(row)
    db.session.flush()
    return moved


def interested_members(topic_id: int) -> set[int]:
    return set(db.session.scalars(select(TrainingInterest.user_id).where(
        TrainingInterest.topic_id == topic_id)))


def acting_for(user) -> list[Organisation]:
    """The organisations the member may act for (approved, current affiliations)."""
    from orgs.models import Affiliation

    if not permissions.is_member(user):
        return []
    return list(db.session.scalars(select(Organisation).join(
        Affiliation, Affiliation.organisation_id == Organisation.id).where(
        Affiliation.user_id == user.id, Affiliation.status == "approved",
        Affiliation.end_date.is_(None), Organisation.status == "active")
        .order_by(Organisation.name)))


