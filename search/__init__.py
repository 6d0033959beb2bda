"""Full-text search behind one seam (search/engine.py): the Whoosh engine, fed by an
outbox, or the PostgreSQL engine, kept in the content's own transaction."""

from __future__ import annotations

from flask import Flask, current_app, has_app_context
from sqlalchemy import event
from sqlalchemy.orm import Session


def _engine():
    return current_app.extensions.get("search.engine") if has_app_context() else None


def _before_commit(session: Session) -> None:
    engine = _engine()
    if engine is not None and hasattr(engine, "before_commit"):
        engine.before_commit(session)


def _after_commit(session: Session) -> None:
    if session.info.pop("search_pending", False):
        engine = _engine()
        if engine is not None and hasattr(engine, "after_commit"):
            engine.after_commit()


def _after_rollback(session: Session) -> None:
    session.info.pop("search_pending", None)
    session.info.pop("search_changed", None)


def record_change(kind: str, object_id: int) -> None:
    """content_changed: the app's engine takes note, inside the content's transaction."""
    engine = _engine()
    if engine is not None:
        engine.record_change(kind, object_id)


def similar_questions(text: str, limit: int = 5) -> list[dict]:
    engine = _engine()
    return engine.similar(text, limit=limit) if engine is not None else []


def rebuild_after_restore() -> str:
    count = current_app.extensions["search.engine"].rebuild()
    return f"Search index rebuilt: {count} documents."


def init_search(app: Flask) -> None:
    from core import hooks
    from search import engine
    from search.cli import search_cli
    from search.views import bp

    search_engine = engine.create(app)
    app.extensions["search.engine"] = search_engine
    app.register_blueprint(bp)
    app.cli.add_command(search_cli)
    app.teardown_appcontext(search_engine.close)

    hooks.register(hooks.content_changed, record_change)
    hooks.register(hooks.similar_finders, similar_questions)
    hooks.register(hooks.after_restore, rebuild_after_restore)
    if not event.contains(Session, "after_commit", _after_commit):
        event.listen(Session, "before_commit", _before_commit)
        event.listen(Session, "after_commit", _after_commit)
        event.listen(Session, "after_rollback", _after_rollback)
