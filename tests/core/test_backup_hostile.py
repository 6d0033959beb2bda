"""`flask backup restore` refuses damaged, foreign and hostile archives with a clear
message and changes nothing; stored HTML from an archive is sanitised on the way in."""

from __future__ import annotations

import gzip
import io
import json
import tarfile

import pytest
from sqlalchemy import func, select

from core import backup
from core.extensions import db
from tests.core.test_markup import VECTORS, audit


def _tables_empty() -> bool:
    return all(not db.session.scalar(select(func.count()).select_from(table))
               for table in db.metadata.sorted_tables)


def _write(path, members: dict[str, bytes]) -> None:
    with tarfile.open(path, "w:gz") as archive:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))


@pytest.fixture
def good(app, tmp_path, make_user):
    """The members of a real backup of a small site, which is then emptied."""
    from wiki import saving

    author = make_user("ada", display_name="Ada Author")
    saving.create_article(author, title="Seed libraries", body="Lend seeds, not just books.")
    db.session.commit()
    path = tmp_path / "good.tar.gz"
    backup.create(path)
    with tarfile.open(path, "r:gz") as archive:
        members = {member.name: archive.extractfile(member).read()
                   for member in archive.getmembers()}
    for table in reversed(db.metadata.sorted_tables):
        db.session.execute(table.delete())
    db.session.commit()
    assert _tables_empty()
    return members


def _changed(members: dict[str, bytes], table: str, change) -> dict[str, bytes]:
    rows = [json.loads(line) for line in members[f"tables/{table}.jsonl"].splitlines()]
    lines = [json.dumps(change(row)) for row in rows]
    return {**members, f"tables/{table}.jsonl": "\n".join(lines).encode()}


def _refused(app, tmp_path, members=None, raw: bytes | None = None) -> str:
    path = tmp_path / "hostile.tar.gz"
    if raw is not None:
        path.write_bytes(raw)
    else:
        _write(path, members)
    result = app.test_cli_runner().invoke(args=["backup", "restore", str(path)])
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit), result.exception  # no traceback
    db.session.remove()
    assert _tables_empty(), "a refused restore changed the database"
    return result.output


CASES = {
    "random bytes": lambda good: b"\x00\xffnot an archive" * 10,
    "empty file": lambda good: b"",
    "gzip of not a tar": lambda good: gzip.compress(b"hello, world" * 100),
    "cut short": lambda good: _bytes(good)[:200],
}


def _bytes(members) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


@pytest.mark.parametrize("case", list(CASES))
def test_what_is_not_an_archive_is_refused(app, tmp_path, good, case):
    output = _refused(app, tmp_path, raw=CASES[case](good))
    assert "not a readable backup archive" in output or "has no" in output


def test_an_archive_without_its_manifest_or_a_table_is_refused(app, tmp_path, good):
    without_manifest = {name: data for name, data in good.items() if name != "manifest.json"}
    assert "has no manifest.json" in _refused(app, tmp_path, without_manifest)
    without_users = {name: data for name, data in good.items()
                     if name != "tables/users.jsonl"}
    assert "has no tables/users.jsonl" in _refused(app, tmp_path, without_users)


@pytest.mark.parametrize("manifest, message", [
    (b"{not json", "not valid JSON"),
    (b"[1, 2]", "not a Commonplace manifest"),
    (b'{"format": 99}', "Unknown backup format 99"),
])
def test_a_foreign_manifest_is_refused(app, tmp_path, good, manifest, message):
    assert message in _refused(app, tmp_path, {**good, "manifest.json": manifest})


def test_a_line_that_is_not_json_is_refused(app, tmp_path, good):
    members = {**good, "tables/users.jsonl": b"{broken\n"}
    assert "tables/users.jsonl line 1 is not valid JSON" in _refused(app, tmp_path, members)


@pytest.mark.parametrize("change, message", [
    (lambda row: [row], "line 1: a row must be a JSON object"),
    (lambda row: {**row, "is_wizard": True}, "the column 'is_wizard' is not one"),
    (lambda row: {**row, "created_at": "yesterday"}, "created_at is not a date and time"),
    (lambda row: {**row, "bio": "nul\x00byte"}, "bio contains a NUL character"),
    (lambda row: {**row, "id": "not a number"}, "nothing was restored"),
    (lambda row: {key: value for key, value in row.items() if key != "username"},
     "nothing was restored"),
])
def test_malformed_rows_are_refused_and_nothing_is_restored(app, tmp_path, good, change,
                                                            message):
    assert message in _refused(app, tmp_path, _changed(good, "users", change))


def test_rows_that_do_not_fit_together_are_refused(app, tmp_path, good):
    doubled = {**good, "tables/users.jsonl": good["tables/users.jsonl"] * 2}
    assert "nothing was restored" in _refused(app, tmp_path, doubled)


def test_a_restored_archive_cannot_smuggle_script_into_stored_html(app, tmp_path, good):
    vectors = VECTORS or ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>',
                          '<a href="javascript:alert(1)">x</a>']
    hostile = " ".join(vectors[:400])

    members = _changed(good, "revisions", lambda row: {**row, "html": hostile,
                                                       "toc_html": hostile})
    path = tmp_path / "smuggled.tar.gz"
    _write(path, members)
    backup.restore(path)
    from wiki.models import Revision

    stored = db.session.scalars(select(Revision)).all()
    assert stored
    for revision in stored:
        assert audit(revision.html) == [] and audit(revision.toc_html) == []
        assert revision.html == backup.sanitise(hostile)


def test_a_restore_into_a_database_never_migrated_says_to_run_the_upgrade(tmp_path, good):
    from app import create_app

    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'bare.db'}",
                      "SECRET_KEY": "x", "SEARCH_INDEX_DIR": str(tmp_path / "ix"),
                      "SEARCH_ENGINE": "whoosh"})
    path = tmp_path / "backup.tar.gz"
    _write(path, good)
    with app.app_context():
        result = app.test_cli_runner().invoke(args=["backup", "restore", str(path)])
        db.engine.dispose()
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.output
    assert "run `flask db upgrade` first" in result.output and "no tables" in result.output
