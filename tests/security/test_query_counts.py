"""No list page runs a query per item: the count must not grow with the content.

Every list page is requested on a small site and again after the site has grown (more
articles, questions, answers on one thread, revisions of one article, backlinks, readings
in a collection, flags, notifications...). Any page whose number of queries grew runs
work per item, and fails. Readers' pages are requested as a member, the desk's as an
editor (their article fragments are rendered, not cached, so those are counted too).
"""

from contextlib import contextmanager

import pytest
from sqlalchemy import event, select

from community import answers, comments, questions, votes, workgroups
from community.models import Question, Workgroup
from core.extensions import db
from editors import collections as curated
from editors import features, flags
from editors.models import Collection
from wiki import reading, saving

MEMBER_PAGES = [
    "/", "/wiki/", "/wiki/?sort=updated", "/wiki/?tag=shared", "/wiki/?sector=public",
    "/wiki/?q=article", "/wiki/recent", "/wiki/tags/", "/wiki/article-0",
    "/wiki/article-0/history", "/wiki/article-0/contributors", "/wiki/article-0/backlinks",
    "/questions/", "/questions/?tab=active", "/questions/?tab=unanswered",
    "/questions/?tab=solved", "/questions/?tag=shared", "/questions/?workgroup=group",
    "/questions/1", "/questions/1/history", "/solutions/", "/solutions/?sector=public",
    "/workgroups/", "/workgroups/group", "/collections/", "/collections/reading-list",
    "/search?q=practice", "/users/mina", "/users/writer1", "/notifications",
    "/feeds/changes.atom", "/feeds/questions.atom", "/feeds/tags/shared.atom",
    "/feeds/workgroups/group.atom", "/feeds/collections/reading-list.atom",
    "/orgs/", "/orgs/?sector=public&q=library", "/orgs/network", "/orgs/library-0",
    "/orgs/network.json",
    "/chats/", "/chats/1", "/chats/1/replies?after=0", "/chats/agenda", "/chats/calendar.ics",
    "/wiki/?status=due", "/sectors/", "/sectors/public", "/partners/", "/partners/feed.atom",
]
EDITOR_PAGES = [
    "/", "/wiki/", "/wiki/recent", "/questions/", "/wiki/article-0", "/questions/1",
    "/editors/", "/editors/featured", "/editors/collections",
    "/editors/collections/reading-list", "/editors/review", "/editors/flags", "/editors/log",
    "/orgs/network", "/orgs/library-0/members.csv", "/chats/1", "/chats/1/summary",
    "/editors/checks",
]


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


def grow(count, start, member, others, admin, editor):
    group = db.session.query(Workgroup).first() or workgroups.create_workgroup(
        admin, "Group", "A workgroup")
    collection = db.session.scalar(select(Collection)) or curated.create_collection(
        editor, "Reading list", "Readings.")
    first = reading.get_article("article-0") if start else None
    thread = db.session.get(Question, 1) if start else None
    for number in range(start, start + count):
        author = others[number % len(others)]
        article = saving.create_article(member, title=f"Article {number}",
                                        body=f"Practice number {number}. [[Article {number + 1}]]"
                                             " [[Article 0]]",
                                        tags=f"tag{number % 5}, shared", sectors=["public"]).article
        saving.save_edit(article, author, title=article.title,
                         body=article.current_revision.body + " More.", base_revision=1)
        question = questions.ask(member, title=f"Question number {number} about practice?",
                                 body="Details", workgroup_id=group.id, tags="shared")
        answer = answers.answer(author, question, f"Answer {number}")
        comments.add_comment(author, "question", question.id, "A comment")
        votes.vote(author, "question", question.id, 1)
        if number % 2:
            answers.accept(member, answer)
        workgroups.join(author, group)
        first, thread = first or article, thread or question
        # One article's history and contributors, and one thread's answers, grow too.
        saving.save_edit(first, author, title=first.title,
                         body=first.current_revision.body + f" Edit {number}.",
                         base_revision=first.current_revision.number)
        reply = answers.answer(author, thread, f"Another answer {number}")
        comments.add_comment(others[(number + 1) % len(others)], "answer", reply.id, "Thanks")
        votes.vote(member, "answer", reply.id, 1)
        curated.add_to_collection(editor, collection, f"/wiki/{article.slug}", "Read this.")
        flags.flag(member, "answer", answer.id, "other", "Please check the figures.")
        features.feature(editor, f"/wiki/{article.slug}", blurb="Worth reading.")
        _grow_network(number, member, author, editor)
        _grow_chats(number, member, author, editor)
    db.session.commit()


def _grow_network(number, member, author, editor):
    """A consortium gains a member library a time, whose staff (Mina, and a writer) lead
    the articles and give the answers above: its page aggregates all of them."""
    from orgs import affiliations, consortia
    from orgs import organisations as registry

    network = registry.find_by_reference("network") or registry.create_organisation(
        editor, registry.clean_details(name="Network", kind="consortium", sectors="public"))
    library = registry.create_organisation(editor, registry.clean_details(
        name=f"Library {number}", kind="library", sectors="public", country="GB",
        isil=f"GB-L{number}"))
    consortia.add_member(editor, network, library, "member")
    for person in (member, author):
        if affiliations.open_affiliation(person, library) is None:
            affiliations.approve(editor, affiliations.claim(person, library, "staff",
                                                            show_in_byline=True))


def _grow_chats(number, member, author, editor):
    """Chat 1 (live) gains replies, replies to them and highlights' candidates; another
    chat is scheduled and a topic suggested (and voted for) each time."""
    from datetime import timedelta

    from chats import agenda, live
    from chats.models import Chat, Prompt
    from core.timeutil import utcnow

    chat = db.session.get(Chat, 1)
    if chat is None:
        start = utcnow() - timedelta(minutes=5)
        chat = Chat(title="Chat one", short_name="chatone", time_zone="Europe/London",
                    starts_at=start, ends_at=start + timedelta(hours=11), host_id=editor.id)
        chat.prompts.extend([Prompt(number=1, body="Q one", html="<p>Q one</p>"),
                             Prompt(number=2, body="Q two", html="<p>Q two</p>")])
        db.session.add(chat)
        db.session.flush()
        live.release_next(editor, chat)
    reply = live.post_reply(author, chat, f"Reply {number}", prompt_id=chat.prompts[0].id)
    live.post_reply(member, chat, f"Answer to {number}", parent_id=reply.id)
    live.post_reply(author, chat, f"Hello {number}")
    start = utcnow() + timedelta(days=number + 1)
    db.session.add(Chat(title=f"Chat {number}", short_name=f"chat{number}", time_zone="UTC",
                        starts_at=start, ends_at=start + timedelta(hours=1), host_id=editor.id))
    agenda.vote(author, agenda.suggest(member, f"Topic {number}"), True)


@pytest.fixture
def people(app, member, make_user, admin):
    app.config["RATELIMIT_ENABLED"] = False
    return [make_user(f"writer{n}") for n in range(6)]


def queries_per_page(client, pages) -> dict[str, int]:
    counts = {}
    for path in pages:
        client.get(path)  # warm caches (article fragments) the same way both times
        with counting() as statements:
            response = client.get(path, follow_redirects=True)
        assert response.status_code == 200, path
        counts[path] = len(statements)
    return counts


def test_query_counts_do_not_grow_with_content(app, member, people, admin, editor):
    grow(4, 0, member, people, admin, editor)
    reader = app.test_client()
    reader.login("mina")
    desk = app.test_client()
    desk.login("edith")
    small = {**queries_per_page(reader, MEMBER_PAGES),
             **{f"editor {path}": n for path, n in queries_per_page(desk, EDITOR_PAGES).items()}}
    grow(30, 4, member, people, admin, editor)
    large = {**queries_per_page(reader, MEMBER_PAGES),
             **{f"editor {path}": n for path, n in queries_per_page(desk, EDITOR_PAGES).items()}}
    grown = {path: (small[path], large[path]) for path in small if large[path] > small[path]}
    assert not grown, f"queries grew with the content (before, after): {grown}"
