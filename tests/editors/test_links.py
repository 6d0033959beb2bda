"""Spam control: new members may add only a few links until they have some reputation."""

import pytest

from community import answers, comments, questions
from core.errors import ValidationFailed
from core.extensions import db
from editors import links
from wiki import saving

THREE_LINKS = ("See https://one.example/a, [two](https://two.example/) and "
               "three.example.org for details.")


def test_links_are_counted_as_a_reader_would_see_them():
    assert links.external_links(THREE_LINKS) == {
        "https://one.example/a", "https://two.example", "http://three.example.org"}
    assert links.external_links("[[Another article]] and [the thread](/questions/1)") == set()
    assert links.external_links("No links at all") == set()


@pytest.mark.parametrize("href", ["/\\evil.example/1", "\\/evil.example/1",
                                  " //evil.example/1", "\t//evil.example/1"])
def test_disguised_external_links_are_counted(href):
    """Browsers follow these off the site (WHATWG URL parsing), so they count."""
    assert links.external_links(f"[x]({href})") == {"//evil.example/1"}
    assert links.external_links(f'<a href="{href}">x</a>') == {"//evil.example/1"}


@pytest.mark.parametrize("post", ["ask", "answer", "comment", "article"])
def test_a_new_member_may_not_post_more_than_two_links(app, post, make_user, solved,
                                                       no_rate_limit):
    newcomer = make_user("newcomer")
    actions = {
        "ask": lambda: questions.ask(newcomer, title="Where do I find seed suppliers?",
                                     body=THREE_LINKS),
        "answer": lambda: answers.answer(newcomer, solved, THREE_LINKS),
        "comment": lambda: comments.add_comment(newcomer, "question", solved.id,
                                                THREE_LINKS),
        "article": lambda: saving.create_article(newcomer, title="Suppliers", body=THREE_LINKS),
    }
    with pytest.raises(ValidationFailed) as error:
        actions[post]()
    assert error.value.message.startswith(
        "New members may include at most 2 links until they have 10 reputation points")
    assert error.value.field == "body"


def test_edits_count_only_the_links_they_add(app, member, make_user, edit, no_rate_limit):
    senior = make_user("senior", role="editor")
    article = saving.create_article(senior, title="Suppliers", body=THREE_LINKS).article
    db.session.commit()
    edit(article, member, THREE_LINKS + " Ask the garden club too.")  # keeps the links
    with pytest.raises(ValidationFailed):
        edit(article, member, THREE_LINKS + " https://four.example https://five.example "
                                            "https://six.example")


def test_edits_of_questions_and_answers_are_checked(app, member, solved, make_user,
                                                   no_rate_limit):
    answer = answers.answer(make_user("newcomer"), solved, "Try the seed swap.")
    with pytest.raises(ValidationFailed):
        answers.edit_answer(answer.author, answer, THREE_LINKS)
    with pytest.raises(ValidationFailed):
        questions.edit_question(member, solved, title=solved.title, body=THREE_LINKS)


def test_reputation_and_the_editor_role_lift_the_limit(app, member, editor, solved, monkeypatch,
                                                       no_rate_limit):
    answers.answer(editor, solved, THREE_LINKS)
    monkeypatch.setattr(links, "member_reputation", lambda user: 10)
    answers.answer(member, solved, THREE_LINKS)
    app.config["EDITORS_NEW_MEMBER_LINKS"] = 5
    monkeypatch.setattr(links, "member_reputation", lambda user: 0)
    answers.answer(member, solved, THREE_LINKS)


def test_reputation_comes_from_the_community(app, member, other_member, solved, no_rate_limit):
    # otto's accepted answer to mina's question earns him 15 points.
    assert links.member_reputation(other_member) >= 10
    answers.answer(other_member, solved, THREE_LINKS)


def test_the_answer_form_shows_the_limit_and_keeps_the_text(app, make_user, solved, client,
                                                             no_rate_limit):
    make_user("newcomer")
    client.login("newcomer")
    response = client.submit(f"/questions/{solved.id}/answers", {"body": THREE_LINKS})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "New members may include at most 2 links" in page and "three.example.org" in page
