"""Collections for readers: the list, a collection's page and its feed."""

from __future__ import annotations

from datetime import UTC

from feedgen.feed import FeedGenerator
from flask import Response, abort, render_template, request, url_for
from flask_login import current_user

from community import services as community
from core.errors import NotFound
from core.text import strip_unsafe
from editors import collections as curated
from editors import flags as flagging
from editors.views import FEED_SIZE, _collection, bp


@bp.route("/collections/")
def collections():
    return render_template("editors/collections_public.html",
                           collections=curated.collections_list(current_user))


@bp.route("/collections/<slug>")
def collection(slug: str):
    collection = _collection(slug)
    return render_template("editors/collection.html", collection=collection,
                           items=curated.collection_items(collection, current_user),
                           question_url=community.question_url)


@bp.route("/feeds/collections/<slug>.atom")
def collection_feed(slug: str):
    try:
        collection = curated.get_collection(slug, None)  # feeds are public: never hidden
    except NotFound:
        abort(404)
    items = curated.collection_items(collection, None)
    root = request.url_root.rstrip("/")
    page = root + url_for("editors.collection", slug=collection.slug)
    feed = FeedGenerator()
    feed.id(page)
    # Stored text may predate the refusal of control characters: lxml would fail.
    feed.title(f"Commonplace collection: {strip_unsafe(collection.title)}")
    feed.subtitle(strip_unsafe(flagging.excerpt(collection.intro_html, 300)) or
                  "A reading list curated by Commonplace's editors.")
    feed.link(href=request.url, rel="self")
    feed.link(href=page, rel="alternate")
    feed.language("en")
    newest = sorted(items, key=lambda item: (item.added_at, item.id))[-FEED_SIZE:]
    for item in newest:  # feedgen prepends: oldest first gives the newest on top
        thing = item.article or item.question
        link = root + (url_for("wiki.article", slug=thing.slug) if item.article else
                       community.question_url(thing))
        entry = feed.add_entry()
        entry.id(f"{page}#reading-{item.id}")
        entry.title(strip_unsafe(thing.title))
        entry.link(href=link)
        entry.published(item.added_at.replace(tzinfo=UTC))
        entry.updated(item.added_at.replace(tzinfo=UTC))
        entry.summary(strip_unsafe(flagging.excerpt(item.note_html, 600)) or
                      ("An article on Commonplace." if item.article else
                       "A solved question on Commonplace."))
    feed.updated(collection.updated_at.replace(tzinfo=UTC))
    return Response(feed.atom_str(pretty=True), mimetype="application/atom+xml")
