"""Bringing old chats home: `flask chats import FILE` and the editors' import form.

Two shapes are read:

- a chat summary as they used to be written: a title line (an optional "Chat summary:"
  in front), an optional `Date: 2016-05-10 19:00` line, then `Q1 – question` lines, each
  followed by bulleted replies (•, - or *), a reply's author optionally at its end after
  " — ";
- a CSV transcript, one row per message, with the columns id, author, text, time, link:
  a message starting `Q1` (or `Q1:`, `Q1 –`) is prompt 1 (the first one; later ones
  quoting it are replies), one starting `A1` replies to prompt 1, any other replies to the
  latest prompt (or, before the first, is an introduction).

Authors are kept as the names the file gives, never matched to accounts (a handle on an
old platform is not proof of being our member of that name). Imported text was plain
text, so it is escaped, never rendered as Markdown ("#uklibchat A1" is not a heading).
Running an import twice adds nothing: the chat is found by its key, each message by its
own (the CSV's id, or a digest of a summary's reply).
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from markupsafe import Markup, escape
from sqlalchemy import insert, select

from chats.models import Chat, Prompt, Reply
from chats.scheduling import chat_changed, clean_zone, to_utc
from core import permissions
from core.errors import ValidationFailed
from core.extensions import db
from core.text import check_text
from core.timeutil import utcnow

MAX_CHARS = 5_000_000
MAX_ROWS = 50_000
MAX_PROMPTS = 60
TEXT_MAX = 5_000
NAME_MAX = 120
COLUMNS = ("id", "author", "text", "time", "link")
TITLE_PREFIX_RE = re.compile(r"^\s*chat summary\s*[:–—-]\s*", re.IGNORECASE)
DATE_RE = re.compile(r"^\s*date\s*:\s*(.+)$", re.IGNORECASE)
Q_LINE_RE = re.compile(r"^\s*Q(\d{1,2})\s*[–—:.)-]\s*(.+)$", re.IGNORECASE)
BULLET_RE = re.compile(r"^\s*[•*-]\s+(.+)$")
MARKER_RE = re.compile(r"^\s*(?:#\w+\s+)?([QA])(\d{1,2})\b\s*[:.)–—-]?\s*", re.IGNORECASE)
AUTHOR_TAIL_RE = re.compile(r"\s+[—–]\s+(@?[\w .'-]{1,60})$")


@dataclass
class Message:
    key: str
    author: str
    text: str
    prompt: int | None  # None: an introduction
    time: datetime | None = None
    link: str = ""


@dataclass
class Parsed:
    title: str
    kind: str  # "summary" or "csv"
    prompts: dict[int, str] = field(default_factory=dict)
    messages: list[Message] = field(default_factory=list)
    starts_at: datetime | None = None
    ends_at: datetime | None = None

    @property
    def import_key(self) -> str:
        digest = hashlib.sha1(f"{self.kind}\x1f{self.title.casefold()}".encode(),
                              usedforsecurity=False).hexdigest()[:32]
        return f"{self.kind}:{digest}"

    def replies_under(self, number: int | None) -> list[Message]:
        return [message for message in self.messages if message.prompt == number]


def _refuse(message: str) -> ValidationFailed:
    return ValidationFailed(message, "text")


def _line_text(value: str, where: str, limit: int = TEXT_MAX) -> str:
    value = " ".join((value or "").split())
    if len(value) > limit:
        raise _refuse(f"{where}: the text is {len(value):,} characters long; at most "
                      f"{limit:,} are imported.")
    return value


def _time(value: str, zone_name: str, where: str) -> datetime:
    try:
        moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError as error:
        raise _refuse(f"{where}: “{value[:40]}” is not a date and time (write it as "
                      "2016-05-10T19:05:00, with or without a zone).") from error
    if moment.tzinfo is not None:
        return moment.astimezone(UTC).replace(tzinfo=None)
    try:
        return to_utc(moment, zone_name, "time_zone")
    except ValidationFailed as error:
        raise _refuse(f"{where}: {error.message}") from error


def parse_text(text: str, zone_name: str = "UTC", title: str = "") -> Parsed:
    """A summary or a CSV transcript, checked whole: ValidationFailed (field "text") says
    what is wrong and where, and nothing is imported."""
    if len(text or "") > MAX_CHARS:
        raise _refuse(f"The file is larger than we import ({MAX_CHARS:,} characters).")
    text = check_text((text or "").lstrip("\ufeff"), "text", "the file", multiline=True)
    zone_name = clean_zone(zone_name)
    first = next((line for line in text.splitlines() if line.strip()), "")
    if not first:
        raise _refuse("The file is empty.")
    header = [cell.strip().lower() for cell in first.split(",")]
    if {"id", "author", "text"} <= set(header):
        return parse_csv(text, zone_name, title)
    return parse_summary(text, zone_name)


def parse_summary(text: str, zone_name: str = "UTC") -> Parsed:
    lines = text.splitlines()
    start = next(index for index, line in enumerate(lines) if line.strip())
    title = _line_text(TITLE_PREFIX_RE.sub("", lines[start]).strip(), "line 1", 160)
    if not title or Q_LINE_RE.match(lines[start]):
        raise _refuse("Line 1: the first line is the chat's title.")
    parsed = Parsed(title=title[:1].upper() + title[1:], kind="summary")
    current: int | None = None
    last: Message | None = None
    for number, line in enumerate(lines[start + 1:], start + 2):
        if not line.strip():
            continue
        where = f"Line {number}"
        date = DATE_RE.match(line)
        question = Q_LINE_RE.match(line)
        bullet = BULLET_RE.match(line)
        if date and not parsed.prompts and parsed.starts_at is None:
            parsed.starts_at = _time(date.group(1), zone_name, where)
        elif question:
            wanted = len(parsed.prompts) + 1
            if int(question.group(1)) != wanted:
                raise _refuse(f"{where}: expected Q{wanted} next, found Q{question.group(1)}.")
            if wanted > MAX_PROMPTS:
                raise _refuse(f"{where}: at most {MAX_PROMPTS} questions are imported.")
            parsed.prompts[wanted] = _line_text(question.group(2), where, 1000)
            current, last = wanted, None
        elif bullet:
            if current is None:
                raise _refuse(f"{where}: a reply before the first question (Q1 – …).")
            body = _line_text(bullet.group(1), where)
            author = ""
            tail = AUTHOR_TAIL_RE.search(body)
            if tail:
                author, body = tail.group(1).strip(), body[:tail.start()].strip()
            digest = hashlib.sha1(f"{current}\x1f{body}".encode(),
                                  usedforsecurity=False).hexdigest()[:24]
            last = Message(key=f"s:{digest}", author=author[:NAME_MAX], text=body,
                           prompt=current)
            parsed.messages.append(last)
        elif last is not None and line[:1].isspace():
            last.text = _line_text(f"{last.text} {line.strip()}", where)
        else:
            raise _refuse(f"{where}: expected “Q{len(parsed.prompts) + 1} – question” or a "
                          "bulleted reply (• …), found “{}”.".format(line.strip()[:60]))
        if len(parsed.messages) > MAX_ROWS:
            raise _refuse(f"At most {MAX_ROWS:,} replies are imported.")
    if not parsed.prompts:
        raise _refuse("No questions found: a summary has “Q1 – question” lines.")
    # Keep duplicates out (the same bullet twice under one question).
    seen: set[str] = set()
    parsed.messages = [m for m in parsed.messages if not (m.key in seen or seen.add(m.key))]
    parsed.starts_at = parsed.starts_at or (utcnow() - timedelta(hours=1)).replace(
        second=0, microsecond=0)
    parsed.ends_at = parsed.starts_at + timedelta(hours=1)
    return parsed


def parse_csv(text: str, zone_name: str = "UTC", title: str = "") -> Parsed:
    reader = csv.reader(io.StringIO(text))
    try:
        header = [cell.strip().lower() for cell in next(reader)]
    except (StopIteration, csv.Error) as error:
        raise _refuse("The CSV file has no header row.") from error
    missing = [name for name in COLUMNS if name not in header]
    if missing:
        raise _refuse(f"The CSV file has no column {', '.join(missing)} (it needs id, "
                      "author, text, time and link).")
    column = {name: header.index(name) for name in COLUMNS}
    parsed = Parsed(title=_line_text(title, "title", 160) or "Imported chat", kind="csv")
    current: int | None = None
    seen: set[str] = set()
    try:
        for number, row in enumerate(reader, 2):
            if not any(cell.strip() for cell in row):
                continue
            where = f"Row {number}"
            if len(row) < len(header):
                raise _refuse(f"{where}: {len(row)} columns, the header has {len(header)}.")
            if number - 1 > MAX_ROWS:
                raise _refuse(f"At most {MAX_ROWS:,} messages are imported.")
            key = row[column["id"]].strip()[:100]
            if not key:
                raise _refuse(f"{where}: the message has no id.")
            if key in seen:
                continue
            seen.add(key)
            body = _line_text(row[column["text"]], where)
            author = _line_text(row[column["author"]], where, NAME_MAX)
            moment = _time(row[column["time"]], zone_name, where)
            link = row[column["link"]].strip()
            link = link if link.startswith(("https://", "http://")) and len(link) <= 500 else ""
            marker = MARKER_RE.match(body)
            prompt = current
            if marker:
                letter, value = marker.group(1).upper(), int(marker.group(2))
                rest = body[marker.end():].strip()
                if letter == "Q" and value not in parsed.prompts and value <= MAX_PROMPTS:
                    parsed.prompts[value] = rest or f"Question {value}"
                    current = value
                    parsed.starts_at = min(parsed.starts_at or moment, moment)
                    continue
                if value in parsed.prompts:
                    prompt, body = value, rest or body
            if not body:
                continue
            parsed.messages.append(Message(key=f"c:{key}", author=author or "someone",
                                           text=body, prompt=prompt, time=moment, link=link))
            parsed.starts_at = min(parsed.starts_at or moment, moment)
            parsed.ends_at = max(parsed.ends_at or moment, moment)
    except csv.Error as error:
        raise _refuse(f"The CSV file cannot be read: {error}.") from error
    if not parsed.prompts:
        raise _refuse("No questions found: a transcript has messages starting “Q1”.")
    parsed.ends_at = max(parsed.ends_at or parsed.starts_at, parsed.starts_at) + \
        timedelta(minutes=1)
    return parsed


def _html(text: str) -> str:
    return str(Markup("<p>{}</p>").format(escape(text)))


def import_parsed(actor, parsed: Parsed, short_name: str = "") -> tuple[Chat, int]:
    """Save what is new of `parsed` (actor None: the command line). Returns the chat and
    how many replies were added."""
    if actor is not None:
        permissions.require(permissions.may_import_chats(actor), "Only editors import chats.")
    chat = db.session.scalar(select(Chat).where(Chat.import_key == parsed.import_key))
    if chat is None:
        name = short_name or re.sub(r"\W+", "", parsed.title.title())[:40] or "chat"
        if not name[:1].isalpha():
            name = f"chat{name}"[:40]
        chat = Chat(title=parsed.title, short_name=name, time_zone="UTC",
                    starts_at=parsed.starts_at, ends_at=parsed.ends_at,
                    closed_at=parsed.ends_at, import_key=parsed.import_key,
                    host_id=getattr(actor, "id", None))
        db.session.add(chat)
        db.session.flush()
    prompts = {prompt.number: prompt for prompt in chat.prompts}
    for number, body in sorted(parsed.prompts.items()):
        if number not in prompts:
            prompt = Prompt(number=number, body=body, html=_html(body),
                            released_at=parsed.starts_at)
            chat.prompts.append(prompt)
            prompts[number] = prompt
    db.session.flush()
    known = set(db.session.scalars(select(Reply.source_key).where(Reply.chat_id == chat.id)))
    rows = [{"chat_id": chat.id, "prompt_id": prompts[m.prompt].id if m.prompt else None,
             "parent_id": None, "author_id": None, "outside_author": m.author, "body": m.text,
             "html": _html(m.text), "created_at": m.time or parsed.starts_at, "hidden": False,
             "hidden_reason": "", "source_key": m.key, "source_url": m.link}
            for m in parsed.messages if m.key not in known]
    for start in range(0, len(rows), 1000):
        db.session.execute(insert(Reply), rows[start:start + 1000])
    if rows:
        chat_changed(chat)
    return chat, len(rows)
