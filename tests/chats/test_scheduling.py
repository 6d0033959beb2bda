"""Scheduling: who may, what is checked, time zones, and status from the clock."""

from __future__ import annotations

from datetime import datetime

import pytest

from chats import scheduling
from chats.models import LIVE, PAST, UPCOMING, Chat
from core.errors import PermissionDenied, ValidationFailed
from core.extensions import db
from tests.chats.conftest import AFTER, DURING, schedule

FORM = {"title": "Makerspaces", "short_name": "#uklibchat", "time_zone": "Europe/London",
        "starts_at": "2027-03-20T19:00", "ends_at": "2027-03-20T20:00",
        "description": "An hour on *makerspaces*.", "workgroup": "",
        "prompts": "Q1 – What do you lend?\nQ2 – How do you handle damage?",
        "readings": "Our guide /wiki/makerspaces\nhttps://example.org/lending"}


def test_an_editor_schedules_a_chat_from_the_form(editor_client, clock):
    response = editor_client.submit("/chats/new", FORM)
    assert response.status_code == 302
    chat = db.session.scalar(db.select(Chat))
    assert response.headers["Location"].endswith(f"/chats/{chat.id}")
    assert (chat.short_name, chat.time_zone) == ("uklibchat", "Europe/London")
    assert (chat.starts_at, chat.ends_at) == (datetime(2027, 3, 20, 19), datetime(2027, 3, 20, 20))
    assert [(p.label, p.body) for p in chat.prompts] == [
        ("Q1", "What do you lend?"), ("Q2", "How do you handle damage?")]
    assert [(r.title, r.url) for r in chat.readings] == [
        ("Our guide", "/wiki/makerspaces"), ("https://example.org/lending",
                                             "https://example.org/lending")]
    page = editor_client.get(f"/chats/{chat.id}").get_data(as_text=True)
    assert "Saturday 20 March 2027, 19:00–20:00 GMT" in page
    assert "<em>makerspaces</em>" in page
    assert "What do you lend?" in page  # hosts see the prompts before they are out


def test_a_member_may_not_schedule_until_an_editor_makes_them_a_host(
        member_client, editor_client, member, clock):
    assert member_client.get("/chats/new").status_code == 403
    assert member_client.submit("/chats/new", FORM).status_code == 403
    assert member_client.submit("/chats/hosts", {"username": "mina"}).status_code == 403
    assert editor_client.submit("/chats/hosts", {"username": "mina"}).status_code == 302
    assert member_client.submit("/chats/new", FORM).status_code == 302
    entry = db.session.scalar(db.text("SELECT action FROM audit_log ORDER BY id DESC LIMIT 1"))
    assert entry == "chat_host.granted"
    assert editor_client.submit("/chats/hosts", {"username": "mina", "granted": "0"}
                                ).status_code == 302
    assert member_client.get("/chats/new").status_code == 403


def test_a_chat_for_a_workgroup(editor_client, admin, clock):
    from community import workgroups

    group = workgroups.create_workgroup(admin, "Makerspaces", "Making things.")
    db.session.commit()
    assert "Makerspaces" in editor_client.get("/chats/new").get_data(as_text=True)
    editor_client.submit("/chats/new", {**FORM, "workgroup": group.slug})
    chat = db.session.scalar(db.select(Chat))
    assert chat.workgroup_id == group.id
    page = editor_client.get(f"/chats/{chat.id}").get_data(as_text=True)
    assert f'href="/workgroups/{group.slug}"' in page
    response = editor_client.submit("/chats/new", {**FORM, "workgroup": "no-such-group"})
    assert response.status_code == 422 and "Choose a workgroup" in response.get_data(
        as_text=True)


def test_every_problem_is_shown_at_once(editor_client, clock):
    response = editor_client.submit("/chats/new", {**FORM, "title": "", "short_name": "9 no",
                                                   "time_zone": "Mars/Olympus", "prompts": "",
                                                   "readings": "a reading with no address"})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    for message in ("Give the chat a title", "The short name is a hashtag",
                    "IANA name", "at least one prompt", "end each reading with its address"):
        assert message in page
    assert db.session.scalar(db.select(db.func.count(Chat.id))) == 0


@pytest.mark.parametrize(("starts", "ends", "message"), [
    ("2027-03-20T20:00", "2027-03-20T19:00", "It must end after it starts"),
    # Clocks go forward in London at 01:00 on 28 March 2027: 01:30 never happens.
    ("2027-03-28T01:30", "2027-03-28T03:00", "does not exist in Europe/London"),
    ("2027-03-01T10:00", "2027-03-01T11:00", "That time has passed"),
])
def test_impossible_times_are_refused(editor_client, clock, starts, ends, message):
    response = editor_client.submit("/chats/new", {**FORM, "starts_at": starts,
                                                   "ends_at": ends})
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)


def test_a_chat_shows_in_another_zone_across_a_daylight_saving_change(app, editor, clock):
    # New York moved to summer time on 14 March 2027, London only on 28 March: for those
    # two weeks the gap is four hours, not five.
    chat = schedule(editor)
    assert scheduling.when(chat, "America/New_York") == \
        "Saturday 20 March 2027, 15:00–16:00 EDT"
    later = schedule(editor, title="After the change", starts="2027-04-03T19:00",
                     ends="2027-04-03T20:00")
    assert later.starts_at == datetime(2027, 4, 3, 18, 0)  # BST is UTC+1
    assert scheduling.when(later) == "Saturday 3 April 2027, 19:00–20:00 BST"
    assert scheduling.when(later, "America/New_York") == \
        "Saturday 3 April 2027, 14:00–15:00 EDT"
    sydney = schedule(editor, title="Down under", starts="2027-04-04T09:00",
                      ends="2027-04-04T10:00", zone="Australia/Sydney")
    # Sydney leaves summer time at 03:00 on 4 April 2027: 09:00 is AEST (UTC+10).
    assert sydney.starts_at == datetime(2027, 4, 3, 23, 0)


def test_the_page_shows_the_time_in_a_zone_the_reader_chooses(client, chat):
    page = client.get(f"/chats/{chat.id}?tz=America/Chicago").get_data(as_text=True)
    assert "In America/Chicago" in page and "14:00–15:00 CDT" in page
    assert "In Nowhere" not in client.get(f"/chats/{chat.id}?tz=Nowhere").get_data(
        as_text=True)


def test_status_follows_the_clock(app, client, chat, clock):
    assert chat.status(app.config["CHATS_NOW"]) == UPCOMING
    assert "Upcoming" in client.get("/chats/").get_data(as_text=True)
    clock.set(DURING)
    assert chat.status(DURING) == LIVE
    assert "Live now" in client.get("/chats/").get_data(as_text=True)
    clock.set(AFTER)
    assert chat.status(AFTER) == PAST
    listing = client.get("/chats/").get_data(as_text=True)
    assert "Live now" not in listing and chat.title in listing


def test_a_member_refused_by_the_service_too(app, member, clock):
    details = scheduling.clean_details(
        title="x", short_name="xchat", description="", time_zone="UTC",
        starts_at=datetime(2027, 5, 1, 10), ends_at=datetime(2027, 5, 1, 11), prompts="Q1")
    with pytest.raises(PermissionDenied):
        scheduling.schedule_chat(member, details)
    with pytest.raises(ValidationFailed):
        scheduling.clean_details(title="x", short_name="xchat", description="",
                                 time_zone="UTC", starts_at=datetime(2027, 5, 1, 10),
                                 ends_at=datetime(2027, 5, 1, 23, 30), prompts="Q1")
