"""A double-clicked button: the same POST twice at the same moment, from two browsers on
two database connections, both reaching the service before either commits. The request
edge redoes the loser, so the answer is never a 500 and the database holds one row (or
none, for a withdrawal), on SQLite and PostgreSQL alike."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from community import answers, notifications, questions, votes, workgroups
from community.models import Notification, Question, Vote, Watch, Workgroup, WorkgroupMember
from core.extensions import db
from core.models import User
from tests.races import same_post_at_once
from wiki import moderation
from wiki.models import Article


def _count(model, **where) -> int:
    db.session.expire_all()
    return db.session.scalar(select(func.count()).select_from(model).filter_by(**where))


def _user_id(username: str) -> int:
    return db.session.scalar(select(User.id).where(User.username == username))


def _article_id(slug: str) -> int:
    return db.session.scalar(select(Article.id).where(Article.slug == slug))


def test_two_identical_answer_votes_at_once_are_one_vote(app, world, monkeypatch):
    statuses = same_post_at_once(app, monkeypatch, f"/answers/{world.answer_id}/vote",
                                 {"value": "1"}, module=votes, name="vote")
    assert statuses == [302, 302]
    assert _count(Vote, target_type="answer", target_id=world.answer_id) == 1


def test_two_identical_withdrawn_votes_at_once_leave_none(app, world, monkeypatch):
    votes.vote(db.session.get(User, _user_id("otto")), "question", world.question_id, 1)
    db.session.commit()
    statuses = same_post_at_once(app, monkeypatch, f"/questions/{world.question_id}/vote",
                                 {"value": "0"}, module=votes, name="vote")
    assert statuses == [302, 302]
    assert _count(Vote, target_type="question", target_id=world.question_id) == 0


@pytest.mark.parametrize("watch", ["1", "0"])
def test_two_identical_question_watch_toggles_at_once(app, world, monkeypatch, watch):
    statuses = same_post_at_once(app, monkeypatch, f"/questions/{world.question_id}/watch",
                                 {"watch": watch}, module=notifications,
                                 name="watch" if watch == "1" else "unwatch")
    assert statuses == [302, 302]
    assert _count(Watch, target_type="question", target_id=world.question_id,
                  user_id=_user_id("otto")) == int(watch)


@pytest.mark.parametrize("watch", ["1", "0"])
def test_two_identical_article_watch_toggles_at_once(app, world, monkeypatch, watch):
    statuses = same_post_at_once(app, monkeypatch, f"/wiki/{world.slug}/watch",
                                 {"watch": watch}, module=notifications,
                                 name="watch" if watch == "1" else "unwatch")
    assert statuses == [302, 302]
    assert _count(Watch, target_type="article", target_id=_article_id(world.slug),
                  user_id=_user_id("otto")) == int(watch)


def test_two_identical_leaves_at_once_are_one_departure(app, world, monkeypatch):
    statuses = same_post_at_once(app, monkeypatch, f"/workgroups/{world.workgroup}/leave", {},
                                 module=workgroups, name="leave", login="mina")
    assert statuses == [302, 302]
    group = db.session.scalar(select(Workgroup).where(Workgroup.slug == world.workgroup))
    assert _count(WorkgroupMember, workgroup_id=group.id) == 0
    assert group.member_count == 0


def test_two_identical_withdrawals_of_acceptance_at_once(app, world, monkeypatch):
    answers.accept(db.session.get(User, _user_id("edith")),
                   answers.get_answer(world.answer_id))
    db.session.commit()
    statuses = same_post_at_once(app, monkeypatch, f"/answers/{world.answer_id}/accept",
                                 {"withdraw": "1"}, module=answers,
                                 name="withdraw_acceptance", login="edith")
    assert statuses == [302, 302]
    db.session.expire_all()
    assert db.session.get(Question, world.question_id).accepted_answer_id is None


def test_two_identical_protections_at_once(app, world, monkeypatch):
    statuses = same_post_at_once(app, monkeypatch, f"/wiki/{world.slug}/protect",
                                 {"protect": "1"}, module=moderation, name="set_protected",
                                 login="edith")
    assert statuses == [302, 302]
    db.session.expire_all()
    assert db.session.get(Article, _article_id(world.slug)).protected


def test_two_identical_question_hides_at_once(app, world, monkeypatch):
    statuses = same_post_at_once(app, monkeypatch, f"/questions/{world.question_id}/hide",
                                 {"hidden": "1"}, module=questions,
                                 name="set_question_hidden", login="edith")
    assert statuses == [302, 302]
    db.session.expire_all()
    assert db.session.get(Question, world.question_id).hidden


def test_two_identical_mark_all_read_at_once(app, world, monkeypatch):
    notifications.notify({_user_id("otto")}, "mention", "Hello", "/questions/", None)
    db.session.commit()
    statuses = same_post_at_once(app, monkeypatch, "/notifications/read", {},
                                 module=notifications, name="mark_read")
    assert statuses == [302, 302]
    assert _count(Notification, user_id=_user_id("otto"), read_at=None) == 0
