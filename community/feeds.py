"""Atom feeds of questions: all, by tag, by workgroup (written by core.feeds); hidden
questions never appear."""

from __future__ import annotations

from flask import abort, request, url_for
from sqlalchemy import select

from community import questions, services, workgroups
from community.people import bp
from core.errors import NotFound
from core.extensions import db
from core.feeds import FeedEntry, atom_response
from core.text import excerpt
from core.urls import absolute_url
from wiki.models import Tag

FEED_SIZE = 50
EXCERPT = 300


def _question_feed(title: str, subtitle: str, page_url: str, query):
    questions = db.session.scalars(query.limit(FEED_SIZE)).all()
    return atom_response(
        feed_id=page_url, title=title, subtitle=subtitle, self_url=request.url,
        page_url=page_url,
        updated=max((q.last_activity_at for q in questions), default=None),
        entries=[FeedEntry(
            id=url_for("community.question", question_id=question.id, _external=True),
            title=question.title, link=absolute_url(services.question_url(question)),
            author=question.author.name, published=question.created_at,
            updated=max(question.last_activity_at, question.edited_at or question.created_at,
                        question.created_at),
            summary=excerpt(question.html, EXCERPT)) for question in questions])


@bp.route("/feeds/questions.atom")
def questions_feed():
    return _question_feed("Commonplace: new questions",
                          "The newest questions librarians have asked on Commonplace.",
                          url_for("community.questions", _external=True),
                          questions.question_query(tab="newest"))


@bp.route("/feeds/tags/<tag>.atom")
def tag_feed(tag: str):
    if db.session.scalar(select(Tag.id).where(Tag.name == tag)) is None:
        abort(404)
    return _question_feed(f"Commonplace: questions tagged {tag}",
                          f"The newest questions tagged “{tag}” on Commonplace.",
                          url_for("community.questions", tag=tag, _external=True),
                          questions.question_query(tag=tag))


@bp.route("/feeds/workgroups/<slug>.atom")
def workgroup_feed(slug: str):
    try:
        group = workgroups.get_workgroup(slug)
    except NotFound:
        abort(404)
    return _question_feed(f"Commonplace: questions to {group.name}",
                          f"The newest questions put to the {group.name} workgroup.",
                          url_for("community.workgroup", slug=group.slug, _external=True),
                          questions.question_query(workgroup=group))
