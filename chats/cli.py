"""`flask chats ...`: chats from the command line (an edge: it commits itself)."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import AppGroup

chats_cli = AppGroup("chats", help="Community chats.")


@chats_cli.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--title", default="", help="The chat's title (CSV transcripts; default: the "
                                          "file's name).")
@click.option("--time-zone", default="UTC", show_default=True,
              help="The IANA zone of times written without one.")
@click.option("--short-name", default="", help="The chat's hashtag, without #.")
def import_command(path: str, title: str, time_zone: str, short_name: str) -> None:
    """Import a chat summary or a CSV transcript (id, author, text, time, link). Running it
    again adds only what is new."""
    from chats import importing
    from core.errors import ValidationFailed
    from core.extensions import db

    raw = Path(path).read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise click.ClickException("The file is not UTF-8 text: nothing was imported.") \
            from None
    try:
        parsed = importing.parse_text(text, time_zone, title or Path(path).stem)
        chat, added = importing.import_parsed(None, parsed, short_name.lstrip("#"))
    except ValidationFailed as refused:
        db.session.rollback()
        raise click.ClickException(f"{refused.message} Nothing was imported.") from None
    except Exception:
        db.session.rollback()
        raise
    db.session.commit()
    click.echo(f"{chat.title}: {len(parsed.prompts)} prompts, {added} new replies "
               f"({len(parsed.messages) - added} already there). /chats/{chat.id}")


@chats_cli.command("remind")
def remind_command() -> None:
    """Send the reminders that are due now (the job does it every five minutes)."""
    from chats.calendar import send_reminders

    click.echo(f"{send_reminders()} reminders queued.")
