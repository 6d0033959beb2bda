"""The deadline job: every minute, settle the campaigns whose deadline has passed and warn
hosts of those near it below their minimum. It is an edge (it commits, one campaign per
transaction) and idempotent: run twice, or racing a last pledge, it settles each once."""

from __future__ import annotations


def settle_deadlines() -> int:
    from training.campaigns import settle_due

    return settle_due()
