"""Answers and acceptance: answering, editing, hiding, accepting and ordering answers."""

from __future__ import annotations

from sqlalchemy import case, select
from sqlalchemy.orm import selectinload

from community import notifications
from community.models import Answer, Question
from community.services import (
    TAKE_PART,
    check_posting_rate,
    clean_text,
    hiding,
    question_changed,
    question_url,
    record_revision,
)
from core import permissions
from core.errors import NotFound, ValidationFailed
from core.extensions import db
from core.markup import render
from core.models import User
from core.signals import check_post
from core.timeutil import utcnow
from wiki import cleaning


def get_answer(answer_id: int, viewer=None) -> Answer:
    answer = db.session.get(Answer, answer_id)
    if answer is None or not permissions.may_see(viewer, answer) or \
            not permissions.may_see(viewer, answer.question):
        raise NotFound("There is no such answer.")
    return answer


def answer(author: User, question: Question, body: str) -> Answer:
    permissions.require_member(author, TAKE_PART)
    permissions.require(permissions.may_answer(author, question),
                        "This thread is locked: it takes no new answers.")
    if question.closed_reason:
        raise ValidationFailed(f"This question is closed ({question.closed_reason}) and takes "
                               "no new answers.", "body")
    body = clean_text(body, what="answer")
    check_post(author, body)
    check_posting_rate(author)
    reply = Answer(question_id=question.id, body=body, html=render(body).html,
                   author_id=author.id)
    db.session.add(reply)
    question.answer_count = Question.answer_count + 1
    question.last_activity_at = utcnow()
    db.session.flush()
    record_revision("answer", reply.id, author, body, summary="Answered")
    url = f"{question_url(question)}#answer-{reply.id}"
    told = {question.author_id}
    notifications.notify(told, "answer",
                         f"{author.name} answered your question “{question.title}”", url, author)
    watching = notifications.watchers("question", question.id) - told
    notifications.notify(watching, "watched_change",
                         f"{author.name} answered “{question.title}”", url, author,
                         subject=f"question:{question.id}")
    notifications.notify(notifications.mentioned(body) - told - watching, "mention",
                         f"{author.name} mentioned you in an answer to “{question.title}”", url,
                         author)
    notifications.watch(author, "question", question.id)
    question_changed(question)
    return reply


def edit_answer(user: User, reply: Answer, body: str, summary: str = "") -> Answer:
    permissions.require(permissions.may_edit_post(user, reply),
                        "Only the answer's author or an editor may edit it.")
    body, summary = clean_text(body, what="answer"), cleaning.clean_summary(summary)
    if body == reply.body:
        return reply
    check_post(user, body, reply.body)
    reply.body, reply.html, reply.edited_at = body, render(body).html, utcnow()
    record_revision("answer", reply.id, user, body, summary=summary)
    question_changed(reply.question)
    return reply


def set_answer_hidden(editor: User, reply: Answer, hidden: bool, *,
                      audited: bool = True) -> Answer:
    """Hide or show an answer. `audited=False`: the caller writes the log's entry."""
    if hiding(editor, reply, "answer", hidden, audited):
        reply.hidden = hidden
        reply.question.answer_count = Question.answer_count + (-1 if hidden else 1)
        if hidden and reply.question.accepted_answer_id == reply.id:
            reply.question.accepted_answer_id = None
            reply.question.solved_at = None
    question_changed(reply.question)
    return reply


def accept(user: User, reply: Answer) -> Question:
    question = reply.question
    permissions.require(permissions.may_accept(user, question),
                        "Only the asker or an editor may accept an answer.")
    if reply.hidden:
        raise ValidationFailed("A hidden answer cannot be accepted.")
    first = question.accepted_answer_id is None
    question.accepted_answer_id = reply.id
    question.solved_at = question.solved_at if not first else utcnow()
    question.last_activity_at = utcnow()
    db.session.flush()
    notifications.notify({reply.author_id}, "accepted",
                         f"Your answer to “{question.title}” was accepted",
                         f"{question_url(question)}#answer-{reply.id}", user)
    question_changed(question)
    return question


def withdraw_acceptance(user: User, question: Question) -> Question:
    permissions.require(permissions.may_accept(user, question),
                        "Only the asker or an editor may change the accepted answer.")
    question.accepted_answer_id = None
    question.solved_at = None
    question_changed(question)
    return question


def ordered_answers(question: Question, viewer=None) -> list[Answer]:
    """Accepted first, then by votes, then oldest."""
    query = (select(Answer).where(Answer.question_id == question.id)
             .options(selectinload(Answer.author))
             .order_by(case((Answer.id == (question.accepted_answer_id or 0), 0), else_=1),
                       Answer.score.desc(), Answer.created_at, Answer.id))
    if not permissions.may_see_hidden(viewer):
        query = query.where(Answer.hidden.is_(False))
    return list(db.session.scalars(query))
