"""`flask orgs ...`: organisations from the command line (an edge: it commits itself)."""

from __future__ import annotations

import sys

import click
from flask.cli import AppGroup

orgs_cli = AppGroup("orgs", help="Organisations and consortia.")


@orgs_cli.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--skip-bad-rows", is_flag=True,
              help="Import the good rows and report the others (default: a file with any "
                   "bad row changes nothing).")
def import_command(path: str, skip_bad_rows: bool) -> None:
    """Load organisations and memberships from a CSV file (columns in the README)."""
    from core.extensions import db
    from orgs import importing

    with open(path, "rb") as handle:
        data = handle.read()
    try:
        rows = importing.read_rows(data)
    except importing.FileRefused as refused:
        raise click.ClickException(f"{refused} Nothing was imported.") from None
    with click.progressbar(length=len(rows), label="Importing", file=sys.stderr) as bar:
        done = [0]

        def progress(number: int) -> None:
            bar.update(number - done[0])
            done[0] = number

        try:
            report = importing.import_rows(rows, progress=progress)
        except Exception:
            db.session.rollback()
            raise
    for line, reason in report.refused:
        click.echo(f"line {line}: refused: {reason}")
    if report.refused and not skip_bad_rows:
        db.session.rollback()
        raise click.ClickException(
            f"{len(report.refused)} of {len(rows)} rows refused: nothing was imported. Fix "
            "them, or run again with --skip-bad-rows to import the others.")
    db.session.commit()
    click.echo(f"{report.created} created, {report.updated} updated, {report.unchanged} "
               f"unchanged, {report.memberships} memberships added"
               + (f", {len(report.refused)} rows skipped." if report.refused else "."))
