"""Two saves in the same instant: the database decides which is first, and neither is lost.

Both threads read revision 1, then wait for each other just before writing, so both
try to insert revision 2 at once. The unique (article, number) constraint lets one
in; the other is redone on top of it by run_in_transaction (merge or conflict).
"""

import pytest

from core.extensions import db
from core.models import User
from core.transactions import run_in_transaction
from tests.races import in_threads, lockstep
from wiki import saving
from wiki.models import Article, Revision

BASE = "Alpha paragraph.\n\nBeta paragraph.\n\nGamma paragraph.\n"


def race(app, monkeypatch, article_id, saves):
    """Run each (username, body) save in its own thread and connection, in lockstep: each
    renders (so has read revision 1) only once every thread has read it."""
    barrier = lockstep(monkeypatch, saving, "render", len(saves))

    def save_as(index):
        username, body = saves[index]
        user = db.session.query(User).filter_by(username=username).one()

        def save():
            article = db.session.get(Article, article_id)
            return saving.save_edit(article, user, title=article.title, body=body,
                                    base_revision=1).revision.number

        try:
            return username, run_in_transaction(save)
        except saving.EditConflict as conflict:
            return username, conflict

    return dict(in_threads(app, save_as, len(saves), barrier))


@pytest.fixture
def article_id(app, member, other_member):
    article = saving.create_article(member, title="Raced", body=BASE).article
    db.session.commit()
    return article.id


def test_same_instant_non_overlapping_saves_both_land(app, monkeypatch, article_id):
    results = race(app, monkeypatch, article_id,
                   [("mina", BASE.replace("Alpha", "Alpha changed")),
                    ("otto", BASE.replace("Gamma", "Gamma changed"))])
    assert sorted(results.values()) == [2, 3]
    db.session.expire_all()
    article = db.session.get(Article, article_id)
    assert "Alpha changed" in article.current_revision.body
    assert "Gamma changed" in article.current_revision.body
    numbers = [row.number for row in db.session.query(Revision).filter_by(article_id=article_id)]
    assert sorted(numbers) == [1, 2, 3]


def test_same_instant_overlapping_saves_one_lands_one_conflicts(app, monkeypatch, article_id):
    results = race(app, monkeypatch, article_id,
                   [("mina", BASE.replace("Beta", "Beta by Mina")),
                    ("otto", BASE.replace("Beta", "Beta by Otto"))])
    outcomes = sorted(results.values(), key=lambda value: isinstance(value, Exception))
    assert outcomes[0] == 2
    conflict = outcomes[1]
    assert isinstance(conflict, saving.EditConflict)
    assert "Beta by" in conflict.yours  # the loser's text comes back whole
    db.session.expire_all()
    assert db.session.get(Article, article_id).revision_count == 2
