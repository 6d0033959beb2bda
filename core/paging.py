"""Pages of a long list, at a cost that does not grow with the list.

Flask-SQLAlchemy's `paginate` counts every matching row so that the pager can say "page 3
of 4,000": on a big site that count is the slowest query of the page. `paginate` here
reads one row more than a page holds to know whether there is a next page, and counts
the rows only up to `count_limit`; beyond that the total is unknown (None) and the pager
says "Page 3" without "of N". Pages deeper than the count still work (OFFSET).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from sqlalchemy import func, literal, select

from core.extensions import db

COUNT_LIMIT = 1000
MAX_PAGE = 1_000_000  # an OFFSET the database can hold, whatever the address asks for


@dataclass
class Page:
    items: list
    page: int
    per_page: int
    has_next: bool
    total: int | None  # None: more than count_limit rows
    count_limit: int

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def pages(self) -> int | None:
        return None if self.total is None else max(1, math.ceil(self.total / self.per_page))


def paginate(query, *, page: int, per_page: int, count_limit: int | None = None) -> Page:
    count_limit = count_limit or COUNT_LIMIT
    page = min(max(1, page), MAX_PAGE)
    rows = db.session.scalars(query.limit(per_page + 1).offset((page - 1) * per_page)).all()
    items, has_next = rows[:per_page], len(rows) > per_page
    # Counted on a constant, so that an index can answer without reading the rows.
    counted = db.session.scalar(select(func.count()).select_from(
        query.order_by(None).with_only_columns(literal(1), maintain_column_froms=True)
        .limit(count_limit + 1).subquery()))
    total = counted if counted <= count_limit else None
    return Page(items=list(items), page=page, per_page=per_page, has_next=has_next,
                total=total, count_limit=count_limit)
