"""Before a chat: scheduling it (times in an IANA zone, prompts, readings), the lists of
upcoming, live and past chats, chat hosts, and reminders."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from flask import current_app
from sqlalchemy import delete, func, select

from chats.models import (
    LIVE,
    PAST,
    UPCOMING,
    Chat,
    ChatHost,
    Prompt,
    Reading,
    Reminder,
    Reply,
)
from community.models import Workgroup
from core import audit, permissions, signals
from core.errors import NotFound, Problems, ValidationFailed
from core.extensions import db
from core.markup import render
from core.models import User
from core.text import check_text
from core.timeutil import utcnow

TITLE_MAX = 160
SHORT_NAME_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_]{1,39}$")
DESCRIPTION_MAX = 5_000
PROMPT_MAX = 1_000  # a prompt is a short text
PROMPTS_MAX = 30
READINGS_MAX = 20
LONGEST_CHAT = timedelta(hours=12)
PROMPT_LINE_RE = re.compile(r"^\s*Q(\d{1,2})\s*[–—:.)-]\s*", re.IGNORECASE)


def now() -> datetime:
    """The chats' clock: naive UTC. A test moves it with the CHATS_NOW setting."""
    fixed = current_app.config.get("CHATS_NOW")
    return fixed if isinstance(fixed, datetime) else utcnow()


# ---------------------------------------------------------------- time zones

@cache
def zone_names() -> frozenset[str]:
    return frozenset(available_timezones())


def zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise ValidationFailed("Choose a time zone by its IANA name, such as "
                               "Europe/London or America/Chicago.", "time_zone") from error


def clean_zone(name: str) -> str:
    name = (name or "").strip()
    if name not in zone_names():
        raise ValidationFailed("Choose a time zone by its IANA name, such as Europe/London "
                               "or America/Chicago.", "time_zone")
    return name


def to_utc(local: datetime, zone_name: str, field_name: str) -> datetime:
    """A wall-clock time in `zone_name` as naive UTC. A time the clocks skip (the hour
    lost when summer time starts) is refused rather than guessed."""
    tz = zone(zone_name)
    aware = local.replace(tzinfo=tz)
    utc = aware.astimezone(UTC)
    if utc.astimezone(tz).replace(tzinfo=None) != local:
        raise ValidationFailed(f"{local:%H:%M} on {local:%-d %B %Y} does not exist in "
                               f"{zone_name}: the clocks change then. Choose another time.",
                               field_name)
    return utc.replace(tzinfo=None)


def local_time(moment: datetime, zone_name: str) -> datetime:
    """Naive UTC shown in a zone (an aware datetime)."""
    try:
        tz = ZoneInfo(zone_name)
    except (ZoneInfoNotFoundError, ValueError):
        tz = ZoneInfo("UTC")
    return moment.replace(tzinfo=UTC).astimezone(tz)


def when(chat: Chat, zone_name: str | None = None) -> str:
    """"Tuesday 3 March 2026, 19:00–20:00 GMT" in the chat's zone (or another)."""
    start = local_time(chat.starts_at, zone_name or chat.time_zone)
    end = local_time(chat.ends_at, zone_name or chat.time_zone)
    same_day = start.date() == end.date()
    ending = f"{end:%H:%M}" if same_day else f"{end:%A %-d %B %Y, %H:%M}"
    return f"{start:%A %-d %B %Y, %H:%M}–{ending} {end.tzname()}"


# ---------------------------------------------------------------- details

@dataclass
class Details:
    title: str = ""
    short_name: str = ""
    description: str = ""
    time_zone: str = "UTC"
    starts_at: datetime | None = None  # naive UTC
    ends_at: datetime | None = None
    workgroup_id: int | None = None
    prompts: list[str] = field(default_factory=list)
    readings: list[tuple[str, str]] = field(default_factory=list)


def _title(title: str) -> str:
    title = check_text(title, "title", "the title").strip()
    if not title:
        raise ValidationFailed("Give the chat a title.", "title")
    if len(title) > TITLE_MAX:
        raise ValidationFailed(f"Keep the title under {TITLE_MAX} characters.", "title")
    return title


def _short_name(name: str) -> str:
    name = check_text(name, "short_name", "the short name").strip().lstrip("#")
    if not SHORT_NAME_RE.match(name):
        raise ValidationFailed("The short name is a hashtag: 2 to 40 letters, digits or "
                               "underscores, starting with a letter (e.g. uklibchat).",
                               "short_name")
    return name


def _description(text: str) -> str:
    text = check_text(text, "description", "the description", multiline=True).strip()
    if len(text) > DESCRIPTION_MAX:
        raise ValidationFailed(f"Keep the description under {DESCRIPTION_MAX:,} characters.",
                               "description")
    return text


def parse_prompts(text: str) -> list[str]:
    """One prompt per line ("Q1 – " in front is allowed and dropped), in order."""
    text = check_text(text, "prompts", "the prompts", multiline=True)
    prompts = [PROMPT_LINE_RE.sub("", line).strip() for line in text.splitlines()]
    prompts = [prompt for prompt in prompts if prompt]
    if not prompts:
        raise ValidationFailed("Write at least one prompt (one per line).", "prompts")
    if len(prompts) > PROMPTS_MAX:
        raise ValidationFailed(f"A chat has at most {PROMPTS_MAX} prompts.", "prompts")
    for number, prompt in enumerate(prompts, 1):
        if len(prompt) > PROMPT_MAX:
            raise ValidationFailed(f"Q{number} is {len(prompt):,} characters long; keep each "
                                   f"prompt under {PROMPT_MAX:,}.", "prompts")
    return prompts


def parse_readings(text: str) -> list[tuple[str, str]]:
    """One reading per line: a title then its address (`https://…` or a path on this
    site such as /wiki/makerspaces); a line that is only an address is its own title."""
    text = check_text(text, "readings", "the readings", multiline=True)
    readings = []
    for line in (line.strip() for line in text.splitlines()):
        if not line:
            continue
        title, _, url = line.rpartition(" ")
        title = title.strip(" –—-|:") or url
        if not (url.startswith(("https://", "http://")) or
                (url.startswith("/") and not url.startswith("//"))) or len(url) > 500:
            raise ValidationFailed(f"“{line[:80]}”: end each reading with its address "
                                   "(https://… or a path on this site such as /wiki/…).",
                                   "readings")
        readings.append((title[:200], url))
    if len(readings) > READINGS_MAX:
        raise ValidationFailed(f"Feature at most {READINGS_MAX} readings.", "readings")
    return readings


def clean_details(*, title: str, short_name: str, description: str, time_zone: str,
                  starts_at: datetime | None, ends_at: datetime | None, prompts: str,
                  readings: str = "", workgroup: str = "") -> Details:
    """Every field checked at once; `starts_at` and `ends_at` are wall-clock times in
    `time_zone`."""
    problems = Problems()
    details = Details()
    details.title = problems.check(_title, title)
    details.short_name = problems.check(_short_name, short_name)
    details.description = problems.check(_description, description)
    details.time_zone = problems.check(clean_zone, time_zone)
    details.prompts = problems.check(parse_prompts, prompts) or []
    details.readings = problems.check(parse_readings, readings) or []
    if workgroup:
        found = db.session.scalar(select(Workgroup).where(Workgroup.slug == workgroup))
        if found is None:
            problems.add("Choose a workgroup from the list.", "workgroup")
        else:
            details.workgroup_id = found.id
    if starts_at is None:
        problems.add("When does it start?", "starts_at")
    if ends_at is None:
        problems.add("When does it end?", "ends_at")
    if details.time_zone and starts_at and ends_at:
        details.starts_at = problems.check(to_utc, starts_at, details.time_zone, "starts_at")
        details.ends_at = problems.check(to_utc, ends_at, details.time_zone, "ends_at")
        if details.starts_at and details.ends_at:
            if details.ends_at <= details.starts_at:
                problems.add("It must end after it starts.", "ends_at")
            elif details.ends_at - details.starts_at > LONGEST_CHAT:
                problems.add("A chat lasts at most 12 hours.", "ends_at")
    problems.raise_any()
    return details


# ---------------------------------------------------------------- scheduling

def chat_changed(chat: Chat) -> None:
    """Search shows this chat differently now: bump it, note the newest reply the document
    holds, and tell search."""
    chat.version = Chat.version + 1
    chat.indexed_reply_id = func.coalesce(select(func.max(Reply.id)).where(
        Reply.chat_id == chat.id).scalar_subquery(), 0)
    db.session.flush()
    signals.send(signals.content_changed, kind="chat", object_id=chat.id)


def index_new_replies(moment: datetime | None = None) -> int:
    """The job (every minute): chats with replies newer than their search document are
    indexed again, once for all the replies of that minute. Replies are not indexed one
    by one: during a live hour that would rebuild the chat's document hundreds of times."""
    moment = moment or now()
    newer = select(Reply.id).where(Reply.chat_id == Chat.id,
                                   Reply.id > Chat.indexed_reply_id).exists()
    chats = list(db.session.scalars(select(Chat).where(
        Chat.ends_at > moment - timedelta(days=1), newer).limit(100)))
    for chat in chats:
        chat_changed(chat)
    db.session.commit()
    return len(chats)


def schedule_chat(host: User, details: Details) -> Chat:
    permissions.require_member(host, "Please sign in to schedule a chat.")
    permissions.require(permissions.may_schedule_chat(host),
                        "Only editors and chat hosts may schedule chats.")
    if details.starts_at < now():
        raise ValidationFailed("That time has passed: schedule the chat in the future.",
                               "starts_at")
    chat = Chat(title=details.title, short_name=details.short_name,
                description=details.description,
                description_html=render(details.description).html if details.description
                else "", time_zone=details.time_zone, starts_at=details.starts_at,
                ends_at=details.ends_at, workgroup_id=details.workgroup_id, host_id=host.id)
    db.session.add(chat)
    db.session.flush()
    for number, body in enumerate(details.prompts, 1):
        chat.prompts.append(Prompt(number=number, body=body, html=render(body).html))
    for position, (title, url) in enumerate(details.readings):
        chat.readings.append(Reading(position=position, title=title, url=url))
    chat_changed(chat)
    return chat


def get_chat(chat_id: int) -> Chat:
    chat = db.session.get(Chat, chat_id)
    if chat is None:
        raise NotFound("There is no such chat.")
    return chat


def chats_by_status(moment: datetime | None = None, past_limit: int = 50) -> dict[str, list]:
    """Live and upcoming chats (soonest first) and the latest past ones."""
    moment = moment or now()
    lists: dict[str, list[Chat]] = {LIVE: [], UPCOMING: [], PAST: []}
    current = db.session.scalars(select(Chat).where(Chat.ends_at > moment)
                                 .order_by(Chat.starts_at, Chat.id).limit(200))
    for chat in current:
        lists[chat.status(moment)].append(chat)
    past = db.session.scalars(select(Chat).where(Chat.ends_at <= moment)
                              .order_by(Chat.starts_at.desc(), Chat.id.desc())
                              .limit(past_limit))
    lists[PAST] = sorted([*lists[PAST], *past], key=lambda chat: chat.starts_at, reverse=True)
    return lists


# ---------------------------------------------------------------- chat hosts

def is_host(viewer) -> bool:
    return db.session.get(ChatHost, viewer.id) is not None


def set_chat_host(editor: User, user: User, granted: bool) -> None:
    permissions.require_member(editor)
    permissions.require(permissions.may_grant_chat_host(editor),
                        "Only editors make members chat hosts.")
    row = db.session.get(ChatHost, user.id)
    if granted and row is None:
        db.session.add(ChatHost(user_id=user.id, granted_by_id=editor.id))
    elif not granted and row is not None:
        db.session.delete(row)
    else:
        return
    audit.record(editor, "chat_host.granted" if granted else "chat_host.removed", "user",
                 user.id, label=user.username)
    db.session.flush()


def chat_hosts() -> list[ChatHost]:
    return list(db.session.scalars(select(ChatHost).order_by(ChatHost.granted_at)))


def find_member(username: str) -> User:
    name = (username or "").strip().lstrip("@").lower()[:32]
    user = db.session.scalar(select(User).where(User.username_key == name))
    if user is None:
        raise ValidationFailed("There is no member with that username.", "username")
    return user


# ---------------------------------------------------------------- reminders

REMIND_BEFORE = timedelta(hours=1)


def wants_reminder(user, chat: Chat) -> bool:
    if not permissions.is_member(user):
        return False
    return db.session.get(Reminder, (chat.id, user.id)) is not None


def set_reminder(user: User, chat: Chat, wanted: bool) -> None:
    permissions.require_member(user, "Please sign in to be reminded.")
    row = db.session.get(Reminder, (chat.id, user.id))
    if wanted:
        if chat.status(now()) != UPCOMING:
            raise ValidationFailed("This chat has started: there is nothing to remind you of.")
        if row is None:
            db.session.add(Reminder(chat_id=chat.id, user_id=user.id))
    elif row is not None:
        db.session.delete(row)
    db.session.flush()


def due_reminders(moment: datetime) -> list[Reminder]:
    return list(db.session.scalars(
        select(Reminder).join(Chat, Chat.id == Reminder.chat_id)
        .where(Reminder.sent_at.is_(None), Chat.starts_at > moment,
               Chat.starts_at <= moment + REMIND_BEFORE)
        .order_by(Reminder.chat_id, Reminder.user_id).limit(500)))


def forget_reminders(chat: Chat) -> None:
    db.session.execute(delete(Reminder).where(Reminder.chat_id == chat.id))
