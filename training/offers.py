"""Trainers' offers on a topic (or one of its campaigns): a fixed fee, a fee per head,
minimum and maximum participants, dates, format, valid until. A campaign's host
shortlists and accepts one; the others on that campaign (or the topic) are told."""

from __future__ import annotations

from datetime import datetime, time

from sqlalchemy import select, update

from core import permissions
from core.errors import NotFound, Problems, ValidationFailed
from core.extensions import db
from core.numbers import parse_int
from core.text import check_text
from core.timeutil import utcnow
from training import money, pricing
from training.models import FORMATS, TrainingCampaign, TrainingOffer, TrainingTopic

NOTE_MAX, DATES_MAX = 4000, 200


def get_offer(offer_id: int) -> TrainingOffer:
    offer = db.session.get(TrainingOffer, offer_id)
    if offer is None:
        raise NotFound("There is no such offer.")
    return offer


def make_offer(trainer, topic: TrainingTopic, values: dict, provider=None,
               campaign: TrainingCampaign | None = None) -> TrainingOffer:
    from training import notices

    permissions.require_member(trainer, "Please sign in to make an offer.")
    permissions.require(permissions.may_make_offer(trainer), "You may not make offers.")
    if provider is not None:
        from orgs.affiliations import require_acting_for

        require_acting_for(trainer, provider)
    if topic.status in ("declined", "duplicate", "delivered"):
        raise ValidationFailed("This topic takes no offers.")
    if campaign is not None and (campaign.topic_id != topic.id
                                 or campaign.status not in ("open", "tipped")):
        raise ValidationFailed("That campaign takes no offers.")
    problems = Problems()
    currency = problems.check(money.check_currency, values.get("currency"))
    fixed = per_head = None
    if currency:
        fixed = problems.check(money.to_minor, values.get("fixed_fee"), currency,
                               "fixed_fee", "the fixed fee")
        per_head = problems.check(money.to_minor, values.get("per_head_fee"), currency,
                                  "per_head_fee", "the fee per head")
    smallest = parse_int(values.get("min_participants"), low=1, high=pricing.SEATS_MAX)
    if smallest is None:
        problems.add(f"Give the minimum, from 1 to {pricing.SEATS_MAX}.", "min_participants")
    largest = None
    if str(values.get("max_participants") or "").strip():
        largest = parse_int(values.get("max_participants"), low=smallest or 1,
                            high=pricing.SEATS_MAX)
        if largest is None:
            problems.add("The maximum must be a number not below the minimum.",
                         "max_participants")
    format_ = values.get("format") or "any"
    if format_ not in FORMATS:
        problems.add("Choose one of the listed formats.", "format")
    dates = (problems.check(check_text, values.get("dates"), "dates", "the dates") or "")
    if len(dates) > DATES_MAX:
        problems.add(f"Keep the dates under {DATES_MAX} characters.", "dates")
    note = problems.check(check_text, values.get("note"), "note", "the note",
                          multiline=True) or ""
    if len(note) > NOTE_MAX:
        problems.add(f"Keep the note under {NOTE_MAX} characters.", "note")
    valid_until = values.get("valid_until")
    if valid_until is not None and valid_until < utcnow().date():
        problems.add("The offer must be valid until today or later.", "valid_until")
    problems.raise_any()
    offer = TrainingOffer(
        topic_id=topic.id, campaign_id=campaign.id if campaign else None,
        trainer_id=trainer.id, provider_id=provider.id if provider else None,
        currency=currency, fixed_fee=fixed, per_head_fee=per_head, min_participants=smallest,
        max_participants=largest, dates=dates.strip(), format=format_, note=note,
        valid_until=datetime.combine(valid_until, time()) if valid_until else None)
    db.session.add(offer)
    db.session.flush()
    notices.offer_made(offer, campaign)
    return offer


def _require_host_of(actor, offer: TrainingOffer, campaign: TrainingCampaign) -> None:
    permissions.require_member(actor)
    permissions.require(permissions.may_manage_campaign(actor, campaign),
                        "Only the host's admins and editors answer offers.")
    if offer.topic_id != campaign.topic_id or offer.campaign_id not in (None, campaign.id):
        raise ValidationFailed("That offer is not one on this campaign's topic.")


def shortlist(actor, offer: TrainingOffer, campaign: TrainingCampaign) -> TrainingOffer:
    _require_host_of(actor, offer, campaign)
    if offer.status == "made":
        offer.status = "shortlisted"
        offer.campaign_id = campaign.id
        db.session.flush()
    return offer


def accept(actor, offer: TrainingOffer, campaign: TrainingCampaign) -> TrainingOffer:
    """Accept one offer for the campaign: its cost becomes the campaign's while no pledge
    has been made; the other offers on the campaign are declined and their trainers told."""
    from training import notices

    _require_host_of(actor, offer, campaign)
    if offer.status == "declined":
        raise ValidationFailed("That offer was not chosen; it cannot be accepted now.")
    if offer.valid_until is not None and offer.valid_until.date() < utcnow().date():
        raise ValidationFailed("That offer has expired: ask the trainer to renew it.")
    if campaign.offer_id not in (None, offer.id):
        raise ValidationFailed("This campaign has already accepted an offer.")
    if offer.currency != campaign.currency:
        raise ValidationFailed(f"The offer is in {offer.currency}, the campaign in "
                               f"{campaign.currency}.")
    offer.status, offer.campaign_id, campaign.offer_id = "accepted", campaign.id, offer.id
    from training.campaigns import active_pledges

    if not active_pledges(campaign.id):
        campaign.fixed_fee, campaign.per_head_fee = offer.fixed_fee, offer.per_head_fee
    others = list(db.session.scalars(select(TrainingOffer).where(
        TrainingOffer.campaign_id == campaign.id, TrainingOffer.id != offer.id,
        TrainingOffer.status.in_(("made", "shortlisted")))))
    for other in others:
        other.status = "declined"
    db.session.flush()
    notices.offers_answered(offer, others, campaign)
    return offer


def withdraw(trainer, offer: TrainingOffer) -> TrainingOffer:
    """The trainer takes back an offer that is not accepted; the host hears of it if the
    offer was on a campaign."""
    from training import notices

    permissions.require_member(trainer)
    permissions.require(offer.trainer_id == trainer.id, "Only the trainer withdraws an offer.")
    permissions.require(permissions.may_withdraw_offer(trainer, offer),
                        "An offer that has been accepted or answered cannot be withdrawn.")
    # Conditional, so that a host accepting it at the same moment wins or loses cleanly.
    done = db.session.execute(update(TrainingOffer).where(
        TrainingOffer.id == offer.id, TrainingOffer.status.in_(("made", "shortlisted")))
        .values(status="withdrawn")).rowcount
    if not done:
        raise ValidationFailed("That offer has just been answered: it cannot be withdrawn.")
    db.session.refresh(offer)
    notices.offer_withdrawn(offer)
    return offer


def offers_on(topic_id: int) -> list[TrainingOffer]:
    from sqlalchemy.orm import joinedload

    return list(db.session.scalars(select(TrainingOffer).where(
        TrainingOffer.topic_id == topic_id).options(
        joinedload(TrainingOffer.trainer), joinedload(TrainingOffer.provider))
        .order_by(TrainingOffer.created_at.desc())))
