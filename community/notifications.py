"""Notifications and watching: who hears about what."""

from __future__ import annotations

import re

from sqlalchemy import delete, func, select, update

from community.models import Notification, Watch, WorkgroupMember
from core import signals
from core.extensions import db
from core.models import User
from core.timeutil import utcnow

MENTION_RE = re.compile(r"(?<![\w@])@([A-Za-z0-9][A-Za-z0-9_.-]{1,30}[A-Za-z0-9])")


def watch(user: User, target_type: str, target_id: int) -> None:
    if db.session.get(Watch, (user.id, target_type, target_id)) is None:
        db.session.add(Watch(user_id=user.id, target_type=target_type, target_id=target_id))
        db.session.flush()


def unwatch(user: User, target_type: str, target_id: int) -> None:
    db.session.execute(delete(Watch).where(Watch.user_id == user.id,
                                           Watch.target_type == target_type,
                                           Watch.target_id == target_id))


def is_watching(user, target_type: str, target_id: int) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return db.session.get(Watch, (user.id, target_type, target_id)) is not None


def notify(user_ids, kind: str, text: str, url: str, actor: User | None,
           subject: str | None = None) -> int:
    """One notification for each member named (never the actor), written in one go.

    With a `subject` ("article:12", "question:7"), news of a thing someone already has an
    unread notification about joins that one instead of adding another: its text becomes
    the newest, `repeats` counts the changes, and its link stays at the first unread change
    (where catching up starts). Reading it ends the group.
    """
    recipients = {user_id for user_id in user_ids if user_id and (actor is None
                                                                  or user_id != actor.id)}
    for _receiver, muted in signals.send(signals.muting, user_ids=recipients, kind=kind):
        recipients -= set(muted or ())
    if not recipients:
        return 0
    grouped: dict[int, Notification] = {}
    if subject is not None:
        grouped = {row.user_id: row for row in db.session.scalars(select(Notification).where(
            Notification.user_id.in_(recipients), Notification.kind == kind,
            Notification.subject == subject, Notification.read_at.is_(None)))}
    now = utcnow()
    for row in grouped.values():
        row.text, row.actor_id, row.created_at = text[:300], actor.id if actor else None, now
        row.repeats += 1
    db.session.add_all(Notification(user_id=user_id, kind=kind, text=text[:300], url=url[:300],
                                    actor_id=actor.id if actor else None, subject=subject,
                                    created_at=now)
                       for user_id in sorted(recipients - grouped.keys()))
    db.session.flush()
    signals.send(signals.notified, user_ids=sorted(recipients), kind=kind, text=text[:300],
                 url=url[:300], actor=actor)
    return len(recipients)


def watchers(target_type: str, target_id: int) -> set[int]:
    return set(db.session.scalars(select(Watch.user_id).where(
        Watch.target_type == target_type, Watch.target_id == target_id)))


def workgroup_members(workgroup_id: int) -> set[int]:
    return set(db.session.scalars(select(WorkgroupMember.user_id).where(
        WorkgroupMember.workgroup_id == workgroup_id)))


def mentioned(text: str) -> set[int]:
    names = {name.lower() for name in MENTION_RE.findall(text or "")}
    if not names:
        return set()
    return set(db.session.scalars(select(User.id).where(User.username_key.in_(names))))


def unread_count(user) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return db.session.scalar(select(func.count()).select_from(Notification).where(
        Notification.user_id == user.id, Notification.read_at.is_(None))) or 0


def mark_read(user: User, notification_id: int | None = None) -> int:
    query = update(Notification).where(Notification.user_id == user.id,
                                       Notification.read_at.is_(None))
    if notification_id is not None:
        query = query.where(Notification.id == notification_id)
    return db.session.execute(query.values(read_at=utcnow())).rowcount or 0
