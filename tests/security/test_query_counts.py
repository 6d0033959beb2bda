"""No list page runs a query per item: the count must not grow with the content."""

from contextlib import contextmanager

import pytest
from sqlalchemy import event

from community import services as community
from core.extensions import db
from wiki import services as wiki

PAGES = ["/", "/wiki/", "/wiki/?sort=updated", "/wiki/recent", "/wiki/tags/", "/questions/",
         "/questions/?tab=active", "/solutions/", "/workgroups/", "/workgroups/group",
         "/search?q=practice", "/users/mina", "/wiki/article-0", "/wiki/article-0/history",
         "/wiki/article-0/contributors", "/questions/1", "/feeds/changes.atom",
         "/feeds/questions.atom", "/notifications"]


@contextmanager
def counting():
    statements = []

    def record(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", record)


def grow(count, start, member, others, admin):
    group = db.session.query(community.Workgroup).first() or community.create_workgroup(
        admin, "Group", "A workgroup")
    for number in range(start, start + count):
        author = others[number % len(others)]
        article = wiki.create_article(member, title=f"Article {number}",
                                      body=f"Practice number {number}. [[Article {number + 1}]]",
                                      tags=f"tag{number % 5}, shared", sectors=["public"]).article
        wiki.save_edit(article, author, title=article.title,
                       body=article.current_revision.body + " More.", base_revision=1)
        question = community.ask(member, title=f"Question number {number} about practice?",
                                 body="Details", workgroup_id=group.id, tags="shared")
        answer = community.answer(author, question, f"Answer {number}")
        community.add_comment(author, "question", question.id, "A comment")
        community.vote(author, "question", question.id, 1)
        if number % 2:
            community.accept(member, answer)
        community.join(author, group)
    db.session.commit()


@pytest.fixture
def people(app, member, make_user, admin):
    app.config["RATELIMIT_ENABLED"] = False
    return [make_user(f"writer{n}") for n in range(6)]


def queries_per_page(client) -> dict[str, int]:
    counts = {}
    for path in PAGES:
        client.get(path)  # warm caches (article fragments) the same way both times
        with counting() as statements:
            response = client.get(path, follow_redirects=True)
        assert response.status_code == 200, path
        counts[path] = len(statements)
    return counts


def test_query_counts_do_not_grow_with_content(app, member, people, admin):
    grow(4, 0, member, people, admin)
    client = app.test_client()
    client.login("mina")
    small = queries_per_page(client)
    grow(12, 4, member, people, admin)
    large = queries_per_page(client)
    grown = {path: (small[path], large[path]) for path in PAGES if large[path] > small[path]}
    assert not grown, f"queries grew with the content (before, after): {grown}"
