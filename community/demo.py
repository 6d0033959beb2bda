"""Demo community for `flask demo load`: workgroups, threads, votes and one promoted article.

The content is data: demo/workgroups.toml, and per thread a folder under demo/questions/
with thread.toml (asker, workgroup, how long ago it was `asked`, tags, votes, comments,
the answers' authors, votes and comments, which answer was `accepted`, and for one thread
how it was promoted to an article) beside question.md, answer-1.md ... A voter written
"-name" votes the post down.

Everything goes through the community's services (community.workgroups, .questions,
.answers, .comments, .votes, .promotion), so the rules and notifications apply as they
would on the site; afterwards the dates are moved back so the community looks lived-in.
Runs after the wiki's demo loader (the promoted article joins the demo articles).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import func, select, update

import demo
from community import answers, comments, promotion, questions, votes, workgroups
from community.models import (
    Answer,
    Comment,
    Notification,
    PostRevision,
    Question,
    Vote,
    WorkgroupMember,
)
from core.extensions import db
from core.timeutil import utcnow
from wiki import saving, services
from wiki.models import Revision

READ_AFTER = timedelta(days=45)  # older notifications are shown as already read


class _Clock:
    """Moves what the services just wrote (notifications, post revisions) to a moment."""

    def __init__(self) -> None:
        self.notification = self._max(Notification.id)
        self.revision = self._max(PostRevision.id)

    @staticmethod
    def _max(column) -> int:
        return db.session.scalar(select(func.max(column))) or 0

    def stamp(self, moment: datetime) -> None:
        db.session.flush()
        db.session.execute(update(Notification).where(Notification.id > self.notification)
                           .values(created_at=moment))
        db.session.execute(update(PostRevision).where(PostRevision.id > self.revision)
                           .values(created_at=moment))
        self.notification = self._max(Notification.id)
        self.revision = self._max(PostRevision.id)


def load_demo_community(users: dict) -> None:
    config = current_app.config
    rate_limited = config.get("RATELIMIT_ENABLED", True)
    config["RATELIMIT_ENABLED"] = False  # the demo posts far faster than any member may
    try:
        _load(users)
    finally:
        config["RATELIMIT_ENABLED"] = rate_limited


def demo_threads() -> list[dict]:
    """Each thread's manifest with the `body` of its question and answers; oldest first."""
    threads = []
    for folder in demo.folders("questions"):
        spec = demo.manifest(folder / "thread.toml")
        spec["body"] = _markdown(folder / "question.md")
        for number, reply in enumerate(spec.get("answers", []), start=1):
            reply["body"] = _markdown(folder / f"answer-{number}.md")
        threads.append(spec)
    return sorted(threads, key=lambda spec: timedelta(**spec["asked"]), reverse=True)


def _markdown(path) -> str:
    return path.read_text(encoding="utf-8").strip()


def _load(users: dict) -> None:
    now = utcnow()
    for offset, user in enumerate(users.values()):  # members joined before they took part
        user.created_at = min(user.created_at, now - timedelta(days=240 - 3 * offset))
    clock = _Clock()
    workgroups = demo.manifest("workgroups.toml")
    admin = users[workgroups["created_by"]]
    groups = {spec["key"]: _workgroup(spec, admin, users, now)
              for spec in workgroups["workgroups"]}
    for spec in demo_threads():
        _thread(spec, users, groups, now - timedelta(**spec["asked"]), now, clock)
    _settle_notifications(now)


def _workgroup(spec: dict, admin, users: dict, now: datetime):
    group = workgroups.create_workgroup(admin, spec["name"], spec["description"])
    group.created_at = now - timedelta(days=spec["days_ago"])
    for offset, username in enumerate(spec["members"]):
        workgroups.join(users[username], group)
        row = db.session.get(WorkgroupMember, (group.id, users[username].id))
        row.joined_at = group.created_at + timedelta(days=offset, hours=2)
    for username in spec["moderators"]:
        workgroups.set_moderator(admin, group, users[username], True)
    db.session.flush()
    return group


def _later(moment: datetime, now: datetime, **delta) -> datetime:
    """A moment after `moment`, never in the future."""
    return min(moment + timedelta(**delta), now - timedelta(minutes=30))


def _vote(users: dict, voters: list[str], target_type: str, target_id: int,
          moment: datetime) -> None:
    for offset, voter in enumerate(voters):
        value = -1 if voter.startswith("-") else 1
        user = users[voter.lstrip("-")]
        votes.vote(user, target_type, target_id, value)
        db.session.get(Vote, (user.id, target_type, target_id)).created_at = moment + \
            timedelta(hours=3 * offset + 1)


def _comment(users: dict, author: str, target_type: str, target_id: int, body: str,
             moment: datetime, clock: _Clock) -> None:
    remark: Comment = comments.add_comment(users[author], target_type, target_id, body)
    remark.created_at = moment
    clock.stamp(moment)


def _thread(spec: dict, users: dict, groups: dict, asked: datetime, now: datetime,
            clock: _Clock) -> Question:
    asker = users[spec["asker"]]
    group = groups[spec["workgroup"]] if "workgroup" in spec else None
    question = questions.ask(asker, title=spec["title"], body=spec["body"], tags=spec["tags"],
                             workgroup_id=group.id if group else None)
    question.created_at = asked
    clock.stamp(asked)
    latest = asked
    for offset, remark in enumerate(spec.get("comments", [])):
        moment = _later(asked, now, hours=2 + offset)
        _comment(users, remark["author"], "question", question.id, remark["body"], moment,
                 clock)
        latest = max(latest, moment)
    _vote(users, spec.get("votes", []), "question", question.id, asked)

    replies: list[Answer] = []
    for number, answer_spec in enumerate(spec.get("answers", [])):
        moment = _later(asked, now, hours=5 + 14 * number)
        reply = answers.answer(users[answer_spec["author"]], question, answer_spec["body"])
        reply.created_at = moment
        clock.stamp(moment)
        replies.append(reply)
        latest = max(latest, moment)
        for offset, remark in enumerate(answer_spec.get("comments", [])):
            remark_at = _later(moment, now, hours=3 + 4 * offset)
            _comment(users, remark["author"], "answer", reply.id, remark["body"], remark_at,
                     clock)
            latest = max(latest, remark_at)
        _vote(users, answer_spec.get("votes", []), "answer", reply.id, moment)

    if "accepted" in spec:  # the number of the accepted answer, from 1
        solved = _later(latest, now, days=1)
        answers.accept(asker, replies[spec["accepted"] - 1])
        question.solved_at = solved
        clock.stamp(solved)
        latest = solved
        if spec.get("promote"):
            latest = _promote(spec["promote"], users, question, solved, now, clock)
    question.last_activity_at = latest
    db.session.flush()
    return question


def _promote(spec: dict, users: dict, question: Question, solved: datetime, now: datetime,
             clock: _Clock) -> datetime:
    """Promote the thread as the site would: the draft, then the promoter's own edit."""
    promoter = users[spec["by"]]
    draft = promotion.promotion_draft(promoter, question)
    body = f"{spec['intro']}\n\n{draft.body}"
    article = promotion.promote(promoter, question, title=spec["title"], body=body,
                                tags=spec["tags"], sectors=spec["sectors"])
    revisions = db.session.scalars(select(Revision).where(Revision.article_id == article.id)
                                   .order_by(Revision.number)).all()
    start = _later(solved, now, days=3)
    for number, revision in enumerate(revisions):
        revision.created_at = start + timedelta(minutes=20 * number)
    article.created_at = revisions[0].created_at
    article.updated_at = revisions[-1].created_at
    db.session.flush()
    saving.update_authors(article, article.current_revision.attribution)
    services.touch(article)
    clock.stamp(article.updated_at)
    return article.updated_at


def _settle_notifications(now: datetime) -> None:
    """Members have read what reached them more than six weeks ago."""
    for item in db.session.scalars(select(Notification).where(
            Notification.created_at < now - READ_AFTER)):
        item.read_at = item.created_at + timedelta(hours=6)
    db.session.flush()
