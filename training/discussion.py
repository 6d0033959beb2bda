"""A topic's discussion. Its comments are the community's (community/comments.py, kind
"training_topic"): the same Markdown, limits, posting rate, flags and editors' hiding. A
comment tells the topic's interested members and its proposer (kind "training"), bumps the
topic (the trending pool is the most recently active topics) and counts in trending."""

from __future__ import annotations

from sqlalchemy import func, select

from community import comments
from community.models import Comment
from core import permissions
from core.errors import NotFound, ValidationFailed
from core.extensions import db
from core.text import check_text
from core.timeutil import utcnow
from core.urls import site_path
from training.models import TrainingTopic

KIND = "training_topic"
REASON_MAX = 300


def _load(topic_id: int, viewer=None) -> TrainingTopic:
    topic = db.session.get(TrainingTopic, topic_id)
    if topic is None:
        raise NotFound("There is no such topic.")
    return topic


def _url(topic: TrainingTopic, anchor: str | None = None) -> str:
    return site_path("training.topic", topic_id=topic.id, anchor=anchor)


def _posted(topic: TrainingTopic, remark: Comment, author) -> set[int]:
    from community.notifications import notify
    from training.interest import interested_members
    from training.notices import KIND as NOTICE_KIND

    topic.updated_at = utcnow()
    db.session.flush()
    told = interested_members(topic.id) | ({topic.author_id} if topic.author_id else set())
    notify(told, NOTICE_KIND, f"{author.name} commented on the training topic “{topic.title}”",
           _url(topic, f"comment-{remark.id}"), author, subject=f"training_topic:{topic.id}")
    return told


def register() -> None:
    comments.register_kind(KIND, comments.CommentKind(load=_load, url=_url, posted=_posted))


def add(author, topic: TrainingTopic, body: str) -> Comment:
    return comments.add_comment(author, KIND, topic.id, body or "")


def hide(editor, remark: Comment, hidden: bool, reason: str) -> Comment:
    """Hide (with a reason, kept in the audit log) or show a comment on a topic."""
    permissions.require_member(editor)
    permissions.require(permissions.may_hide(editor, remark), "Only editors may hide comments.")
    if remark.target_type != KIND:
        raise NotFound("There is no such comment on a topic.")
    reason = check_text(reason or "", "reason", "the reason").strip()
    if hidden and not reason:
        raise ValidationFailed("Say why the comment is hidden.", "reason")
    if len(reason) > REASON_MAX:
        raise ValidationFailed(f"Keep the reason under {REASON_MAX} characters.", "reason")
    return comments.set_comment_hidden(editor, remark, hidden,
                                       reason=reason or "Shown again.")


def comments_on(topic: TrainingTopic, viewer) -> list[Comment]:
    return comments.comments_for(KIND, [topic.id], viewer).get(topic.id, [])


def recent_counts(topic_ids: list[int], since) -> dict[int, int]:
    """Visible comments on each topic since `since`: they weigh in trending as interest."""
    if not topic_ids:
        return {}
    return dict(db.session.execute(
        select(Comment.target_id, func.count()).where(
            Comment.target_type == KIND, Comment.target_id.in_(topic_ids),
            Comment.hidden.is_(False), Comment.created_at >= since)
        .group_by(Comment.target_id)).all())
