"""A real SMTP server (aiosmtpd on 127.0.0.1), one per test session, that keeps what it
receives; a test can make it refuse an address (5xx) or defer one (4xx)."""

from __future__ import annotations

import email
import re
import socket
from email.policy import default

import pytest
from aiosmtpd.controller import Controller


class Inbox:
    """What the server received, and how it answers."""

    def __init__(self) -> None:
        self.messages: list[email.message.EmailMessage] = []
        self.refuse: dict[str, str] = {}  # address -> reply ("550 ...", "451 ...")

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return self.refuse[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=default)
        message["X-Envelope-To"] = ", ".join(envelope.rcpt_tos)
        self.messages.append(message)
        return "250 Message accepted"

    def to(self, address: str) -> list:
        return [m for m in self.messages if m["X-Envelope-To"] == address]

    def text(self, message) -> str:
        return message.get_body(("plain",)).get_content()

    def html(self, message) -> str:
        return message.get_body(("html",)).get_content()

    def link(self, message, path: str) -> str:
        """The first link in the message's text whose path starts with `path`."""
        found = re.search(r"https?://[^/\s]+(" + re.escape(path) + r"[^\s]*)", self.text(message))
        assert found, f"no {path} link in {self.text(message)!r}"
        return found.group(1)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def smtp_server():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller
    controller.stop()


@pytest.fixture(autouse=True)
def jobs_at_once(app):
    """Jobs run at once, in the caller's thread (huey's immediate mode)."""
    from jobs import huey_of

    huey_of(app).immediate = True


@pytest.fixture
def inbox(app, smtp_server) -> Inbox:
    """This test's app sends to the session's SMTP server; the inbox starts empty."""
    handler = smtp_server.handler
    handler.messages.clear()
    handler.refuse.clear()
    app.config["MAIL_URL"] = f"smtp://127.0.0.1:{smtp_server.port}"
    app.config["SITE_URL"] = "http://127.0.0.1:5000"
    return handler


def verified(user) -> None:
    """Mark `user`'s address verified, as following the link does."""
    from core.extensions import db
    from core.timeutil import utcnow
    from mail.preferences import settings_of

    settings_of(user.id).verified_at = utcnow()
    db.session.commit()


from tests.community.conftest import ask, no_rate_limit, reply, workgroup  # noqa: E402,F401
