"""Digests start from the member's last visit or last digest, whichever is later; visits
are kept by the request edge, at most once a quarter of an hour, and never hold a page up."""

from __future__ import annotations

import time
from datetime import timedelta

from sqlalchemy import create_engine, event, func, select, text

from community import workgroups
from core.edge import SEEN_EVERY
from core.extensions import db
from core.models import User
from core.timeutil import utcnow
from mail import digests
from tests.conftest import on_postgres, wall_limit
from tests.mail.conftest import verified


def _last_seen(user_id):
    db.session.expire_all()
    return db.session.get(User, user_id).last_seen_at


def _writes_to_users(client, path):
    statements = []

    def record(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith("UPDATE USERS"):
            statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        assert client.get(path).status_code == 200
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    return len(statements)


def test_a_members_visit_is_written_at_most_once_a_quarter_hour(app, member, member_client,
                                                                client):
    assert _last_seen(member.id) is None
    assert _writes_to_users(client, "/") == 0  # a visitor: nobody to note
    assert _writes_to_users(member_client, "/") == 1
    first = _last_seen(member.id)
    assert first is not None and utcnow() - first < timedelta(minutes=1)
    assert _writes_to_users(member_client, "/wiki/") == 0  # again soon: nothing written
    db.session.get(User, member.id).last_seen_at = first - SEEN_EVERY - timedelta(minutes=1)
    db.session.commit()
    assert _writes_to_users(member_client, "/") == 1
    assert _last_seen(member.id) > first - timedelta(seconds=1)


def test_a_visit_is_skipped_without_delay_when_the_database_is_busy(app, member,
                                                                    member_client):
    """Another connection holds the member's row (PostgreSQL) or the write lock (SQLite):
    the page is served at once, unchanged, and the visit is simply not written."""
    engine = create_engine(app.config["SQLALCHEMY_DATABASE_URI"],
                           **app.config.get("SQLALCHEMY_ENGINE_OPTIONS", {}))
    try:
        with engine.connect() as holder:
            if on_postgres():
                holder.execute(text("SELECT id FROM users WHERE id = :id FOR UPDATE"),
                               {"id": member.id})
            else:
                holder.exec_driver_sql("BEGIN IMMEDIATE")
            started = time.monotonic()
            response = member_client.get("/wiki/")
            took = time.monotonic() - started
            holder.rollback()
    finally:
        engine.dispose()
    assert response.status_code == 200
    assert took < wall_limit(3.0)
    assert _last_seen(member.id) is None


def test_the_digest_gathers_only_what_came_after_the_last_visit(app, member, other_member,
                                                                member_client, workgroup,
                                                                ask):
    verified(member)
    workgroups.join(member, workgroup)
    db.session.commit()
    ask(other_member, title="Who lends tools to members?", workgroup_id=workgroup.id)
    member_client.get("/")  # the member sees it on the site
    now = utcnow() + timedelta(minutes=1)
    assert digests.digest_for(member.id, now) == "nothing new"
    db.session.rollback()
    ask(other_member, title="Who runs a repair cafe?", workgroup_id=workgroup.id)
    assert digests.digest_for(member.id, now) == "queued"
    [item] = digests.gather(db.session.get(User, member.id), _last_seen(member.id),
                            now)["unanswered"]
    assert item["title"] == "Who runs a repair cafe?"


def _reads(article_id) -> int:
    from wiki.models import ArticleRead

    db.session.expire_all()
    return db.session.scalar(select(func.coalesce(func.sum(ArticleRead.reads), 0))
                             .where(ArticleRead.article_id == article_id))


def _article(author, title, sector="public"):
    from wiki import saving

    article = saving.create_article(author, title=title, body=f"{title}: how we do it.",
                                    tags="practice", sectors=[sector]).article
    db.session.commit()
    return article


def test_an_article_page_counts_one_read_per_visitor_and_day(app, other_member, client,
                                                            member_client):
    article = _article(other_member, "Seed library rules")
    path = f"/wiki/{article.slug}"
    assert client.get(path).status_code == 200
    assert client.get(path).status_code == 200  # a reload is not another read
    assert _reads(article.id) == 1
    other_browser = app.test_client()
    other_browser.get(path, headers={"User-Agent": "Another browser"})
    member_client.get(path)
    assert _reads(article.id) == 3
    client.head(path, headers={"User-Agent": "A checker"})  # not a GET: not a read
    client.get(f"/wiki/{article.slug}/history", headers={"User-Agent": "A checker"})
    assert _reads(article.id) == 3


def test_the_digest_ranks_new_articles_in_the_members_sector_by_reads(app, member,
                                                                     other_member, inbox):
    verified(member)
    # Newer and as worked on, the quiet one would come first without the reads.
    popular, quiet = _article(other_member, "Popular practice"), _article(other_member,
                                                                          "Quiet practice")
    _article(other_member, "Academic practice", sector="academic")
    for number in range(3):
        app.test_client().get(f"/wiki/{popular.slug}", headers={"User-Agent": f"b{number}"})
    app.test_client().get(f"/wiki/{quiet.slug}")
    sections = digests.gather(db.session.get(User, member.id), utcnow() - timedelta(days=7),
                              utcnow() + timedelta(minutes=1))
    assert [item["title"] for item in sections["articles"]] == ["Popular practice",
                                                                "Quiet practice"]
    assert [item["title"] for item in sections["elsewhere"]] == ["Academic practice"]
