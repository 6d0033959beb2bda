"""`flask demo load`: every part's demo content, in the order each needs the last's (members,
then articles, then workgroups and threads, then the editors' desk)."""

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
    from community.demo import load_demo_community
    from core.demo import demo_members, load_members
    from editors.demo import load_demo_desk
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
    db.session.commit()
    click.echo(f"Demo community loaded: {len(users)} members.")
    password, members = demo_members()
    click.echo(f"Sign in with password {password!r} as:")
    for member in members[:4]:
        click.echo(f"  {member['role']:<7} {member['username']:<14} ({member['name']})")
