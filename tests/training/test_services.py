"""The register's rules in its services: interest and duplicates, campaigns tipping,
confirming and failing, withdrawals, offers, and refusals of the wrong person."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from community.models import Notification
from core.errors import PermissionDenied, ValidationFailed
from core.extensions import db
from core.timeutil import utcnow
from tests.training.conftest import campaign_values, open_campaign
from training import campaigns, interest, offers, pledges, topics, trainers
from training.models import TrainingInterest, TrainingPledge, TrainingPledgeChange


def _pledge(world, index, seats="2", ceiling="400"):
    made = pledges.pledge(world.staff[index], world.campaign_id, world.libraries[index],
                          seats, ceiling)
    db.session.commit()
    return made


@pytest.fixture
def campaign(world):
    made = open_campaign(world)
    world.campaign_id = made.id
    return made


def _notices(user) -> list[str]:
    return list(db.session.scalars(select(Notification.text).where(
        Notification.user_id == user.id, Notification.kind == "training")))


def test_interest_counts_each_library_once_with_its_largest_number(world):
    topic = topics.get_topic(world.topic_id)
    interest.register(world.staff[0], topic, "3", world.libraries[0])
    interest.register(world.staff[1], topic, "2", world.libraries[1])
    interest.register(world.stray, topic, "1", None)
    db.session.commit()
    assert (topic.library_count, topic.seat_count) == (2, 6)
    interest.register(world.staff[0], topic, "5", world.libraries[0])  # edited, not added
    db.session.commit()
    assert (topic.library_count, topic.seat_count) == (2, 8)
    counts = interest.breakdown(topic)
    assert counts["by_sector"] == [("other", [0, 1]), ("public", [2, 7])]
    assert db.session.scalar(select(func.count()).select_from(TrainingInterest)) == 3


def test_interest_for_an_organisation_needs_an_approved_affiliation(world):
    topic = topics.get_topic(world.topic_id)
    with pytest.raises(PermissionDenied):
        interest.register(world.stray, topic, "2", world.libraries[0])
    for seats in ("0", "-1", "1.5", "99999999", "", "١"):
        with pytest.raises(ValidationFailed):
            interest.register(world.staff[0], topic, seats, world.libraries[0])


def test_a_duplicate_moves_its_interest_and_a_library_in_both_counts_once(world):
    original = topics.get_topic(world.topic_id)
    duplicate = topics.propose(world.tom, topics.clean_topic(
        "Copyright when digitising", "", "any", "", [], ""))
    interest.register(world.staff[0], original, "2", world.libraries[0])
    interest.register(world.staff[0], duplicate, "4", world.libraries[0])
    interest.register(world.staff[1], duplicate, "3", world.libraries[1])
    db.session.commit()
    with pytest.raises(PermissionDenied):
        topics.mark_duplicate(world.hana, duplicate, original)
    moved = topics.mark_duplicate(world.edith, duplicate, original)
    db.session.commit()
    assert moved == 1 and original.moved_count == 1
    assert (original.library_count, original.seat_count) == (2, 7)
    assert duplicate.status == "duplicate" and duplicate.seat_count == 0
    with pytest.raises(ValidationFailed):
        topics.mark_duplicate(world.edith, original, original)


def test_declining_needs_a_reason_and_an_editor(world):
    topic = topics.get_topic(world.topic_id)
    with pytest.raises(PermissionDenied):
        topics.set_status(world.hana, topic, "declined", "no")
    with pytest.raises(ValidationFailed):
        topics.set_status(world.edith, topic, "declined", "")
    topics.set_status(world.edith, topic, "declined", "Out of scope.")
    assert topic.status_reason == "Out of scope."


def test_the_campaign_tips_when_the_minimum_is_reached_and_pledgers_hear(world, campaign):
    _pledge(world, 0)
    _pledge(world, 1)
    assert campaign.status == "open"
    state = campaigns.state_of(campaign)
    assert state.seats_needed == 2 and state.tally.price == 31000  # (120000 + 4 * 1000) / 4
    _pledge(world, 2)
    db.session.refresh(campaign)
    assert campaign.status == "tipped" and campaign.tipped_at is not None
    assert any("going ahead" in text for text in _notices(world.staff[0]))
    assert campaigns.state_of(campaign).tally.price == 21000


def test_a_pledge_under_the_price_does_not_count(world, campaign):
    _pledge(world, 0, "4", "350")
    _pledge(world, 1, "2", "150")  # 6 seats: 210.00 a head, over its ceiling
    state = campaigns.state_of(campaign)
    assert state.tally.seats == 4 and not state.tipped
    assert campaign.status == "open"


def test_a_second_pledge_for_the_organisation_edits_it_and_keeps_history(world, campaign):
    first = _pledge(world, 0, "2", "300")
    again = _pledge(world, 0, "3", "300")
    unchanged = _pledge(world, 0, "3", "300")
    assert first.id == again.id == unchanged.id
    assert db.session.scalar(select(func.count()).select_from(TrainingPledge)) == 1
    actions = [row.action for row in pledges.history(first.id)]
    assert actions == ["made", "changed"]


def test_pledging_for_an_organisation_one_is_not_approved_for_is_refused(world, campaign):
    with pytest.raises(PermissionDenied):
        pledges.pledge(world.staff[0], campaign.id, world.libraries[1], "2", "300")
    with pytest.raises(PermissionDenied):
        pledges.pledge(world.stray, campaign.id, world.libraries[0], "2", "300")


@pytest.mark.parametrize(("seats", "ceiling"), [
    ("0", "300"), ("-2", "300"), ("2.5", "300"), ("10001", "300"), ("2", "-1"),
    ("2", "1.001"), ("2", "9999999999999"), ("2", "EUR 300"), ("2", ""),
])
def test_hostile_pledges_are_refused(world, campaign, seats, ceiling):
    with pytest.raises(ValidationFailed):
        pledges.pledge(world.staff[0], campaign.id, world.libraries[0], seats, ceiling)


def test_the_maximum_is_never_passed_and_a_full_campaign_is_confirmed(world, campaign):
    _pledge(world, 0, "5", "500")
    with pytest.raises(ValidationFailed, match="Only 7 seats left"):
        pledges.pledge(world.staff[1], campaign.id, world.libraries[1], "8", "500")
    _pledge(world, 1, "7", "500")
    db.session.refresh(campaign)
    assert campaign.status == "confirmed" and campaign.final_price == 11000
    assert {p.status for p in pledges.pledges_of(campaign.id)} == {"confirmed"}


def test_withdrawing_after_tipping_only_while_the_minimum_still_holds(world, campaign):
    a = _pledge(world, 0, "3", "500")
    b = _pledge(world, 1, "3", "500")
    c = _pledge(world, 2, "1", "500")
    assert campaigns.get_campaign(campaign.id).status == "tipped"
    pledges.withdraw(world.staff[2], c.id)  # 6 seats left: still the minimum
    db.session.commit()
    with pytest.raises(ValidationFailed, match="below its minimum"):
        pledges.withdraw(world.staff[1], b.id)
    with pytest.raises(PermissionDenied):
        pledges.withdraw(world.staff[1], a.id)  # not theirs
    with pytest.raises(ValidationFailed, match="below its minimum"):
        pledges.pledge(world.staff[0], campaign.id, world.libraries[0], "1", "500")


def test_the_deadline_confirms_a_tipped_campaign_once(world, campaign):
    for index in range(3):
        _pledge(world, index, "2", "400")
    campaign.deadline = utcnow() - timedelta(minutes=1)
    db.session.commit()
    assert campaigns.state_of(campaign).status == "confirmed"  # before the job runs
    assert campaigns.settle_due() == 1
    assert campaigns.settle_due() == 0  # run twice: nothing more
    campaign = campaigns.get_campaign(campaign.id)
    assert campaign.status == "confirmed" and campaign.final_price == 21000
    confirmed = db.session.scalar(select(func.count()).select_from(TrainingPledgeChange)
                                  .where(TrainingPledgeChange.action == "confirmed"))
    assert confirmed == 3
    assert topics.get_topic(world.topic_id).status == "funded"
    with pytest.raises(ValidationFailed):
        pledges.withdraw(world.staff[0], pledges.pledges_of(campaign.id)[0].id)
    assert any("confirmed" in text for text in _notices(world.staff[1]))


def test_an_expired_untipped_campaign_never_shows_open_and_fails(world, campaign):
    _pledge(world, 0, "2", "900")
    campaign.deadline = utcnow() - timedelta(seconds=1)
    db.session.commit()
    assert campaigns.state_of(campaign).status == "failed"
    with pytest.raises(ValidationFailed):
        pledges.pledge(world.staff[1], campaign.id, world.libraries[1], "5", "900")
    db.session.rollback()
    campaigns.settle_due()
    campaign = campaigns.get_campaign(campaign.id)
    assert campaign.status == "failed"
    assert {p.status for p in pledges.pledges_of(campaign.id)} == {"released"}
    assert topics.get_topic(world.topic_id).status == "open"
    assert any("released" in text for text in _notices(world.staff[0]))


def test_the_host_cancels_and_extends_once_others_may_not(world, campaign):
    _pledge(world, 0)
    with pytest.raises(PermissionDenied):
        campaigns.cancel(world.staff[0], campaign.id, "No.")
    with pytest.raises(PermissionDenied):
        campaigns.extend(world.staff[0], campaign.id, campaign.deadline + timedelta(days=1))
    db.session.rollback()
    campaigns.extend(world.hana, campaign.id, campaign.deadline + timedelta(days=2))
    db.session.commit()
    with pytest.raises(ValidationFailed, match="only once"):
        campaigns.extend(world.hana, campaign.id, campaign.deadline + timedelta(days=3))
    db.session.rollback()
    assert any("extended" in text for text in _notices(world.staff[0]))
    with pytest.raises(ValidationFailed):
        campaigns.cancel(world.hana, campaign.id, "")
    campaigns.cancel(world.hana, campaign.id, "The trainer fell ill.")
    db.session.commit()
    assert {p.status for p in pledges.pledges_of(campaign.id)} == {"released"}
    assert any("fell ill" in text for text in _notices(world.staff[0]))


@pytest.mark.parametrize(("name", "value", "field"), [
    ("fixed_fee", "-1", "fixed_fee"), ("fixed_fee", "1.234", "fixed_fee"),
    ("fixed_fee", "1e99", "fixed_fee"), ("per_head_fee", "99999999999999", "per_head_fee"),
    ("currency", "XAU", "currency"), ("min_participants", "0", "min_participants"),
    ("max_participants", "2", "max_participants"), ("target", "0", "target"),
    ("timezone", "Mars/Olympus", "timezone"),
])
def test_hostile_campaign_values_are_refused_by_field(world, name, value, field):
    with pytest.raises(ValidationFailed) as refused:
        campaigns.clean_campaign(campaign_values(**{name: value}))
    assert field in [name for name, _message in refused.value.errors]


@pytest.mark.parametrize("days", [-1, 0.01, 400])
def test_deadlines_in_the_past_or_far_future_are_refused(world, days):
    deadline = (utcnow() + timedelta(days=days)).replace(microsecond=0)
    with pytest.raises(ValidationFailed):
        campaigns.clean_campaign(campaign_values(deadline=deadline))


def test_a_deadline_is_entered_in_its_time_zone(world):
    local = (utcnow() + timedelta(days=30)).replace(hour=12, minute=0, second=0,
                                                    microsecond=0)
    details = campaigns.clean_campaign(campaign_values(deadline=local,
                                                       timezone="Asia/Tokyo"))
    assert details["deadline"] == local - timedelta(hours=9)


def test_only_editors_and_host_admins_open_campaigns(world):
    from training import topics as registry

    details = campaigns.clean_campaign(campaign_values())
    with pytest.raises(PermissionDenied):
        campaigns.open_campaign(world.staff[0], registry.get_topic(world.topic_id),
                                world.libraries[0], details)


def test_offers_accepted_by_the_host_and_the_others_told(world, campaign):
    topic = topics.get_topic(world.topic_id)
    values = {"currency": "GBP", "fixed_fee": "900", "per_head_fee": "5",
              "min_participants": "5", "max_participants": "", "dates": "May",
              "format": "workshop", "valid_until": None, "note": ""}
    chosen = offers.make_offer(world.tom, topic, values, campaign=campaign)
    trainers.save_profile(world.stray, "Rights clearance.", "")
    other = offers.make_offer(world.stray, topic, values, campaign=campaign)
    db.session.commit()
    assert any("offer" in text for text in _notices(world.hana))
    with pytest.raises(PermissionDenied):
        offers.accept(world.staff[0], chosen, campaign)
    offers.accept(world.hana, chosen, campaign)
    db.session.commit()
    assert (campaign.fixed_fee, campaign.per_head_fee) == (90000, 500)
    assert other.status == "declined"
    assert any("Another offer" in text for text in _notices(world.stray))
    assert any("accepted" in text for text in _notices(world.tom))


def test_after_an_extension_pledgers_may_withdraw_and_it_opens_again(world, campaign):
    made = [_pledge(world, index, "2", "500") for index in range(3)]
    assert campaigns.get_campaign(campaign.id).status == "tipped"
    campaigns.extend(world.hana, campaign.id, campaign.deadline + timedelta(days=2))
    db.session.commit()
    pledges.withdraw(world.staff[0], made[0].id)
    db.session.commit()
    found = campaigns.get_campaign(campaign.id)
    assert found.status == "open" and found.tipped_at is None
    _pledge(world, 3, "2", "500")
    assert campaigns.get_campaign(campaign.id).status == "tipped"


def test_scheduled_then_delivered_and_the_topic_follows(world, campaign):
    for index in range(3):
        _pledge(world, index, "2", "500")
    with pytest.raises(ValidationFailed):
        campaigns.schedule(world.hana, campaign.id, "Town hall, 3 May")
    db.session.rollback()
    campaigns.get_campaign(campaign.id).deadline = utcnow() - timedelta(minutes=1)
    db.session.commit()
    with pytest.raises(PermissionDenied):
        campaigns.schedule(world.staff[0], campaign.id, "Town hall, 3 May")
    db.session.rollback()
    campaigns.schedule(world.hana, campaign.id, "Town hall, 3 May")  # settles it first
    campaigns.deliver(world.hana, campaign.id)
    db.session.commit()
    assert campaigns.get_campaign(campaign.id).status == "delivered"
    assert topics.get_topic(world.topic_id).status == "delivered"
    assert any("Town hall" in text for text in _notices(world.staff[2]))
    with pytest.raises(PermissionDenied):
        campaigns.practice_article(world.staff[0], campaign.id)
    db.session.rollback()
    slug = campaigns.practice_article(world.hana, campaign.id)
    assert campaigns.practice_article(world.hana, campaign.id) == slug  # made once
    db.session.commit()
    from wiki import reading

    article = reading.get_article(slug)
    assert "hosted by Northshire Library Network" in article.current_revision.body


def test_the_host_hears_when_the_deadline_nears_below_the_minimum_once(world, campaign):
    _pledge(world, 0, "2", "700")
    campaigns.get_campaign(campaign.id).deadline = utcnow() + timedelta(hours=20)
    db.session.commit()
    campaigns.settle_due()
    campaigns.settle_due()
    warned = [text for text in _notices(world.hana) if "more seats" in text]
    assert warned == ["“Copyright for digitisation projects” needs 4 more seats before its "
                      "deadline."]


def test_an_expired_offer_cannot_be_accepted(world, campaign):
    topic = topics.get_topic(world.topic_id)
    offer = offers.make_offer(world.tom, topic, {
        "currency": "GBP", "fixed_fee": "900", "per_head_fee": "5", "min_participants": "5",
        "max_participants": "", "dates": "", "format": "any",
        "valid_until": utcnow().date(), "note": ""}, campaign=campaign)
    offer.valid_until = utcnow() - timedelta(days=3)
    db.session.commit()
    with pytest.raises(ValidationFailed, match="expired"):
        offers.accept(world.hana, offer, campaign)
