"""`flask users ...`, `flask backup ...` and `flask markup resanitize` (`flask demo load` is
the demo package's: it loads every part's demo content)."""

from __future__ import annotations

import sys

import click
from flask.cli import AppGroup
from sqlalchemy import select

from core import accounts
from core.errors import NotFound, ValidationFailed
from core.extensions import db
from core.models import ROLES

users_cli = AppGroup("users", help="Manage member accounts.")


def _read_password() -> str:
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\n")
    return click.prompt("Password", hide_input=True, confirmation_prompt=True)


@users_cli.command("create")
@click.argument("username")
@click.argument("email")
@click.option("--role", type=click.Choice(ROLES), default="member", show_default=True)
def create_user(username: str, email: str, role: str) -> None:
    """Create an account; the password is prompted for, or read from stdin."""
    password = _read_password()
    try:
        user = accounts.register(username, email, password, role=role)
    except ValidationFailed as error:
        db.session.rollback()
        raise click.ClickException(error.message) from None
    db.session.commit()
    click.echo(f"Created {user.username} ({user.role}).")


@users_cli.command("set-role")
@click.argument("username")
@click.argument("role", type=click.Choice(ROLES))
@click.option("--reason", default="", help="Why, for the audit log.")
def set_role(username: str, role: str, reason: str) -> None:
    """Give a member the role member, editor or admin."""
    try:
        user = accounts.get_by_username(username)
    except NotFound as error:
        raise click.ClickException(error.message) from None
    try:
        accounts.set_role(user, role, reason=reason)
    except ValidationFailed as error:
        db.session.rollback()
        raise click.ClickException(error.message) from None
    db.session.commit()
    click.echo(f"{user.username} is now {role}.")


backup_cli = AppGroup("backup", help="Full-site backup and restore.")


@backup_cli.command("create")
@click.argument("path", type=click.Path(dir_okay=False, writable=True))
def backup_create(path: str) -> None:
    """Write every table to PATH (.tar.gz). The search index is rebuilt on restore."""
    from core import backup

    manifest = backup.create(path)
    rows = sum(manifest["tables"].values())
    click.echo(f"Backed up {rows} rows from {len(manifest['tables'])} tables to {path}.")


@backup_cli.command("restore")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
def backup_restore(path: str) -> None:
    """Load PATH into this (empty, migrated) database, then rebuild the search index."""
    from core import backup

    try:
        manifest = backup.restore(path)
    except backup.RestoreRefused as error:
        db.session.rollback()
        raise click.ClickException(str(error)) from None
    click.echo(f"Restored {sum(manifest['tables'].values())} rows.")
    from core import signals

    for _receiver, line in signals.send(signals.site_restored):
        click.echo(line)


markup_cli = AppGroup("markup", help="Stored rendered HTML.")
RESANITIZE_BATCH = 500


def resanitize() -> dict[str, tuple[int, int]]:
    """Put every stored rendered HTML column (`html`, `*_html`: revisions, questions,
    answers, comments, collections, features...) through today's sanitiser again, in
    batches of RESANITIZE_BATCH rows, each committed. Returns {"table.column": (rows
    read, rows changed)}. Idempotent: clean HTML comes out unchanged, so a second run
    changes nothing."""
    from core.backup import _is_html
    from core.markup import sanitise

    counts: dict[str, tuple[int, int]] = {}
    for table in db.metadata.sorted_tables:
        columns = [column for column in table.columns if _is_html(column)]
        keys = list(table.primary_key.columns)
        if not columns or len(keys) != 1:
            continue
        key = keys[0]
        read = dict.fromkeys((column.name for column in columns), 0)
        changed = dict(read)
        last = None
        while True:
            query = select(key, *columns).order_by(key).limit(RESANITIZE_BATCH)
            if last is not None:
                query = query.where(key > last)
            rows = db.session.execute(query).all()
            if not rows:
                break
            for row in rows:
                values = {}
                for column, value in zip(columns, row[1:], strict=True):
                    if value is None:
                        continue
                    read[column.name] += 1
                    clean = sanitise(value)
                    if clean != value:
                        values[column.name] = clean
                        changed[column.name] += 1
                if values:
                    db.session.execute(table.update().where(key == row[0]).values(**values))
            last = rows[-1][0]
            db.session.commit()
        for column in columns:
            counts[f"{table.name}.{column.name}"] = (read[column.name], changed[column.name])
    return counts


@markup_cli.command("resanitize")
def markup_resanitize() -> None:
    """Sanitise all stored rendered HTML again (after a sanitiser change); idempotent."""
    counts = resanitize()
    for name, (read, changed) in counts.items():
        click.echo(f"{name}: {read} checked, {changed} changed")
    total = sum(changed for _read, changed in counts.values())
    click.echo(f"{total} stored HTML value{'s' if total != 1 else ''} changed. Pages cached "
               "by running web processes show the new HTML once they restart.")
