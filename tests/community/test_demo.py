"""`flask demo load` fills the community through the real services."""

import pytest
from sqlalchemy import func, select

from community.models import Answer, Comment, Notification, Question, Vote, Workgroup
from core.extensions import db
from core.models import User
from core.timeutil import utcnow
from wiki.models import Article, ArticleAuthor


@pytest.fixture(autouse=True)
def people(app):
    if "people.notifications" not in app.view_functions:
        from community.people import init_people

        init_people(app)


def count(model, *where) -> int:
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


def test_demo_community_has_workgroups_threads_and_one_promoted_article(app, demo):
    result = demo
    assert result.exit_code == 0, result.output
    assert app.config["RATELIMIT_ENABLED"] is True  # restored after the demo
    assert {group.slug for group in db.session.scalars(select(Workgroup))} == {
        "makerspaces", "information-literacy", "readers-advisory", "digital-collections"}
    assert all(group.member_count >= 4 for group in db.session.scalars(select(Workgroup)))
    assert count(Question) >= 20
    assert count(Question, Question.accepted_answer_id.is_not(None)) >= 10
    assert count(Question, Question.workgroup_id.is_(None)) >= 2
    assert count(Answer) >= 40 and count(Comment) >= 20 and count(Vote) >= 100
    askers = db.session.scalars(select(func.distinct(Question.author_id))).all()
    assert len(askers) >= 10

    [promoted] = db.session.scalars(select(Question).where(
        Question.promoted_article_id.is_not(None))).all()
    article = db.session.get(Article, promoted.promoted_article_id)
    credited = set(db.session.scalars(select(ArticleAuthor.user_id).where(
        ArticleAuthor.article_id == article.id, ArticleAuthor.share > 0)))
    assert promoted.accepted_answer.author_id in credited
    assert promoted.author_id in credited and len(credited) >= 3

    now = utcnow()
    created = db.session.scalars(select(Question.created_at)).all()
    assert min(created) < now - __import__("datetime").timedelta(days=120)
    assert max(created) <= now
    for question in db.session.scalars(select(Question)):
        assert question.created_at <= question.last_activity_at <= now
        if question.solved_at:
            assert question.created_at < question.solved_at <= now
    # Notifications reached members; the old ones are read, a few recent ones are not.
    assert count(Notification, Notification.read_at.is_not(None)) > 0
    assert count(Notification, Notification.read_at.is_(None)) > 0
    agnes = db.session.scalar(select(User).where(User.username == "agnes.admin"))
    assert agnes is not None
