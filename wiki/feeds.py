"""Atom feeds of the wiki, built with feedgen."""

from __future__ import annotations

from datetime import UTC

from feedgen.feed import FeedGenerator
from flask import Response, url_for

from core.extensions import db
from core.text import strip_unsafe
from wiki import services
from wiki.views import bp


@bp.route("/feeds/changes.atom")
def changes_feed():
    # The feed is public: hidden articles never appear in it. Text saved before control
    # characters were refused may still hold them: they are stripped (lxml refuses them).
    revisions = db.session.scalars(services.recent_changes_query(None).limit(50)).all()
    feed = FeedGenerator()
    feed.id(url_for("wiki.recent", _external=True))
    feed.title("Commonplace: recent changes")
    feed.subtitle("Every saved change to the articles on Commonplace.")
    feed.link(href=url_for("wiki.changes_feed", _external=True), rel="self")
    feed.link(href=url_for("wiki.recent", _external=True), rel="alternate")
    feed.language("en")
    for revision in reversed(revisions):  # feedgen prepends: oldest first gives newest on top
        entry = feed.add_entry()
        link = url_for("wiki.diff", slug=revision.article.slug, to=revision.number,
                       _external=True) if revision.number > 1 else url_for(
            "wiki.revision", slug=revision.article.slug, number=revision.number,
            _external=True)
        entry.id(f"{url_for('wiki.article', slug=revision.article.slug, _external=True)}"
                 f"#revision-{revision.number}")
        removed = revision.suppressed_at is not None  # its title and summary too
        title = revision.article.title if removed else revision.title
        entry.title(f"{strip_unsafe(title)} (revision {revision.number})")
        entry.link(href=link)
        entry.author({"name": strip_unsafe(revision.author.name)})
        entry.updated(revision.created_at.replace(tzinfo=UTC))
        entry.summary("Removed from the history by an editor." if removed
                      else strip_unsafe(revision.summary) or "No summary given.")
    if revisions:
        feed.updated(revisions[0].created_at.replace(tzinfo=UTC))
    return Response(feed.atom_str(pretty=True), mimetype="application/atom+xml")
