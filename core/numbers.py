"""Whole numbers from addresses, query strings and forms, bounded to what the database holds.

An id, a revision number or a page number of 25 digits is ordinary input (a typo, a
scanner): SQLite cannot even bind it (OverflowError) and PostgreSQL's integer columns
refuse it. Routes use the bounded `int` converter (a number out of range is no match: a
404); query-string and form numbers go through `parse_int` (out of range is no number).
"""

from __future__ import annotations

import builtins

from flask import request
from werkzeug.routing import IntegerConverter, ValidationError

DB_INT_MAX = 2**31 - 1  # the largest value of an Integer column on PostgreSQL (and SQLite)


class BoundedIntConverter(IntegerConverter):
    """`<int:...>`, never beyond what an Integer column holds."""

    def __init__(self, map, fixed_digits: int = 0, min: int | None = None,  # noqa: A002
                 max: int | None = DB_INT_MAX, signed: bool = False) -> None:  # noqa: A002
        super().__init__(map, fixed_digits=fixed_digits, min=min,
                         max=DB_INT_MAX if max is None else builtins.min(max, DB_INT_MAX),
                         signed=signed)

    def to_python(self, value: str) -> int:
        # One address per thing: "/answers/0001" is not "/answers/1" (and thirty zeros
        # before a 1 are not a number any column was asked to hold).
        if not self.fixed_digits and len(value.lstrip("-")) > 1 and \
                value.lstrip("-").startswith("0"):
            raise ValidationError()
        return super().to_python(value)


def parse_int(value, default: int | None = None, *, low: int = -DB_INT_MAX,
              high: int = DB_INT_MAX) -> int | None:
    """`value` as a whole number within [low, high], or `default` if it is not one."""
    if isinstance(value, bool):
        return default
    if isinstance(value, int):
        number = value
    else:
        text = str(value if value is not None else "").strip()
        if not text or len(text) > 20 or not text.lstrip("+-").isdigit() or \
                not text.lstrip("+-").isascii():
            return default
        number = int(text)
    return number if low <= number <= high else default


def int_arg(name: str, default: int | None = None, *, low: int = -DB_INT_MAX,
            high: int = DB_INT_MAX) -> int | None:
    """A whole number from the query string, bounded; `default` if absent or not one."""
    return parse_int(request.args.get(name), default, low=low, high=high)


def page_arg(default: int = 1, high: int = DB_INT_MAX) -> int:
    """`?page=`: at least 1; a page beyond `high` (or not a number) is page `default`."""
    page = int_arg("page", default, low=-DB_INT_MAX, high=high)
    return max(1, page)
