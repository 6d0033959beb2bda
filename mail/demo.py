"""The demo members' mail settings (demo/mail.toml): verified addresses and preferences."""

from __future__ import annotations

from sqlalchemy import delete

import demo
from core.extensions import db
from core.models import User
from core.timeutil import utcnow
from mail import outbox, preferences
from mail.models import OutboxMessage


def load_demo_mail(users: dict[str, User]) -> None:
    """After the rest of the demo: nothing the demo's own making queued is sent (the
    verification mails, the notifications of its threads), then every address verified
    and the preferences of demo/mail.toml set."""
    db.session.execute(delete(OutboxMessage).where(
        OutboxMessage.user_id.in_([user.id for user in users.values()])))
    db.session.info.pop(outbox._PENDING, None)
    chosen = demo.manifest("mail.toml").get("members", {})
    for username, user in users.items():
        settings = preferences.settings_of(user.id)
        settings.verified_at = utcnow()
        mine = chosen.get(username, {})
        settings.digest = mine.get("digest", "weekly")
        for kind, mode in mine.get("modes", {}).items():
            preferences.set_mode(user.id, kind, mode)
    db.session.flush()
