"""An organisation's page, below its own facts: what its staff write and ask; for a
consortium or umbrella body, aggregated across its member organisations (and itself).

Work counts for the organisation when its author was affiliated with it at the time: articles
led while the lead's affiliation lasted (some day of their editing falls in it),
answers and questions written while it lasted. So a member who moves on leaves their old
work where it was done, and their new work goes with their new library.

Each list is one query joined with the affiliations concerned (orgs.consortia.staff_periods:
approved, current or ended, of the organisation or, for a consortium or umbrella body, of
its members), so the page costs the same number of queries whatever the number of
members, articles or questions; each is bounded by LIMIT.
"""

from __future__ import annotations

from flask import render_template
from flask_login import current_user
from markupsafe import Markup
from sqlalchemy import func, select, union_all

from community import questions as asking
from community.models import Answer, Question, QuestionTag
from core.extensions import db
from orgs.consortia import during, staff_periods
from wiki import reading
from wiki.models import Article, ArticleAuthor, ArticleTag, Tag

RECENT = 8
TAGS = 12


def organisation_activity(organisation, viewer) -> dict:
    periods = staff_periods(organisation)
    led = select(ArticleAuthor.article_id).join(periods, during(
        periods, ArticleAuthor.user_id, ArticleAuthor.first_edit_at, ArticleAuthor.last_edit_at
    )).where(ArticleAuthor.lead.is_(True))
    articles = db.session.scalars(reading.article_query(sort="updated", viewer=viewer)
                                  .where(Article.id.in_(led)).limit(RECENT)).all()
    answered = select(Answer.id).join(periods, during(periods, Answer.author_id,
                                                      Answer.created_at))
    solutions = db.session.scalars(asking.question_query(tab="solved", viewer=viewer).where(
        Question.accepted_answer_id.in_(answered)).limit(RECENT)).all()
    asked = select(Question.id).join(periods, during(periods, Question.author_id,
                                                     Question.created_at))
    open_questions = db.session.scalars(asking.question_query(tab="active", viewer=viewer)
                                        .where(Question.id.in_(asked),
                                               Question.accepted_answer_id.is_(None),
                                               Question.closed_reason.is_(None))
                                        .limit(RECENT)).all()
    tagged = union_all(
        select(ArticleTag.tag_id.label("tag_id")).where(ArticleTag.article_id.in_(led)),
        select(QuestionTag.tag_id.label("tag_id")).join(
            Question, Question.id == QuestionTag.question_id).where(
            Question.id.in_(asked), Question.hidden.is_(False))).subquery()
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
