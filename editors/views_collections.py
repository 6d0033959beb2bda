"""Collections for readers: the list, a collection's page and its feed."""

from __future__ import annotations

from flask import abort, render_template, request, url_for
from flask_login import current_user

from community import services
from core.errors import NotFound
from core.feeds import FeedEntry, atom_response
from core.text import excerpt, strip_unsafe
from core.urls import absolute_url
from editors import collections as curated
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
                           question_url=services.question_url)


@bp.route("/feeds/collections/<slug>.atom")
def collection_feed(slug: str):
    try:
        collection = curated.get_collection(slug, None)  # feeds are public: never hidden
    except NotFound:
        abort(404)
    items = curated.collection_items(collection, None)
    page = url_for("editors.collection", slug=collection.slug, _external=True)
    newest = sorted(items, key=lambda item: (item.added_at, item.id), reverse=True)
    return atom_response(
        feed_id=page, title=f"Commonplace collection: {collection.title}",
        subtitle=strip_unsafe(excerpt(collection.intro_html, 300)) or
        "A reading list curated by Commonplace's editors.",
        self_url=request.url, page_url=page, author="Commonplace's editors",
        updated=collection.updated_at,
        entries=[_reading(page, item) for item in newest[:FEED_SIZE]])


def _reading(page: str, item) -> FeedEntry:
    thing = item.article or item.question
    link = url_for("wiki.article", slug=thing.slug, _external=True) if item.article else \
        absolute_url(services.question_url(thing))
    return FeedEntry(
        id=f"{page}#reading-{item.id}", title=thing.title, link=link,
        published=item.added_at, updated=item.added_at,
        summary=strip_unsafe(excerpt(item.note_html, 600)) or
        ("An article on Commonplace." if item.article else "A solved question on Commonplace."))
