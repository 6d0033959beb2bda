"""Affiliations: a member claims to work for an organisation; its admins (or editors)
approve or remove the claim; the member may show it next to their name in bylines.

An ended affiliation (end date set) is kept, for old content; a member has at most one open
claim per organisation (a partial unique index, so two racing claims make one row).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from core import audit, permissions, signals
from core.errors import NotFound, ValidationFailed
from core.extensions import db
from core.models import User
from core.timeutil import utcnow
from orgs.models import AFFILIATION_ROLES, Affiliation, Organisation


def get_affiliation(affiliation_id: int) -> Affiliation:
    affiliation = db.session.get(Affiliation, affiliation_id)
    if affiliation is None:
        raise NotFound("There is no such affiliation.")
    return affiliation


def open_affiliation(user, organisation: Organisation) -> Affiliation | None:
    if not permissions.is_member(user):
        return None
    return db.session.scalar(select(Affiliation).where(
        Affiliation.user_id == user.id, Affiliation.organisation_id == organisation.id,
        Affiliation.end_date.is_(None)))


def _check_dates(start: date | None, end: date | None) -> None:
    if start and end and end < start:
        raise ValidationFailed("The end date comes before the start date.", "end_date")


def claim(user, organisation: Organisation, role: str, start_date: date | None = None,
          show_in_byline: bool = False) -> Affiliation:
    permissions.require_member(user)
    permissions.require(permissions.may_claim_affiliation(user, organisation),
                        "This organisation is closed or merged: claim the one it became.")
    if role not in AFFILIATION_ROLES:
        raise ValidationFailed("Choose staff or manager.", "role")
    if open_affiliation(user, organisation) is not None:
        raise ValidationFailed(f"You already have an affiliation with {organisation.name}.",
                               "role")
    affiliation = Affiliation(user_id=user.id, organisation_id=organisation.id, role=role,
                              start_date=start_date, show_in_byline=show_in_byline)
    db.session.add(affiliation)
    db.session.flush()
    return affiliation


def _require_reviewer(actor, affiliation: Affiliation, verb: str) -> Organisation:
    organisation = affiliation.organisation
    permissions.require(permissions.may_approve_affiliation(actor, affiliation, organisation),
                        f"Only the organisation's admins and editors {verb} affiliations, "
                        "and never their own.")
    return organisation


def approve(actor, affiliation: Affiliation) -> Affiliation:
    organisation = _require_reviewer(actor, affiliation, "approve")
    if affiliation.status != "approved":
        affiliation.status = "approved"
        affiliation.approved_by_id = actor.id
        affiliation.approved_at = utcnow()
        db.session.flush()
        audit.record(actor, "affiliation.approved", "organisation", organisation.id,
                     label=f"{affiliation.user.username} at {organisation.name}")
        refresh_byline(affiliation.user)
    return affiliation


def remove(actor, affiliation: Affiliation) -> None:
    """An admin removes a claim: a pending one goes; an approved one ends today (kept)."""
    organisation = _require_reviewer(actor, affiliation, "remove")
    user = affiliation.user
    if affiliation.status == "approved":
        affiliation.end_date = affiliation.end_date or utcnow().date()
        affiliation.admin = False
    else:
        db.session.delete(affiliation)
    db.session.flush()
    audit.record(actor, "affiliation.removed", "organisation", organisation.id,
                 label=f"{user.username} at {organisation.name}")
    refresh_byline(user)


def end(user, affiliation: Affiliation, end_date: date | None = None) -> Affiliation:
    """A member ends their own affiliation (they moved on): it stays, with its dates."""
    permissions.require(permissions.is_self(user, affiliation.user),
                        "Only the member ends their own affiliation.")
    end_date = end_date or utcnow().date()
    _check_dates(affiliation.start_date, end_date)
    affiliation.end_date = end_date
    affiliation.admin = False
    db.session.flush()
    refresh_byline(affiliation.user)
    return affiliation


def set_byline(user, affiliation: Affiliation, shown: bool) -> Affiliation:
    permissions.require(permissions.is_self(user, affiliation.user),
                        "Only the member chooses what their byline shows.")
    affiliation.show_in_byline = shown
    db.session.flush()
    refresh_byline(affiliation.user)
    return affiliation


def set_admin(actor, affiliation: Affiliation, admin: bool) -> Affiliation:
    """Make an approved, current affiliation an org admin (or not): editors, or another
    admin of the organisation."""
    permissions.require(permissions.may_approve_affiliation(
        actor, affiliation, affiliation.organisation),
        "Only the organisation's admins and editors name its admins, and never themselves.")
    if admin and not (affiliation.approved and affiliation.current):
        raise ValidationFailed("Only an approved, current affiliation can be an admin.")
    affiliation.admin = admin
    db.session.flush()
    audit.record(actor, "affiliation.admin" if admin else "affiliation.not_admin",
                 "organisation", affiliation.organisation_id,
                 label=f"{affiliation.user.username} at {affiliation.organisation.name}")
    return affiliation


def refresh_byline(user: User) -> None:
    """Tell the parts that show a member's affiliations that they changed (approved,
    removed, ended, shown or not): old articles' bylines may change too, not only new
    ones."""
    db.session.flush()
    signals.send(signals.profile_changed, user=user)


def labels_during(authors: dict[int, tuple[datetime, datetime]]) -> dict[int, str]:
    """For each author {user id: (first, last) edit on an article}: the organisations of
    their approved affiliations shown in bylines that they held on some day from first to
    last, by name ("; " between them). So an ended affiliation stays on the articles
    written while it lasted, and new work shows the new one. One query."""
    periods = db.session.execute(
        select(Affiliation.user_id, Affiliation.start_date, Affiliation.end_date,
               Organisation.name)
        .join(Organisation, Organisation.id == Affiliation.organisation_id)
        .where(Affiliation.user_id.in_(list(authors)), Affiliation.status == "approved",
               Affiliation.show_in_byline.is_(True))
        .order_by(Organisation.name)).all()
    names: dict[int, dict[str, None]] = {}  # in name order, each once
    for user_id, start, end, name in periods:
        first, last = authors[user_id]
        if (start is None or start <= last.date()) and (end is None or end >= first.date()):
            names.setdefault(user_id, {})[name] = None
    return {user_id: "; ".join(shown)[:160] for user_id, shown in names.items()}


def affiliations_of(user) -> list[Affiliation]:
    """A member's affiliations, current first, for their profile."""
    return list(db.session.scalars(select(Affiliation).where(Affiliation.user_id == user.id)
                                   .options(joinedload(Affiliation.organisation))
                                   .order_by(Affiliation.end_date.is_not(None),
                                             Affiliation.created_at.desc())))


def members_of(organisation: Organisation, *, pending: bool = False) -> list[Affiliation]:
    query = (select(Affiliation).where(Affiliation.organisation_id == organisation.id)
             .options(joinedload(Affiliation.user)).order_by(Affiliation.created_at))
    query = query.where(Affiliation.status == ("pending" if pending else "approved"))
    if not pending:
        query = query.where(Affiliation.end_date.is_(None))
    return list(db.session.scalars(query))


def is_org_admin(user, organisation_id: int) -> bool:
    """The fact core.permissions asks ("org_admin"), registered by init_orgs."""
    return db.session.scalar(select(Affiliation.id).where(
        Affiliation.user_id == user.id, Affiliation.organisation_id == organisation_id,
        Affiliation.status == "approved", Affiliation.end_date.is_(None),
        Affiliation.admin.is_(True)).limit(1)) is not None


def acts_for(user, organisation_id: int) -> bool:
    """The fact core.permissions asks ("acts_for"): an approved, current affiliation."""
    return db.session.scalar(select(Affiliation.id).where(
        Affiliation.user_id == user.id, Affiliation.organisation_id == organisation_id,
        Affiliation.status == "approved", Affiliation.end_date.is_(None)).limit(1)) is not None


def require_acting_for(user, organisation: Organisation) -> None:
    """For a service that acts on behalf of an organisation (the training register)."""
    permissions.require_member(user)
    permissions.require(permissions.may_act_for(user, organisation),
                        f"Only members with an approved affiliation act for "
                        f"{organisation.name}.")
