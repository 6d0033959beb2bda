"""Search says so when the index has fallen behind the database."""

from datetime import timedelta

import pytest
from sqlalchemy import insert

from core.extensions import db
from core.timeutil import utcnow
from search import indexer
from search.models import SearchOutbox


def _waiting_since(seconds: float) -> None:
    db.session.execute(insert(SearchOutbox).values(kind="article", object_id=999_999,
                                                   created_at=utcnow() -
                                                   timedelta(seconds=seconds)))
    db.session.commit()


@pytest.mark.whoosh  # the outbox; the PostgreSQL engine is never behind
def test_a_change_waiting_too_long_puts_a_note_on_the_search_page(app, client):
    page = client.get("/search?q=makerspace").get_data(as_text=True)
    assert "Search is catching up" not in page
    _waiting_since(2)                      # a change on its way: normal
    assert not indexer.behind()
    assert "Search is catching up" not in client.get("/search?q=x").get_data(as_text=True)
    db.session.query(SearchOutbox).delete()
    _waiting_since(300)                    # the index has not been written for minutes
    assert indexer.behind()
    response = client.get("/search?q=makerspace")
    assert response.status_code == 200
    assert "Search is catching up" in response.get_data(as_text=True)
    db.session.query(SearchOutbox).delete()
    db.session.commit()
    assert "Search is catching up" not in client.get("/search?q=x").get_data(as_text=True)
