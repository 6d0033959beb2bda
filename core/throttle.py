"""Per-member limits on how fast something may be done (posting, creating articles).

The limits live in the rate limiter's storage (memory, or Redis with several workers),
in a moving window per member and scope. New accounts (less than a day old) get the
stricter limit. Nothing is counted when RATELIMIT_ENABLED is off (the demo loader).
"""

from __future__ import annotations

from datetime import timedelta

from flask import current_app
from limits import parse
from limits.strategies import MovingWindowRateLimiter

from core.errors import RateLimited
from core.extensions import limiter
from core.timeutil import utcnow

NEW_ACCOUNT_AGE = timedelta(days=1)


def check_member_rate(user, scope: str, limits: dict[str, str], what: str) -> None:
    """Count one `scope` action by `user`; raise RateLimited past `limits` ("new" for
    accounts under a day old, "member" otherwise), saying what was limited."""
    if not current_app.config.get("RATELIMIT_ENABLED", True):
        return
    kind = "new" if utcnow() - user.created_at < NEW_ACCOUNT_AGE else "member"
    if not MovingWindowRateLimiter(limiter.storage).hit(parse(limits[kind]), scope,
                                                        str(user.id)):
        raise RateLimited(
            f"You are {what} faster than we allow"
            + (" for new accounts" if kind == "new" else "")
            + f" ({limits[kind]}). Your text is kept below: wait a few minutes and "
            "send it again.")
