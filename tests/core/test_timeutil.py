"""Times shown kindly: relative for the last week, then the date itself (no tooltip needed)."""

from datetime import datetime, timedelta

import pytest

from core.timeutil import ago

NOW = datetime(2026, 12, 3, 12, 0)


@pytest.mark.parametrize("before, shown", [
    (timedelta(seconds=20), "just now"),
    (timedelta(minutes=1), "1 minute ago"),
    (timedelta(hours=5), "5 hours ago"),
    (timedelta(days=1), "1 day ago"),
    (timedelta(days=6, hours=23), "6 days ago"),
    (timedelta(days=7), "26 November 2026"),
    (timedelta(days=400), "29 October 2025"),
])
def test_ago_is_relative_for_a_week_then_a_date(before, shown):
    assert ago(NOW - before, NOW) == shown


def test_ago_of_nothing_is_empty_and_a_moment_ahead_is_now():
    assert ago(None, NOW) == ""
    assert ago(NOW + timedelta(minutes=3), NOW) == "just now"
