"""iCalendar files, parsed back with the icalendar library; and reminders, sent once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from icalendar import Calendar

from chats.calendar import send_reminders
from chats.models import Reminder
from core.extensions import db
from mail.models import MailSettings, OutboxMessage
from tests.chats.conftest import AFTER, BEFORE, schedule


def _events(data: bytes) -> list:
    return list(Calendar.from_ical(data).walk("VEVENT"))


def test_a_chats_ics_has_its_zone_and_the_right_instant(client, chat, editor):
    response = client.get(f"/chats/{chat.id}.ics")
    assert response.status_code == 200
    assert response.mimetype == "text/calendar"
    assert "attachment" in response.headers["Content-Disposition"]
    calendar = Calendar.from_ical(response.data)
    [event] = _events(response.data)
    start = event.decoded("dtstart")
    assert str(start.tzinfo) == "Europe/London"
    assert start.astimezone(UTC) == datetime(2027, 3, 20, 19, tzinfo=UTC)
    assert event["dtstart"].params["TZID"] == "Europe/London"
    assert [str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/London"]
    assert str(event["summary"]) == "Lending things that are not books (#libchat)"
    assert str(event["url"]).endswith(f"/chats/{chat.id}")


def test_the_feed_lists_upcoming_chats_in_their_zones_across_a_change(app, client, editor,
                                                                      clock):
    london = schedule(editor, title="Before the change")
    summer = schedule(editor, title="After the change", starts="2027-04-03T19:00",
                      ends="2027-04-03T20:00")
    sydney = schedule(editor, title="Sydney", starts="2027-04-04T09:00",
                      ends="2027-04-04T10:00", zone="Australia/Sydney")
    events = {str(e["summary"]).split(" (")[0]: e for e in _events(
        client.get("/chats/calendar.ics").data)}
    assert set(events) == {london.title, summer.title, sydney.title}
    instants = {title: event.decoded("dtstart").astimezone(UTC).replace(tzinfo=None)
                for title, event in events.items()}
    assert instants == {london.title: datetime(2027, 3, 20, 19),
                        summer.title: datetime(2027, 4, 3, 18),
                        sydney.title: datetime(2027, 4, 3, 23)}
    zones = {str(tz["tzid"]) for tz in Calendar.from_ical(
        client.get("/chats/calendar.ics").data).walk("VTIMEZONE")}
    assert zones == {"Europe/London", "Australia/Sydney"}
    clock.set(AFTER)  # the first one is over: no longer in the feed
    titles = {str(e["summary"]).split(" (")[0] for e in _events(
        client.get("/chats/calendar.ics").data)}
    assert titles == {summer.title, sydney.title}


def test_a_reminder_is_mailed_an_hour_before_once(app, member_client, member, chat, clock):
    settings = db.session.get(MailSettings, member.id)
    settings.verified_at = BEFORE
    db.session.commit()
    assert member_client.submit(f"/chats/{chat.id}/remind", {"wanted": "1"}).status_code == 302
    assert db.session.get(Reminder, (chat.id, member.id)) is not None
    assert "Don’t remind me" in member_client.get(f"/chats/{chat.id}").get_data(as_text=True)
    with app.app_context():
        from jobs import run_now

        assert run_now("chat_reminders") == 0  # the periodic job: nothing due yet
        assert send_reminders(chat.starts_at - timedelta(hours=2)) == 0  # not yet
        assert send_reminders(chat.starts_at - timedelta(minutes=50)) == 1
        assert send_reminders(chat.starts_at - timedelta(minutes=45)) == 0  # once
    [message] = db.session.scalars(db.select(OutboxMessage).where(
        OutboxMessage.kind == "chat_reminder")).all()
    assert message.to_address == member.email
    assert "Starting soon" in message.subject
    # Withdrawn reminders are not sent.
    member_client.submit(f"/chats/{chat.id}/remind", {"wanted": "0"})
    assert db.session.get(Reminder, (chat.id, member.id)) is None
