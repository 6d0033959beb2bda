"""Full-site backup and restore: every table as JSON lines in one .tar.gz.

The format is independent of the database engine, so a SQLite site can be restored
into PostgreSQL and back. The search index is not saved: it is rebuilt from the
restored database (the store is the truth).

Stored files (uploads) go in as `files/<sha256>` members, whichever storage keeps them: a
part that keeps bytes registers a provider in `app.extensions["backup.files"]` (hashes(),
open(sha), put(stream) -> (sha, size)), and marks a table of raw bytes with
`info={"backup": False}` so it is not written as rows. A restore stores each file again and
refuses the archive if a file's bytes do not hash to its name, or one its rows need is
missing.
"""

from __future__ import annotations

import io
import json
import re
import tarfile
import time
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import Date, DateTime, func, insert, inspect, select, text, update
from sqlalchemy.exc import DataError, IntegrityError, StatementError
from sqlalchemy.sql.schema import Table

from core.extensions import db
from core.markup import sanitise

FORMAT = 1


def _tables() -> list[Table]:
    return [table for table in db.metadata.sorted_tables
            if table.info.get("backup", True)]


def _files_provider():
    from flask import current_app

    return current_app.extensions.get("backup.files")


def _deferred_columns(table: Table) -> list[str]:
    """Foreign keys that close a cycle (created with use_alter) or point into their own
    table (a topic marked a duplicate of a later one, an organisation merged into a newer
    one): restored in a second pass, once every row is in."""
    return [fk.parent.name for fk in table.foreign_keys
            if fk.use_alter or fk.column.table is table]


def _encode(value):
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _alembic_revision() -> str | None:
    try:
        return db.session.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except Exception:  # noqa: BLE001 - a database made without migrations has none
        db.session.rollback()
        return None


def create(path: str | Path) -> dict:
    """Write the whole database to `path` (a .tar.gz); returns the manifest."""
    path = Path(path)
    manifest = {"format": FORMAT, "created": datetime.utcnow().isoformat(timespec="seconds"),
                "alembic_revision": _alembic_revision(), "tables": {}}
    with tarfile.open(path, "w:gz") as archive:
        for table in _tables():
            buffer = io.BytesIO()
            count = 0
            for row in db.session.execute(select(table)).mappings():
                line = json.dumps({key: _encode(value) for key, value in row.items()},
                                  ensure_ascii=False)
                buffer.write(line.encode() + b"\n")
                count += 1
            _add(archive, f"tables/{table.name}.jsonl", buffer.getvalue())
            manifest["tables"][table.name] = count
        provider = _files_provider()
        if provider is not None:
            manifest["files"] = _add_files(archive, provider)
        _add(archive, "manifest.json", json.dumps(manifest, indent=2).encode())
    return manifest


def _add_files(archive: tarfile.TarFile, provider) -> int:
    count = 0
    for sha in sorted(provider.hashes()):
        try:
            stream = provider.open(sha)
        except FileNotFoundError:
            continue  # `flask files check` reports it; the backup holds what there is
        with stream:
            stream.seek(0, io.SEEK_END)
            info = tarfile.TarInfo(f"files/{sha}")
            info.size = stream.tell()
            info.mtime = int(time.time())
            stream.seek(0)
            archive.addfile(info, stream)
        count += 1
    return count


def _restore_files(archive: tarfile.TarFile) -> None:
    """Store every files/<sha256> member again, checking its bytes against its name; then
    every file the restored rows need must be there."""
    provider = _files_provider()
    if provider is None:
        return
    for member in archive.getmembers():
        if not member.name.startswith("files/"):
            continue
        name = member.name.removeprefix("files/")
        if not member.isfile() or not _SHA_RE.match(name):
            raise RestoreRefused(f"{member.name}: not a stored file of a Commonplace backup.")
        stream = archive.extractfile(member)
        sha, _size = provider.put(stream)
        if sha != name:
            raise RestoreRefused(f"{member.name}: its bytes do not match its hash (the "
                                 "archive is damaged or was changed), so nothing was "
                                 "restored.")
    db.session.flush()
    missing = [sha for sha in provider.hashes() if not provider.exists(sha)]
    if missing:
        raise RestoreRefused(f"The backup lacks {len(missing)} stored file(s) its rows "
                             f"need (files/{missing[0]} ...), so nothing was restored.")


_SHA_RE = re.compile(r"^[0-9a-f]{64}$")


def _add(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(time.time())
    archive.addfile(info, io.BytesIO(data))


class RestoreRefused(Exception):
    pass


def _is_html(column) -> bool:
    """Stored rendered HTML (`html`, `toc_html`, `blurb_html`, ...)."""
    return column.name == "html" or column.name.endswith("_html")


def _decode(table: Table, row, where: str) -> dict:
    if not isinstance(row, dict):
        raise RestoreRefused(f"{where}: a row must be a JSON object.")
    decoded = {}
    for key, value in row.items():
        column = table.columns.get(key)
        if column is None:
            raise RestoreRefused(f"{where}: the column {key!r} is not one this version of "
                                 "Commonplace knows.")
        if value is not None and isinstance(column.type, DateTime):
            try:
                value = datetime.fromisoformat(value)
            except (TypeError, ValueError):
                raise RestoreRefused(f"{where}: {key} is not a date and time.") from None
        elif value is not None and isinstance(column.type, Date):
            try:
                value = date.fromisoformat(value)
            except (TypeError, ValueError):
                raise RestoreRefused(f"{where}: {key} is not a date.") from None
        if isinstance(value, str) and "\x00" in value:
            raise RestoreRefused(f"{where}: {key} contains a NUL character.")
        if value is not None and _is_html(column):
            # Stored HTML is shown as it is: an archive is not trusted to hold clean HTML.
            if not isinstance(value, str):
                raise RestoreRefused(f"{where}: {key} is not text.")
            value = sanitise(value)
        decoded[key] = value
    return decoded


def _member(archive: tarfile.TarFile, name: str) -> bytes:
    try:
        member = archive.extractfile(name)
    except KeyError:
        member = None
    if member is None:
        raise RestoreRefused(f"The backup has no {name}: it is incomplete or not a "
                             "Commonplace backup.")
    return member.read()


def _rows(table: Table, data: bytes) -> list[dict]:
    rows = []
    for number, line in enumerate(data.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"tables/{table.name}.jsonl line {number}"
        try:
            row = json.loads(line)
        except ValueError:
            raise RestoreRefused(f"{where} is not valid JSON.") from None
        rows.append(_decode(table, row, where))
    return rows


def restore(path: str | Path) -> dict:
    """Load a backup into an empty, migrated database; returns the manifest.

    Everything happens in one transaction: an archive that is damaged, foreign or
    inconsistent is refused with a message that says where, and leaves the database
    as empty as it was. Stored HTML is sanitised again on the way in.
    """
    try:
        with tarfile.open(Path(path), "r:gz") as archive:
            return _restore(archive)
    except RestoreRefused:
        db.session.rollback()
        raise
    except (tarfile.TarError, EOFError, OSError, UnicodeDecodeError) as error:
        db.session.rollback()
        raise RestoreRefused(f"This is not a readable backup archive ({error}).") from None
    except (IntegrityError, DataError, StatementError, KeyError, TypeError,
            ValueError) as error:
        db.session.rollback()
        detail = getattr(error, "orig", None) or error
        raise RestoreRefused("The backup's rows do not fit together or do not fit this "
                             f"database, so nothing was restored: {detail}") from None


def _restore(archive: tarfile.TarFile) -> dict:
    try:
        manifest = json.loads(_member(archive, "manifest.json"))
    except ValueError:
        raise RestoreRefused("The backup's manifest.json is not valid JSON.") from None
    if not isinstance(manifest, dict):
        raise RestoreRefused("The backup's manifest.json is not a Commonplace manifest.")
    if manifest.get("format") != FORMAT:
        raise RestoreRefused(f"Unknown backup format {manifest.get('format')!r}.")
    missing = sorted({table.name for table in _tables()}
                     - set(inspect(db.session.connection()).get_table_names()))
    if missing:
        raise RestoreRefused(
            f"This database has no {'tables' if len(missing) > 1 else 'table'} "
            f"{', '.join(missing[:5])}{' ...' if len(missing) > 5 else ''}: run "
            "`flask db upgrade` first, then restore into the empty database it makes.")
    current = _alembic_revision()
    if manifest.get("alembic_revision") and current and \
            manifest["alembic_revision"] != current:
        raise RestoreRefused(
            f"The backup was made at schema {manifest['alembic_revision']}, this database "
            f"is at {current}: run `flask db upgrade` on a matching version first.")
    for table in _tables():
        if db.session.scalar(select(func.count()).select_from(table)):
            raise RestoreRefused(f"The database is not empty (table {table.name} has "
                                 "rows): restore goes into an empty database.")
    deferred: list[tuple[Table, dict]] = []
    for table in _tables():
        rows = _rows(table, _member(archive, f"tables/{table.name}.jsonl"))
        later = _deferred_columns(table)
        for index, row in enumerate(rows):
            if later and any(row.get(name) is not None for name in later):
                keys = {column.name: row[column.name] for column in table.primary_key}
                deferred.append((table, keys, {name: row[name] for name in later}))
                rows[index] = {**row, **dict.fromkeys(later)}
        if rows:
            db.session.execute(insert(table), rows)
    for table, keys, values in deferred:
        condition = [table.c[name] == value for name, value in keys.items()]
        db.session.execute(update(table).where(*condition).values(**values))
    _restore_files(archive)
    _reset_sequences()
    db.session.commit()
    return manifest


def _reset_sequences() -> None:
    """PostgreSQL's id sequences must continue after the restored rows."""
    if db.engine.dialect.name != "postgresql":
        return
    for table in _tables():
        for column in table.primary_key:
            if column.autoincrement is True or (column.autoincrement == "auto" and
                                                 column.type.python_type is int and
                                                 len(table.primary_key) == 1):
                sequence = db.session.execute(text(
                    "SELECT pg_get_serial_sequence(:table, :column)"),
                    {"table": table.name, "column": column.name}).scalar()
                if sequence:
                    highest = db.session.scalar(select(func.max(column)))
                    db.session.execute(text("SELECT setval(:sequence, :next, false)"),
                                       {"sequence": sequence, "next": (highest or 0) + 1})
