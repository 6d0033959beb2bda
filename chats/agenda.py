"""The open agenda: members suggest topics for the next chat and vote on them (one vote
each, withdrawable); a host picks a suggestion as a prompt of an upcoming chat, and the
prompt credits its suggester."""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import selectinload

from chats.models import UPCOMING, Chat, Prompt, Suggestion, SuggestionVote
from chats.scheduling import PROMPT_MAX, chat_changed, now
from community.services import check_posting_rate
from core import permissions
from core.errors import NotFound, ValidationFailed
from core.extensions import db
from core.markup import render
from core.models import User
from core.text import check_text

TITLE_MAX = 200


def suggest(user: User, title: str) -> Suggestion:
    permissions.require_member(user, "Please sign in to suggest a topic.")
    permissions.require(permissions.may_suggest_chat_topic(user), "You may not suggest topics.")
    title = check_text(title, "title", "the topic").strip()
    if not title:
        raise ValidationFailed("Write the topic you would like to talk about.", "title")
    if len(title) > TITLE_MAX:
        raise ValidationFailed(f"Keep the topic under {TITLE_MAX} characters.", "title")
    check_posting_rate(user)
    suggestion = Suggestion(title=title, author_id=user.id)
    db.session.add(suggestion)
    db.session.flush()
    return suggestion


def get_suggestion(suggestion_id: int) -> Suggestion:
    found = db.session.get(Suggestion, suggestion_id)
    if found is None:
        raise NotFound("There is no such topic.")
    return found


def vote(user: User, suggestion: Suggestion, wanted: bool) -> Suggestion:
    """One vote per member and topic; `wanted=False` withdraws it."""
    permissions.require_member(user, "Please sign in to vote.")
    if suggestion.picked_at is not None:
        raise ValidationFailed("This topic has been picked already.")
    existing = db.session.get(SuggestionVote, (suggestion.id, user.id))
    if wanted and existing is None:
        db.session.add(SuggestionVote(suggestion_id=suggestion.id, user_id=user.id))
        suggestion.votes = Suggestion.votes + 1
    elif not wanted and existing is not None:
        db.session.execute(delete(SuggestionVote).where(
            SuggestionVote.suggestion_id == suggestion.id, SuggestionVote.user_id == user.id))
        suggestion.votes = Suggestion.votes - 1
    db.session.flush()
    db.session.refresh(suggestion)
    return suggestion


def open_suggestions() -> list[Suggestion]:
    return list(db.session.scalars(
        select(Suggestion).where(Suggestion.picked_at.is_(None))
        .options(selectinload(Suggestion.author))
        .order_by(Suggestion.votes.desc(), Suggestion.id).limit(100)))


def voted_by(user) -> set[int]:
    if not permissions.is_member(user):
        return set()
    return set(db.session.scalars(select(SuggestionVote.suggestion_id)
                                  .where(SuggestionVote.user_id == user.id)))


def pick(host: User, chat: Chat, suggestion: Suggestion) -> Prompt:
    """The suggestion becomes the chat's last prompt, crediting its suggester."""
    permissions.require(permissions.may_host_chat(host, chat),
                        "Only the chat's host picks its prompts.")
    if chat.status(now()) != UPCOMING:
        raise ValidationFailed("Prompts are picked before the chat starts.")
    if suggestion.picked_at is not None:
        raise ValidationFailed("This topic has been picked already.")
    body = suggestion.title[:PROMPT_MAX]
    prompt = Prompt(number=len(chat.prompts) + 1, body=body, html=render(body).html,
                    suggestion_id=suggestion.id)
    chat.prompts.append(prompt)
    suggestion.picked_at = now()
    db.session.flush()
    chat_changed(chat)
    return prompt
