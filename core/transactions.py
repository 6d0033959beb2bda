"""Transactions at the edge: one commit per request, retried when a race loses."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy.exc import IntegrityError, OperationalError

from core.extensions import db

T = TypeVar("T")

RACE_MESSAGES = ("database is locked", "could not serialize", "deadlock detected")
ATTEMPTS = 8
FIRST_PAUSE = 0.01  # seconds; doubled after each loss, with jitter, up to MAX_PAUSE
MAX_PAUSE = 0.4


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
