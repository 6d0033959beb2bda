"""Transactions at the edge: one commit per request, retried when a race loses."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from sqlalchemy.exc import IntegrityError, OperationalError

from core.extensions import db

T = TypeVar("T")

RACE_MESSAGES = ("database is locked", "could not serialize", "deadlock detected")


def _lost_a_race(error: Exception) -> bool:
    if isinstance(error, IntegrityError):
        return True
    return any(text in str(error).lower() for text in RACE_MESSAGES)


def run_in_transaction(work: Callable[[], T], attempts: int = 5) -> T:
    """Run `work` and commit; if a concurrent writer got there first, roll back and redo it.

    `work` must load what it needs afresh each time: after a rollback it sees the
    winner's committed state (on SQLite as on PostgreSQL) and decides again, so a
    lost race becomes a merge or a conflict, never an error or a lost save.
    """
    for attempt in range(attempts):
        try:
            result = work()
            db.session.commit()
            return result
        except (IntegrityError, OperationalError) as error:
            db.session.rollback()
            if attempt == attempts - 1 or not _lost_a_race(error):
                raise
    raise AssertionError("unreachable")  # pragma: no cover
