"""Questions: asking, editing, closing, reopening, locking, hiding and listing them."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from community import notifications
from community.models import Question, Workgroup
from community.services import (
    TAKE_PART,
    audit_post,
    check_posting_rate,
    clean_text,
    hiding,
    question_changed,
    question_url,
    record_revision,
)
from core import permissions
from core.errors import NotFound, Problems, ValidationFailed
from core.extensions import db
from core.markup import render
from core.models import SECTORS, User
from core.numbers import parse_int
from core.signals import check_post
from core.spoofing import check_no_bidi_controls
from core.text import check_text
from core.timeutil import utcnow
from wiki import cleaning
from wiki.models import Tag

TITLE_MIN, TITLE_MAX = 10, 200


def clean_question_title(title: str) -> str:
    title = check_no_bidi_controls(" ".join(check_text(title, "title", "the title").split()),
                                   "title", "The title")
    if len(title) < TITLE_MIN:
        raise ValidationFailed(f"Make the title a question of at least {TITLE_MIN} characters, "
                               "so others can find it.", "title")
    if len(title) > TITLE_MAX:
        raise ValidationFailed(f"Keep the title under {TITLE_MAX} characters.", "title")
    return title


def _tags(names: list[str]) -> list[Tag]:
    existing = {tag.name: tag for tag in db.session.scalars(
        select(Tag).where(Tag.name.in_(names)))} if names else {}
    tags = []
    for name in names:
        tag = existing.get(name) or Tag(name=name)
        db.session.add(tag)
        tags.append(tag)
    return tags


def get_question(question_id: int, viewer=None) -> Question:
    question = db.session.get(Question, question_id)
    if question is None or not permissions.may_see(viewer, question):
        raise NotFound("There is no such question.")
    return question


def _chosen_workgroup(workgroup_id: int | str | None) -> Workgroup | None:
    if workgroup_id in (None, "", 0, "0"):
        return None
    number = parse_int(workgroup_id)
    workgroup = db.session.get(Workgroup, number) if number is not None else None
    if workgroup is None or workgroup.archived:
        raise ValidationFailed("Choose one of the listed workgroups.", "workgroup")
    return workgroup


def ask(author: User, *, title: str, body: str, tags: str | list[str] = "",
        workgroup_id: int | str | None = None) -> Question:
    permissions.require_member(author, TAKE_PART)
    problems = Problems()  # every field is checked: the form shows all its problems at once
    title = problems.check(clean_question_title, title)
    body = problems.check(clean_text, body, what="question")
    names = problems.check(cleaning.parse_tags, tags)
    workgroup = problems.check(_chosen_workgroup, workgroup_id)
    problems.raise_any()
    check_post(author, body)
    check_posting_rate(author)
    question = Question(title=title, body=body, html=render(body).html, author_id=author.id,
                        workgroup_id=workgroup.id if workgroup else None)
    question.tags = _tags(names)
    db.session.add(question)
    db.session.flush()
    record_revision("question", question.id, author, body, title, "Asked the question")
    notifications.watch(author, "question", question.id)
    url = question_url(question)
    if workgroup is not None:
        notifications.notify(notifications.workgroup_members(workgroup.id), "workgroup_question",
                             f"New question in {workgroup.name}: {title}", url, author)
    notifications.notify(notifications.mentioned(body), "mention",
                         f"{author.name} mentioned you in “{title}”", url, author)
    question_changed(question)
    return question


def edit_question(user: User, question: Question, *, title: str, body: str,
                  tags: str | list[str] = "", summary: str = "") -> Question:
    permissions.require(permissions.may_edit_post(user, question),
                        "Only the asker or an editor may edit this question.")
    title, body = clean_question_title(title), clean_text(body, what="question")
    names, summary = cleaning.parse_tags(tags), cleaning.clean_summary(summary)
    if title == question.title and body == question.body and \
            names == [tag.name for tag in question.tags]:
        return question
    check_post(user, body, question.body)
    question.title, question.body, question.html = title, body, render(body).html
    question.tags = _tags(names)
    question.edited_at = utcnow()
    record_revision("question", question.id, user, body, title, summary)
    notifications.notify(notifications.watchers("question", question.id), "watched_change",
                         f"{user.name} edited “{title}”", question_url(question), user,
                         subject=f"question:{question.id}")
    question_changed(question)
    return question


def close(editor: User, question: Question, reason: str) -> Question:
    permissions.require(permissions.may_moderate(editor, question),
                        "Only editors and workgroup moderators may close questions.")
    reason = " ".join(check_text(reason, "reason", "the reason").split())
    if not reason:
        raise ValidationFailed("Say why the question is closed.", "reason")
    reason = reason[:300]
    if reason != (question.closed_reason or None):
        audit_post(editor, "question.closed", "question", question, reason)
    question.closed_reason = reason
    db.session.flush()
    return question


def reopen(editor: User, question: Question) -> Question:
    permissions.require(permissions.may_moderate(editor, question),
                        "Only editors and workgroup moderators may reopen questions.")
    if question.closed_reason:
        audit_post(editor, "question.reopened", "question", question)
    question.closed_reason = None
    db.session.flush()
    return question


def set_locked(editor: User, question: Question, locked: bool) -> Question:
    permissions.require(permissions.may_lock(editor), "Only editors may lock threads.")
    if bool(question.locked) != bool(locked):
        audit_post(editor, "question.locked" if locked else "question.unlocked", "question",
               question)
    question.locked = locked
    db.session.flush()
    return question


def set_question_hidden(editor: User, question: Question, hidden: bool, *,
                        audited: bool = True) -> Question:
    """Hide or show a question. `audited=False`: the caller writes the log's entry."""
    hiding(editor, question, "question", hidden, audited)
    question.hidden = hidden
    question_changed(question)
    return question


# ---------------------------------------------------------------- lists

TABS = ("newest", "active", "unanswered", "solved")
# solved_at is set exactly when an answer is accepted; saying so lets PostgreSQL skip the
# unsolved questions in ix_questions_solved (NULLs sort last there, first when read
# backwards for "newest solved first").
SOLVED = (Question.accepted_answer_id.is_not(None), Question.solved_at.is_not(None))


def question_query(*, tab: str = "newest", tag: str | None = None,
                   workgroup: Workgroup | None = None, sector: str | None = None,
                   viewer=None):
    query = select(Question).options(selectinload(Question.author), selectinload(Question.tags),
                                     selectinload(Question.workgroup))
    if not permissions.may_see_hidden(viewer):
        query = query.where(Question.hidden.is_(False))
    if tag:
        query = query.where(Question.tags.any(Tag.name == tag))
    if workgroup is not None:
        query = query.where(Question.workgroup_id == workgroup.id)
    if sector in SECTORS:
        query = query.where(Question.author.has(User.sector == sector))
    if tab == "unanswered":
        query = query.where(Question.answer_count == 0, Question.closed_reason.is_(None))
    if tab == "solved":
        return query.where(*SOLVED).order_by(Question.solved_at.desc(), Question.id.desc())
    if tab == "active":
        return query.order_by(Question.last_activity_at.desc(), Question.id.desc())
    return query.order_by(Question.created_at.desc(), Question.id.desc())
