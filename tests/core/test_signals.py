"""Flow between parts: declared signals bound to the app that sends them, and a `core` that
imports no part."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from blinker import Signal
from sqlalchemy.orm import Session

from core import signals
from core.extensions import db
from core.models import AuditEntry
from tests.conftest import empty_database, make_app
from wiki import moderation, saving

ROOT = Path(__file__).resolve().parents[2]
PARTS = {"wiki", "community", "editors", "search", "pages"}


def test_every_signal_says_who_sends_it_and_when():
    declared = [value for value in vars(signals).values() if isinstance(value, Signal)]
    assert len(declared) >= 10
    for signal in declared:
        assert signal.__doc__ and "sent by" in signal.__doc__, signal.name


def test_a_receiver_connected_for_one_app_does_not_hear_another(tmp_path, pg_schema):
    first = make_app(tmp_path / "first", pg_schema)
    second = make_app(tmp_path / "second", pg_schema)
    heard = []
    signal = Signal("for this test")

    def receiver(app, *, user):
        heard.append(("first" if app is first else "another", user))

    signals.connect(first, signal, receiver)
    try:
        with second.app_context():
            signals.send(signal, user="from the second")
        with first.app_context():
            signals.send(signal, user="from the first")
        assert heard == [("first", "from the first")]
        # Each app's parts connected their own receivers: search's and files' (the files
        # a question's posts use), for each app.
        for app in (first, second):
            assert len(list(signals.content_changed.receivers_for(app))) == 2
    finally:
        empty_database(first)
        empty_database(second)


def test_only_the_apps_own_session_sends_transaction_signals(app):
    committed = []

    def receiver(_app, *, session):
        committed.append(session)

    with signals.transaction_committed.connected_to(receiver, sender=app):
        with Session(db.engine) as other:  # not db.session: search does not hear it
            other.commit()
        assert committed == []
        db.session.commit()
        assert len(committed) == 1


def test_a_moderation_service_logs_the_actor_it_is_given_outside_any_request(
        app, member, editor, admin):
    article = saving.create_article(member, title="Shelving", body="Shelve by size.").article
    moderation.set_protected(article, editor, True)
    moderation.set_protected(article, editor, True)  # no change, no entry
    moderation.set_hidden(article, editor, True)
    moderation.set_hidden(article, admin, False, audited=False)  # the caller logs it
    db.session.commit()
    entries = [(entry.actor_name, entry.action, entry.target_label, entry.target_url)
               for entry in db.session.query(AuditEntry).order_by(AuditEntry.id)]
    assert entries == [("edith", "article.protected", "Shelving", "/wiki/shelving"),
                       ("edith", "article.hidden", "Shelving", "/wiki/shelving")]


@pytest.mark.parametrize("path", sorted((ROOT / "core").glob("*.py")), ids=lambda p: p.name)
def test_core_imports_no_part(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            imported.add(node.module.split(".")[0])
    assert not imported & PARTS
