"""Collections: ordered, annotated reading lists of articles and solutions, with a feed."""

import xml.etree.ElementTree as ET

import pytest
from sqlalchemy import select

from core.errors import NotFound, PermissionDenied, ValidationFailed
from core.extensions import db
from editors import collections as curated
from editors.models import Collection
from wiki import moderation

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def collection(app, editor, article, solved):
    collection = curated.create_collection(
        editor, "Starting a makerspace: eight readings", "For a *first* makerspace.")
    curated.add_to_collection(editor, collection, f"/wiki/{article.slug}", "Start **here**.")
    curated.add_to_collection(editor, collection, f"/questions/{solved.id}", "Then this.")
    db.session.commit()
    return collection


def test_a_collection_mixes_articles_and_solutions_in_order_with_notes(app, collection,
                                                                       article, solved):
    assert collection.slug == "starting-a-makerspace-eight-readings"
    assert collection.intro_html == "<p>For a <em>first</em> makerspace.</p>"
    items = curated.collection_items(collection)
    assert [(item.kind, item.position) for item in items] == [("article", 1), ("question", 2)]
    assert items[0].note_html == "<p>Start <strong>here</strong>.</p>"


def test_readings_are_reordered_annotated_and_removed(app, editor, collection):
    first, second = curated.collection_items(collection)
    curated.move_item(editor, second, "up")
    curated.edit_item_note(editor, first, "Read <script>alert(1)</script>second.")
    db.session.commit()
    items = curated.collection_items(collection)
    assert [item.kind for item in items] == ["question", "article"]
    assert "<script" not in items[1].note_html
    curated.remove_item(editor, items[0])
    db.session.commit()
    assert [item.kind for item in curated.collection_items(collection)] == ["article"]


def test_only_visible_articles_and_solved_threads_go_in(app, editor, collection, unsolved,
                                                       write, member):
    with pytest.raises(ValidationFailed, match="Only solved threads"):
        curated.add_to_collection(editor, collection, f"/questions/{unsolved.id}")
    hidden = write(member, title="Hidden practice", body="Text.")
    moderation.set_hidden(hidden, editor, True)
    with pytest.raises(ValidationFailed, match="hidden"):
        curated.add_to_collection(editor, collection, f"/wiki/{hidden.slug}")
    with pytest.raises(ValidationFailed, match="already in this collection"):
        curated.add_to_collection(editor, collection, "Starting a makerspace")
    with pytest.raises(ValidationFailed, match="Nothing on Commonplace"):
        curated.add_to_collection(editor, collection, f"/collections/{collection.slug}")


def test_titles_are_unique_and_required(app, editor, collection):
    with pytest.raises(ValidationFailed, match="already exists"):
        curated.create_collection(editor, "Starting a makerspace: eight readings")
    with pytest.raises(ValidationFailed):
        curated.create_collection(editor, "   ")
    assert curated.create_collection(editor, "New").slug == "new-collection"


def test_members_cannot_curate(app, member, collection):
    item = curated.collection_items(collection)[0]
    for action in (lambda: curated.create_collection(member, "Mine"),
                   lambda: curated.edit_collection(member, collection, "Mine"),
                   lambda: curated.add_to_collection(member, collection, "x"),
                   lambda: curated.move_item(member, item, "down"),
                   lambda: curated.edit_item_note(member, item, "x"),
                   lambda: curated.remove_item(member, item)):
        with pytest.raises(PermissionDenied):
            action()


def test_readers_do_not_see_hidden_readings_or_hidden_collections(app, editor, collection,
                                                                  article, client):
    moderation.set_hidden(article, editor, True)
    db.session.commit()
    assert [item.kind for item in curated.collection_items(collection)] == ["question"]
    assert len(curated.collection_items(collection, editor)) == 2
    curated.edit_collection(editor, collection, collection.title, "", hidden=True)
    db.session.commit()
    with pytest.raises(NotFound):
        curated.get_collection(collection.slug)
    assert client.get(f"/collections/{collection.slug}").status_code == 404
    assert client.get(f"/feeds/collections/{collection.slug}.atom").status_code == 404
    assert collection.title not in client.get("/collections/").get_data(as_text=True)


def test_the_collection_page_lists_the_readings_in_order(app, client, collection, solved):
    page = client.get(f"/collections/{collection.slug}").get_data(as_text=True)
    assert page.index("Starting a makerspace</a>") < page.index(solved.title)
    assert "Start <strong>here</strong>." in page
    assert f'href="/feeds/collections/{collection.slug}.atom"' in page
    listing = client.get("/collections/").get_data(as_text=True)
    assert collection.title in listing and "2 readings" in listing


def test_each_collection_has_an_atom_feed(app, client, collection, solved):
    response = client.get(f"/feeds/collections/{collection.slug}.atom")
    assert response.mimetype == "application/atom+xml"
    feed = ET.fromstring(response.data)  # noqa: S314 - our own feed
    assert feed.find(f"{ATOM}title").text.endswith(collection.title)
    entries = feed.findall(f"{ATOM}entry")
    assert {entry.find(f"{ATOM}title").text for entry in entries} == {
        "Starting a makerspace", solved.title}
    links = {entry.find(f"{ATOM}link").get("href") for entry in entries}
    assert "http://localhost/wiki/starting-a-makerspace" in links
    summaries = {entry.find(f"{ATOM}summary").text for entry in entries}
    assert "Start here." in summaries


def test_editors_build_a_collection_on_the_web(app, editor_client, article, solved):
    response = editor_client.submit("/editors/collections/new", {
        "title": "Seed libraries: four readings", "intro": "Growing a collection."})
    assert response.status_code == 302
    slug = "seed-libraries-four-readings"
    assert response.location.endswith(f"/editors/collections/{slug}")
    for address in (f"/wiki/{article.slug}", f"/questions/{solved.id}"):
        response = editor_client.submit(f"/editors/collections/{slug}/items",
                                        {"target": address, "note": "Read it."})
        assert response.status_code == 302
    bad = editor_client.submit(f"/editors/collections/{slug}/items",
                               {"target": "/wiki/missing", "note": "Kept note"})
    assert bad.status_code == 422 and "Kept note" in bad.get_data(as_text=True)
    collection = db.session.scalar(select(Collection).where(Collection.slug == slug))
    first, second = curated.collection_items(collection)
    response = editor_client.submit(f"/editors/collections/{slug}/items/{second.id}",
                                    {"action": "up"})
    assert response.status_code == 302
    db.session.expire_all()
    assert [item.kind for item in curated.collection_items(collection)] == ["question",
                                                                             "article"]
    editor_client.submit(f"/editors/collections/{slug}/items/{first.id}",
                         {"action": "note", "note": "Now with a *new* note"})
    editor_client.submit(f"/editors/collections/{slug}", {
        "title": "Seed libraries: two readings", "intro": "Shorter."})
    db.session.expire_all()
    assert db.session.get(Collection, collection.id).title == "Seed libraries: two readings"
    page = editor_client.get(f"/collections/{slug}").get_data(as_text=True)
    assert "Now with a <em>new</em> note" in page


def test_members_are_refused_the_collections_desk(app, member_client, collection):
    assert member_client.get("/editors/collections").status_code == 403
    assert member_client.get(f"/editors/collections/{collection.slug}").status_code == 403
    response = member_client.submit(f"/editors/collections/{collection.slug}/items",
                                    {"target": "/wiki/starting-a-makerspace"})
    assert response.status_code == 403
