"""`flask mail test ADDRESS`, `flask mail status`, and `flask users reset-password
USERNAME` (added to core's `users` group)."""

from __future__ import annotations

import click
from flask.cli import AppGroup
from sqlalchemy import func, select

from core import accounts
from core.cli import _read_password, users_cli
from core.errors import NotFound, ValidationFailed
from core.extensions import db

mail_cli = AppGroup("mail", help="Outgoing mail.")


@mail_cli.command("test")
@click.argument("address")
def mail_test(address: str) -> None:
    """Send a test message to ADDRESS now, through MAIL_URL (or into MAIL_DIR)."""
    from mail import outbox

    try:
        address = accounts.check_email(address)
    except ValidationFailed as error:
        raise click.ClickException(error.message) from None
    row = outbox.queue(user_id=None, to=address, category="test", kind="test",
                       subject="Commonplace test message", template="test")
    db.session.info.pop(outbox._PENDING, None)  # sent here, not by the consumer
    db.session.commit()
    result = outbox.send_one(row.id)
    row = db.session.get(type(row), row.id)
    click.echo(f"{result}: {row.last_error or row.message_id}")
    if result != "sent":
        raise SystemExit(1)


@mail_cli.command("status")
def mail_status() -> None:
    """How many messages the outbox holds in each state."""
    from mail.models import OutboxMessage

    for status, count in db.session.execute(select(OutboxMessage.status, func.count())
                                            .group_by(OutboxMessage.status)).all():
        click.echo(f"{status}: {count}")


@users_cli.command("reset-password")
@click.argument("username")
def reset_password(username: str) -> None:
    """Set a member's password (prompted for, or read from stdin); signs them out
    everywhere and makes their reset links worthless."""
    try:
        user = accounts.get_by_username(username)
    except NotFound as error:
        raise click.ClickException(error.message) from None
    try:
        accounts.set_password(user, _read_password())
    except ValidationFailed as error:
        db.session.rollback()
        raise click.ClickException(error.message) from None
    db.session.commit()
    click.echo(f"{user.username}'s password is set; every sign-in of theirs has ended.")
