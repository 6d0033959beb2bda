"""Signed links in mail (itsdangerous): what they carry, and for how long they hold.

Each purpose has its own salt, so a link made for one thing is worthless for another.
Password-reset links also carry a fragment of the password hash and the member's reset
generation: a changed password, or a newer link, makes an older link worthless."""

from __future__ import annotations

import hashlib
from datetime import timedelta

from flask import current_app
from itsdangerous import BadData, URLSafeTimedSerializer

RESET_AGE = timedelta(hours=1)
VERIFY_AGE = timedelta(hours=48)
UNSUBSCRIBE_AGE = timedelta(days=365)


def _serializer(purpose: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.secret_key, salt=f"commonplace-mail-{purpose}")


def make(purpose: str, payload: dict) -> str:
    return _serializer(purpose).dumps(payload)


def read(purpose: str, token: str, max_age: timedelta) -> dict | None:
    """The payload, or None for a link that is forged, damaged, too long or expired."""
    if not token or len(token) > 600:
        return None
    try:
        payload = _serializer(purpose).loads(token, max_age=int(max_age.total_seconds()))
    except BadData:
        return None
    return payload if isinstance(payload, dict) else None


def password_fragment(password_hash: str) -> str:
    return hashlib.sha256(password_hash.encode()).hexdigest()[:16]
