"""`flask files prune --grace-days N`: remove files that nothing uses; `flask files check`:
every recorded file is stored, with the bytes its hash says; `flask files extract`: read
the text of documents still waiting."""

from __future__ import annotations

import hashlib
import time
from datetime import timedelta

import click
from flask.cli import AppGroup
from sqlalchemy import delete, exists, select

from core.extensions import db
from core.timeutil import utcnow
from files.models import FileUse, FileVariant, StoredFile
from files.storage import CHUNK, FilesystemStorage, get_storage

files_cli = AppGroup("files", help="Uploaded files: prune, check, extract text.")


def prune(grace_days: int) -> tuple[int, int]:
    """Forget uploads older than the grace period that no content uses (no revision,
    however old, no question or answer), and remove bytes no record needs. Returns
    (records removed, stored files removed). Commits."""
    cutoff = utcnow() - timedelta(days=grace_days)
    unused = select(StoredFile.id).where(
        StoredFile.created_at < cutoff,
        ~exists().where(FileUse.sha256 == StoredFile.sha256))
    ids = db.session.scalars(unused).all()
    if ids:
        db.session.execute(delete(StoredFile).where(StoredFile.id.in_(ids)))
    kept = set(db.session.scalars(select(StoredFile.sha256)))
    db.session.execute(delete(FileVariant).where(FileVariant.original_sha256.not_in(kept))
                       if kept else delete(FileVariant))
    needed = kept | set(db.session.scalars(select(FileVariant.sha256)))
    db.session.commit()
    storage = get_storage()
    removed = 0
    for sha in list(storage.hashes()):
        if sha in needed:
            continue
        if isinstance(storage, FilesystemStorage):
            # Bytes written by an upload whose transaction is still open (or rolled back
            # moments ago) have no record yet: only old ones are orphans.
            age = time.time() - storage.path(sha).stat().st_mtime
            if age < grace_days * 86400:
                continue
        storage.delete(sha)
        removed += 1
    db.session.commit()
    return len(ids), removed


def check() -> list[str]:
    """Problems: a recorded file (or smaller size) missing, or whose bytes do not hash to
    its name."""
    storage = get_storage()
    wanted = set(db.session.scalars(select(StoredFile.sha256))) | set(
        db.session.scalars(select(FileVariant.sha256)))
    problems = []
    for sha in sorted(wanted):
        try:
            with storage.open(sha) as stream:
                digest = hashlib.sha256()
                while chunk := stream.read(CHUNK):
                    digest.update(chunk)
        except FileNotFoundError:
            problems.append(f"{sha}: missing")
            continue
        if digest.hexdigest() != sha:
            problems.append(f"{sha}: its bytes do not match its hash")
    return problems


@files_cli.command("prune")
@click.option("--grace-days", type=click.IntRange(0, 36500), default=30, show_default=True,
              help="Keep unused uploads younger than this (a draft may still use them).")
def prune_command(grace_days: int) -> None:
    """Remove uploaded files that no article revision, question or answer uses."""
    records, stored = prune(grace_days)
    click.echo(f"Removed {records} unused upload(s) and {stored} stored file(s).")


@files_cli.command("check")
def check_command() -> None:
    """Check that every recorded file is stored with the bytes its hash says."""
    problems = check()
    for line in problems:
        click.echo(line, err=True)
    if problems:
        raise SystemExit(1)
    click.echo("Every file is stored and matches its hash.")


@files_cli.command("extract")
def extract_command() -> None:
    """Read the text of documents whose extraction is still waiting."""
    from files.extract import extract_pending

    total = 0
    while count := extract_pending():
        total += count
    click.echo(f"Read the text of {total} document(s).")
