"""The two storages behind one interface pass the same tests."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pytest

from core.extensions import db
from files.storage import FilesystemStorage, get_storage, storage_for


def test_bytes_are_stored_under_their_hash_once(app, backend):
    storage = get_storage()
    data = b"the same bytes" * 1000
    sha, size = storage.put(io.BytesIO(data))
    again, _ = storage.put_bytes(data)
    db.session.commit()
    assert sha == again == hashlib.sha256(data).hexdigest() and size == len(data)
    assert storage.exists(sha) and storage.read(sha) == data
    assert list(storage.hashes()) == [sha]
    storage.delete(sha)
    db.session.commit()
    assert not storage.exists(sha)
    with pytest.raises(FileNotFoundError):
        storage.open(sha)


def test_what_is_not_a_hash_is_never_a_path(app, backend):
    storage = get_storage()
    for name in ("../../etc/passwd", "A" * 64, "", "0" * 63):
        assert not storage.exists(name)
        with pytest.raises(FileNotFoundError):
            storage.open(name)


def test_filesystem_writes_are_atomic_and_leave_no_temporary_file(tmp_path):
    storage = FilesystemStorage(tmp_path / "store")
    sha, _ = storage.put_bytes(b"x" * 5000)
    path = storage.path(sha)
    assert path == tmp_path / "store" / sha[:2] / sha[2:4] / sha
    assert [p.name for p in (tmp_path / "store").iterdir() if p.is_file()] == []

    class Broken(io.BytesIO):
        def read(self, *args):
            raise OSError("disk went away")

    with pytest.raises(OSError):
        storage.put(Broken())
    assert not any(p.name.startswith(".upload-") for p in Path(tmp_path / "store").iterdir())


def test_an_unknown_storage_is_refused_at_start():
    with pytest.raises(ValueError, match="FILE_STORAGE"):
        storage_for({"FILE_STORAGE": "s3", "FILES_DIR": "unused"})
