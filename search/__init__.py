"""Full-text search: one Whoosh index, fed by an outbox, read by the query service."""

from __future__ import annotations

from flask import Flask, current_app
from sqlalchemy import event
from sqlalchemy.orm import Session


def _after_commit(session: Session) -> None:
    if session.info.pop("search_pending", False):
        drainer = current_app.extensions.get("search.drainer")
        if drainer is not None:
            drainer.notify()


def _after_rollback(session: Session) -> None:
    session.info.pop("search_pending", None)


def init_search(app: Flask) -> None:
    from core import hooks
    from search import indexer, query
    from search.cli import search_cli
    from search.views import bp

    app.register_blueprint(bp)
    app.cli.add_command(search_cli)
    app.teardown_appcontext(query.close_searcher)
    app.extensions["search.drainer"] = indexer.Drainer(
        app, mode=app.config.get("SEARCH_DRAIN", "thread"))
    drainer = app.extensions["search.drainer"]

    @app.before_request
    def start_drainer() -> None:
        # Each process (each gunicorn worker, after the fork) starts its drainer on its
        # first request, which also picks up rows left by a process that died.
        if drainer.mode == "thread" and not drainer.started:
            drainer.notify()

    hooks.register(hooks.content_changed, indexer.record_change)
    hooks.register(hooks.similar_finders, query.similar_questions)
    if not event.contains(Session, "after_commit", _after_commit):
        event.listen(Session, "after_commit", _after_commit)
        event.listen(Session, "after_rollback", _after_rollback)
