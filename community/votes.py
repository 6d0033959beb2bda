"""Votes on questions and answers."""

from __future__ import annotations

from sqlalchemy import delete, func, select

from community.answers import get_answer
from community.models import Vote
from community.questions import get_question
from community.services import TAKE_PART
from core import permissions
from core.errors import ValidationFailed
from core.extensions import db
from core.models import User


def vote(user: User, target_type: str, target_id: int, value: int | str) -> int:
    """Vote +1 or -1 (0 withdraws); returns the post's new score."""
    permissions.require_member(user, TAKE_PART)
    try:
        value = int(value)
    except (TypeError, ValueError):
        raise ValidationFailed("A vote is 1, -1 or 0.", "value") from None
    if value not in (-1, 0, 1):
        raise ValidationFailed("A vote is 1, -1 or 0.", "value")
    post = get_question(target_id, user) if target_type == "question" else \
        get_answer(target_id, user)
    thread = post if target_type == "question" else post.question
    refusal = permissions.vote_refusal(user, post, thread)
    permissions.require(not refusal, refusal)
    existing = db.session.get(Vote, (user.id, target_type, target_id))
    if value == 0:  # a statement, not a row: of two withdrawals at once, one deletes it
        db.session.execute(delete(Vote).where(Vote.user_id == user.id,
                                              Vote.target_type == target_type,
                                              Vote.target_id == target_id))
    elif existing is None:
        db.session.add(Vote(user_id=user.id, target_type=target_type, target_id=target_id,
                            value=value, target_author_id=post.author_id))
    else:
        existing.value = value
    db.session.flush()
    post.score = db.session.scalar(select(func.coalesce(func.sum(Vote.value), 0)).where(
        Vote.target_type == target_type, Vote.target_id == target_id))
    db.session.flush()
    return post.score


def my_votes(user, target_type: str, ids: list[int]) -> dict[int, int]:
    if not permissions.is_member(user) or not ids:
        return {}
    return dict(db.session.execute(select(Vote.target_id, Vote.value).where(
        Vote.user_id == user.id, Vote.target_type == target_type,
        Vote.target_id.in_(ids))).all())
