"""run_in_transaction: a lost race is redone after a pause; a save that keeps losing
keeps the member's text and asks them to send it again."""

from __future__ import annotations

import pytest
from sqlalchemy.exc import IntegrityError, OperationalError

from core import transactions
from core.transactions import TooBusy, run_in_transaction


@pytest.fixture
def pauses(monkeypatch):
    slept = []
    monkeypatch.setattr(transactions.time, "sleep", slept.append)
    return slept


def _lost(message="UNIQUE constraint failed: revisions.article_id, revisions.number"):
    return IntegrityError("INSERT", {}, Exception(message))


def test_a_lost_race_is_redone_after_growing_pauses(app, pauses):
    calls = []

    def work():
        calls.append(1)
        if len(calls) < 4:
            raise _lost()
        return "saved"

    assert run_in_transaction(work) == "saved"
    assert len(calls) == 4 and len(pauses) == 3
    assert all(0 < pause <= transactions.MAX_PAUSE for pause in pauses)
    assert pauses[2] > transactions.FIRST_PAUSE  # it grows


def test_a_save_that_loses_every_time_raises_too_busy(app, pauses):
    calls = []

    def work():
        calls.append(1)
        raise _lost()

    with pytest.raises(TooBusy):
        run_in_transaction(work)
    assert len(calls) == transactions.ATTEMPTS
    assert len(pauses) == transactions.ATTEMPTS - 1


def test_an_error_that_is_not_a_race_is_not_retried(app, pauses):
    calls = []

    def work():
        calls.append(1)
        raise OperationalError("SELECT", {}, Exception("no such table: nothing"))

    with pytest.raises(OperationalError):
        run_in_transaction(work)
    assert len(calls) == 1 and not pauses


def test_any_other_form_that_keeps_losing_gets_a_clear_409_page(app, client, pauses):
    def work():
        raise _lost()

    app.add_url_rule("/test-busy", "test_busy", lambda: run_in_transaction(work))
    response = client.get("/test-busy")
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert "Not saved yet" in page and "your text is still in your browser" in page
