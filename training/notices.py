"""Who hears of what in the training register, through community notifications (and so
by mail, per the member's preferences for the kind "training"):

- a campaign opens: the topic's interested members;
- it tips, is confirmed, fails, is extended or cancelled, or is scheduled: its pledgers
  (the members who made or last changed each pledge);
- an offer arrives: the host's admins (or, on a topic without a campaign, its proposer);
- the deadline nears while below the minimum: the host's admins (once per deadline);
- an offer is accepted or not chosen: its trainer.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from core.extensions import db
from core.urls import site_path
from orgs.models import Affiliation
from training import money
from training.models import TrainingCampaign, TrainingPledge

KIND = "training"
WARN_BEFORE = timedelta(days=2)


def _notify(user_ids, text: str, url: str, actor=None, subject: str | None = None) -> None:
    from community.notifications import notify

    notify(set(user_ids), KIND, text, url, actor, subject=subject)


def _url(campaign: TrainingCampaign) -> str:
    return site_path("training.campaign", campaign_id=campaign.id)


def host_admins(organisation_id: int) -> set[int]:
    return set(db.session.scalars(select(Affiliation.user_id).where(
        Affiliation.organisation_id == organisation_id, Affiliation.status == "approved",
        Affiliation.end_date.is_(None), Affiliation.admin.is_(True))))


def pledgers(pledges) -> set[int]:
    return {pledge.user_id for pledge in pledges if pledge.user_id}


def _all_pledgers(campaign: TrainingCampaign) -> set[int]:
    return set(db.session.scalars(select(TrainingPledge.user_id).where(
        TrainingPledge.campaign_id == campaign.id,
        TrainingPledge.status.in_(("active", "confirmed", "released")))))


def campaign_opened(campaign: TrainingCampaign, actor) -> None:
    from training.interest import interested_members

    _notify(interested_members(campaign.topic_id),
            f"A campaign opened for “{campaign.topic.title}”, hosted by {campaign.host.name}: "
            "pledge seats before the deadline.", _url(campaign), actor)


def campaign_tipped(campaign: TrainingCampaign, counted) -> None:
    _notify(_all_pledgers(campaign),
            f"“{campaign.topic.title}” reached its minimum and is going ahead: "
            f"{money.show(counted.price, campaign.currency)} per head for now.",
            _url(campaign))


def campaign_settled(campaign: TrainingCampaign, pledges, *, confirmed: bool) -> None:
    if confirmed:
        text = (f"“{campaign.topic.title}” is confirmed at "
                f"{money.show(campaign.final_price, campaign.currency)} per head.")
    else:
        text = (f"“{campaign.topic.title}” did not reach its minimum by the deadline: "
                "your pledge is released.")
    _notify(pledgers(pledges) | host_admins(campaign.host_id), text, _url(campaign))


def campaign_cancelled(campaign: TrainingCampaign, pledges, actor) -> None:
    _notify(pledgers(pledges), f"The host cancelled “{campaign.topic.title}”: "
                               f"{campaign.reason[:160]}", _url(campaign), actor)


def campaign_extended(campaign: TrainingCampaign, actor) -> None:
    _notify(_all_pledgers(campaign),
            f"The deadline of “{campaign.topic.title}” was extended; you are free to "
            "withdraw your pledge while it is open.", _url(campaign), actor)


def campaign_scheduled(campaign: TrainingCampaign, actor) -> None:
    _notify(_all_pledgers(campaign),
            f"“{campaign.topic.title}” is scheduled: {campaign.schedule[:160]}",
            _url(campaign), actor)


def deadline_near(campaign: TrainingCampaign, now) -> None:
    from training.campaigns import state_of

    if campaign.deadline_warned or campaign.status != "open":
        return
    campaign.deadline_warned = True
    state = state_of(campaign, now)
    if state.seats_needed:
        _notify(host_admins(campaign.host_id),
                f"“{campaign.topic.title}” needs {state.seats_needed} more seat"
                f"{'' if state.seats_needed == 1 else 's'} before its deadline.",
                _url(campaign))
    db.session.flush()


def offer_made(offer, campaign) -> None:
    if campaign is not None:
        told = host_admins(campaign.host_id)
        url = _url(campaign)
    else:
        from training.models import TrainingTopic

        topic = db.session.get(TrainingTopic, offer.topic_id)
        told = {topic.author_id} if topic and topic.author_id else set()
        live = db.session.scalars(select(TrainingCampaign.host_id).where(
            TrainingCampaign.topic_id == offer.topic_id,
            TrainingCampaign.status.in_(("open", "tipped")))).all()
        for host_id in live:
            told |= host_admins(host_id)
        url = site_path("training.topic", topic_id=offer.topic_id)
    _notify(told, "A trainer made an offer on a training topic you host or proposed.", url,
            offer.trainer)


def offers_answered(accepted, declined, campaign: TrainingCampaign) -> None:
    _notify({accepted.trainer_id}, f"Your offer for “{campaign.topic.title}” was accepted.",
            _url(campaign))
    _notify({offer.trainer_id for offer in declined},
            f"Another offer was chosen for “{campaign.topic.title}”. Thank you for yours.",
            _url(campaign))


def offer_withdrawn(offer) -> None:
    """A trainer withdrew an offer on a campaign: its host's admins hear of it."""
    if offer.campaign_id is None:
        return
    campaign = db.session.get(TrainingCampaign, offer.campaign_id)
    if campaign is not None:
        _notify(host_admins(campaign.host_id),
                f"{offer.trainer.name} withdrew their offer for “{campaign.topic.title}”.",
                _url(campaign), offer.trainer)
