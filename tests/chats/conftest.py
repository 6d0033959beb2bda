"""Chat fixtures: a clock the tests move (the CHATS_NOW setting) and a scheduled chat."""

from __future__ import annotations

from datetime import datetime

import pytest

from core.extensions import db

# 10 March 2027, 18:00 UTC: before the chats the tests schedule.
BEFORE = datetime(2027, 3, 10, 18, 0)
# The chat below: Saturday 20 March 2027, 19:00-20:00 in London (GMT, so UTC too).
STARTS = datetime(2027, 3, 20, 19, 0)
DURING = datetime(2027, 3, 20, 19, 20)
AFTER = datetime(2027, 3, 20, 21, 0)
PROMPTS = "Q1 – What do you lend besides books?\nQ2 – How do you handle damage?\nWho pays?"


class Clock:
    def __init__(self, app) -> None:
        self.app = app
        self.set(BEFORE)

    def set(self, moment: datetime) -> None:
        self.app.config["CHATS_NOW"] = moment


@pytest.fixture
def clock(app):
    return Clock(app)


def schedule(host, *, title="Lending things that are not books", starts="2027-03-20T19:00",
             ends="2027-03-20T20:00", zone="Europe/London", prompts=PROMPTS, readings=""):
    from chats import scheduling

    details = scheduling.clean_details(
        title=title, short_name="libchat", description="Bring your *stories*.",
        time_zone=zone, starts_at=datetime.fromisoformat(starts),
        ends_at=datetime.fromisoformat(ends), prompts=prompts, readings=readings)
    chat = scheduling.schedule_chat(host, details)
    db.session.commit()
    return chat


@pytest.fixture
def chat(app, clock, editor):
    return schedule(editor)
