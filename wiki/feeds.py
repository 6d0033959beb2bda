"""Atom feeds of the wiki (written by core.feeds)."""

from __future__ import annotations

from flask import url_for

from core.extensions import db
from core.feeds import FeedEntry, atom_response
from core.text import strip_unsafe
from wiki import reading
from wiki.views import bp


@bp.route("/feeds/changes.atom")
def changes_feed():
    # The feed is public: hidden articles never appear in it.
    revisions = db.session.scalars(reading.recent_changes_query(None).limit(50)).all()
    return atom_response(
        feed_id=url_for("wiki.recent", _external=True),
        title="Commonplace: recent changes",
        subtitle="Every saved change to the articles on Commonplace.",
        self_url=url_for("wiki.changes_feed", _external=True),
        page_url=url_for("wiki.recent", _external=True),
        entries=[_change(revision) for revision in revisions])


def _change(revision) -> FeedEntry:
    slug, number = revision.article.slug, revision.number
    link = url_for("wiki.diff", slug=slug, to=number, _external=True) if number > 1 \
        else url_for("wiki.revision", slug=slug, number=number, _external=True)
    removed = revision.suppressed_at is not None  # its title and summary too
    title = revision.article.title if removed else revision.title
    return FeedEntry(
        id=url_for("wiki.article", slug=slug, _anchor=f"revision-{number}", _external=True),
        title=f"{title} (revision {number})", link=link, author=revision.author.name,
        updated=revision.created_at,
        summary="Removed from the history by an editor." if removed
        else strip_unsafe(revision.summary) or "No summary given.")
