"""Handing a message to the mail server (MAIL_URL) or, with none configured, writing it
as an .eml file under MAIL_DIR (a laptop needs no mail server; the log says where).

`deliver` raises `TryLater` (the server is down or answered 4xx: send again later),
`Refused` (a 5xx for the recipient: the address is undeliverable) or `Rejected` (a 5xx
for the message itself)."""

from __future__ import annotations

import smtplib
import ssl
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from flask import current_app

TIMEOUT = 20


class TryLater(Exception):
    """The server could not take the message now."""


class Refused(Exception):
    """The server refused the recipient for good (5xx)."""


class Rejected(Exception):
    """The server refused the message for good (5xx, not about the recipient)."""


def _envelope_from() -> str:
    from mail.compose import from_address

    return from_address().addr_spec


def deliver(raw: str, to: str, message_id: str) -> str:
    """Send one message; returns where it went (a server, or the file written)."""
    url = current_app.config.get("MAIL_URL") or ""
    if not url:
        return _write_file(raw, message_id)
    return _send_smtp(url, raw, to)


def _write_file(raw: str, message_id: str) -> str:
    directory = Path(current_app.config["MAIL_DIR"])
    directory.mkdir(parents=True, exist_ok=True)
    name = "".join(c for c in message_id if c.isalnum())[:40] or "message"
    path = directory / f"{name}.eml"
    path.write_text(raw, encoding="ascii", errors="replace", newline="")
    current_app.logger.info("mail written to %s", path)
    return str(path)


def _send_smtp(url: str, raw: str, to: str) -> str:
    parts = urlsplit(url)
    query = parse_qs(parts.query)
    starttls = (query.get("starttls") or ["0"])[0].lower() in ("1", "true", "yes")
    host, port = parts.hostname or "127.0.0.1", parts.port
    try:
        if parts.scheme == "smtps":
            server = smtplib.SMTP_SSL(host, port or 465, timeout=TIMEOUT,
                                      context=ssl.create_default_context())
        else:
            server = smtplib.SMTP(host, port or 25, timeout=TIMEOUT)
        with server:
            if starttls:
                server.starttls(context=ssl.create_default_context())
            if parts.username:
                server.login(unquote(parts.username), unquote(parts.password or ""))
            server.sendmail(_envelope_from(), [to], raw.encode("ascii", "replace"))
    except smtplib.SMTPRecipientsRefused as error:
        code, reply = next(iter(error.recipients.values()))
        if 500 <= code < 600:
            raise Refused(f"{code} {_text(reply)}") from None
        raise TryLater(f"{code} {_text(reply)}") from None
    except smtplib.SMTPResponseException as error:
        if 500 <= error.smtp_code < 600:
            raise Rejected(f"{error.smtp_code} {_text(error.smtp_error)}") from None
        raise TryLater(f"{error.smtp_code} {_text(error.smtp_error)}") from None
    except (OSError, smtplib.SMTPException) as error:
        raise TryLater(f"{type(error).__name__}: {error}") from None
    return f"{host}:{port or 25}"


def _text(reply) -> str:
    return (reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply))[:200]
