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
@click.option("--files", "files_dir", type=click.Path(file_okay=False), default=None,
              help="A folder of the wiki's files (not supported yet).")
def import_mediawiki(dump: str, dry_run: bool, wiki_name: str | None,
                     files_dir: str | None) -> None:
    """Import a MediaWiki XML export (.xml, .xml.bz2, .xml.gz) with full history."""
    from core.errors import CommonplaceError
    from transfer.dump import DumpReader, open_raw
    from transfer.importing import Importer

    if files_dir:
        raise click.ClickException("--files is not supported yet: image and file links "
                                   "are kept as links to the source wiki.")
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
                                progress=advance)
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
