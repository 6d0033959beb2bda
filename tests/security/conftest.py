"""A small world of content owned by one member, for checking every route and role."""

from dataclasses import dataclass

import pytest
from sqlalchemy import select

from community import services as community
from core.extensions import db
from wiki import services as wiki


@dataclass
class World:
    slug: str
    question_id: int
    question_slug: str
    answer_id: int
    comment_id: int
    workgroup: str
    username: str


@pytest.fixture
def world(app, member, other_member, editor, admin) -> World:
    app.config["RATELIMIT_ENABLED"] = False
    article = wiki.create_article(member, title="Readers' advisory", body="Ask what they loved.",
                                  tags="advisory").article
    wiki.save_edit(article, member, title=article.title, body="Ask what they loved most.",
                   base_revision=1)
    group = community.create_workgroup(admin, "Makerspaces", "Making things.")
    community.join(member, group)
    question = community.ask(member, title="How do you weed a collection?", body="Details.",
                             workgroup_id=group.id, tags="weeding")
    answer = community.answer(member, question, "We use usage data.")
    remark = community.add_comment(member, "question", question.id, "A remark.")
    db.session.commit()
    return World(slug=article.slug, question_id=question.id,
                 question_slug=community.question_url(question).rsplit("/", 1)[1],
                 answer_id=answer.id, comment_id=remark.id, workgroup=group.slug,
                 username=member.username)


def fingerprint() -> dict:
    """Every row of every table: a refused request must leave them exactly as they were."""
    db.session.expire_all()
    return {table.name: sorted(repr(tuple(row)) for row in db.session.execute(select(table)))
            for table in db.metadata.sorted_tables}
