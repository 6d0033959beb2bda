"""What mail hears from the other parts (signals, inside their transactions): a new
account (verify its address) and notifications (mail at once, grouped, by preference)."""

from __future__ import annotations

import json

from flask import current_app
from sqlalchemy import select, update

from core.extensions import db
from core.models import User
from core.timeutil import utcnow
from core.urls import site_path
from mail import compose, outbox, tokens
from mail.models import MailPreference, MailSettings, OutboxMessage
from mail.preferences import DEFAULTS, KINDS

GROUP_MAX = 50  # notifications one message lists (the rest are counted)
SUBJECTS = {"answer": "New answers on your question", "comment": "New comments on your posts",
            "accepted": "Your answer was accepted", "mention": "You were mentioned",
            "workgroup_question": "New questions in your workgroups",
            "watched_change": "Changes to what you watch",
            "training": "News of training campaigns",
            "check_due": "Articles due for a check",
            "partner_reply": "Replies to your partnership posts"}


def account_registered(_app, *, user) -> None:
    from mail.account_mail import send_verification

    db.session.add(MailSettings(user_id=user.id, digest="weekly", reset_generation=0,
                                undeliverable_address="", pending_email=""))
    send_verification(user)


def unsubscribe_url(user_id: int, kind: str) -> str:
    token = tokens.make("unsubscribe", {"u": user_id, "k": kind})
    return compose.absolute(site_path("mail.unsubscribe", token=token))


def mailable(user: User, settings: MailSettings | None) -> bool:
    """Whether non-account mail may go to the member: verified, and their address not one
    a server refused."""
    return (user.active and settings is not None and settings.verified_at is not None
            and settings.undeliverable_address != user.email)


def muting(_app, *, user_ids, kind) -> set[int]:
    """The members who turned this kind off: they hear nothing of it, here or by mail."""
    if kind not in KINDS or not user_ids or DEFAULTS[kind] == "off":
        return set()
    return set(db.session.scalars(select(MailPreference.user_id).where(
        MailPreference.user_id.in_(user_ids), MailPreference.kind == kind,
        MailPreference.mode == "off")))


def notified(_app, *, user_ids, kind, text, url, actor) -> None:
    if kind not in KINDS or not user_ids:
        return
    chosen = dict(db.session.execute(select(MailPreference.user_id, MailPreference.mode).where(
        MailPreference.user_id.in_(user_ids), MailPreference.kind == kind)).all())
    wanted = [uid for uid in user_ids if chosen.get(uid, DEFAULTS[kind]) == "instant"]
    if not wanted:
        return
    settings = {row.user_id: row for row in db.session.scalars(
        select(MailSettings).where(MailSettings.user_id.in_(wanted)))}
    item = {"text": text, "url": compose.absolute(url) if url.startswith("/") else "",
            "actor": actor.name if actor is not None else ""}
    for user in db.session.scalars(select(User).where(User.id.in_(wanted)).order_by(User.id)):
        if mailable(user, settings.get(user.id)):
            _mail_at_once(user, kind, item)


def _context(user: User, kind: str, items: list[dict]) -> dict:
    return {"user": {"name": user.name, "username": user.username},
            "items": items[:GROUP_MAX], "more": max(len(items) - GROUP_MAX, 0),
            "reason": KINDS[kind].lower(),
            "preferences_url": compose.absolute(site_path("mail.preferences")),
            "unsubscribe_url": unsubscribe_url(user.id, kind)}


def _subject(kind: str, items: list[dict]) -> str:
    return SUBJECTS[kind] if len(items) > 1 else items[0]["text"]


def _mail_at_once(user: User, kind: str, item: dict) -> None:
    """Join the member's message of this kind that is still held (a burst is one message),
    or queue a new one, held MAIL_GROUP_SECONDS for others to join."""
    now = utcnow()
    waiting = db.session.scalar(select(OutboxMessage).where(
        OutboxMessage.user_id == user.id, OutboxMessage.kind == kind,
        OutboxMessage.category == "notification", OutboxMessage.status == "queued",
        OutboxMessage.attempts == 0, OutboxMessage.next_attempt_at > now)
        .order_by(OutboxMessage.id.desc()).limit(1))
    if waiting is not None:
        items = [*json.loads(waiting.context)["items"], item]
        # Only while nobody has claimed it: a sender's claim and this are one row's UPDATEs.
        joined = db.session.execute(
            update(OutboxMessage).where(OutboxMessage.id == waiting.id,
                                        OutboxMessage.status == "queued")
            .values(context=json.dumps(_context(user, kind, items)),
                    subject=compose.header_text(_subject(kind, items), 300))
            .execution_options(synchronize_session=False)).rowcount
        if joined:
            db.session.expire(waiting)
            return
    hold = int(current_app.config.get("MAIL_GROUP_SECONDS") or 0)
    outbox.queue(user_id=user.id, to=user.email, name=user.name, category="notification",
                 kind=kind, subject=_subject(kind, [item]), template="notification",
                 context=_context(user, kind, [item]), hold_seconds=hold)
