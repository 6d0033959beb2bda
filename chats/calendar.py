"""iCalendar files (RFC 5545, made with the `icalendar` library): one chat, and the feed of
every upcoming one. Times are written in the chat's own zone with its VTIMEZONE, so a
calendar shows the chat at the right hour on both sides of a daylight-saving change; and
the reminders members ask for, mailed an hour before by a job, once."""

from __future__ import annotations

from datetime import UTC, datetime

from icalendar import Calendar, Event
from sqlalchemy import select, update

from chats.models import Chat, Reminder
from chats.scheduling import due_reminders, local_time, now, when
from core.extensions import db
from core.markup import slugify
from core.models import User
from core.text import strip_unsafe
from core.urls import site_path

PRODID = "-//Commonplace//Community chats//EN"
FEED_MAX = 200


def _absolute(path: str) -> str:
    from mail.compose import absolute

    return absolute(path)


def _event(chat: Chat, stamp: datetime) -> Event:
    event = Event()
    event.add("uid", f"chat-{chat.id}@commonplace")
    event.add("dtstamp", stamp.replace(tzinfo=UTC))
    event.add("dtstart", local_time(chat.starts_at, chat.time_zone))
    event.add("dtend", local_time(chat.ends_at, chat.time_zone))
    event.add("summary", strip_unsafe(f"{chat.title} ({chat.hashtag})"))
    if chat.description:
        event.add("description", strip_unsafe(chat.description, multiline=True))
    event.add("url", _absolute(site_path("chats.chat", chat_id=chat.id)))
    event.add("sequence", chat.version)
    return event


def _calendar(chats: list[Chat], name: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    stamp = now()
    for chat in chats:
        calendar.add_component(_event(chat, stamp))
    # One VTIMEZONE per zone the events use, with the transitions they need.
    calendar.add_missing_timezones()
    return calendar.to_ical()


def chat_ics(chat: Chat) -> bytes:
    return _calendar([chat], chat.title)


def feed_ics() -> bytes:
    upcoming = list(db.session.scalars(select(Chat).where(Chat.ends_at > now(),
                                                          Chat.import_key.is_(None))
                                       .order_by(Chat.starts_at).limit(FEED_MAX)))
    return _calendar([chat for chat in upcoming if chat.closed_at is None],
                     "Commonplace community chats")


def ics_filename(chat: Chat) -> str:
    return f"{slugify(chat.short_name) or 'chat'}-{chat.id}.ics"


# ---------------------------------------------------------------- reminders

def send_reminders(moment: datetime | None = None) -> int:
    """The job (every five minutes): mail each member who asked, for chats starting
    within the hour. A reminder is claimed by one UPDATE before its mail is queued, in the
    same transaction, so it is sent once even if the job runs twice at once."""
    from mail import outbox
    from mail.models import MailSettings
    from mail.notices import mailable

    moment = moment or now()
    sent = 0
    for reminder in due_reminders(moment):
        claimed = db.session.execute(
            update(Reminder).where(Reminder.chat_id == reminder.chat_id,
                                   Reminder.user_id == reminder.user_id,
                                   Reminder.sent_at.is_(None))
            .values(sent_at=moment).execution_options(synchronize_session=False)).rowcount
        if not claimed:
            continue
        user = db.session.get(User, reminder.user_id)
        chat = db.session.get(Chat, reminder.chat_id)
        if user is None or not mailable(user, db.session.get(MailSettings, user.id)):
            continue
        url = _absolute(site_path("chats.chat", chat_id=chat.id))
        outbox.queue(user_id=user.id, to=user.email, name=user.name, category="notification",
                     kind="chat_reminder", subject=f"Starting soon: {chat.title}",
                     template="chat_reminder",
                     context={"user": {"name": user.name}, "title": chat.title,
                              "hashtag": chat.hashtag, "when": when(chat), "url": url},
                     dedupe_key=f"chat-reminder:{chat.id}:{user.id}")
        sent += 1
    db.session.commit()
    return sent
