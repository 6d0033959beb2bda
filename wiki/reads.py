"""Article reads: a count per article and day, for "the most-read new articles" (digests).

A read is an article page that answered 200 to a GET. Each visitor (a member, or a
visitor's address and browser) counts once per article and day in each web process: a
small set in memory, emptied each day and whenever it fills, so a reload is not a read
(with several processes a visitor may count once in each; it is a ranking, not a ledger).
The count is written after the page is made, as a write aside from the request's
transaction (`core.transactions.write_aside`): one upsert, skipped if the database is busy,
so the page is never slower by more than that write and never fails because of it.
"""

from __future__ import annotations

import hashlib
from datetime import date, timedelta

from flask import after_this_request, current_app, request
from flask_login import current_user
from sqlalchemy import delete, func, select
from sqlalchemy.dialects.postgresql import insert as postgres_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from core.extensions import db
from core.timeutil import utcnow
from core.transactions import write_aside
from wiki.models import Article, ArticleRead

SEEN_MAX = 50_000  # (visitor, article) pairs remembered per process and day
READS_KEPT = timedelta(days=90)


def count_read(article_id: int) -> None:
    """Count this request as a read of the article once it has answered a GET with 200."""
    @after_this_request
    def counted(response):
        if request.method == "GET" and response.status_code == 200 \
                and _first_today(article_id):
            write_aside(_add_one(article_id, utcnow().date()))
        return response


def _first_today(article_id: int) -> bool:
    today = utcnow().date()
    seen = current_app.extensions.setdefault("wiki.reads_seen", {"day": today, "pairs": set()})
    if seen["day"] != today or len(seen["pairs"]) >= SEEN_MAX:
        seen["day"], seen["pairs"] = today, set()
    if current_user.is_authenticated:
        visitor = f"member {current_user.id}"
    else:
        who = f"{request.remote_addr} {request.user_agent.string[:200]}"
        visitor = hashlib.blake2b(who.encode(), digest_size=8).hexdigest()
    pair = (visitor, article_id)
    if pair in seen["pairs"]:
        return False
    seen["pairs"].add(pair)
    return True


def _add_one(article_id: int, day: date):
    insert = postgres_insert if db.engine.dialect.name == "postgresql" else sqlite_insert
    return insert(ArticleRead).values(article_id=article_id, day=day, reads=1) \
        .on_conflict_do_update(index_elements=["article_id", "day"],
                               set_={"reads": ArticleRead.reads + 1})


def reads_since(since):
    """The reads of each article from `since`'s day on: a correlated subquery on Article,
    for ordering a list of articles by how much they were read."""
    return select(func.coalesce(func.sum(ArticleRead.reads), 0)).where(
        ArticleRead.article_id == Article.id, ArticleRead.day >= since.date()) \
        .scalar_subquery()


def prune(now=None) -> str:
    """Forget the counts older than READS_KEPT (a periodic job; its own transaction)."""
    now = now or utcnow()
    removed = db.session.execute(delete(ArticleRead).where(
        ArticleRead.day < (now - READS_KEPT).date())).rowcount
    db.session.commit()
    return f"{removed} old read counts removed"
