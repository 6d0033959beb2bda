"""Full-text search behind one seam (search/engine.py): the Whoosh engine, fed by an
outbox, or the PostgreSQL engine, kept in the content's own transaction."""

from __future__ import annotations

from flask import Flask


def _engine(app: Flask):
    return app.extensions["search.engine"]


def _committing(app: Flask, *, session) -> None:
    """PostgreSQL: the changed content's documents are written into the same commit."""
    engine = _engine(app)
    if hasattr(engine, "before_commit"):
        engine.before_commit(session)


def _committed(app: Flask, *, session) -> None:
    """Whoosh: the outbox rows just committed are drained into the index."""
    if session.info.pop("search_pending", False):
        engine = _engine(app)
        if hasattr(engine, "after_commit"):
            engine.after_commit()


def _rolled_back(_app: Flask, *, session) -> None:
    session.info.pop("search_pending", None)
    session.info.pop("search_changed", None)


def _content_changed(app: Flask, *, kind: str, object_id: int) -> None:
    """The app's engine takes note, inside the content's transaction."""
    _engine(app).record_change(kind, object_id)


def _similar_questions(app: Flask, *, text: str, limit: int = 5) -> list[dict]:
    return _engine(app).similar(text, limit=limit)


def _site_restored(app: Flask) -> str:
    count = _engine(app).rebuild()
    return f"Search index rebuilt: {count} documents."


def init_search(app: Flask) -> None:
    from core import signals
    from search import engine
    from search.cli import search_cli
    from search.views import bp

    search_engine = engine.create(app)
    app.extensions["search.engine"] = search_engine
    app.register_blueprint(bp)
    app.cli.add_command(search_cli)
    app.teardown_appcontext(search_engine.close)

    signals.connect(app, signals.content_changed, _content_changed)
    signals.connect(app, signals.similar_questions, _similar_questions)
    signals.connect(app, signals.site_restored, _site_restored)
    signals.connect(app, signals.transaction_committing, _committing)
    signals.connect(app, signals.transaction_committed, _committed)
    signals.connect(app, signals.transaction_rolled_back, _rolled_back)
