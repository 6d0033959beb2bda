"""Editors' desk fixtures: content made through the real services, and query counting."""

from contextlib import contextmanager

import pytest
from sqlalchemy import event

from community import answers
from core.extensions import db
from tests.community.conftest import ask, no_rate_limit, reply, workgroup  # noqa: F401
from tests.wiki.conftest import edit, write  # noqa: F401


@pytest.fixture
def article(write, member):  # noqa: F811 - the wiki's fixture
    return write(member, title="Starting a makerspace", body="We began with three printers.")


@pytest.fixture
def solved(ask, reply, member, other_member):  # noqa: F811 - the community's fixtures
    """A solved thread: mina asked, otto answered, mina accepted."""
    question = ask(member, title="How do you run a seed library?", body="We want to start one.")
    answer = reply(other_member, question, "Start small, with donated seeds.")
    answers.accept(member, answer)
    db.session.commit()
    return question


@pytest.fixture
def unsolved(ask, other_member):  # noqa: F811
    return ask(other_member, title="Which 3D printer for a small branch?", body="Budget £500.")


@contextmanager
def counting_queries():
    """Every SQL statement sent while inside, from a listener on db.engine."""
    statements: list[str] = []

    def record(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
