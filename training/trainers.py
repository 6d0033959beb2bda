"""Trainers: a member declares themselves one with a short profile (what they train and
where), or is affiliated (approved, current) with a training provider. Either lets them
make offers (core.permissions.may_make_offer asks the fact "trains", kept here)."""

from __future__ import annotations

from sqlalchemy import select

from core import permissions
from core.errors import Problems
from core.extensions import db
from core.text import check_text
from core.timeutil import utcnow
from orgs.models import Affiliation, Organisation
from training.models import TrainerProfile

DESCRIPTION_MAX, REGION_MAX = 1000, 200


def profile_of(user) -> TrainerProfile | None:
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return db.session.get(TrainerProfile, user.id)


def providers_of(user) -> list[Organisation]:
    """The training providers the member has an approved, current affiliation with."""
    if user is None or not getattr(user, "is_authenticated", False):
        return []
    return list(db.session.scalars(select(Organisation).join(
        Affiliation, Affiliation.organisation_id == Organisation.id).where(
        Affiliation.user_id == user.id, Affiliation.status == "approved",
        Affiliation.end_date.is_(None), Organisation.kind == "training",
        Organisation.status == "active").order_by(Organisation.name)))


def trains(user) -> bool:
    """The fact may_make_offer asks: a trainer profile, or a training provider's member."""
    return profile_of(user) is not None or bool(providers_of(user))


def save_profile(user, description: str, region: str) -> TrainerProfile:
    permissions.require_member(user, "Please sign in to declare yourself a trainer.")
    problems = Problems()
    description = (problems.check(check_text, description, "description",
                                  "the description", multiline=True) or "").strip()
    if not description:
        problems.add("Say what you train.", "description")
    elif len(description) > DESCRIPTION_MAX:
        problems.add(f"Keep the description under {DESCRIPTION_MAX} characters.",
                     "description")
    region = (problems.check(check_text, region, "region", "where you train") or "").strip()
    if len(region) > REGION_MAX:
        problems.add(f"Keep where you train under {REGION_MAX} characters.", "region")
    problems.raise_any()
    profile = profile_of(user)
    if profile is None:
        profile = TrainerProfile(user_id=user.id)
        db.session.add(profile)
    profile.description, profile.region, profile.updated_at = description, region, utcnow()
    db.session.flush()
    return profile


def remove_profile(user) -> None:
    permissions.require_member(user)
    profile = profile_of(user)
    if profile is not None:
        db.session.delete(profile)
        db.session.flush()


def profiles_of(user_ids) -> dict[int, TrainerProfile]:
    ids = {user_id for user_id in user_ids if user_id}
    if not ids:
        return {}
    return {profile.user_id: profile for profile in db.session.scalars(
        select(TrainerProfile).where(TrainerProfile.user_id.in_(ids)))}
