"""Transactions at the edge: one commit per request, retried when a race loses."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from typing import TypeVar

from flask import current_app
from sqlalchemy.exc import IntegrityError, OperationalError, SQLAlchemyError

from core.extensions import db

T = TypeVar("T")

RACE_MESSAGES = ("database is locked", "could not serialize", "deadlock detected")
ATTEMPTS = 8
FIRST_PAUSE = 0.01  # seconds; doubled after each loss, with jitter, up to MAX_PAUSE
MAX_PAUSE = 0.4
ASIDE_WAIT_MS = 200  # the longest a bookkeeping write waits for a lock before giving up


class TooBusy(Exception):
    """Every attempt lost a race: the caller keeps the member's text and asks them to resend."""


def _lost_a_race(error: Exception) -> bool:
    if isinstance(error, IntegrityError):
        return True
    return any(text in str(error).lower() for text in RACE_MESSAGES)


def run_in_transaction(work: Callable[[], T], attempts: int = ATTEMPTS) -> T:
    """Run `work` and commit; if a concurrent writer got there first, roll back and redo it.

    `work` must load what it needs afresh each time: after a rollback it sees the
    winner's committed state (on SQLite as on PostgreSQL) and decides again, so a
    lost race becomes a merge or a conflict, never an error or a lost save. Between
    attempts it waits a little, longer each time and at random, so that writers who
    keep colliding spread out. If every attempt loses, it raises TooBusy.
    """
    pause = FIRST_PAUSE
    for attempt in range(attempts):
        try:
            result = work()
            db.session.commit()
            return result
        except (IntegrityError, OperationalError) as error:
            db.session.rollback()
            if not _lost_a_race(error):
                raise
            if attempt == attempts - 1:
                raise TooBusy(str(error)) from error
        time.sleep(random.uniform(pause / 2, pause))
        pause = min(pause * 2, MAX_PAUSE)
    raise AssertionError("unreachable")  # pragma: no cover


def write_aside(statement) -> bool:
    """A small bookkeeping write (a member's last visit, an article read) that is no part of
    the request's work: on a connection of its own, committed at once, waiting at most
    ASIDE_WAIT_MS for a lock (SQLite's busy timeout, PostgreSQL's lock_timeout), and
    skipped silently on any database error, so that a page never becomes slow or fails
    because of it. The request's own transaction (the edge's) is left alone. Returns
    whether it was written."""
    try:
        with db.engine.connect() as connection:
            sqlite = connection.dialect.name == "sqlite"
            if sqlite:
                usual = int(connection.exec_driver_sql("PRAGMA busy_timeout").scalar() or 0)
                connection.exec_driver_sql(f"PRAGMA busy_timeout = {ASIDE_WAIT_MS}")
            else:
                connection.exec_driver_sql(f"SET LOCAL lock_timeout = '{ASIDE_WAIT_MS}ms'")
            try:
                connection.execute(statement)
                connection.commit()
            finally:
                if sqlite:  # the connection goes back to the pool: as it was
                    connection.rollback()
                    connection.exec_driver_sql(f"PRAGMA busy_timeout = {usual}")
                    connection.commit()
        return True
    except SQLAlchemyError as error:
        current_app.logger.info("bookkeeping write skipped: %s", error)
        return False
