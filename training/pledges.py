"""Pledges: a member with an approved affiliation commits their organisation to send
`seats` staff to a campaign, at up to `max_price` per head. One pledge per organisation
and campaign (pledging again edits it); every change is kept (TrainingPledgeChange).

Withdrawing (or lowering a pledge) is allowed while the campaign is open; once it has
tipped, only if the pledges left still reach the minimum (and the target), except after
the host extended the deadline: then pledgers are free to withdraw, and a campaign that
falls below its minimum is open again. A confirmed,
failed or cancelled campaign's pledges are settled: nothing changes them.
"""

from __future__ import annotations

from sqlalchemy import select

from core import permissions
from core.errors import NotFound, Problems, ValidationFailed
from core.extensions import db
from core.numbers import parse_int
from core.timeutil import utcnow
from orgs.models import Organisation
from training import campaigns, money, pricing
from training.models import TrainingPledge, TrainingPledgeChange


def pledge_of(campaign_id: int, organisation_id: int) -> TrainingPledge | None:
    return db.session.scalar(select(TrainingPledge).where(
        TrainingPledge.campaign_id == campaign_id,
        TrainingPledge.organisation_id == organisation_id))


def get_pledge(pledge_id: int) -> TrainingPledge:
    pledge = db.session.get(TrainingPledge, pledge_id)
    if pledge is None:
        raise NotFound("There is no such pledge.")
    return pledge


def _still_tips(campaign, without_id: int | None, replacement=None) -> bool:
    rows = [pricing.Pledge(p.id, p.seats, p.max_price)
            for p in campaigns.active_pledges(campaign.id) if p.id != without_id]
    if replacement is not None:
        rows.append(replacement)
    counted = pricing.tally(rows, campaign.fixed_fee, campaign.per_head_fee,
                            campaign.max_participants)
    return pricing.tips(counted.seats, counted.pooled, campaign.min_participants,
                        campaign.target)


def _live(campaign) -> None:
    """Refuse unless the campaign takes pledges now (settling it first if its deadline
    passed before the job ran)."""
    if campaign.status in campaigns.LIVE and campaigns.state_of(campaign).expired:
        campaigns.settle(campaign)
    if campaign.status not in campaigns.LIVE:
        raise ValidationFailed("This campaign no longer takes pledges or changes to them.")


def pledge(user, campaign_id: int, organisation: Organisation, seats, max_price) -> TrainingPledge:
    """Make or change the organisation's pledge; returns it. Tips (or fills) the campaign
    when this pledge takes it there."""
    permissions.require_member(user, "Please sign in to pledge.")
    campaign = campaigns.locked(campaign_id)
    from orgs.affiliations import require_acting_for

    require_acting_for(user, organisation)
    _live(campaign)
    problems = Problems()
    count = parse_int(seats, low=1, high=pricing.SEATS_MAX)
    if count is None:
        problems.add(f"Give the number of seats, from 1 to {pricing.SEATS_MAX}.", "seats")
    ceiling = problems.check(money.to_minor, max_price, campaign.currency, "max_price",
                             "the most you will pay per head")
    problems.raise_any()
    existing = pledge_of(campaign.id, organisation.id)
    live = existing is not None and existing.status == "active"
    counted = campaigns.tally_of(campaign)
    others = counted.seats - (existing.seats if live and existing.id in counted.counted
                              else 0)
    if campaign.max_participants is not None and others + count > campaign.max_participants:
        room = max(0, campaign.max_participants - others)
        raise ValidationFailed(f"Only {room} seat{'' if room == 1 else 's'} left.", "seats")
    if live and campaign.status == "tipped" and not _still_tips(
            campaign, existing.id, pricing.Pledge(existing.id, count, ceiling)):
        raise ValidationFailed("The campaign has tipped: this change would take it below "
                               "its minimum, so it cannot be made.", "seats")
    now = utcnow()
    if existing is None:
        existing = TrainingPledge(campaign_id=campaign.id, organisation_id=organisation.id,
                                  created_at=now)
        db.session.add(existing)
        action = "made"
    elif not live:
        existing.created_at = now  # back in the queue, at the end
        action = "made"
    else:
        if existing.seats == count and existing.max_price == ceiling:
            return existing  # nothing changed: no history row
        action = "changed"
    existing.user_id, existing.seats, existing.max_price = user.id, count, ceiling
    existing.status, existing.updated_at = "active", now
    db.session.flush()
    campaigns.log_pledge(existing, action, user.id)
    db.session.flush()
    campaigns.after_pledges_changed(campaign, now)
    return existing


def withdraw(user, pledge_id: int) -> TrainingPledge:
    found = get_pledge(pledge_id)
    campaign = campaigns.locked(found.campaign_id)
    found = db.session.get(TrainingPledge, pledge_id, populate_existing=True)
    permissions.require_member(user)
    permissions.require(permissions.may_act_for(user, found.organisation)
                        or permissions.may_manage_campaign(user, campaign),
                        "Only members acting for the organisation withdraw its pledge.")
    _live(campaign)
    if found.status != "active":
        raise ValidationFailed("This pledge is not active.")
    falls_below = campaign.status == "tipped" and not _still_tips(campaign, found.id)
    if falls_below and not campaign.extended:
        raise ValidationFailed("The campaign has tipped and would fall below its minimum "
                               "without this pledge: it can no longer be withdrawn.")
    found.status, found.updated_at = "withdrawn", utcnow()
    campaigns.log_pledge(found, "withdrawn", user.id)
    db.session.flush()
    if falls_below:  # after an extension pledgers are free to go: it is open again
        campaigns.untip(campaign)
    return found


def pledges_of(campaign_id: int) -> list[TrainingPledge]:
    from sqlalchemy.orm import joinedload

    return list(db.session.scalars(select(TrainingPledge).where(
        TrainingPledge.campaign_id == campaign_id)
        .options(joinedload(TrainingPledge.organisation), joinedload(TrainingPledge.user))
        .order_by(TrainingPledge.created_at, TrainingPledge.id)))


def history(pledge_id: int) -> list[TrainingPledgeChange]:
    return histories([pledge_id]).get(pledge_id, [])


def histories(pledge_ids) -> dict[int, list[TrainingPledgeChange]]:
    """Each pledge's changes, oldest first, in one query."""
    found: dict[int, list[TrainingPledgeChange]] = {}
    if not pledge_ids:
        return found
    for change in db.session.scalars(select(TrainingPledgeChange).where(
            TrainingPledgeChange.pledge_id.in_(list(pledge_ids)))
            .order_by(TrainingPledgeChange.id)):
        found.setdefault(change.pledge_id, []).append(change)
    return found
