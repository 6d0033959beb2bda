"""Campaigns: a host opens one on a topic, with a cost (from an accepted offer or its own
estimate), a minimum and maximum of participants, an optional money target and a deadline.

States: open -> tipped (the minimum reached, and the target if set) -> confirmed (at the
deadline, or when full: price frozen, counted pledges confirmed) -> scheduled -> delivered;
open -> failed at the deadline (every pledge released); open or tipped -> cancelled by the
host (released, with a reason). The deadline may be extended once, before it passes.

Every change to a campaign's pledges or state runs with the campaign's row locked
(`locked`: SELECT ... FOR UPDATE on PostgreSQL; SQLite has one writer at a time and the
request edge redoes the loser), and the transitions are conditional UPDATEs
(`_transition`), so two pledges racing across the minimum tip it once and the deadline
job run twice settles it once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from sqlalchemy import select, update

from core import audit, permissions
from core.errors import NotFound, Problems, ValidationFailed
from core.extensions import db
from core.numbers import parse_int
from core.text import check_text
from core.timeutil import utcnow
from orgs.models import Organisation
from training import money, pricing, topics
from training.models import (
    TrainingCampaign,
    TrainingOffer,
    TrainingPledge,
    TrainingPledgeChange,
    TrainingTopic,
)

LIVE = ("open", "tipped")  # taking pledges (until the deadline)
DEADLINE_MIN = timedelta(hours=1)
DEADLINE_MAX = timedelta(days=366)
REASON_MAX, SCHEDULE_MAX = 2000, 500


@dataclass(frozen=True)
class State:
    """What a campaign's page shows, computed from its pledges now (so it is right even
    before the deadline job has run)."""

    status: str  # the status as it stands now (an expired open campaign shows as failed)
    tally: pricing.Tally
    tipped: bool
    seats_needed: int
    ladder: list[tuple[int, int]]
    price_now: int | None  # what a new seat would cost now (the price at counted + 1)
    expired: bool
    full: bool


def get_campaign(campaign_id: int) -> TrainingCampaign:
    campaign = db.session.get(TrainingCampaign, campaign_id)
    if campaign is None:
        raise NotFound("There is no such campaign.")
    return campaign


def locked(campaign_id: int) -> TrainingCampaign:
    """The campaign with its row locked for this transaction, read afresh."""
    campaign = db.session.scalar(select(TrainingCampaign).where(
        TrainingCampaign.id == campaign_id).with_for_update().execution_options(
        populate_existing=True))
    if campaign is None:
        raise NotFound("There is no such campaign.")
    return campaign


def active_pledges(campaign_id: int) -> list[TrainingPledge]:
    return list(db.session.scalars(select(TrainingPledge).where(
        TrainingPledge.campaign_id == campaign_id,
        TrainingPledge.status.in_(("active", "confirmed")))
        .order_by(TrainingPledge.created_at, TrainingPledge.id)))


def tally_of(campaign: TrainingCampaign, pledges=None) -> pricing.Tally:
    pledges = active_pledges(campaign.id) if pledges is None else pledges
    return pricing.tally([pricing.Pledge(p.id, p.seats, p.max_price) for p in pledges],
                         campaign.fixed_fee, campaign.per_head_fee, campaign.max_participants)


def state_of(campaign: TrainingCampaign, now: datetime | None = None) -> State:
    now = now or utcnow()
    counted = tally_of(campaign)
    if campaign.status in ("confirmed", "scheduled", "delivered"):
        counted = pricing.Tally(counted.counted, campaign.final_seats or counted.seats,
                                campaign.final_price, (campaign.final_price or 0)
                                * (campaign.final_seats or 0))
    tipped = campaign.status != "open" or pricing.tips(
        counted.seats, counted.pooled, campaign.min_participants, campaign.target)
    expired = campaign.status in LIVE and now >= campaign.deadline
    full = campaign.max_participants is not None and counted.seats >= campaign.max_participants
    status = campaign.status
    if status == "open" and tipped:
        status = "tipped"
    if status in LIVE and (expired or (full and tipped)):
        status = "confirmed" if tipped else "failed"
    return State(status=status, tally=counted, tipped=tipped and status != "failed",
                 seats_needed=pricing.seats_needed(counted.seats, campaign.min_participants),
                 ladder=pricing.price_ladder(campaign.fixed_fee, campaign.per_head_fee,
                                             counted.seats, (1, 2, 5, 10),
                                             campaign.max_participants),
                 price_now=pricing.price_per_head(campaign.fixed_fee, campaign.per_head_fee,
                                                  counted.seats + 1),
                 expired=expired, full=full)


# ---------------------------------------------------------------- opening

def timezones() -> list[str]:
    return sorted(available_timezones())


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValidationFailed("Choose a time zone from the list.", "timezone") from None


def deadline_utc(local: datetime | None, zone_name: str, field: str = "deadline",
                 now: datetime | None = None) -> datetime:
    """A deadline entered as local date and time in `zone_name`, as naive UTC: at least an
    hour and at most a year ahead."""
    if local is None:
        raise ValidationFailed("Give the deadline's date and time.", field)
    zone = _zone(zone_name)
    moment = local.replace(tzinfo=zone).astimezone(ZoneInfo("UTC")).replace(tzinfo=None)
    now = now or utcnow()
    if moment < now + DEADLINE_MIN:
        raise ValidationFailed("The deadline must be at least an hour from now.", field)
    if moment > now + DEADLINE_MAX:
        raise ValidationFailed("The deadline must be within a year.", field)
    return moment


def local_deadline(campaign: TrainingCampaign) -> datetime:
    return campaign.deadline.replace(tzinfo=ZoneInfo("UTC")).astimezone(
        ZoneInfo(campaign.timezone))


def clean_campaign(values: dict) -> dict:
    """The form's values (text as typed) checked together: every problem at once."""
    problems = Problems()
    currency = problems.check(money.check_currency, values.get("currency"))
    smallest = parse_int(values.get("min_participants"), low=1, high=pricing.SEATS_MAX)
    if smallest is None:
        problems.add(f"Give the minimum, from 1 to {pricing.SEATS_MAX}.", "min_participants")
    largest = None
    if str(values.get("max_participants") or "").strip():
        largest = parse_int(values.get("max_participants"), low=1, high=pricing.SEATS_MAX)
        if largest is None:
            problems.add(f"Give the maximum, from 1 to {pricing.SEATS_MAX}, or leave it "
                         "empty.", "max_participants")
        elif smallest is not None and largest < smallest:
            problems.add("The maximum cannot be below the minimum.", "max_participants")
    fixed = per_head = target = None
    if currency:
        fixed = problems.check(money.to_minor, values.get("fixed_fee"), currency,
                               "fixed_fee", "the fixed fee")
        per_head = problems.check(money.to_minor, values.get("per_head_fee"), currency,
                                  "per_head_fee", "the fee per head")
        target = problems.check(money.to_minor, values.get("target"), currency, "target",
                                "the target", required=False, allow_zero=False)
        if fixed == 0 and per_head == 0:
            problems.add("A campaign needs a cost: a fixed fee, a fee per head or both.",
                         "fixed_fee")
    zone = values.get("timezone") or ""
    deadline = problems.check(deadline_utc, values.get("deadline"), zone)
    region = (problems.check(check_text, values.get("region"), "region", "the region")
              or "").strip()
    if len(region) > topics.REGION_MAX:
        problems.add(f"Keep the region under {topics.REGION_MAX} characters.", "region")
    problems.raise_any()
    return {"currency": currency, "min_participants": smallest,
            "max_participants": largest, "fixed_fee": fixed, "per_head_fee": per_head,
            "target": target, "deadline": deadline, "timezone": zone, "region": region}


def open_campaign(actor, topic: TrainingTopic, host: Organisation, details: dict,
                  offer: TrainingOffer | None = None) -> TrainingCampaign:
    from training import notices

    permissions.require_member(actor, "Please sign in to open a campaign.")
    permissions.require(permissions.may_host_campaign(actor, host),
                        f"Only admins of {host.name} (or editors) open campaigns it hosts.")
    if topic.status not in ("open", "planned", "funded"):
        raise ValidationFailed("Campaigns are opened only on open or planned topics.")
    if offer is not None and (offer.topic_id != topic.id or offer.status == "declined"):
        raise ValidationFailed("That offer is not one on this topic.", "offer")
    campaign = TrainingCampaign(topic_id=topic.id, host_id=host.id, created_by_id=actor.id,
                                offer_id=offer.id if offer else None, **details)
    db.session.add(campaign)
    db.session.flush()
    if offer is not None and offer.status != "accepted":
        from training import offers

        offers.accept(actor, offer, campaign)
    topics.follow_campaign(topic, "open")
    audit.record(actor, "training.campaign.opened", "campaign", campaign.id,
                 label=topic.title)
    notices.campaign_opened(campaign, actor)
    return campaign


# ---------------------------------------------------------------- transitions

def _transition(campaign: TrainingCampaign, from_statuses, to: str, **values) -> bool:
    """UPDATE ... WHERE status IN from_statuses: True for the one transaction that made
    the change (a racing one finds nothing to change)."""
    changed = db.session.execute(
        update(TrainingCampaign).where(TrainingCampaign.id == campaign.id,
                                       TrainingCampaign.status.in_(from_statuses))
        .values(status=to, **values).execution_options(synchronize_session=False)).rowcount
    db.session.refresh(campaign)
    return bool(changed)


def log_pledge(pledge: TrainingPledge, action: str, user_id: int | None) -> None:
    db.session.add(TrainingPledgeChange(pledge_id=pledge.id, user_id=user_id, action=action,
                                        seats=pledge.seats, max_price=pledge.max_price))


def after_pledges_changed(campaign: TrainingCampaign, now: datetime | None = None) -> str:
    """Re-count a live campaign (its row locked by the caller): tip it if it reached its
    minimum; confirm it if it is tipped and full. Returns its status."""
    from training import notices

    now = now or utcnow()
    counted = tally_of(campaign)
    reached = pricing.tips(counted.seats, counted.pooled, campaign.min_participants,
                           campaign.target)
    # The conditional UPDATE tips it once, however many pledges cross the line together.
    if campaign.status == "open" and reached and _transition(campaign, ("open",), "tipped",
                                                             tipped_at=now):
        notices.campaign_tipped(campaign, counted)
    if campaign.status == "tipped" and campaign.max_participants is not None \
            and counted.seats >= campaign.max_participants:
        settle(campaign, now)
    return campaign.status


def untip(campaign: TrainingCampaign) -> None:
    """A tipped campaign whose pledges fell below the minimum (a pledger withdrew after an
    extension): open again, until it tips anew."""
    _transition(campaign, ("tipped",), "open", tipped_at=None)


def settle(campaign: TrainingCampaign, now: datetime | None = None) -> str:
    """At the deadline (or when full): confirm a tipped campaign (freeze the price, confirm
    the counted pledges, release the rest) or fail an untipped one (release every pledge).
    The caller holds the campaign's row lock; settling twice changes nothing."""
    from training import notices

    now = now or utcnow()
    if campaign.status not in LIVE:
        return campaign.status
    pledges = active_pledges(campaign.id)
    counted = tally_of(campaign, pledges)
    # Confirmed exactly when the pledges counted now meet the minimum (and the target).
    if pricing.tips(counted.seats, counted.pooled, campaign.min_participants,
                    campaign.target):
        if not _transition(campaign, LIVE, "confirmed", settled_at=now,
                           final_price=counted.price, final_seats=counted.seats,
                           tipped_at=campaign.tipped_at or now):
            return campaign.status
        chosen = set(counted.counted)
        for pledge in pledges:
            pledge.status = "confirmed" if pledge.id in chosen else "released"
            pledge.price = counted.price if pledge.id in chosen else None
            pledge.updated_at = now
            log_pledge(pledge, pledge.status, None)
        topics.follow_campaign(campaign.topic, "confirmed")
        db.session.flush()
        notices.campaign_settled(campaign, pledges, confirmed=True)
    else:
        if not _transition(campaign, LIVE, "failed", settled_at=now):
            return campaign.status
        _release(pledges, now)
        topics.follow_campaign(campaign.topic, "failed")
        db.session.flush()
        notices.campaign_settled(campaign, pledges, confirmed=False)
    return campaign.status


def _release(pledges, now) -> None:
    for pledge in pledges:
        pledge.status, pledge.updated_at = "released", now
        log_pledge(pledge, "released", None)


def settle_due(now: datetime | None = None, batch: int = 100) -> int:
    """The deadline job: settle every live campaign whose deadline has passed, each in a
    transaction of its own (the caller commits); warn hosts of campaigns whose deadline
    is near and still below the minimum. Idempotent: run twice, it settles nothing twice."""
    from core.transactions import run_in_transaction
    from training import notices

    now = now or utcnow()
    due = list(db.session.scalars(select(TrainingCampaign.id).where(
        TrainingCampaign.status.in_(LIVE), TrainingCampaign.deadline <= now)
        .order_by(TrainingCampaign.deadline).limit(batch)))
    db.session.rollback()
    for campaign_id in due:
        run_in_transaction(lambda campaign_id=campaign_id: settle(locked(campaign_id), now))
    near = list(db.session.scalars(select(TrainingCampaign.id).where(
        TrainingCampaign.status == "open", TrainingCampaign.deadline > now,
        TrainingCampaign.deadline <= now + notices.WARN_BEFORE,
        TrainingCampaign.deadline_warned.is_(False)).limit(batch)))
    db.session.rollback()
    for campaign_id in near:
        run_in_transaction(lambda campaign_id=campaign_id: notices.deadline_near(
            locked(campaign_id), now))
    return len(due)


def _require_host(actor, campaign: TrainingCampaign, verb: str) -> None:
    permissions.require_member(actor)
    permissions.require(permissions.may_manage_campaign(actor, campaign),
                        f"Only the host's admins and editors {verb} a campaign.")


def cancel(actor, campaign_id: int, reason: str) -> TrainingCampaign:
    from training import notices

    campaign = locked(campaign_id)
    _require_host(actor, campaign, "cancel")
    reason = check_text(reason, "reason", "the reason").strip()
    if not reason:
        raise ValidationFailed("Say why the campaign is cancelled.", "reason")
    if len(reason) > REASON_MAX:
        raise ValidationFailed(f"Keep the reason under {REASON_MAX} characters.", "reason")
    if state_of(campaign).status not in LIVE and campaign.status != "confirmed":
        raise ValidationFailed("Only an open, tipped or confirmed campaign can be cancelled.")
    now = utcnow()
    pledges = active_pledges(campaign.id)
    if not _transition(campaign, (*LIVE, "confirmed"), "cancelled", settled_at=now,
                       reason=reason):
        raise ValidationFailed("The campaign changed meanwhile: look at it again.")
    _release(pledges, now)
    topics.follow_campaign(campaign.topic, "cancelled")
    db.session.flush()
    audit.record(actor, "training.campaign.cancelled", "campaign", campaign.id,
                 label=reason[:200])
    notices.campaign_cancelled(campaign, pledges, actor)
    return campaign


def extend(actor, campaign_id: int, local: datetime | None, zone_name: str | None = None):
    from training import notices

    campaign = locked(campaign_id)
    _require_host(actor, campaign, "extend")
    if campaign.extended:
        raise ValidationFailed("A campaign's deadline is extended only once.", "deadline")
    if state_of(campaign).status not in LIVE:
        raise ValidationFailed("Only a campaign still taking pledges can be extended.",
                               "deadline")
    moment = deadline_utc(local, zone_name or campaign.timezone)
    if moment <= campaign.deadline:
        raise ValidationFailed("The new deadline must be later than the current one.",
                               "deadline")
    campaign.deadline, campaign.extended = moment, True
    campaign.deadline_warned = False
    if zone_name:
        campaign.timezone = zone_name
    db.session.flush()
    audit.record(actor, "training.campaign.extended", "campaign", campaign.id)
    notices.campaign_extended(campaign, actor)
    return campaign


def schedule(actor, campaign_id: int, when_where: str) -> TrainingCampaign:
    from training import notices

    campaign = locked(campaign_id)
    _require_host(actor, campaign, "schedule")
    when_where = check_text(when_where, "schedule", "the date and place").strip()
    if not when_where or len(when_where) > SCHEDULE_MAX:
        raise ValidationFailed(f"Give the date and place or link (under {SCHEDULE_MAX} "
                               "characters).", "schedule")
    if campaign.status in LIVE and state_of(campaign).expired:
        settle(campaign)  # its deadline passed before the job ran
    if campaign.status not in ("confirmed", "scheduled"):
        raise ValidationFailed("Only a confirmed campaign can be scheduled.", "schedule")
    campaign.status, campaign.schedule = "scheduled", when_where
    topics.follow_campaign(campaign.topic, "scheduled")
    db.session.flush()
    notices.campaign_scheduled(campaign, actor)
    return campaign


def deliver(actor, campaign_id: int) -> TrainingCampaign:
    campaign = locked(campaign_id)
    _require_host(actor, campaign, "mark delivered")
    if campaign.status not in ("confirmed", "scheduled"):
        raise ValidationFailed("Only a confirmed or scheduled campaign can be delivered.")
    campaign.status = "delivered"
    topics.follow_campaign(campaign.topic, "delivered")
    db.session.flush()
    audit.record(actor, "training.campaign.delivered", "campaign", campaign.id)
    return campaign


def practice_article(actor, campaign_id: int):
    """After delivery the host turns the materials into a practice article, crediting the
    trainer and the host; the topic links it. Made once; the host then edits it in the
    wiki like any article."""
    from wiki import saving

    campaign = locked(campaign_id)
    _require_host(actor, campaign, "write the practice article of")
    if campaign.status != "delivered":
        raise ValidationFailed("The practice article comes after the training is delivered.")
    if campaign.article_slug:
        return campaign.article_slug
    trainer = ""
    if campaign.offer_id:
        offer = db.session.get(TrainingOffer, campaign.offer_id)
        if offer is not None:
            trainer = offer.trainer.name + (f" ({offer.provider.name})" if offer.provider
                                            else "")
    credit = (f"Training by {trainer}, hosted by {campaign.host.name}" if trainer
              else f"Training hosted by {campaign.host.name}")
    body = (f"*{credit}, for {campaign.final_seats or 0} staff.*\n\n"
            "## What we learnt\n\nWrite here what the session taught, for the next "
            "library.\n\n## Materials\n\nLink or summarise the handouts and slides.\n")
    title = f"{campaign.topic.title}: what we learnt"[:200]
    result = saving.create_article(actor, title=title, body=body, tags="training",
                                   summary="From a training campaign's materials")
    campaign.article_slug = result.article.slug
    db.session.flush()
    return campaign.article_slug


def campaigns_of_topic(topic_id: int) -> list[TrainingCampaign]:
    from sqlalchemy.orm import joinedload

    return list(db.session.scalars(select(TrainingCampaign).where(
        TrainingCampaign.topic_id == topic_id).options(joinedload(TrainingCampaign.host))
        .order_by(TrainingCampaign.created_at.desc())))
