"""`flask demo load`: every part's demo content, in the order each needs the last's (members,
then articles, then workgroups and threads, then the editors' desk, then the organisations
and the members' affiliations)."""

from __future__ import annotations

import click
from flask import Flask
from flask.cli import AppGroup
from sqlalchemy import func, select

from core.extensions import db
from core.models import User

demo_cli = AppGroup("demo", help="Demo content.")


def init_demo(app: Flask) -> None:
    app.cli.add_command(demo_cli)


@demo_cli.command("load")
@click.option("--if-empty", is_flag=True, help="Do nothing when the site already has members.")
def load_demo(if_empty: bool) -> None:
    """Fill an empty database with a small, realistic community."""
    from chats.demo import load_demo_chats
    from community.demo import load_demo_community
    from core.demo import load_members
    from editors.demo import load_demo_desk
    from mail.demo import load_demo_mail
    from orgs.demo import load_demo_orgs
    from sectors.demo import load_demo_sectors
    from wiki.demo import load_demo_articles

    if db.session.scalar(select(func.count()).select_from(User)):
        if if_empty:
            click.echo("The database already has content; demo not loaded.")
            return
        raise click.ClickException(
            "The database is not empty; demo content goes into an empty one.")
    users = load_members()
    load_demo_articles(users)
    load_demo_community(users)
    load_demo_desk(users)
    orgs = load_demo_orgs(users)
    from training.demo import load_demo_training

    load_demo_training(users, orgs)  # before mail: its notices find no verified address
    load_demo_mail(users)
    load_demo_chats(users)
    load_demo_sectors(users)
    db.session.commit()
    click.echo(f"Demo community loaded: {len(users)} members.")
    _echo_demo_accounts(limit=4)
    click.echo("`flask demo accounts` lists every demo account.")
    from flask import current_app

    if not current_app.config.get("MAIL_URL"):
        click.echo(f"Mail is written to {current_app.config['MAIL_DIR']} (set MAIL_URL to "
                   "send it).")


@demo_cli.command("accounts")
def demo_accounts() -> None:
    """The demo accounts on this site, with their role and the shared password."""
    if not _echo_demo_accounts():
        raise click.ClickException("No demo accounts here: `flask demo load` adds them to an "
                                   "empty database.")


def _echo_demo_accounts(limit: int | None = None) -> int:
    """Print the demo accounts that exist here (the first `limit`); return how many."""
    from core.demo import demo_members

    password, members = demo_members()
    roles = dict(db.session.execute(select(User.username, User.role).where(
        User.username.in_([member["username"] for member in members]))).all())
    present = [member for member in members if member["username"] in roles][:limit]
    if present:
        click.echo(f"Sign in with password {password!r} as:")
    for member in present:
        click.echo(f"  {roles[member['username']]:<7} {member['username']:<14} "
                   f"({member['name']})")
    return len(present)
