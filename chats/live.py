"""During a chat: the host releases prompts one at a time, members reply (under a prompt,
as an introduction before it starts, or to a reply, one level deep), the page polls for
replies after the last one it has, and hosts hide replies and lock the chat."""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.orm import selectinload

from chats.models import LIVE, PAST, UPCOMING, Chat, Prompt, Reply
from chats.scheduling import chat_changed, now
from community.services import TAKE_PART, check_posting_rate, clean_text
from core import audit, permissions
from core.errors import NotFound, ValidationFailed
from core.extensions import db
from core.markup import render
from core.models import User
from core.signals import check_post
from core.text import check_text
from core.urls import site_path

POLL_BATCH = 200  # at most this many new replies in one answer (the next poll gets more)
REASON_MAX = 300


def reply_url(reply: Reply) -> str:
    return site_path("chats.chat", chat_id=reply.chat_id, anchor=f"reply-{reply.id}")


def released(chat: Chat) -> list[Prompt]:
    return [prompt for prompt in chat.prompts if prompt.released_at is not None]


def next_prompt(chat: Chat) -> Prompt | None:
    return next((prompt for prompt in chat.prompts if prompt.released_at is None), None)


def release_next(host: User, chat: Chat) -> Prompt:
    permissions.require(permissions.may_host_chat(host, chat),
                        "Only the chat's host releases its prompts.")
    if chat.status(now()) != LIVE:
        raise ValidationFailed("Prompts are released while the chat is live.")
    prompt = next_prompt(chat)
    if prompt is None:
        raise ValidationFailed("Every prompt is out already.")
    # Only if still unreleased: a double click releases one prompt, not two.
    done = db.session.execute(update(Prompt).where(Prompt.id == prompt.id,
                                                   Prompt.released_at.is_(None))
                              .values(released_at=now())
                              .execution_options(synchronize_session=False)).rowcount
    db.session.expire(prompt)
    if not done:
        raise ValidationFailed("That prompt is out already.")
    chat_changed(chat)
    return prompt


def reply_refusal(chat: Chat) -> str:
    """Why nobody may reply now, or ""."""
    status = chat.status(now())
    if chat.locked:
        return "The host has locked this chat: it takes no new replies."
    if status == PAST:
        return "This chat has ended: it takes no new replies."
    return ""


def post_reply(author: User, chat: Chat, body: str, *, prompt_id: int | None = None,
               parent_id: int | None = None) -> Reply:
    """A reply under a released prompt, an introduction (no prompt: before the chat or
    during it), or a reply to a reply (`parent_id`: its prompt is the parent's)."""
    permissions.require_member(author, TAKE_PART)
    refusal = reply_refusal(chat)
    if refusal:
        raise ValidationFailed(refusal, "body")
    parent = None
    if parent_id is not None:
        parent = db.session.get(Reply, parent_id)
        if parent is None or parent.chat_id != chat.id or parent.hidden:
            raise ValidationFailed("The reply you answered is not in this chat.", "body")
        if parent.parent_id is not None:
            parent = db.session.get(Reply, parent.parent_id)  # one level deep
        prompt_id = parent.prompt_id
    if prompt_id is not None:
        prompt = db.session.get(Prompt, prompt_id)
        if prompt is None or prompt.chat_id != chat.id or prompt.released_at is None:
            raise ValidationFailed("That prompt has not been released yet.", "body")
    body = clean_text(body, what="reply")
    check_post(author, body)
    check_posting_rate(author)
    reply = Reply(chat_id=chat.id, prompt_id=prompt_id,
                  parent_id=parent.id if parent else None, author_id=author.id, body=body,
                  html=render(body).html, created_at=now())
    db.session.add(reply)
    db.session.flush()
    if "/files/" in body:
        from files.uses import record_uses

        record_uses("chat_reply", reply.id, body)
    # Search catches up within the minute (scheduling.index_new_replies), not per reply.
    return reply


def get_reply(reply_id: int) -> Reply:
    reply = db.session.get(Reply, reply_id)
    if reply is None:
        raise NotFound("There is no such reply.")
    return reply


def hide_reply(host: User, reply: Reply, reason: str, hidden: bool = True) -> Reply:
    chat = db.session.get(Chat, reply.chat_id)
    permissions.require(permissions.may_host_chat(host, chat),
                        "Only the chat's host hides replies.")
    reason = check_text(reason, "reason", "the reason").strip()
    if hidden and not reason:
        raise ValidationFailed("Say why you hide it (the log keeps the reason).", "reason")
    if len(reason) > REASON_MAX:
        raise ValidationFailed(f"Keep the reason under {REASON_MAX} characters.", "reason")
    if reply.hidden == hidden:
        return reply
    reply.hidden, reply.hidden_reason = hidden, reason if hidden else ""
    audit.record(host, "chat_reply.hidden" if hidden else "chat_reply.shown", "chat_reply",
                 reply.id, label=f"Reply by {reply.author_name} in “{chat.title}”",
                 url=reply_url(reply), reason=reason)
    chat_changed(chat)
    return reply


def set_locked(host: User, chat: Chat, locked: bool) -> Chat:
    permissions.require(permissions.may_host_chat(host, chat), "Only the chat's host locks it.")
    if chat.locked != locked:
        chat.locked = locked
        audit.record(host, "chat.locked" if locked else "chat.unlocked", "chat", chat.id,
                     label=chat.title, url=site_path("chats.chat", chat_id=chat.id))
        chat_changed(chat)
    return chat


def close(host: User, chat: Chat) -> Chat:
    """End the chat before its time (it closes by itself at `ends_at`)."""
    permissions.require(permissions.may_host_chat(host, chat), "Only the chat's host closes it.")
    if chat.status(now()) == UPCOMING:
        raise ValidationFailed("This chat has not started yet.")
    if chat.closed_at is None:
        chat.closed_at = min(now(), chat.ends_at)
        chat_changed(chat)
    return chat


# ---------------------------------------------------------------- reading

def replies_of(chat: Chat, viewer=None) -> list[Reply]:
    """Every reply of the chat, oldest first; hidden ones only for its hosts."""
    query = (select(Reply).where(Reply.chat_id == chat.id)
             .options(selectinload(Reply.author)).order_by(Reply.id))
    if not permissions.may_host_chat(viewer, chat):
        query = query.where(Reply.hidden.is_(False))
    return list(db.session.scalars(query))


def thread(replies: list[Reply]) -> dict:
    """Replies grouped for the page: {prompt_id (None: introductions): [(reply, [its
    replies])]}."""
    children: dict[int, list[Reply]] = {}
    for reply in replies:
        if reply.parent_id is not None:
            children.setdefault(reply.parent_id, []).append(reply)
    grouped: dict[int | None, list] = {}
    for reply in replies:
        if reply.parent_id is None:
            grouped.setdefault(reply.prompt_id, []).append((reply, children.get(reply.id, [])))
    return grouped


def replies_after(chat_id: int, after: int) -> list:
    """The polling endpoint's one query: visible replies of the chat after `after` (by the
    (chat_id, id) index), with their authors' names, oldest first."""
    return list(db.session.execute(
        select(Reply.id, Reply.prompt_id, Reply.parent_id, Reply.html, Reply.created_at,
               Reply.outside_author, User.username, User.display_name)
        .outerjoin(User, User.id == Reply.author_id)
        .where(Reply.chat_id == chat_id, Reply.id > after, Reply.hidden.is_(False))
        .order_by(Reply.id).limit(POLL_BATCH)))
