"""Where the bytes of files are kept, behind one small interface chosen by FILE_STORAGE:

- `filesystem` (default): under FILES_DIR (instance/files/), one file per SHA-256 at
  `ab/cd/abcd...`, written to a temporary file in the same directory tree and moved into
  place with os.replace, so a reader never sees half a file and two writers of the same
  bytes both succeed.
- `database`: the bytes in the `file_blobs` table, written in the request's transaction
  (for several web hosts sharing one PostgreSQL).

Both are content-addressed: `put` computes the hash itself and the bytes under a hash
never change, so `get_storage().open(sha)` always gives what the hash says.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import re
import tempfile
from abc import ABC, abstractmethod
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from flask import current_app
from sqlalchemy import select

from core.extensions import db

CHUNK = 1024 * 1024
SHA_RE = re.compile(r"^[0-9a-f]{64}$")
BACKENDS = ("filesystem", "database")


def sha256_of(stream: BinaryIO) -> tuple[str, int]:
    """The SHA-256 and size of a stream, read in chunks from where it is (then rewound)."""
    start = stream.tell()
    digest, size = hashlib.sha256(), 0
    while chunk := stream.read(CHUNK):
        digest.update(chunk)
        size += len(chunk)
    stream.seek(start)
    return digest.hexdigest(), size


class Storage(ABC):
    name = ""

    @abstractmethod
    def put(self, stream: BinaryIO) -> tuple[str, int]:
        """Store the stream's bytes (read from where it is); returns (sha256, size)."""

    def put_bytes(self, data: bytes) -> tuple[str, int]:
        return self.put(io.BytesIO(data))

    @abstractmethod
    def open(self, sha: str) -> BinaryIO:
        """The bytes stored under `sha`, to read (FileNotFoundError if there are none)."""

    @abstractmethod
    def exists(self, sha: str) -> bool: ...

    @abstractmethod
    def delete(self, sha: str) -> None: ...

    @abstractmethod
    def hashes(self) -> Iterator[str]:
        """Every hash stored."""

    def read(self, sha: str) -> bytes:
        with self.open(sha) as stream:
            return stream.read()


class FilesystemStorage(Storage):
    name = "filesystem"

    def __init__(self, root: str | Path):
        self.root = Path(root)

    def path(self, sha: str) -> Path:
        if not SHA_RE.match(sha):
            raise FileNotFoundError(sha)
        return self.root / sha[:2] / sha[2:4] / sha

    def put(self, stream: BinaryIO) -> tuple[str, int]:
        self.root.mkdir(parents=True, exist_ok=True)
        digest, size = hashlib.sha256(), 0
        fd, temporary = tempfile.mkstemp(prefix=".upload-", dir=self.root)
        try:
            with os.fdopen(fd, "wb") as out:
                while chunk := stream.read(CHUNK):
                    digest.update(chunk)
                    size += len(chunk)
                    out.write(chunk)
                out.flush()
                os.fsync(out.fileno())
            sha = digest.hexdigest()
            target = self.path(sha)
            target.parent.mkdir(parents=True, exist_ok=True)
            os.chmod(temporary, 0o644)
            os.replace(temporary, target)  # atomic; the same bytes twice is the same file
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        return sha, size

    def open(self, sha: str) -> BinaryIO:
        return open(self.path(sha), "rb")  # noqa: SIM115 - the caller closes it

    def exists(self, sha: str) -> bool:
        try:
            return self.path(sha).is_file()
        except FileNotFoundError:
            return False

    def delete(self, sha: str) -> None:
        with contextlib.suppress(FileNotFoundError):  # not a hash: nothing stored
            self.path(sha).unlink(missing_ok=True)

    def hashes(self) -> Iterator[str]:
        if not self.root.is_dir():
            return
        for path in self.root.glob("??/??/*"):
            if SHA_RE.match(path.name) and path.is_file():
                yield path.name


class DatabaseStorage(Storage):
    name = "database"

    def put(self, stream: BinaryIO) -> tuple[str, int]:
        from files.models import FileBlob

        data = stream.read()
        sha = hashlib.sha256(data).hexdigest()
        if db.session.get(FileBlob, sha) is None:
            db.session.add(FileBlob(sha256=sha, data=data))
            db.session.flush()
        return sha, len(data)

    def open(self, sha: str) -> BinaryIO:
        from files.models import FileBlob

        data = db.session.scalar(select(FileBlob.data).where(FileBlob.sha256 == sha))
        if data is None:
            raise FileNotFoundError(sha)
        return io.BytesIO(data)

    def exists(self, sha: str) -> bool:
        from files.models import FileBlob

        return db.session.scalar(select(FileBlob.sha256).where(FileBlob.sha256 == sha)) \
            is not None

    def delete(self, sha: str) -> None:
        from files.models import FileBlob

        blob = db.session.get(FileBlob, sha)
        if blob is not None:
            db.session.delete(blob)
            db.session.flush()

    def hashes(self) -> Iterator[str]:
        from files.models import FileBlob

        yield from db.session.scalars(select(FileBlob.sha256))


def storage_for(config) -> Storage:
    backend = config.get("FILE_STORAGE") or "filesystem"
    if backend == "filesystem":
        return FilesystemStorage(config["FILES_DIR"])
    if backend == "database":
        return DatabaseStorage()
    raise ValueError(f"FILE_STORAGE must be one of {', '.join(BACKENDS)}, not {backend!r}")


def get_storage() -> Storage:
    """The current app's storage (FILE_STORAGE)."""
    return storage_for(current_app.config)


class BackupFiles:
    """What core.backup needs of stored files: the hashes the records need, and the
    storage's open and put (registered as app.extensions["backup.files"])."""

    def hashes(self) -> Iterator[str]:
        from files.models import FileVariant, StoredFile

        wanted = set(db.session.scalars(select(StoredFile.sha256))) | set(
            db.session.scalars(select(FileVariant.sha256)))
        return iter(sorted(wanted))

    def open(self, sha: str) -> BinaryIO:
        return get_storage().open(sha)

    def put(self, stream: BinaryIO) -> tuple[str, int]:
        return get_storage().put(stream)

    def exists(self, sha: str) -> bool:
        return get_storage().exists(sha)
