"""Community chats: a scheduled hour of numbered prompts, answered live, then summarised
and kept (chats/models.py), with their pages, iCalendar files, reminders and
`flask chats import`."""

from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("chats", __name__, url_prefix="/chats")


def init_chats(app: Flask) -> None:
    from chats import calendar, scheduling, views, views_after, views_live  # noqa: F401
    from chats.cli import chats_cli
    from core import permissions
    from jobs import register

    app.register_blueprint(bp)
    permissions.provide(app, "chat_host", scheduling.is_host)
    register(app, "chat_reminders", calendar.send_reminders, every={"minute": "*/5"})
    register(app, "index_chat_replies", scheduling.index_new_replies, every={"minute": "*"})
    app.cli.add_command(chats_cli)
