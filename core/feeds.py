"""Atom feeds (RFC 4287): the one builder every feed of the site goes through.

A part gives the feed's id, title and pages, and its entries newest first; `atom_response`
writes the XML with feedgen. Every piece of text is passed through `strip_unsafe`: text
stored before control characters were refused may still hold them, and lxml (under
feedgen) refuses to write them. An entry without an author takes the feed's, so that a
feed is valid Atom either way.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from feedgen.feed import FeedGenerator
from flask import Response

from core.text import strip_unsafe

MIMETYPE = "application/atom+xml"


@dataclass(frozen=True)
class FeedEntry:
    id: str  # an absolute URL that names the entry for good
    title: str
    link: str  # absolute
    updated: datetime  # naive UTC, as stored, or aware
    summary: str
    author: str | None = None  # None: the feed's author
    published: datetime | None = None


def _utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def atom_response(*, feed_id: str, title: str, subtitle: str, self_url: str, page_url: str,
                  entries: Iterable[FeedEntry], updated: datetime | None = None,
                  author: str | None = None) -> Response:
    """The feed as a response. `entries` newest first; `updated` None: the newest entry's
    (or now, for an empty feed); `author` is the feed's, required unless every entry has
    one."""
    entries = list(entries)
    feed = FeedGenerator()
    feed.id(feed_id)
    feed.title(strip_unsafe(title))
    feed.subtitle(strip_unsafe(subtitle))
    if author:
        feed.author({"name": strip_unsafe(author)})
    feed.link(href=self_url, rel="self")
    feed.link(href=page_url, rel="alternate")
    feed.language("en")
    for item in reversed(entries):  # feedgen prepends: oldest first gives newest on top
        entry = feed.add_entry()
        entry.id(item.id)
        entry.title(strip_unsafe(item.title))
        entry.link(href=item.link)
        if item.author:
            entry.author({"name": strip_unsafe(item.author)})
        if item.published is not None:
            entry.published(_utc(item.published))
        entry.updated(_utc(item.updated))
        entry.summary(strip_unsafe(item.summary))
    if updated is None and entries:
        updated = max(item.updated for item in entries)
    if updated is not None:
        feed.updated(_utc(updated))
    return Response(feed.atom_str(pretty=True), mimetype=MIMETYPE)
