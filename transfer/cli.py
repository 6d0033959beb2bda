"""`flask import mediawiki DUMP` and `flask export markdown|mediawiki OUT`."""

from __future__ import annotations

import os
import sys

import click
from flask.cli import AppGroup

from core.extensions import db

import_cli = AppGroup("import", help="Bring content in from other systems.")
export_cli = AppGroup("export", help="Export every visible article in open formats.")


@import_cli.command("mediawiki")
@click.argument("dump", type=click.Path(exists=True, dir_okay=False))
@click.option("--dry-run", is_flag=True,
              help="Report what would be imported, converted and dropped; write nothing.")
@click.option("--wiki-name", default=None,
              help="Name of the source wiki (default: the dump's site name).")
@click.option("--files", "files_dir", type=click.Path(exists=True, file_okay=False),
              default=None,
              help="A folder of the wiki's files, named as its File: pages name them: "
                   "imported as attachments, and the pages' links point at them.")
@click.option("--uploader", default=None,
              help="Username the files are uploaded as (default: the first admin).")
def import_mediawiki(dump: str, dry_run: bool, wiki_name: str | None,
                     files_dir: str | None, uploader: str | None) -> None:
    """Import a MediaWiki XML export (.xml, .xml.bz2, .xml.gz) with full history."""
    from core.errors import CommonplaceError
    from transfer.dump import DumpReader, open_raw
    from transfer.importing import Importer

    member = _uploader(uploader) if files_dir and not dry_run else None
    raw = open_raw(dump)
    size = os.path.getsize(dump)
    source = getattr(raw, "fileobj", None) or getattr(raw, "_fp", None) or raw
    position = getattr(source, "tell", lambda: 0)
    importer = None
    try:
        reader = DumpReader(raw)
        with click.progressbar(length=size, label="Importing", file=sys.stderr) as bar:
            seen = [0]

            def advance() -> None:
                now = _tell(position)
                if now > seen[0]:
                    bar.update(now - seen[0])
                    seen[0] = now

            importer = Importer(reader, wiki_name=wiki_name, dry_run=dry_run,
                                commit=(lambda: None) if dry_run else db.session.commit,
                                progress=advance, files_dir=files_dir, uploader=member)
            report = importer.run()
    except CommonplaceError as error:  # the dump refused, or a page that cannot be saved
        db.session.rollback()
        if importer is not None:
            for line in importer.report.lines():
                click.echo(line)
        raise click.ClickException(str(error)) from error
    finally:
        raw.close()
    if dry_run:
        db.session.rollback()
    for line in report.lines():
        click.echo(line)


def _uploader(username: str | None):
    """The member a wiki's files are uploaded as: the one named, else the first admin."""
    from sqlalchemy import select

    from core.models import User

    query = select(User).where(User.active.is_(True))
    query = (query.where(User.username_key == username.lower()) if username
             else query.where(User.role == "admin").order_by(User.id))
    member = db.session.scalars(query.limit(1)).first()
    if member is None:
        raise click.ClickException(
            f"No active member “{username}” to upload the files as." if username else
            "--files needs a member to upload the files as: name one with --uploader "
            "(there is no admin yet).")
    return member


def _tell(position) -> int:
    try:
        return int(position())
    except (OSError, ValueError):
        return 0


@export_cli.command("markdown")
@click.argument("out", type=click.Path(dir_okay=False))
def export_markdown(out: str) -> None:
    """Every visible article as Markdown with front matter, in a zip with an index."""
    from transfer.export_markdown import write_markdown_zip

    with open(out, "wb") as handle:
        count = write_markdown_zip(handle)
    click.echo(f"Exported {count} articles to {out}.")


@export_cli.command("mediawiki")
@click.argument("out", type=click.Path(dir_okay=False))
def export_mediawiki(out: str) -> None:
    """Every visible article with its full history as a MediaWiki XML export (0.11)."""
    from transfer.export_mediawiki import write_mediawiki_xml

    with open(out, "wb") as handle:
        pages, revisions = write_mediawiki_xml(handle)
    click.echo(f"Exported {pages} articles ({revisions} revisions) to {out}.")
