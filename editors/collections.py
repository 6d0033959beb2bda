"""Collections: editors' ordered reading lists of articles and solved threads."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from community.models import Question
from core import permissions
from core.errors import NotFound, ValidationFailed
from core.extensions import db
from core.markup import slugify
from core.slugs import free_slug
from core.timeutil import utcnow
from editors import audit
from editors.common import (
    NOTE_MAX,
    RESERVED_COLLECTION_SLUGS,
    TITLE_MAX,
    Target,
    clean_line,
    clean_markdown,
    is_showable_target,
    require_showable,
    resolve_address,
)
from editors.models import (
    Collection,
    CollectionItem,
)


def get_collection(slug: str, viewer=None) -> Collection:
    collection = db.session.scalar(select(Collection).where(Collection.slug == slug))
    if collection is None or not permissions.may_see(viewer, collection):
        raise NotFound("There is no such collection.")
    return collection


def _clean_collection(title: str, intro: str) -> tuple[str, str, str]:
    title = clean_line(title, TITLE_MAX, "the collection a title", "title", required=True)
    if not slugify(title):
        raise ValidationFailed("Use at least one letter or digit in the title.", "title")
    intro, intro_html = clean_markdown(intro, NOTE_MAX * 3, "the introduction", "intro")
    return title, intro, intro_html


def create_collection(editor, title: str, intro: str = "") -> Collection:
    permissions.require_editor(editor)
    title, intro, intro_html = _clean_collection(title, intro)
    # Never the name of a page beside it (/editors/collections/new).
    slug = free_slug(slugify(title), "/editors/collections/<slug>", "collection",
                     RESERVED_COLLECTION_SLUGS)
    if db.session.scalar(select(Collection.id).where(Collection.slug == slug)) is not None:
        raise ValidationFailed("A collection with this title already exists.", "title")
    collection = Collection(slug=slug, title=title, intro=intro, intro_html=intro_html,
                            created_by_id=editor.id)
    db.session.add(collection)
    db.session.flush()
    audit.record(editor, "collection.created", "collection", collection)
    return collection


def edit_collection(editor, collection: Collection, title: str, intro: str = "",
                    hidden: bool = False) -> Collection:
    """Change the title and introduction (the address stays, so links keep working)."""
    permissions.require_editor(editor)
    title, intro, intro_html = _clean_collection(title, intro)
    was_hidden = collection.hidden
    collection.title, collection.intro, collection.intro_html = title, intro, intro_html
    collection.hidden = bool(hidden)
    collection.updated_at = utcnow()
    db.session.flush()
    action = "collection.edited" if was_hidden == collection.hidden else (
        "collection.hidden" if collection.hidden else "collection.shown")
    audit.record(editor, action, "collection", collection)
    return collection


def add_to_collection(editor, collection: Collection, address: str,
                      note: str = "") -> CollectionItem:
    permissions.require_editor(editor)
    target = resolve_address(address, kinds=("article", "question"))
    require_showable(target)
    note, note_html = clean_markdown(note, NOTE_MAX, "the note", "note")
    column = f"{target.kind}_id"
    if any(getattr(item, column) == target.thing.id for item in collection.items):
        raise ValidationFailed("That is already in this collection.", "target")
    item = CollectionItem(**{column: target.thing.id}, note=note, note_html=note_html,
                          added_by_id=editor.id,
                          position=max((i.position for i in collection.items), default=0) + 1)
    collection.items.append(item)
    collection.updated_at = utcnow()
    db.session.flush()
    label, _url = audit.describe(target.kind, target.thing)
    audit.record(editor, "collection.item_added", "collection", collection,
                 detail=f"Added “{label}”")
    return item


def get_item(collection: Collection, item_id: int) -> CollectionItem:
    item = db.session.get(CollectionItem, item_id)
    if item is None or item.collection_id != collection.id:
        raise NotFound("That reading is not in this collection.")
    return item


def move_item(editor, item: CollectionItem, direction: str) -> CollectionItem:
    permissions.require_editor(editor)
    if direction not in ("up", "down"):
        raise ValidationFailed("Move a reading up or down.")
    items = list(item.collection.items)
    index = items.index(item)
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(items):
        items[index], items[other] = items[other], items[index]
    for number, each in enumerate(items, start=1):
        each.position = number
    item.collection.updated_at = utcnow()
    db.session.flush()
    return item


def edit_item_note(editor, item: CollectionItem, note: str) -> CollectionItem:
    permissions.require_editor(editor)
    item.note, item.note_html = clean_markdown(note, NOTE_MAX, "the note", "note")
    item.collection.updated_at = utcnow()
    db.session.flush()
    return item


def remove_item(editor, item: CollectionItem) -> Collection:
    permissions.require_editor(editor)
    collection = item.collection
    label = (item.article or item.question).title
    collection.items.remove(item)
    for number, each in enumerate(collection.items, start=1):
        each.position = number
    collection.updated_at = utcnow()
    db.session.flush()
    audit.record(editor, "collection.item_removed", "collection", collection,
                 detail=f"Removed “{label}”")
    return collection


def collection_items(collection: Collection, viewer=None) -> list[CollectionItem]:
    """The readings this viewer may see, in order, with what each shows, in one query."""
    items = db.session.scalars(
        select(CollectionItem).where(CollectionItem.collection_id == collection.id)
        .options(joinedload(CollectionItem.article),
                 joinedload(CollectionItem.question).joinedload(Question.author))
        .order_by(CollectionItem.position, CollectionItem.id)).all()
    sees_hidden = permissions.may_see_hidden(viewer)
    return [item for item in items
            if sees_hidden or is_showable_target(Target(item.kind, item.article or item.question))]


def collections_list(viewer=None) -> list[tuple[Collection, int]]:
    """Collections with how many readings each has, newest first."""
    counts = (select(CollectionItem.collection_id, func.count().label("items"))
              .group_by(CollectionItem.collection_id).subquery())
    query = (select(Collection, func.coalesce(counts.c["items"], 0))
             .outerjoin(counts, counts.c.collection_id == Collection.id)
             .order_by(Collection.updated_at.desc(), Collection.id.desc()))
    if not permissions.may_see_hidden(viewer):
        query = query.where(Collection.hidden.is_(False))
    return [(collection, count) for collection, count in db.session.execute(query)]
