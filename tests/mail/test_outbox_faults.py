"""Faults: the SMTP server down then back, a 550 for one address, a consumer SIGKILLed in
the middle of a send. Nothing lost, nothing sent twice."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

from sqlalchemy import select

from core.extensions import db
from core.timeutil import utcnow
from mail import outbox
from mail.models import MailSettings, OutboxMessage
from tests.conftest import TEST_DATABASE_URL, on_postgres
from tests.mail.conftest import free_port, verified

ROOT = Path(__file__).resolve().parents[2]


def _statuses() -> list[str]:
    db.session.expire_all()
    return list(db.session.scalars(select(OutboxMessage.status).order_by(OutboxMessage.id)))


def test_the_server_down_then_back_loses_nothing_and_doubles_nothing(app, client, member,
                                                                     inbox, smtp_server):
    app.config["MAIL_URL"] = f"smtp://127.0.0.1:{free_port()}"  # nobody listens there
    for _ in range(2):
        client.submit("/password/reset", {"email": "mina@example.org"})
    assert _statuses()[-2:] == ["queued", "queued"]
    rows = db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)).all()[-2:]
    assert all(row.attempts == 1 and row.next_attempt_at > utcnow() for row in rows)
    assert outbox.sweep() == "0 due: 0 sent"  # not before their time
    app.config["MAIL_URL"] = f"smtp://127.0.0.1:{smtp_server.port}"
    later = utcnow() + timedelta(minutes=5)
    assert outbox.sweep(later) == "2 due: 2 sent"
    outbox.sweep(later + timedelta(hours=1))
    ids = [m["Message-ID"] for m in inbox.to("mina@example.org")]
    assert len(ids) == 2 and len(set(ids)) == 2
    assert {row.message_id for row in rows} == set(ids)


def test_a_4xx_is_tried_again_and_a_550_stops_mail_to_that_address(app, member,
                                                                   other_member, ask, reply,
                                                                   inbox):
    verified(member)
    verified(other_member)
    inbox.refuse["mina@example.org"] = "451 4.3.0 Try again later"
    question = ask(member)
    reply(other_member, question)
    assert _statuses()[-1] == "queued"
    inbox.refuse["mina@example.org"] = "550 5.1.1 No such mailbox"
    outbox.sweep(utcnow() + timedelta(minutes=5))
    assert _statuses()[-1] == "undeliverable"
    assert db.session.get(MailSettings, member.id).undeliverable_address == "mina@example.org"
    reply(other_member, question, "A second answer, after the bounce.")  # nothing queued
    asked = ask(other_member, title="Another question for Mina")
    reply(member, asked)  # Otto still gets his
    assert len(inbox.to("otto@example.org")) == 1
    assert inbox.to("mina@example.org") == []


def test_a_consumer_killed_mid_send_leaves_the_message_to_be_sent_once(app, tmp_path, member,
                                                                      inbox, smtp_server):
    """The consumer (a real `flask jobs worker` process) claims the message and hangs in
    the SMTP conversation; SIGKILL; the sweep after the lease sends it, once."""
    handler = smtp_server.handler
    database = app.config["SQLALCHEMY_DATABASE_URI"]
    from mail import account_mail

    account_mail.request_reset("mina@example.org")
    db.session.info.pop(outbox._PENDING, None)
    db.session.commit()
    [row] = db.session.scalars(select(OutboxMessage).where(
        OutboxMessage.to_address == "mina@example.org", OutboxMessage.category == "account",
        OutboxMessage.kind == "reset"))
    entered = asyncio.Event()
    original = handler.handle_RCPT

    async def slow_rcpt(server, session, envelope, address, options):
        entered.set()
        await asyncio.sleep(30)  # the consumer is killed while it waits here
        return await original(server, session, envelope, address, options)

    handler.handle_RCPT = slow_rcpt
    env = dict(os.environ, FLASK_APP="app", DATABASE_URL=database, SECRET_KEY="test-secret-key",
               MAIL_URL=f"smtp://127.0.0.1:{smtp_server.port}",
               JOBS_DATABASE=str(tmp_path / "jobs.db"), MAIL_DIR=str(tmp_path / "mail"),
               SEARCH_INDEX_DIR=str(tmp_path / "index"))
    if on_postgres():
        env["DATABASE_URL"] = TEST_DATABASE_URL
        options = app.config["SQLALCHEMY_ENGINE_OPTIONS"]["connect_args"]["options"]
        env["PGOPTIONS"] = options
    worker = subprocess.Popen([sys.executable, "-m", "flask", "jobs", "worker", "--workers",
                               "1", "--no-periodic"], cwd=ROOT, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        while not entered.is_set() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert entered.is_set(), "the consumer never reached the SMTP server"
        assert _statuses()[-1] == "sending"
        worker.send_signal(signal.SIGKILL)
        worker.wait(10)
    finally:
        worker.kill()
        handler.handle_RCPT = original
    assert inbox.to("mina@example.org") == []
    assert outbox.sweep() == "0 due: 0 sent"  # its lease holds
    assert outbox.sweep(utcnow() + outbox.LEASE + timedelta(seconds=1)) == "1 due: 1 sent"
    [message] = inbox.to("mina@example.org")
    assert message["Message-ID"] == row.message_id
    outbox.sweep(utcnow() + 2 * outbox.LEASE + timedelta(seconds=2))
    assert len(inbox.to("mina@example.org")) == 1


def test_a_message_queued_in_a_savepoint_is_sent_after_the_real_commit(app, member, inbox):
    from mail import account_mail

    with db.session.begin_nested():
        account_mail.request_reset("mina@example.org")
    assert inbox.to("mina@example.org") == []  # a released SAVEPOINT is not a commit
    db.session.commit()
    assert [m["Subject"] for m in inbox.to("mina@example.org")] == [
        "Reset your Commonplace password"]
