"""Building a message: multipart (plain text and HTML) from templates, with headers that
no member text can break (CR/LF and other control characters never reach a header).

Built with the standard library's `email` package (EmailMessage, policy SMTP), which
folds and encodes headers itself; what we add is the cleaning of every value a member
could have chosen (display names, titles) before it is put in a header.
"""

from __future__ import annotations

import re
import uuid
from datetime import UTC
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, parseaddr
from urllib.parse import urlsplit

from flask import current_app, render_template

from core.timeutil import utcnow

SUBJECT_MAX = 150
NAME_MAX = 64
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u200b-\u200f\u202a-\u202e"
                      r"\u2066-\u2069\ufeff]")


def header_text(value: str, limit: int) -> str:
    """A value safe in a header: control characters (CR, LF...) and bidirectional
    controls become spaces, runs of space one, at most `limit` characters."""
    text = " ".join(_CONTROL.sub(" ", str(value or "")).split())
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def site_url() -> str:
    return (current_app.config.get("SITE_URL") or "http://127.0.0.1:5000").rstrip("/")


def absolute(path: str) -> str:
    """A link for mail: SITE_URL and a path on this site."""
    return site_url() + path


def from_address() -> Address:
    name, address = parseaddr(current_app.config["MAIL_FROM"])
    username, _, domain = (address or "commonplace@localhost").partition("@")
    return Address(display_name=header_text(name, NAME_MAX), username=username,
                   domain=domain or "localhost")


def new_message_id() -> str:
    """A Message-ID of our own, made once when the message is queued and kept with it."""
    domain = urlsplit(site_url()).hostname or from_address().domain or "localhost"
    return f"<{uuid.uuid4().hex}@{domain}>"


def recipient(address: str, name: str = "") -> Address:
    username, _, domain = address.partition("@")
    return Address(display_name=header_text(name, NAME_MAX), username=username,
                   domain=domain)


def build(*, to: str, name: str, subject: str, template: str, message_id: str,
          unsubscribe_url: str | None = None, **context) -> str:
    """The whole message as text (CRLF lines, ASCII): `mail/<template>.txt` and `.html`
    rendered with `context`; List-Unsubscribe (with one-click POST, RFC 8058) when an
    `unsubscribe_url` is given, which is everything except account mail."""
    context.update(subject=header_text(subject, SUBJECT_MAX), site_url=site_url(),
                   unsubscribe_url=unsubscribe_url)
    message = EmailMessage(policy=SMTP)
    message["Subject"] = header_text(subject, SUBJECT_MAX)
    message["From"] = from_address()
    message["To"] = recipient(to, name)
    message["Date"] = format_datetime(utcnow().replace(tzinfo=UTC))
    message["Message-ID"] = message_id
    message["Auto-Submitted"] = "auto-generated"
    if unsubscribe_url:
        message["List-Unsubscribe"] = f"<{unsubscribe_url}>"
        message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message.set_content(render_template(f"mail/{template}.txt", **context))
    message.add_alternative(render_template(f"mail/{template}.html", **context),
                            subtype="html")
    return message.as_string()
