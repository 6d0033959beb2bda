"""Time helpers: we store naive UTC everywhere and show it kindly."""

from __future__ import annotations

from datetime import UTC, datetime


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def iso(moment: datetime) -> str:
    return moment.replace(microsecond=0).isoformat() + "Z"


def ago(moment: datetime | None, now: datetime | None = None) -> str:
    """How long ago, for the last week ("3 hours ago"); before that, the date itself, so that
    nobody needs a tooltip to learn when something happened."""
    if moment is None:
        return ""
    seconds = int(((now or utcnow()) - moment).total_seconds())
    if seconds >= 86400 * 7:
        return long_date(moment)
    for size, unit in ((86400, "day"), (3600, "hour"), (60, "minute")):
        if seconds >= size:
            count = seconds // size
            return f"{count} {unit}{'' if count == 1 else 's'} ago"
    return "just now"


def long_date(moment: datetime | None) -> str:
    return moment.strftime("%-d %B %Y") if moment else ""
