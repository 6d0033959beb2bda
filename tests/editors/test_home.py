"""The home page: what Commonplace is, search, what is featured, recent solutions and
articles, active workgroups and open questions; a member's own part; a fixed query count."""

import pytest

from community import answers, questions, workgroups
from core.extensions import db
from editors import collections as curated
from editors import features
from tests.editors.conftest import counting_queries
from wiki import saving


def test_a_visitor_sees_every_section(app, client, editor, article, solved, unsolved,
                                      workgroup, member):
    workgroups.join(member, workgroup)
    features.feature(editor, f"/wiki/{article.slug}", blurb="Start *here*.", icon="tools")
    db.session.commit()
    page = client.get("/").get_data(as_text=True)
    assert "Commonplace is where librarians share best practice" in page
    assert 'role="search"' in page
    for heading in ("Featured", "Recent solutions", "Questions that need an answer",
                    "Recently updated articles", "Active workgroups"):
        assert f">{heading}</h2>" in page, heading
    assert "Start <em>here</em>." in page and 'class="feature-icon"' in page
    assert solved.title in page and unsolved.title in page and "Makerspaces" in page
    assert "For you" not in page


def test_a_member_also_sees_their_workgroups_questions_and_notifications(
        app, member_client, member, other_member, workgroup, ask):
    workgroups.join(member, workgroup)
    db.session.commit()
    ask(other_member, title="What do you lend in a library of things?", body="Ideas?",
        workgroup_id=workgroup.id)
    page = member_client.get("/").get_data(as_text=True)
    assert "For you, Mina Member" in page
    section = page[page.index("For you"):page.index("</section>", page.index("For you"))]
    assert "What do you lend in a library of things?" in section
    assert "1 new notification" in section


def test_answered_hidden_and_closed_questions_are_not_open_questions(app, client, editor,
                                                                     solved, unsolved, ask,
                                                                     member):
    closed = ask(member, title="An old question nobody needs now?", body="Old.")
    questions.close(editor, closed, "Out of date")
    questions.set_question_hidden(editor, unsolved, True)
    db.session.commit()
    page = client.get("/").get_data(as_text=True)
    start = page.index("Questions that need an answer")
    section = page[start:page.index("</section>", start)]
    assert unsolved.title not in section and closed.title not in section
    assert solved.title not in section


def grow(count: int, start: int, editor, members, workgroup) -> None:
    """More of everything the home page shows: articles, questions (open, solved and put to a
    workgroup), collections and features of every kind."""
    for number in range(start, start + count):
        author, helper = members[number % 2], members[(number + 1) % 2]
        article = saving.create_article(author, title=f"Practice {number}",
                                        body=f"How we did it, part {number}.",
                                        tags=f"tag{number % 4}", sectors=["public"]).article
        saving.save_edit(article, helper, title=article.title, body=f"Part {number}, revised.",
                         base_revision=1, tags=f"tag{number % 4}", sectors=["public"])
        asked = questions.ask(author, title=f"Question number {number} about practice?",
                              body="Details.", workgroup_id=workgroup.id)
        questions.ask(helper, title=f"Open question number {number} for everyone?",
                      body="Anyone?")
        answers.accept(author, answers.answer(helper, asked, f"Answer {number}."))
        collection = curated.create_collection(editor, f"Readings {number}")
        curated.add_to_collection(editor, collection, f"/wiki/{article.slug}", "Read it.")
        curated.add_to_collection(editor, collection, f"/questions/{asked.id}")
        features.feature(editor, f"/wiki/{article.slug}", blurb=f"Feature {number}.")
        features.feature(editor, f"/questions/{asked.id}", blurb="A solution.", icon="star")
        features.feature(editor, f"/collections/{collection.slug}", blurb="A collection.")
    db.session.commit()


def home_queries(client) -> int:
    client.get("/")
    with counting_queries() as statements:
        response = client.get("/")
    assert response.status_code == 200
    return len(statements)


@pytest.mark.parametrize("who", ["visitor", "member"])
def test_the_home_page_query_count_does_not_grow_with_content(app, editor, member,
                                                              other_member, admin,
                                                              no_rate_limit, who):
    group = workgroups.create_workgroup(admin, "Makerspaces", "Making.")
    workgroups.join(member, group)
    workgroups.join(other_member, group)
    db.session.commit()
    client = app.test_client()
    if who == "member":
        client.login("mina")
    grow(2, 0, editor, [member, other_member], group)
    small = home_queries(client)
    grow(10, 2, editor, [member, other_member], group)
    large = home_queries(client)
    print(f"home page queries ({who}): {small} -> {large}")
    assert large == small, f"home page queries grew with the content: {small} -> {large}"
    # Bounded, not just constant: the session's user, the wiki's two lists, the features
    # (and their authors and sizes), three question lists, the workgroups, the unread count,
    # the next chat and the training topics most wanted (pages/programmes.py).
    assert small <= (14 if who == "visitor" else 18), small
    page = client.get("/").get_data(as_text=True)
    assert page.count('<li class="feature-card ') == 6  # the home page shows six at most
