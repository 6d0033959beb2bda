"""The request edge (core/edge.py): several problems reported in one pass, a form that
keeps losing races shown again with the member's text (409), and an edit conflict that
carries plain values past the rollback."""

from __future__ import annotations

import pytest
from flask import get_flashed_messages
from flask_wtf import FlaskForm
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from wtforms import StringField

from community import questions
from community.models import Question
from core import transactions
from core.edge import attempt
from core.errors import Problems, ValidationFailed
from core.extensions import db
from wiki import saving


class TwoFields(FlaskForm):
    class Meta:
        csrf = False

    title = StringField("Title")
    body = StringField("Body")


def _questions() -> int:
    db.session.expire_all()
    return db.session.scalar(select(func.count(Question.id)))


def test_validation_failed_carries_several_fields_and_stays_compatible():
    one = ValidationFailed("Too short.", "title")
    assert (one.message, one.field, one.errors) == ("Too short.", "title",
                                                    [("title", "Too short.")])
    several = ValidationFailed(errors=[("title", "Too short."), ("body", "Write some.")])
    assert (several.message, several.field) == ("Too short.", "title")
    assert several.errors == [("title", "Too short."), ("body", "Write some.")]


def test_problems_checks_everything_then_refuses_once():
    problems = Problems()

    def refuse(message, field):
        raise ValidationFailed(message, field)

    assert problems.check(str.strip, "  kept ") == "kept"
    assert problems.check(refuse, "Too short.", "title") is None
    assert problems.check(refuse, "Write some.", "body") is None
    with pytest.raises(ValidationFailed) as error:
        problems.raise_any()
    assert error.value.errors == [("title", "Too short."), ("body", "Write some.")]
    Problems().raise_any()  # nothing wrong: nothing raised


def test_the_edge_puts_every_error_on_its_field(app):
    with app.test_request_context():
        form = TwoFields()

        def refuse():
            raise ValidationFailed(errors=[("title", "Too short."), ("body", "Write some."),
                                           (None, "And one for the whole form.")])

        outcome = attempt(refuse, form)
        assert (outcome.done, outcome.status) == (False, 422)
        assert form.title.errors == ["Too short."] and form.body.errors == ["Write some."]
        assert get_flashed_messages() == ["And one for the whole form."]


def test_asking_reports_title_body_tags_and_workgroup_problems_in_one_pass(app, member):
    app.config["RATELIMIT_ENABLED"] = False
    with pytest.raises(ValidationFailed) as error:
        questions.ask(member, title="Short", body="  ", tags="no/slashes", workgroup_id="999")
    assert [field for field, _message in error.value.errors] == ["title", "body", "tags",
                                                                  "workgroup"]


def test_the_ask_form_shows_the_title_and_body_problems_together(app, member_client):
    app.config["RATELIMIT_ENABLED"] = False
    response = member_client.submit("/questions/ask", {"title": "Short", "body": " ",
                                                       "confirmed": "1"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "at least 10 characters" in page and "Write some question first." in page
    assert _questions() == 0


@pytest.fixture
def always_losing(monkeypatch):
    """Every attempt of every transaction loses its race (and nobody waits between)."""
    real = transactions.run_in_transaction

    def losing(work, attempts=transactions.ATTEMPTS):
        def lose():
            work()
            raise IntegrityError("INSERT", {}, Exception("UNIQUE constraint failed"))

        return real(lose, attempts)

    monkeypatch.setattr(transactions.time, "sleep", lambda _seconds: None)
    monkeypatch.setattr("core.edge.run_in_transaction", losing)


def test_a_question_that_keeps_losing_races_is_shown_again_with_its_text(
        app, member_client, always_losing):
    app.config["RATELIMIT_ENABLED"] = False
    response = member_client.submit("/questions/ask", {
        "title": "How do you run a seed library?", "body": "My careful details.",
        "confirmed": "1"})
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert "Nothing you wrote is lost" in page
    assert "My careful details." in page and "How do you run a seed library?" in page
    assert _questions() == 0


def test_a_profile_that_keeps_losing_races_is_shown_again_with_its_text(
        member_client, always_losing):
    response = member_client.submit("/settings", {
        "profile-display_name": "Mina", "profile-library": "Riverside Library",
        "profile-bio": "My unsaved bio.", "profile-submit": "1"})
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert "Nothing you wrote is lost" in page and "My unsaved bio." in page


def test_a_button_that_keeps_losing_races_gets_the_409_page(app, world_question,
                                                            other_client, always_losing):
    response = other_client.submit(f"/questions/{world_question}/watch", {"watch": "1"})
    assert response.status_code == 409
    assert "Not saved yet" in response.get_data(as_text=True)


@pytest.fixture
def world_question(app, member):
    app.config["RATELIMIT_ENABLED"] = False
    question = questions.ask(member, title="How do you weed a collection?", body="Details.")
    db.session.commit()
    return question.id


def test_an_edit_conflict_carries_plain_values_past_the_rollback(app, member, other_member):
    article = saving.create_article(member, title="Weeding", body="One.\n\nTwo.\n").article
    saving.save_edit(article, member, title=article.title, body="One changed.\n\nTwo.\n",
                     base_revision=1)
    db.session.commit()
    author = member.name
    with pytest.raises(saving.EditConflict) as error:
        saving.save_edit(article, other_member, title=article.title,
                         body="One mine.\n\nTwo.\n", base_revision=1)
    db.session.rollback()
    db.session.expunge_all()  # every row gone: the conflict must not need one
    conflict = error.value
    assert (conflict.base, conflict.current.number) == (1, 2)
    assert conflict.current.body == "One changed.\n\nTwo.\n"
    assert conflict.current.author_name == author
    assert conflict.yours == "One mine.\n\nTwo.\n"
