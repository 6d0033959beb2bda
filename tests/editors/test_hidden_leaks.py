"""Hidden content leaks nothing through redirects or refusals (issue 12, item 10)."""

import pytest

from community import questions, services
from core.errors import ValidationFailed
from core.extensions import db
from editors import merging
from wiki import moderation, saving


def test_a_merged_question_does_not_redirect_to_its_hidden_target(
        app, ask, solved, member, editor, client, member_client, editor_client, no_rate_limit):
    source = ask(member, title="Seed libraries: how to begin?", body="Same again.")
    merging.merge_questions(editor, source, solved, "Same question")
    questions.set_question_hidden(editor, solved, True)
    db.session.commit()
    target = services.question_url(solved)
    for who in (client, member_client):
        response = who.get(services.question_url(source))
        assert response.status_code == 404
        assert target not in response.get_data(as_text=True)
        assert who.get(f"/questions/{source.id}").status_code == 404
    response = editor_client.get(services.question_url(source))
    assert response.status_code == 301 and response.location == target


def test_a_hidden_articles_title_is_only_unavailable_to_members(app, write, member,
                                                               other_member, editor):
    hidden = write(member, title="Weeding in secret", body="Hidden text.")
    moderation.set_hidden(hidden, editor, True)
    db.session.commit()
    with pytest.raises(ValidationFailed) as error:
        saving.create_article(other_member, title="Weeding in secret!", body="Mine.")
    assert error.value.field == "title"
    assert "not available" in error.value.message
    assert "exist" not in error.value.message and "hidden" not in error.value.message
    assert hidden.slug not in error.value.message
    db.session.rollback()
    other = write(other_member, title="Weeding openly", body="Open text.")
    with pytest.raises(ValidationFailed, match="not available"):  # renaming by an edit too
        saving.save_edit(other, other_member, title="Weeding in secret", body="Open text.",
                         base_revision=1)
    db.session.rollback()
    with pytest.raises(ValidationFailed, match="hidden") as error:  # editors see more
        saving.create_article(editor, title="Weeding in secret", body="Editor's.")
    assert f"/wiki/{hidden.slug}" in error.value.message


def test_the_new_article_page_says_only_unavailable(app, write, member, editor,
                                                    other_client):
    hidden = write(member, title="Weeding in secret", body="Hidden text.")
    moderation.set_hidden(hidden, editor, True)
    db.session.commit()
    response = other_client.submit("/wiki/new", {"title": "Weeding in secret",
                                                 "body": "My own text."})
    page = response.get_data(as_text=True)
    assert "This title is not available" in page and "already" not in page
    assert "My own text." in page  # the member's text is kept
