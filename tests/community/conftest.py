"""Community fixtures: questions and answers made through the real services."""

import pytest

from community import answers, questions, workgroups
from core.extensions import db
from tests.wiki.conftest import edit, write  # noqa: F401 - shared fixtures


@pytest.fixture
def no_rate_limit(app):
    app.config["RATELIMIT_ENABLED"] = False


@pytest.fixture
def ask(app, no_rate_limit):
    def ask(author, title="How do you run a seed library?", body="We want to start one.",
            **kwargs):
        question = questions.ask(author, title=title, body=body, **kwargs)
        db.session.commit()
        return question

    return ask


@pytest.fixture
def reply(app, no_rate_limit):
    def reply(author, question, body="Start small, with donated seeds."):
        answer = answers.answer(author, question, body)
        db.session.commit()
        return answer

    return reply


@pytest.fixture
def workgroup(app, admin):
    group = workgroups.create_workgroup(admin, "Makerspaces", "Making things in libraries.")
    db.session.commit()
    return group
