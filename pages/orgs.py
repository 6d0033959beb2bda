"""An organisation's page, below its own facts: what its staff write and ask; for a
consortium or umbrella body, aggregated across its member organisations (and itself).

Each list is one query whose people are a subquery (the approved, current affiliations of
the organisations concerned), so the page costs the same number of queries whatever the
number of members, articles or questions; each is bounded by LIMIT.
"""

from __future__ import annotations

from flask import render_template
from flask_login import current_user
from markupsafe import Markup
from sqlalchemy import func, select, union_all

from community import questions as asking
from community.models import Answer, Question, QuestionTag
from core.extensions import db
from orgs.consortia import staff_ids
from wiki import reading
from wiki.models import Article, ArticleAuthor, ArticleTag, Tag

RECENT = 8
TAGS = 12


def organisation_activity(organisation, viewer) -> dict:
    people = staff_ids(organisation)
    led = select(ArticleAuthor.article_id).where(ArticleAuthor.lead.is_(True),
                                                 ArticleAuthor.user_id.in_(people))
    articles = db.session.scalars(reading.article_query(sort="updated", viewer=viewer)
                                  .where(Article.id.in_(led)).limit(RECENT)).all()
    answered = select(Answer.id).where(Answer.author_id.in_(people))
    solutions = db.session.scalars(asking.question_query(tab="solved", viewer=viewer).where(
        Question.accepted_answer_id.in_(answered)).limit(RECENT)).all()
    open_questions = db.session.scalars(asking.question_query(tab="active", viewer=viewer)
                                        .where(Question.author_id.in_(people),
                                               Question.accepted_answer_id.is_(None),
                                               Question.closed_reason.is_(None))
                                        .limit(RECENT)).all()
    tagged = union_all(
        select(ArticleTag.tag_id.label("tag_id")).where(ArticleTag.article_id.in_(led)),
        select(QuestionTag.tag_id.label("tag_id")).join(
            Question, Question.id == QuestionTag.question_id).where(
            Question.author_id.in_(people), Question.hidden.is_(False))).subquery()
    tags = db.session.execute(select(Tag.name, func.count()).join(
        tagged, tagged.c.tag_id == Tag.id).group_by(Tag.name)
        .order_by(func.count().desc(), Tag.name).limit(TAGS)).all()
    return {"articles": articles, "solutions": solutions, "open_questions": open_questions,
            "tags": tags}


def organisation_sections(organisation) -> str:
    """HTML for an organisation's page: its staff's (or its members' staff's) work."""
    return Markup(render_template(  # noqa: S704 - our own template, autoescaped
        "pages/_organisation_activity.html", organisation=organisation,
        **organisation_activity(organisation, current_user)))
