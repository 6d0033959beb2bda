"""Keeping the index equal to the database: the outbox, draining, rebuilding, checking.

A content change writes an outbox row in its own transaction (`record_change`). After
commit the indexer drains: it takes the index lock, reads the rows, builds the
documents from the database *after* taking the lock (so the last writer always
indexes the newest state), commits the index, and only then deletes the rows it
handled. A busy lock means "later"; a crash means the rows are still there.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import threading
from collections import defaultdict
from datetime import timedelta
from pathlib import Path

from flask import Flask, current_app, has_request_context
from sqlalchemy import delete, func, select
from whoosh import index as whoosh_index
from whoosh.index import LockError

from core.extensions import db
from core.timeutil import utcnow
from search import engine, schema, sources
from search.engine import Drift, IndexBusy  # noqa: F401 - raised and returned here
from search.models import SearchOutbox

log = logging.getLogger(__name__)
BATCH = 500


def record_change(kind: str, object_id: int) -> None:
    """Called inside the content's transaction: the change and its row commit together."""
    if kind not in sources.SOURCES:
        return
    db.session.add(SearchOutbox(kind=kind, object_id=object_id))
    db.session.info["search_pending"] = True


def open_index(app: Flask | None = None):
    return schema.open_or_create((app or current_app).config["SEARCH_INDEX_DIR"])


def _write(writer, kind: str, ids: list[int]) -> int:
    documents = sources.SOURCES[kind].documents(ids)
    for object_id in ids:
        document = documents.get(object_id)
        if document is None:
            writer.delete_by_term("key", sources.key(kind, object_id))
        else:
            writer.update_document(**document)
    return len(ids)


def drain_once(timeout: float = 1.0, batch: int = BATCH) -> int:
    """Index one batch of outbox rows; returns how many rows were handled (0: empty)."""
    ix = open_index()
    try:
        writer = ix.writer(timeout=timeout)
    except LockError:
        raise IndexBusy from None
    try:
        rows = db.session.execute(select(SearchOutbox.id, SearchOutbox.kind,
                                         SearchOutbox.object_id)
                                  .order_by(SearchOutbox.id).limit(batch)).all()
        if not rows:
            writer.cancel()
            return 0
        by_kind: dict[str, set[int]] = defaultdict(set)
        for _row_id, kind, object_id in rows:
            by_kind[kind].add(object_id)
        for kind, ids in by_kind.items():
            if kind in sources.SOURCES:
                _write(writer, kind, sorted(ids))
        writer.commit()
    except BaseException:
        writer.cancel()
        db.session.rollback()
        raise
    db.session.execute(delete(SearchOutbox).where(SearchOutbox.id.in_([row[0] for row in rows])))
    db.session.commit()
    return len(rows)


def drain(timeout: float = 1.0, max_batches: int = 1000) -> int:
    """Drain until the outbox is empty; IndexBusy if another process holds the lock."""
    handled = 0
    for _ in range(max_batches):
        count = drain_once(timeout=timeout)
        handled += count
        if count == 0:
            break
    return handled


def pending() -> int:
    return db.session.scalar(select(func.count()).select_from(SearchOutbox)) or 0


# A change normally reaches the index a few milliseconds after its commit.
BEHIND_AFTER = timedelta(seconds=30)


def behind() -> bool:
    """Whether the oldest change waiting for the index has waited too long (the index
    is not writable, or no process is draining): search then says so."""
    oldest = db.session.scalar(select(SearchOutbox.created_at)
                               .order_by(SearchOutbox.id).limit(1))
    return oldest is not None and utcnow() - oldest > BEHIND_AFTER


# ---------------------------------------------------------------- rebuild and check

# A rebuild spreads the analysis over several processes once there is enough to share.
PARALLEL_FROM = 2_000
REBUILD_LIMITMB = 256  # per indexing process: the postings it sorts in memory


def rebuild_procs(documents: int) -> int:
    """Processes for a rebuild of this many documents: one per core, up to four."""
    return min(4, os.cpu_count() or 1) if documents >= PARALLEL_FROM else 1


def rebuild(progress=None, procs: int | None = None, limitmb: int = REBUILD_LIMITMB) -> int:
    """Build a fresh index from the database in a new directory, then swap it in.

    With `procs` above 1 (by default, one per core for a large site), Whoosh's
    multi-process writer analyses documents in worker processes, each writing its own
    segment, while this process reads the database; the segments are left as they
    are rather than merged into one, which would cost as much again.
    """
    target = Path(current_app.config["SEARCH_INDEX_DIR"])
    target.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=".rebuild-", dir=target.parent))
    # Rows written from here on are drained into the new index after the swap.
    high_water = db.session.scalar(select(func.max(SearchOutbox.id))) or 0
    wanted = {kind: [object_id for object_id, _stamp in source.stamps()]
              for kind, source in sources.SOURCES.items()}
    if procs is None:
        procs = rebuild_procs(sum(len(ids) for ids in wanted.values()))
    ix = whoosh_index.create_in(str(fresh), schema.make_schema(), indexname=schema.INDEX_NAME)
    writer = ix.writer(procs=procs, limitmb=limitmb, multisegment=True) if procs > 1 \
        else ix.writer(limitmb=limitmb)
    count = 0
    try:
        for kind, ids in wanted.items():
            source = sources.SOURCES[kind]
            for start in range(0, len(ids), BATCH):
                chunk = ids[start:start + BATCH]
                for document in source.documents(chunk).values():
                    if document is not None:
                        writer.add_document(**document)
                        count += 1
                if progress:
                    progress(kind, len(chunk))
        writer.commit()
    except BaseException:
        writer.cancel()
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    old = target.with_name(target.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    fresh.rename(target)
    shutil.rmtree(old, ignore_errors=True)
    db.session.execute(delete(SearchOutbox).where(SearchOutbox.id <= high_water))
    db.session.commit()
    return count


def check() -> Drift:
    """Compare the app's search index with the database (any engine)."""
    return engine.current().check()


# ---------------------------------------------------------------- draining after commit

class Drainer:
    """Drains the outbox after commits: at once (tests), or in a background thread.

    The thread starts on the first commit in each process (so after gunicorn forks),
    wakes on every commit and every few seconds, and retries when the index is busy
    or unwritable: rows wait in the outbox, nothing is lost.
    """

    def __init__(self, app: Flask, mode: str = "thread", interval: float = 5.0):
        self.app = app
        self.mode = mode
        self.interval = interval
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self.last_error: str | None = None

    def notify(self) -> None:
        if self.mode == "off":
            return
        # Outside a request (a CLI command, a script) there is no next request to wait
        # for, and a daemon thread would die with the process: drain now.
        if self.mode == "sync" or not has_request_context():
            self.drain_now()
            return
        self._ensure_thread()
        self._wake.set()

    def drain_now(self) -> int | None:
        """Rows handled, or None when the index was busy or not writable (rows kept)."""
        with self.app.app_context():
            try:
                handled = drain()
                self.last_error = None
                return handled
            except IndexBusy:
                return None
            except OSError as error:  # read-only or full disk: keep the rows, try later
                self.last_error = str(error)
                log.warning("search index not writable, outbox kept: %s", error)
                return None
            except Exception as error:  # noqa: BLE001 - a member's save must never fail here
                self.last_error = repr(error)
                log.exception("search drain failed; the outbox keeps the rows")
                return None
            finally:
                db.session.remove()

    @property
    def started(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def _ensure_thread(self) -> None:
        with self._lock:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="search-drainer",
                                                daemon=True)
                self._thread.start()

    def _run(self) -> None:
        wait = self.interval
        while True:
            self._wake.wait(wait)
            self._wake.clear()
            try:
                # Busy or unwritable: try again soon, so an edit is searchable quickly.
                wait = self.interval if self.drain_now() is not None else 0.3
            except Exception:  # noqa: BLE001 - the thread must survive to retry
                log.exception("search drain failed; the outbox keeps the rows")
                wait = 1.0
