"""Flags count by the flagger's standing, never hide featured or protected content or an
editor's post by themselves, and a member holds one open flag per item, even in a race
(issue 12, items 4 and 13)."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from community import answers
from core.audit import AUTOMATIC
from core.extensions import db
from core.models import User
from core.transactions import run_in_transaction
from editors import features, flags
from editors.models import Flag, ModerationHold
from tests.races import in_threads, lockstep, same_post_at_once
from wiki import moderation, saving


@pytest.fixture
def aged(make_user):
    """A member whose account is `days` old."""

    def make(username: str, days: float = 60):
        user = make_user(username)
        user.created_at -= timedelta(days=days)
        db.session.commit()
        return user

    return make


@pytest.fixture
def spam(app, solved, make_user, no_rate_limit):
    answer = answers.answer(make_user("spammer"), solved, "Buy cheap pills today!")
    db.session.commit()
    return answer


def test_a_flag_weighs_by_the_flaggers_age_and_track_record(app, aged, editor, spam,
                                                           solved, article):
    assert flags.flag_weight(aged("hours", 0.1)) == 0.1
    assert flags.flag_weight(aged("days", 3)) == 0.25
    assert flags.flag_weight(aged("weeks", 14)) == 0.5
    veteran = aged("veteran", 90)
    assert flags.flag_weight(veteran) == 1.0
    assert flags.flag_weight(editor) == 1.0
    flags.flag(veteran, "answer", spam.id, "spam")
    flags.flag(veteran, "question", solved.id, "spam")
    flags.flag(veteran, "article", article.id, "spam")
    for kind, thing in (("answer", spam), ("question", solved), ("article", article)):
        flags.dismiss_flags(editor, kind, thing.id, "Not spam")
    db.session.commit()
    assert flags.flag_weight(veteran) == 0.25  # three flags dismissed, none upheld


def test_three_throwaway_accounts_hide_nothing(app, aged, spam):
    for n in range(3):
        flags.flag(aged(f"throwaway{n}", 0.01), "answer", spam.id, "spam")
    db.session.commit()
    assert not spam.hidden and db.session.get(ModerationHold, ("answer", spam.id)) is None
    assert [round(flag.weight, 2) for flag in db.session.scalars(select(Flag))] == [0.1] * 3
    [group] = flags.flag_groups(AUTOMATIC)
    assert round(group.weight, 2) == 0.3 and not group.held  # still on the desk
    for n in range(3):
        flags.flag(aged(f"regular{n}", 45), "answer", spam.id, "offensive")
    db.session.commit()
    assert spam.hidden  # members in good standing still can


def test_featured_protected_and_editors_content_is_queued_not_hidden(
        app, aged, article, solved, editor, reply, spam):
    features.feature(editor, f"/wiki/{article.slug}", blurb="Read this.")
    protected = saving.create_article(aged("author", 90), title="Protected one",
                                               body="Steady text.").article
    moderation.set_protected(protected, editor, True)
    by_editor = reply(editor, solved, "An editor's careful answer.")
    db.session.commit()
    flaggers = [aged(f"regular{n}", 45) for n in range(3)]
    targets = (("article", article), ("article", protected), ("answer", by_editor))
    for flagger in flaggers:
        for kind, thing in targets:
            flags.flag(flagger, kind, thing.id, "spam")
    db.session.commit()
    assert not any(thing.hidden for _kind, thing in targets)
    assert db.session.scalar(select(func.count()).select_from(ModerationHold)) == 0
    exempt = {(group.kind, group.object_id): group.exempt
              for group in flags.flag_groups(editor)}
    assert exempt == {("article", article.id): "featured",
                      ("article", protected.id): "protected",
                      ("answer", by_editor.id): "written by an editor"}


def test_the_database_allows_one_open_flag_per_member_and_item(app, other_member, spam,
                                                               editor):
    flags.flag(other_member, "answer", spam.id, "spam")
    db.session.commit()
    db.session.add(Flag(target_type="answer", target_id=spam.id, reason="offensive",
                        flagger_id=other_member.id))
    with pytest.raises(IntegrityError):
        db.session.flush()
    db.session.rollback()
    flags.dismiss_flags(editor, "answer", spam.id)
    db.session.commit()
    again = flags.flag(other_member, "answer", spam.id, "offensive")  # a new open flag
    db.session.commit()
    assert not again.already_open
    assert db.session.scalar(select(func.count(Flag.id))) == 2


def _in_lockstep(monkeypatch, count: int = 2):
    """Patch flags._open_flag so that `count` threads all look for an open flag (and
    find none) before any of them writes one: the race of two identical reports."""
    return lockstep(monkeypatch, flags, "_open_flag", count, after=True)


def test_two_sessions_flagging_at_once_make_one_flag(app, monkeypatch, other_member, spam):
    barrier = _in_lockstep(monkeypatch)
    user_id, answer_id = other_member.id, spam.id  # read here: the threads have own sessions

    def flag(_index):
        user = db.session.get(User, user_id)
        return run_in_transaction(lambda: flags.flag(user, "answer", answer_id, "spam")).id

    results = in_threads(app, flag, 2, barrier)
    db.session.expire_all()
    assert db.session.scalar(select(func.count(Flag.id))) == 1
    assert len(results) == 2 and len(set(results)) == 1  # both got the one flag


def test_two_identical_reports_at_once_both_succeed_once(app, monkeypatch, other_member, spam,
                                                         solved):
    data = {"on": f"question:{solved.id}", "target": f"answer:{spam.id}", "reason": "spam"}
    _in_lockstep(monkeypatch)
    statuses = same_post_at_once(app, monkeypatch, "/report", data,
                                 login=other_member.username)
    assert sorted(statuses) == [302, 302]
    db.session.expire_all()
    assert db.session.scalar(select(func.count(Flag.id))) == 1
