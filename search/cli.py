"""`flask search rebuild | check | drain`, for whichever engine the app uses."""

from __future__ import annotations

import sys

import click
from flask.cli import AppGroup

from search import engine, sources
from search.engine import IndexBusy

search_cli = AppGroup("search", help="The full-text search index.")


@search_cli.command("rebuild")
@click.option("--procs", type=click.IntRange(min=1), default=None,
              help="Indexing processes (Whoosh's multi-process writer). Default: one per "
                   "core, up to four, for 2,000 documents or more; one for fewer.")
def rebuild(procs: int | None) -> None:
    """Rebuild the index from the database (into a new directory, then swapped in)."""
    total = sum(sum(1 for _ in source.stamps()) for source in sources.SOURCES.values())
    with click.progressbar(length=total, label="Indexing", file=sys.stderr,
                           show_pos=True) as bar:
        count = engine.current().rebuild(progress=lambda _kind, done: bar.update(done),
                                         procs=procs)
    click.echo(f"Indexed {count} documents.")


@search_cli.command("check")
def check() -> None:
    """Compare the index with the database; exit 1 if they differ."""
    drift = engine.current().check()
    waiting = engine.current().pending()
    for label, keys in (("missing from the index", drift.missing),
                        ("in the index but not the database", drift.extra),
                        ("out of date in the index", drift.stale)):
        if keys:
            shown = ", ".join(keys[:20]) + (f" and {len(keys) - 20} more" if len(keys) > 20
                                             else "")
            click.echo(f"{len(keys)} {label}: {shown}")
    if waiting:
        click.echo(f"{waiting} changes wait in the outbox (run `flask search drain`).")
    if drift.clean:
        click.echo("The index matches the database.")
    else:
        sys.exit(1)


@search_cli.command("drain")
@click.option("--timeout", type=float, default=10.0, show_default=True,
              help="Seconds to wait for the index lock.")
def drain(timeout: float) -> None:
    """Index every change waiting in the outbox."""
    try:
        count = engine.current().drain(timeout=timeout)
    except IndexBusy:
        click.echo("The index is busy; the changes stay in the outbox. Try again.")
        sys.exit(2)
    click.echo(f"Indexed {count} changes; {engine.current().pending()} waiting.")
