"""Every Atom feed of the site is valid Atom (RFC 4287), read by a real XML parser: the
feed has an id, a title, an updated time and an author (its own, or one on every entry);
each entry has an id, a title, an updated time and a link. The feeds are found in the URL
map, so a new feed is checked without a new row here."""

from datetime import datetime

import pytest
from lxml import etree
from sqlalchemy import select

from core.extensions import db
from core.feeds import MIMETYPE

ATOM = "{http://www.w3.org/2005/Atom}"


def feed_urls(app) -> list[str]:
    """One URL for each feed route, its arguments taken from the demo."""
    from community.models import Workgroup
    from editors.models import Collection
    from training.models import TrainingTopic
    from wiki.models import Tag

    examples = {
        "tag": db.session.scalar(select(Tag.name).order_by(Tag.id)),
        "topic_id": db.session.scalar(select(TrainingTopic.id).where(
            TrainingTopic.status != "duplicate").order_by(TrainingTopic.id)),
        "slug": None,  # per endpoint, below
    }
    slugs = {
        "people.workgroup_feed": db.session.scalar(select(Workgroup.slug).order_by(Workgroup.id)),
        "editors.collection_feed": db.session.scalar(
            select(Collection.slug).where(Collection.hidden.is_(False)).order_by(Collection.id)),
    }
    urls = []
    for rule in app.url_map.iter_rules():
        if not rule.rule.endswith(".atom"):
            continue
        values = {name: slugs.get(rule.endpoint) if name == "slug" else examples[name]
                  for name in rule.arguments}
        assert all(values.values()), f"the demo has nothing for {rule.rule}"
        with app.test_request_context():
            from flask import url_for

            urls.append(url_for(rule.endpoint, **values))
    return urls


def check_atom(body: bytes, url: str) -> int:
    root = etree.fromstring(body)  # noqa: S320 - our own feed
    assert root.tag == f"{ATOM}feed", url
    for field in ("id", "title", "updated"):
        assert (root.findtext(f"{ATOM}{field}") or "").strip(), (url, field)
    datetime.fromisoformat(root.findtext(f"{ATOM}updated"))
    assert root.find(f"{ATOM}link[@rel='self']") is not None, url
    feed_author = root.find(f"{ATOM}author/{ATOM}name")
    entries = root.findall(f"{ATOM}entry")
    ids = [entry.findtext(f"{ATOM}id") for entry in entries]
    assert len(set(ids)) == len(ids), (url, "entry ids repeat")
    for entry in entries:
        for field in ("id", "title", "updated"):
            assert (entry.findtext(f"{ATOM}{field}") or "").strip(), (url, field)
        datetime.fromisoformat(entry.findtext(f"{ATOM}updated"))
        assert entry.find(f"{ATOM}link").get("href", "").startswith("http"), url
        author = entry.find(f"{ATOM}author/{ATOM}name")
        assert (author is not None and author.text) or \
            (feed_author is not None and feed_author.text), (url, "no author")
    return len(entries)


@pytest.mark.usefixtures("demo")
def test_every_feed_is_valid_atom(app, client):
    urls = feed_urls(app)
    assert {url.split("/")[2] for url in urls} >= {"changes.atom", "questions.atom", "tags",
                                                  "workgroups", "collections"}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.mimetype == MIMETYPE, url
        assert check_atom(response.data, url) > 0, f"{url} has no entries in the demo"


def test_an_empty_feed_is_valid_atom(app, client):
    for url in ("/feeds/changes.atom", "/feeds/questions.atom"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert check_atom(response.data, url) == 0
