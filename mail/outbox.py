"""The outbox: every message is a row written in the transaction that caused it, handed
to the job runner after the commit, and sent by `send_one` (a job); `sweep` (every minute,
and when a consumer starts) sends whatever is due and was not sent: a job lost with a
killed consumer, a retry whose time has come.

A message is claimed before it is sent (queued -> sending, one UPDATE that only one sender
can win, committed), so two consumers never send it both; it is marked sent when the server
has taken it. A sender killed between the two leaves it `sending`: after LEASE it is
claimed again and sent again with the same Message-ID, so a receiving server or client sees
one message. The server down or a 4xx: sent again later (BACKOFF); a 5xx for the recipient:
the address is marked undeliverable and nothing more goes to it until the member changes it.
"""

from __future__ import annotations

import json
from datetime import timedelta

from flask import current_app
from sqlalchemy import or_, select, update

from core.extensions import db
from core.timeutil import utcnow
from mail.compose import build, header_text, new_message_id
from mail.models import MailSettings, OutboxMessage
from mail.transport import Refused, Rejected, TryLater, deliver

LEASE = timedelta(minutes=5)
MAX_ATTEMPTS = 12
SWEEP_BATCH = 200
_PENDING = "mail_outbox_new"  # session.info: ids queued in this transaction


def backoff(attempts: int) -> timedelta:
    """30 s, 1 min, 2 min... at most 2 hours between tries (12 tries span about 10 hours)."""
    return timedelta(seconds=min(30 * 2 ** max(attempts - 1, 0), 7200))


def queue(*, user_id, to: str, name: str = "", category: str, kind: str, subject: str,
          template: str, context: dict | None = None, dedupe_key: str | None = None,
          hold_seconds: int = 0) -> OutboxMessage:
    """Write a message into the outbox, in the caller's transaction; it is handed to the job
    runner after the commit (nothing is sent for a change that rolls back). `context` is
    what `mail/<template>.txt` and `.html` show (plain JSON values); an
    `unsubscribe_url` in it adds the List-Unsubscribe headers."""
    row = OutboxMessage(user_id=user_id, to_address=to, to_name=header_text(name, 120),
                        category=category, kind=kind, subject=header_text(subject, 300),
                        template=template, context=json.dumps(context or {}), raw="",
                        message_id=new_message_id(), dedupe_key=dedupe_key,
                        next_attempt_at=utcnow() + timedelta(seconds=hold_seconds))
    db.session.add(row)
    db.session.flush()
    db.session.info.setdefault(_PENDING, []).append((row.id, hold_seconds))
    return row


def after_commit(_app, *, session) -> None:
    """Hand the messages this transaction queued to the job runner (held ones later)."""
    from jobs import enqueue

    if session.in_nested_transaction():
        return  # SQLAlchemy says "committed" when a SAVEPOINT is released: not yet ours
    pending = session.info.pop(_PENDING, [])
    for message_id, hold in pending:
        try:
            enqueue("send_message", message_id, delay=hold or None)
        except Exception:  # noqa: BLE001 - the sweep sends it: the row is committed
            current_app.logger.warning("could not queue mail %s; the sweep will send it",
                                       message_id, exc_info=True)


def after_rollback(_app, *, session) -> None:
    session.info.pop(_PENDING, None)


def _claim(message_id: int, now) -> bool:
    """Take the message for this sender: True for exactly one of several at once."""
    claimed = db.session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.id == message_id, OutboxMessage.next_attempt_at <= now,
               or_(OutboxMessage.status == "queued",
                   (OutboxMessage.status == "sending") & (OutboxMessage.claimed_at < now - LEASE)))
        .values(status="sending", claimed_at=now, attempts=OutboxMessage.attempts + 1)
        .execution_options(synchronize_session=False)).rowcount
    db.session.commit()
    return bool(claimed)


def send_one(message_id: int, now=None) -> str:
    """Send one queued message if it is due and nobody else is sending it (idempotent: a
    message already sent, or being sent, is left alone). Returns what happened."""
    now = now or utcnow()
    if not _claim(message_id, now):
        db.session.rollback()
        return "skipped"
    row = db.session.get(OutboxMessage, message_id)
    if _undeliverable(row):
        row.status, row.last_error = "undeliverable", "address refused earlier"
        db.session.commit()
        return "undeliverable"
    if not row.raw:  # built once: every later try hands the server the same message
        context = json.loads(row.context or "{}")
        row.raw = build(to=row.to_address, name=row.to_name, subject=row.subject,
                        template=row.template, message_id=row.message_id, **context)
        db.session.commit()
    try:
        where = deliver(row.raw, row.to_address, row.message_id)
    except TryLater as error:
        return _finish(row, "failed" if row.attempts >= MAX_ATTEMPTS else "queued", str(error),
                       retry_at=now + backoff(row.attempts))
    except Refused as error:
        _mark_undeliverable(row)
        return _finish(row, "undeliverable", str(error))
    except Rejected as error:
        return _finish(row, "failed", str(error))
    row.status, row.sent_at, row.last_error = "sent", utcnow(), ""
    db.session.commit()
    current_app.logger.info("mail %s (%s) to %s: sent via %s", row.id, row.subject,
                            row.to_address, where)
    return "sent"


def _finish(row: OutboxMessage, status: str, error: str, retry_at=None) -> str:
    row.status, row.last_error = status, error[:300]
    if retry_at is not None:
        row.next_attempt_at = retry_at
    db.session.commit()
    current_app.logger.warning("mail %s to %s: %s (%s)", row.id, row.to_address, status, error)
    return status


def _undeliverable(row: OutboxMessage) -> bool:
    if row.user_id is None:
        return False
    settings = db.session.get(MailSettings, row.user_id)
    return settings is not None and settings.undeliverable_address == row.to_address


def _mark_undeliverable(row: OutboxMessage) -> None:
    if row.user_id is None:
        return
    settings = db.session.get(MailSettings, row.user_id)
    if settings is None:
        settings = MailSettings(user_id=row.user_id)
        db.session.add(settings)
    settings.undeliverable_address = row.to_address


def sweep(now=None) -> str:
    """Send every message that is due: queued and past its time, or claimed by a sender
    that died (its lease is over). Safe to run anywhere, any number of times at once."""
    now = now or utcnow()
    due = db.session.scalars(
        select(OutboxMessage.id)
        .where(OutboxMessage.next_attempt_at <= now,
               or_(OutboxMessage.status == "queued",
                   (OutboxMessage.status == "sending") & (OutboxMessage.claimed_at < now - LEASE)))
        .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id).limit(SWEEP_BATCH)).all()
    db.session.rollback()
    results = [send_one(message_id, now) for message_id in due]
    return f"{len(due)} due: {results.count('sent')} sent"
