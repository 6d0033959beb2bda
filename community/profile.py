"""The community part of a member's profile: reputation, badges, answers, questions and
workgroups."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import contains_eager

from community import reputation, services
from community.models import Answer, Question, Workgroup, WorkgroupMember
from core.extensions import db

PROFILE_ITEMS = 10


def profile_section(user) -> dict:
    """The profile's community part: reputation, badges, answers, questions, workgroups."""
    stats = reputation.member_stats(user)
    answers = db.session.scalars(
        select(Answer).join(Answer.question)
        .where(Answer.author_id == user.id, Answer.hidden.is_(False),
               Question.hidden.is_(False))
        .options(contains_eager(Answer.question))
        .order_by(Answer.created_at.desc(), Answer.id.desc()).limit(PROFILE_ITEMS)).all()
    questions = db.session.scalars(
        select(Question).where(Question.author_id == user.id, Question.hidden.is_(False))
        .order_by(Question.created_at.desc(), Question.id.desc()).limit(PROFILE_ITEMS)).all()
    groups = db.session.scalars(
        select(Workgroup).join(WorkgroupMember, WorkgroupMember.workgroup_id == Workgroup.id)
        .where(WorkgroupMember.user_id == user.id).order_by(Workgroup.name)).all()
    return {
        "reputation": reputation.reputation_from(stats),
        "earned_badges": reputation.badges_from(stats),
        "member_stats": stats,
        "member_answers": [{"answer": reply, "question": reply.question,
                            "url": services.question_url(reply.question,
                                                         anchor=f"answer-{reply.id}"),
                            "accepted": reply.question.accepted_answer_id == reply.id}
                           for reply in answers],
        "member_questions": [{"question": question, "url": services.question_url(question)}
                             for question in questions],
        "member_workgroups": groups,
    }
