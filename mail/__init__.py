"""Mail: the outbox and its sending job, account mail (password reset, verification,
address change), notification mail, digests, preferences and one-click unsubscribe."""

from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("mail", __name__)


def init_mail(app: Flask) -> None:
    from core import signals
    from core.extensions import csrf
    from jobs import register
    from mail import account_mail, digests, notices, outbox, views  # noqa: F401 - routes
    from mail.cli import mail_cli
    from wiki import reads

    app.register_blueprint(bp)
    csrf.exempt(views.unsubscribe)  # RFC 8058: a mail client posts it, with no cookie
    app.cli.add_command(mail_cli)
    register(app, "send_message", outbox.send_one)
    register(app, "reset_link", account_mail.send_reset_link, retries=3, retry_delay=10)
    register(app, "sweep_outbox", outbox.sweep, every={"minute": "*"})
    register(app, "send_digests", digests.send_digests, every={"minute": "7"})
    register(app, "prune_reads", reads.prune, every={"hour": "3", "minute": "17"})
    register(app, "startup", outbox.sweep)
    signals.connect(app, signals.transaction_committed, outbox.after_commit)
    signals.connect(app, signals.transaction_rolled_back, outbox.after_rollback)
    signals.connect(app, signals.account_registered, notices.account_registered)
    signals.connect(app, signals.muting, notices.muting)
    signals.connect(app, signals.notified, notices.notified)
