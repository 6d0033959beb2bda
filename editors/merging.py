"""Merging duplicate questions into one thread."""

from __future__ import annotations

from sqlalchemy import select, update

from community import notifications, questions, services
from community.models import Answer, Comment, Question, Watch
from core import permissions, signals
from core.errors import ValidationFailed
from core.extensions import db
from editors import audit
from editors.flags import reason_or_summary, release_hold, resolve_flags


def _bump(question: Question) -> None:
    """Search shows this question differently now (as community.services.question_changed does)."""
    question.version = (question.version or 0) + 1
    db.session.flush()
    signals.send(signals.content_changed, kind="question", object_id=question.id)


def merge_questions(editor, source: Question, target: Question, reason: str = "") -> Question:
    """Merge a duplicate into another question: its answers and comments move there, its
    address redirects there, and both askers are told."""
    permissions.require_editor(editor)
    if source.id == target.id:
        raise ValidationFailed("A question cannot be merged into itself.", "merge_into")
    if source.merged_into_id is not None:
        raise ValidationFailed("This question was already merged into another.", "merge_into")
    if target.merged_into_id is not None:
        raise ValidationFailed(f"That question was itself merged into question "
                               f"{target.merged_into_id}: merge into that one.", "merge_into")
    if target.hidden:
        raise ValidationFailed("That question is hidden: merge into a visible one.",
                               "merge_into")
    why = reason_or_summary(reason, "question", source.id)
    moved = list(db.session.scalars(select(Answer).where(Answer.question_id == source.id)))
    visible = sum(1 for reply in moved if not reply.hidden)
    source.accepted_answer_id = None
    source.solved_at = None
    db.session.flush()
    for reply in moved:
        reply.question = target
    db.session.execute(update(Comment).where(Comment.target_type == "question",
                                             Comment.target_id == source.id)
                       .values(target_id=target.id)
                       .execution_options(synchronize_session=False))
    watching = set(db.session.scalars(select(Watch.user_id).where(
        Watch.target_type == "question", Watch.target_id == source.id)))
    for user_id in watching:
        if db.session.get(Watch, (user_id, "question", target.id)) is None:
            db.session.add(Watch(user_id=user_id, target_type="question",
                                 target_id=target.id))
    target.answer_count = Question.answer_count + visible
    source.answer_count = 0
    target.last_activity_at = max(target.last_activity_at, source.last_activity_at)
    source.merged_into_id = target.id
    db.session.flush()
    if not source.hidden:
        questions.set_question_hidden(editor, source, True, audited=False)
    _bump(target)
    url = services.question_url(target)
    answers = f"{visible} answer{'s' if visible != 1 else ''}"
    if source.author_id == target.author_id:
        notifications.notify({source.author_id}, "merged",
                             f"Your question “{source.title}” was merged into your question "
                             f"“{target.title}”", url, editor)
    else:
        notifications.notify({source.author_id}, "merged",
                             f"Your question “{source.title}” was merged into “{target.title}”,"
                             f" where its {answers} now are", url, editor)
        notifications.notify({target.author_id}, "merged",
                             f"“{source.title}” was merged into your question; its {answers} "
                             "are now on your thread", url, editor)
    release_hold("question", source.id)
    resolve_flags(editor, "question", source.id, "merged", "actioned")
    audit.record(editor, "question.merged", "question", source, reason=why,
                 detail=f"Into question {target.id}, “{target.title[:120]}”; {answers} moved",
                 url=url)
    return target
