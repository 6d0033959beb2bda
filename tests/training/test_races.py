"""Races, on SQLite and PostgreSQL alike (tests/races.py): pledges crossing the minimum
together tip the campaign once; the deadline job racing a last pledge, or itself,
settles the campaign once and confirms no pledge twice."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from community.models import Notification
from core.errors import ValidationFailed
from core.extensions import db
from core.models import User
from core.timeutil import utcnow
from core.transactions import run_in_transaction
from orgs.models import Organisation
from tests.races import in_threads, lockstep
from tests.training.conftest import open_campaign
from training import campaigns, pledges
from training.models import TrainingCampaign, TrainingPledgeChange


def _pledge_in_thread(user_id: int, campaign_id: int, organisation_id: int, seats: str):
    def work():
        return pledges.pledge(db.session.get(User, user_id), campaign_id,
                              db.session.get(Organisation, organisation_id), seats, "900").id
    try:
        return run_in_transaction(work)
    except ValidationFailed as refused:
        return refused.message


def _count(model, *where) -> int:
    db.session.expire_all()
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


def test_two_pledges_crossing_the_minimum_together_tip_it_once(app, world, monkeypatch):
    campaign = open_campaign(world)  # minimum 6
    pledges.pledge(world.staff[0], campaign.id, world.libraries[0], "4", "900")
    db.session.commit()
    ids = [(world.staff[i].id, world.libraries[i].id) for i in (1, 2)]
    barrier = lockstep(monkeypatch, campaigns, "locked")
    results = in_threads(app, lambda i: _pledge_in_thread(ids[i][0], campaign.id, ids[i][1],
                                                          "2"), 2, barrier)
    assert all(isinstance(result, int) for result in results)
    found = db.session.get(TrainingCampaign, campaign.id)
    db.session.refresh(found)
    assert found.status == "tipped"
    tipped_notices = _count(Notification, Notification.user_id == world.staff[0].id,
                            Notification.text.contains("going ahead"))
    assert tipped_notices == 1
    assert campaigns.state_of(found).tally.seats == 8


def test_the_deadline_job_racing_a_last_pledge_settles_once(app, world, monkeypatch):
    campaign = open_campaign(world)
    for index in range(3):
        pledges.pledge(world.staff[index], campaign.id, world.libraries[index], "2", "900")
    campaign.deadline = utcnow() - timedelta(seconds=1)
    db.session.commit()
    last = (world.staff[3].id, world.libraries[3].id)
    barrier = lockstep(monkeypatch, campaigns, "locked")

    def work(index: int):
        if index == 0:
            return _pledge_in_thread(last[0], campaign.id, last[1], "2")
        return campaigns.settle_due()

    results = in_threads(app, work, 2, barrier)
    assert "no longer takes pledges" in results[0]
    found = db.session.get(TrainingCampaign, campaign.id)
    db.session.refresh(found)
    assert found.status == "confirmed" and found.final_seats == 6
    assert _count(TrainingPledgeChange, TrainingPledgeChange.action == "confirmed") == 3


def test_the_deadline_job_run_twice_at_once_settles_once(app, world, monkeypatch):
    campaign = open_campaign(world)
    pledges.pledge(world.staff[0], campaign.id, world.libraries[0], "2", "900")
    campaign.deadline = utcnow() - timedelta(seconds=1)
    db.session.commit()
    barrier = lockstep(monkeypatch, campaigns, "locked")
    in_threads(app, lambda _index: campaigns.settle_due(), 2, barrier)
    found = db.session.get(TrainingCampaign, campaign.id)
    db.session.refresh(found)
    assert found.status == "failed"
    assert _count(TrainingPledgeChange, TrainingPledgeChange.action == "released") == 1
    assert _count(Notification, Notification.user_id == world.staff[0].id,
                  Notification.text.contains("did not reach")) == 1
