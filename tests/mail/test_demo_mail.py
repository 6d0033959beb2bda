"""The demo members have verified example.org addresses and preferences, and the demo's own
making leaves nothing to send."""

from sqlalchemy import func, select

from core.extensions import db
from core.models import User
from mail import preferences
from mail.models import MailSettings, OutboxMessage


def test_demo_members_have_addresses_preferences_and_no_queued_mail(app, demo):
    assert "Mail is written to" in demo.output
    members = db.session.scalars(select(User)).all()
    assert members and all(user.email.endswith("@example.org") for user in members)
    settings = {row.user_id: row for row in db.session.scalars(select(MailSettings))}
    assert all(settings[user.id].verified_at is not None for user in members)
    maria = db.session.scalar(select(User).where(User.username == "maria.lopez"))
    tom = db.session.scalar(select(User).where(User.username == "tom.chen"))
    assert settings[maria.id].digest == "daily"
    assert preferences.modes_of(tom.id)["answer"] == "digest"
    assert preferences.modes_of(maria.id)["answer"] == "instant"
    assert db.session.scalar(select(func.count()).select_from(OutboxMessage)) == 0
