"""What editors do: feature and order content, build collections, mark reviews, work through
flags (dismiss, hide, edit, mark outdated, merge duplicates), and keep the audit log.

Services take plain values and model objects, check who may act, flush, and raise our own
errors; the edge commits. Every action that moderates or curates writes an audit entry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from urllib.parse import unquote, urlsplit

from flask import current_app
from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.orm import joinedload

from community import notifications
from community import services as community
from community.models import Answer, Comment, PostRevision, Question, Watch
from core.errors import NotFound, PermissionDenied, ValidationFailed
from core.extensions import db
from core.markup import browser_url, is_external, render, slugify, url_scheme
from core.models import User
from core.numbers import parse_int
from core.slugs import free_slug
from core.text import check_text
from core.timeutil import utcnow
from editors import audit
from editors.audit import AUTOMATIC
from editors.icons import ICONS
from editors.models import (
    FLAG_REASONS,
    FLAG_TARGETS,
    AuditEntry,
    Collection,
    CollectionItem,
    Feature,
    Flag,
    ModerationHold,
    OutdatedMark,
    ReviewMark,
)
from wiki import services as wiki
from wiki.models import Article, ArticleSlug, Revision

BLURB_MAX = 600
NOTE_MAX = 1000
REASON_MAX = 500
TITLE_MAX = 200
IMAGE_SUFFIXES = {".svg", ".png", ".jpg", ".jpeg", ".webp", ".gif"}
# Reasons that speak of abuse: enough members saying so hides the content until an editor
# looks. "Outdated" or "duplicate" never hides anything by itself.
HOLD_REASONS = ("spam", "offensive")
RESERVED_COLLECTION_SLUGS = frozenset({"new"})
DEFAULTS = {
    # The weight of open spam or offensive flags that hides content until an editor looks:
    # three members of a month's standing, or thirty accounts a few hours old.
    "EDITORS_HOLD_AFTER_FLAGS": 3,
    "EDITORS_NEW_MEMBER_LINKS": 2,  # links a member may post before earning reputation
    "EDITORS_LINK_REPUTATION": 10,  # reputation that lifts the limit
}


def setting(name: str) -> int:
    return int(current_app.config.get(name, DEFAULTS[name]))


# ---------------------------------------------------------------- who may act

def require_editor(user) -> None:
    if not wiki.is_editor(user):
        raise PermissionDenied("Only editors may do that.")


def can_read_log(user) -> bool:
    return wiki.is_editor(user)


# ---------------------------------------------------------------- small input rules

def clean_line(text: str | None, limit: int, what: str, field_name: str,
               required: bool = False) -> str:
    text = " ".join(check_text(text, field_name, f"the {field_name}").split())
    if required and not text:
        raise ValidationFailed(f"Give {what}.", field_name)
    if len(text) > limit:
        raise ValidationFailed(f"Keep {what} under {limit} characters.", field_name)
    return text


def clean_markdown(text: str | None, limit: int, what: str, field_name: str,
                   required: bool = False) -> tuple[str, str]:
    """Member Markdown, with its sanitised HTML."""
    text = check_text(text, field_name, what, multiline=True).replace("\r\n", "\n").strip()
    if required and not text:
        raise ValidationFailed(f"Write {what}.", field_name)
    if len(text) > limit:
        raise ValidationFailed(f"Keep {what} under {limit} characters; it is {len(text):,}.",
                               field_name)
    return text, render(text).html if text else ""


# ---------------------------------------------------------------- addresses

@dataclass
class Target:
    kind: str  # article, question, collection
    thing: object


ADDRESS_HELP = ("Paste the address of an article (/wiki/...), a solved question "
                "(/questions/...) or a collection (/collections/...).")


def resolve_address(address: str | None, kinds=("article", "question", "collection"),
                    field_name: str = "target") -> Target:
    """What an address on this site (or an article's title) points at."""
    text = (address or "").strip()
    if not text:
        raise ValidationFailed(ADDRESS_HELP, field_name)
    path = unquote(urlsplit(text).path) if "/" in text else ""
    parts = [part for part in path.split("/") if part]
    found: Target | None = None
    if len(parts) >= 2 and parts[0] == "wiki":
        article = db.session.scalar(select(Article).join(
            ArticleSlug, ArticleSlug.article_id == Article.id).where(ArticleSlug.slug == parts[1]))
        found = Target("article", article) if article else None
    elif len(parts) >= 2 and parts[0] == "questions" and parse_int(parts[1], low=1):
        question = db.session.get(Question, parse_int(parts[1]))
        found = Target("question", question) if question else None
    elif len(parts) >= 2 and parts[0] == "collections":
        collection = db.session.scalar(select(Collection).where(Collection.slug == parts[1]))
        found = Target("collection", collection) if collection else None
    elif text.lstrip("#").isdigit():
        number = parse_int(text.lstrip("#"), low=1)
        question = db.session.get(Question, number) if number else None
        found = Target("question", question) if question else None
    elif not path:
        article = wiki.article_by_title(text)
        found = Target("article", article) if article else None
    if found is None or found.kind not in kinds:
        raise ValidationFailed(f"Nothing on Commonplace answers to “{text[:100]}”. "
                               + ADDRESS_HELP, field_name)
    return found


def _visible(target: Target) -> bool:
    thing = target.thing
    if target.kind == "question":
        return not thing.hidden and thing.merged_into_id is None
    return not thing.hidden


def _require_showable(target: Target, field_name: str = "target") -> None:
    if not _visible(target):
        raise ValidationFailed("That is hidden (or merged into another question): hidden "
                               "content cannot be featured or collected.", field_name)
    if target.kind == "question" and not target.thing.solved:
        raise ValidationFailed("Only solved threads can be featured or collected: the thread "
                               "needs an accepted answer first.", field_name)


# ---------------------------------------------------------------- features

def _day(value: date | None) -> datetime | None:
    return datetime(value.year, value.month, value.day) if value else None


def _clean_image(image: str | None) -> str:
    image = (image or "").strip().lstrip("/")
    if image.startswith("static/"):
        image = image[len("static/"):]
    if not image:
        return ""
    static = Path(current_app.static_folder).resolve()
    candidate = (static / image).resolve()
    if static not in candidate.parents or not candidate.is_file() or \
            candidate.suffix.lower() not in IMAGE_SUFFIXES or url_scheme(image):
        raise ValidationFailed("Choose an image that is on this site, under static/, such as "
                               "img/icon.svg (SVG, PNG, JPEG, WebP or GIF).", "image")
    return candidate.relative_to(static).as_posix()


def _feature_fields(*, blurb, icon, image, image_alt, starts_on, ends_on,
                    now: datetime) -> dict:
    blurb, blurb_html = clean_markdown(blurb, BLURB_MAX, "a short blurb", "blurb",
                                       required=True)
    icon = (icon or "").strip()
    if icon and icon not in ICONS:
        raise ValidationFailed("Choose one of the listed icons.", "icon")
    image = _clean_image(image)
    image_alt = clean_line(image_alt, 200, "the image description", "image_alt")
    starts_at, ends_at = _day(starts_on), _day(ends_on)
    if ends_at is not None:
        ends_at += timedelta(days=1)  # the end date is the last day shown
        if starts_at is not None and ends_at <= starts_at:
            raise ValidationFailed("The end date is before the start date.", "ends_on")
        if ends_at <= now:
            raise ValidationFailed("The end date has passed: choose a later one, or leave it "
                                   "empty.", "ends_on")
    return {"blurb": blurb, "blurb_html": blurb_html, "icon": icon, "image": image,
            "image_alt": image_alt, "starts_at": starts_at, "ends_at": ends_at}


def _ordered_features(now: datetime | None = None) -> list[Feature]:
    """Features not retired and not over, in their order: the list editors arrange."""
    now = now or utcnow()
    return list(db.session.scalars(
        select(Feature).where(Feature.retired_at.is_(None),
                              or_(Feature.ends_at.is_(None), Feature.ends_at > now))
        .order_by(Feature.position, Feature.id)))


def _renumber(features: list[Feature]) -> None:
    for number, item in enumerate(features, start=1):
        if item.position != number:
            item.position = number


def _target_columns(target: Target) -> dict:
    return {f"{target.kind}_id": target.thing.id}


def feature(editor, address: str, *, blurb: str, icon: str = "", image: str = "",
            image_alt: str = "", starts_on: date | None = None, ends_on: date | None = None,
            position: int | None = None) -> Feature:
    """Feature an article, a solved thread or a collection on the home page."""
    require_editor(editor)
    now = utcnow()
    target = resolve_address(address)
    _require_showable(target)
    fields = _feature_fields(blurb=blurb, icon=icon, image=image, image_alt=image_alt,
                             starts_on=starts_on, ends_on=ends_on, now=now)
    ordered = _ordered_features(now)
    if any(getattr(item, f"{target.kind}_id") == target.thing.id for item in ordered):
        raise ValidationFailed("That is already featured: edit its feature instead.", "target")
    item = Feature(**_target_columns(target), **fields, created_by_id=editor.id,
                   created_at=now, updated_at=now)
    db.session.add(item)
    if position is None or position < 1 or position > len(ordered):
        ordered.append(item)
    else:
        ordered.insert(position - 1, item)
    _renumber(ordered)
    db.session.flush()
    label, url = audit.describe(target.kind, target.thing)
    audit.record(editor, "feature.created", "feature", item, label=label, url=url,
                 detail=f"{target.kind}, position {item.position}")
    return item


def edit_feature(editor, item: Feature, *, blurb: str, icon: str = "", image: str = "",
                 image_alt: str = "", starts_on: date | None = None,
                 ends_on: date | None = None) -> Feature:
    require_editor(editor)
    if item.retired_at is not None:
        raise ValidationFailed("This feature is retired; feature the content again instead.")
    now = utcnow()
    fields = _feature_fields(blurb=blurb, icon=icon, image=image, image_alt=image_alt,
                             starts_on=starts_on, ends_on=ends_on, now=now)
    for name, value in fields.items():
        setattr(item, name, value)
    item.updated_at = now
    db.session.flush()
    audit.record(editor, "feature.edited", "feature", item, label=feature_label(item))
    return item


def move_feature(editor, item: Feature, direction: str) -> Feature:
    """Move a feature one place up or down among those current or scheduled."""
    require_editor(editor)
    if direction not in ("up", "down"):
        raise ValidationFailed("Move a feature up or down.")
    ordered = _ordered_features()
    if item not in ordered:
        raise ValidationFailed("Only current and scheduled features can be reordered.")
    index = ordered.index(item)
    other = index - 1 if direction == "up" else index + 1
    if 0 <= other < len(ordered):
        ordered[index], ordered[other] = ordered[other], ordered[index]
    _renumber(ordered)
    db.session.flush()
    return item


def retire_feature(editor, item: Feature, reason: str = "") -> Feature:
    require_editor(editor)
    if item.retired_at is not None:
        return item
    reason = clean_line(reason, REASON_MAX, "the reason", "reason")
    item.retired_at = utcnow()
    _renumber(_ordered_features())
    db.session.flush()
    audit.record(editor, "feature.retired", "feature", item, label=feature_label(item),
                 reason=reason)
    return item


def feature_label(item: Feature) -> str:
    thing = item.article or item.question or item.collection
    return getattr(thing, "title", f"Feature #{item.id}")


def feature_url(item: Feature) -> str:
    kind = item.kind
    return audit.describe(kind, getattr(item, kind))[1]


def get_feature(feature_id: int) -> Feature:
    item = db.session.get(Feature, feature_id)
    if item is None:
        raise NotFound("There is no such feature.")
    return item


@dataclass
class Desk:
    current: list[Feature] = field(default_factory=list)
    scheduled: list[Feature] = field(default_factory=list)
    past: list[Feature] = field(default_factory=list)


def features_for_desk(editor, past_limit: int = 20) -> Desk:
    """Every feature an editor arranges, with its target, in a fixed number of queries."""
    require_editor(editor)
    now = utcnow()
    options = (joinedload(Feature.article), joinedload(Feature.question),
               joinedload(Feature.collection))
    ordered = db.session.scalars(
        select(Feature).where(Feature.retired_at.is_(None),
                              or_(Feature.ends_at.is_(None), Feature.ends_at > now))
        .options(*options).order_by(Feature.position, Feature.id)).all()
    desk = Desk()
    for item in ordered:
        (desk.scheduled if item.starts_at and item.starts_at > now else desk.current).append(
            item)
    desk.past = list(db.session.scalars(
        select(Feature).where(or_(Feature.retired_at.is_not(None), Feature.ends_at <= now))
        .options(*options).order_by(func.coalesce(Feature.retired_at, Feature.ends_at).desc())
        .limit(past_limit)))
    return desk


def live_features_condition(now: datetime):
    return (Feature.retired_at.is_(None),
            or_(Feature.starts_at.is_(None), Feature.starts_at <= now),
            or_(Feature.ends_at.is_(None), Feature.ends_at > now))


# ---------------------------------------------------------------- collections

def get_collection(slug: str, viewer=None) -> Collection:
    collection = db.session.scalar(select(Collection).where(Collection.slug == slug))
    if collection is None or (collection.hidden and not wiki.is_editor(viewer)):
        raise NotFound("There is no such collection.")
    return collection


def _clean_collection(title: str, intro: str) -> tuple[str, str, str]:
    title = clean_line(title, TITLE_MAX, "the collection a title", "title", required=True)
    if not slugify(title):
        raise ValidationFailed("Use at least one letter or digit in the title.", "title")
    intro, intro_html = clean_markdown(intro, NOTE_MAX * 3, "the introduction", "intro")
    return title, intro, intro_html


def create_collection(editor, title: str, intro: str = "") -> Collection:
    require_editor(editor)
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
    require_editor(editor)
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
    require_editor(editor)
    target = resolve_address(address, kinds=("article", "question"))
    _require_showable(target)
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
    require_editor(editor)
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
    require_editor(editor)
    item.note, item.note_html = clean_markdown(note, NOTE_MAX, "the note", "note")
    item.collection.updated_at = utcnow()
    db.session.flush()
    return item


def remove_item(editor, item: CollectionItem) -> Collection:
    require_editor(editor)
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
    editor = wiki.is_editor(viewer)
    return [item for item in items
            if editor or _visible(Target(item.kind, item.article or item.question))]


def collections_list(viewer=None) -> list[tuple[Collection, int]]:
    """Collections with how many readings each has, newest first."""
    counts = (select(CollectionItem.collection_id, func.count().label("items"))
              .group_by(CollectionItem.collection_id).subquery())
    query = (select(Collection, func.coalesce(counts.c["items"], 0))
             .outerjoin(counts, counts.c.collection_id == Collection.id)
             .order_by(Collection.updated_at.desc(), Collection.id.desc()))
    if not wiki.is_editor(viewer):
        query = query.where(Collection.hidden.is_(False))
    return [(collection, count) for collection, count in db.session.execute(query)]


# ---------------------------------------------------------------- review marks

@dataclass
class ArticleStatus:
    """What an article page says about its review and currency."""

    review: ReviewMark | None = None
    reviewed_current: bool = False
    outdated: OutdatedMark | None = None


def mark_reviewed(editor, article: Article, note: str = "") -> ReviewMark:
    """Vouch for the article's current text (review is a mark of trust, not a gate)."""
    require_editor(editor)
    if article.hidden:
        raise ValidationFailed("A hidden article cannot be marked as reviewed.")
    note = clean_line(note, 300, "the note", "note")
    revision = article.current_revision
    latest = _latest_review(article.id)
    if latest is not None and latest.revision_id == revision.id:
        raise ValidationFailed("The current text is already marked as reviewed.")
    mark = ReviewMark(article_id=article.id, revision_id=revision.id,
                      revision_number=revision.number, reviewer_id=editor.id, note=note)
    db.session.add(mark)
    wiki.touch(article)
    db.session.flush()
    audit.record(editor, "article.reviewed", "article", article, reason=note,
                 detail=f"Revision {revision.number}")
    return mark


def _latest_review(article_id: int) -> ReviewMark | None:
    return db.session.scalar(
        select(ReviewMark).where(ReviewMark.article_id == article_id)
        .options(joinedload(ReviewMark.reviewer))
        .order_by(ReviewMark.revision_number.desc(), ReviewMark.id.desc()).limit(1))


def article_status(article: Article) -> ArticleStatus:
    """Review and outdated marks for an article page (two queries)."""
    review = _latest_review(article.id)
    outdated = db.session.scalar(select(OutdatedMark).where(
        OutdatedMark.article_id == article.id).options(joinedload(OutdatedMark.marked_by)))
    return ArticleStatus(review=review, outdated=outdated,
                         reviewed_current=review is not None
                         and review.revision_id == article.current_revision_id)


@dataclass
class ReviewItem:
    article: Article
    waiting_since: datetime
    changes: int
    reviewed_number: int | None


def review_queue(editor, limit: int = 100) -> list[ReviewItem]:
    """Visible articles whose current text nobody has reviewed, longest waiting first."""
    require_editor(editor)
    reviewed = (select(ReviewMark.article_id,
                       func.max(ReviewMark.revision_number).label("number"))
                .group_by(ReviewMark.article_id).subquery())
    waiting = (select(Revision.article_id, func.min(Revision.created_at).label("since"),
                      func.count().label("changes"))
               .outerjoin(reviewed, reviewed.c.article_id == Revision.article_id)
               .where(Revision.number > func.coalesce(reviewed.c.number, 0))
               .group_by(Revision.article_id).subquery())
    rows = db.session.execute(
        select(Article, waiting.c.since, waiting.c.changes, reviewed.c.number)
        .join(waiting, waiting.c.article_id == Article.id)
        .outerjoin(reviewed, reviewed.c.article_id == Article.id)
        .where(Article.hidden.is_(False))
        .order_by(waiting.c.since, Article.id).limit(limit)).all()
    return [ReviewItem(article, since, changes, number)
            for article, since, changes, number in rows]


# ---------------------------------------------------------------- outdated marks

def mark_outdated(editor, article: Article, note: str) -> OutdatedMark:
    require_editor(editor)
    note = clean_line(note, 300, "a note on what is out of date", "note", required=True)
    mark = db.session.get(OutdatedMark, article.id)
    if mark is None:
        mark = OutdatedMark(article_id=article.id)
        db.session.add(mark)
    mark.revision_number = article.revision_count
    mark.note, mark.marked_by_id, mark.marked_at = note, editor.id, utcnow()
    wiki.touch(article)
    db.session.flush()
    audit.record(editor, "article.outdated", "article", article, reason=note)
    return mark


def clear_outdated(editor, article: Article, reason: str = "") -> None:
    require_editor(editor)
    mark = db.session.get(OutdatedMark, article.id)
    if mark is None:
        return
    db.session.delete(mark)
    wiki.touch(article)
    db.session.flush()
    audit.record(editor, "article.current", "article", article,
                 reason=clean_line(reason, REASON_MAX, "the reason", "reason"))


def article_saved(article: Article, revision: Revision, author) -> None:
    """Hook: an update to an outdated article takes its banner down."""
    db.session.execute(delete(OutdatedMark).where(
        OutdatedMark.article_id == article.id,
        OutdatedMark.revision_number < revision.number))


# ---------------------------------------------------------------- flags

def load_target(kind: str, object_id: int, viewer=None):
    """The flaggable thing, if this viewer may see it."""
    if kind not in FLAG_TARGETS:
        raise NotFound("Only articles, questions, answers and comments can be flagged.")
    if kind == "article":
        return wiki.get_article_by_id(object_id, viewer)
    if kind == "question":
        return community.get_question(object_id, viewer)
    if kind == "answer":
        return community.get_answer(object_id, viewer)
    remark = db.session.get(Comment, object_id)
    if remark is None or (remark.hidden and not wiki.is_editor(viewer)):
        raise NotFound("There is no such comment.")
    community.comment_target(remark.target_type, remark.target_id, viewer)  # parent visible
    return remark


_MODELS = {"article": Article, "question": Question, "answer": Answer, "comment": Comment}


def _lock(kind: str, object_id: int) -> None:
    """Serialise flags on one thing (PostgreSQL row lock; SQLite has one writer anyway),
    so that concurrent flags are counted together and the hold is placed once."""
    model = _MODELS[kind]
    db.session.execute(select(model.id).where(model.id == object_id).with_for_update())


# A flag's weight, from the flagger's standing: how long they have been a member...
STANDING_BY_AGE = ((timedelta(days=1), 0.1), (timedelta(days=7), 0.25),
                   (timedelta(days=30), 0.5))
# ...what the community thinks of their posts (counted once the account is a week old,
# so that throwaway accounts voting for each other gain nothing)...
STANDING_BY_REPUTATION = ((50, 0.5), (10, 0.25))
# ...and how their past flags fared: each dismissed flag weighs against them.
WEIGHT_MIN, WEIGHT_MAX = 0.05, 1.5


def flag_weight(user) -> float:
    """How much this member's spam or abuse flag counts towards hiding content before an
    editor looks. A member of a month's standing with no flags dismissed counts 1; an
    account a few hours old counts 0.1, so throwaway accounts cannot hide anything."""
    if wiki.is_editor(user):
        return 1.0
    age = utcnow() - user.created_at
    weight = next((value for limit, value in STANDING_BY_AGE if age < limit), 1.0)
    if age >= timedelta(days=7):
        points = member_reputation(user)
        weight += next((bonus for least, bonus in STANDING_BY_REPUTATION if points >= least),
                       0.0)
    upheld, declined = db.session.execute(
        select(func.count().filter(Flag.status == "actioned"),
               func.count().filter(Flag.status == "dismissed"))
        .where(Flag.flagger_id == user.id)).one()
    weight *= (upheld + 1) / (upheld + declined + 1)
    return round(min(WEIGHT_MAX, max(WEIGHT_MIN, weight)), 2)


def hold_exemption(kind: str, target) -> str:
    """Why this content is never hidden automatically ('' if it may be): featured or
    protected content and editors' own posts wait in the queue for an editor instead."""
    if kind == "article" and target.protected:
        return "protected"
    if kind in ("article", "question"):
        now = utcnow()
        live = db.session.scalar(select(Feature.id).where(
            getattr(Feature, f"{kind}_id") == target.id, Feature.retired_at.is_(None),
            or_(Feature.ends_at.is_(None), Feature.ends_at > now)).limit(1))
        if live is not None:
            return "featured"
    author = target.created_by if kind == "article" else target.author
    if wiki.is_editor(author):
        return "written by an editor"
    return ""


def _open_flag(user, kind: str, object_id: int) -> Flag | None:
    return db.session.scalar(select(Flag).where(
        Flag.target_type == kind, Flag.target_id == object_id, Flag.flagger_id == user.id,
        Flag.status == "open"))


def flag(user, kind: str, object_id: int, reason: str, note: str = "") -> Flag:
    """A member reports content; enough weight of spam or abuse reports from members in
    good standing hides it pending an editor's review.

    A member holds one open flag per item: reporting it again changes nothing and returns
    that flag. Two reports at once are told apart by a partial unique index; the loser's
    request is redone by run_in_transaction and finds the winner's flag.
    """
    community.require_member(user)
    if reason not in FLAG_REASONS:
        raise ValidationFailed("Choose what is wrong.", "reason")
    target = load_target(kind, object_id, user)
    note = clean_line(note, REASON_MAX, "your note", "note", required=reason == "other")
    already = _open_flag(user, kind, object_id)
    if already is not None:
        already.already_open = True
        return already
    _lock(kind, object_id)
    item = Flag(target_type=kind, target_id=object_id, reason=reason, note=note,
                flagger_id=user.id, weight=flag_weight(user))
    db.session.add(item)
    db.session.flush()
    _hold_if_flagged(kind, target)
    return item


def _hold_weight(kind: str, object_id: int) -> tuple[float, int]:
    """The weight of open spam and abuse flags on this item, and how many members gave it."""
    weight, flaggers = db.session.execute(
        select(func.coalesce(func.sum(Flag.weight), 0), func.count(func.distinct(
            Flag.flagger_id)))
        .where(Flag.target_type == kind, Flag.target_id == object_id, Flag.status == "open",
               Flag.reason.in_(HOLD_REASONS))).one()
    return float(weight), flaggers


def _hold_if_flagged(kind: str, target) -> None:
    weight, flaggers = _hold_weight(kind, target.id)
    if weight + 1e-9 < setting("EDITORS_HOLD_AFTER_FLAGS") or target.hidden:
        return
    if db.session.get(ModerationHold, (kind, target.id)) is not None:
        return
    if hold_exemption(kind, target):
        return  # its flags stay open on the desk, where the editors decide
    with audit.explicit():
        _set_hidden(kind, target, AUTOMATIC, True)
    db.session.add(ModerationHold(target_type=kind, target_id=target.id, flaggers=flaggers))
    db.session.flush()
    audit.record(AUTOMATIC, f"{kind}.held", kind, target,
                 reason=f"Flagged as spam or offensive by {flaggers} members (weight "
                        f"{weight:.2f}); hidden until an editor reviews it.")


def _set_hidden(kind: str, target, actor, hidden: bool) -> None:
    if kind == "article":
        wiki.set_hidden(target, actor, hidden)
    elif kind == "question":
        community.set_question_hidden(actor, target, hidden)
    elif kind == "answer":
        community.set_answer_hidden(actor, target, hidden)
    else:
        community.set_comment_hidden(actor, target, hidden)


def _resolve(editor, kind: str, object_id: int, resolution: str, status: str) -> int:
    return db.session.execute(
        update(Flag).where(Flag.target_type == kind, Flag.target_id == object_id,
                           Flag.status == "open")
        .values(status=status, resolution=resolution, resolved_by_id=editor.id,
                resolved_at=utcnow())
        .execution_options(synchronize_session=False)).rowcount or 0


def _flag_summary(kind: str, object_id: int) -> str:
    rows = db.session.execute(
        select(Flag.reason, func.count()).where(Flag.target_type == kind,
                                                Flag.target_id == object_id,
                                                Flag.status == "open")
        .group_by(Flag.reason).order_by(Flag.reason)).all()
    return "; ".join(f"flagged {FLAG_REASONS[reason].lower()} by {count}"
                     for reason, count in rows)


def _why(reason: str, kind: str, object_id: int) -> str:
    reason = clean_line(reason, REASON_MAX, "the reason", "reason")
    return reason or _flag_summary(kind, object_id)


def _release_hold(kind: str, object_id: int) -> bool:
    hold = db.session.get(ModerationHold, (kind, object_id))
    if hold is None:
        return False
    db.session.delete(hold)
    db.session.flush()
    return True


def dismiss_flags(editor, kind: str, object_id: int, reason: str = "") -> int:
    """Nothing wrong: close the flags, and show again what their number had hidden."""
    require_editor(editor)
    target = load_target(kind, object_id, editor)
    why = _why(reason, kind, object_id)
    count = _resolve(editor, kind, object_id, "dismissed", "dismissed")
    if _release_hold(kind, object_id) and target.hidden:
        with audit.explicit():
            _set_hidden(kind, target, AUTOMATIC, False)
    audit.record(editor, "flags.dismissed", kind, target, reason=why,
                 detail=f"{count} flag{'s' if count != 1 else ''}")
    return count


def hide_content(editor, kind: str, object_id: int, reason: str = "") -> object:
    """Hide flagged content (it leaves pages and search) and close its flags."""
    require_editor(editor)
    target = load_target(kind, object_id, editor)
    why = _why(reason, kind, object_id)
    if not target.hidden:
        with audit.explicit():
            _set_hidden(kind, target, editor, True)
    _release_hold(kind, object_id)
    count = _resolve(editor, kind, object_id, "hidden", "actioned")
    audit.record(editor, f"{kind}.hidden", kind, target, reason=why,
                 detail=f"{count} flag{'s' if count != 1 else ''} closed")
    return target


def edit_flagged(editor, kind: str, object_id: int, *, body: str, title: str = "",
                 reason: str = "", suppress_previous: bool = False) -> object:
    """Correct flagged content through its own service, then close its flags. With
    `suppress_previous`, the text it replaced is removed from the history as well (an
    article's, question's or answer's; a comment keeps no history)."""
    require_editor(editor)
    target = load_target(kind, object_id, editor)
    why = _why(reason, kind, object_id)
    summary = clean_line(f"Moderated: {why}" if why else "Moderated", 300, "", "reason")
    before = _latest_number(kind, target) if kind in HISTORY_KINDS else 0
    from core.hooks import check_post

    with audit.explicit():
        if kind == "article":
            wiki.save_edit(target, editor, title=title or target.title, body=body,
                           summary=summary, tags=[tag.name for tag in target.tags],
                           sectors=target.sectors,
                           base_revision=target.current_revision.number)
        elif kind == "question":
            community.edit_question(editor, target, title=title or target.title, body=body,
                                    tags=[tag.name for tag in target.tags], summary=summary)
        elif kind == "answer":
            community.edit_answer(editor, target, body, summary)
        else:
            body = community.clean_text(body, limit=community.COMMENT_MAX, what="comment")
            check_post(editor, body, target.body)
            target.body, target.html = body, render(body).html
            if target.target_type == "article":
                article = db.session.get(Article, target.target_id)
                if article is not None:
                    wiki.touch(article)
        if _release_hold(kind, object_id) and target.hidden:
            _set_hidden(kind, target, AUTOMATIC, False)
    count = _resolve(editor, kind, object_id, "edited", "actioned")
    audit.record(editor, f"{kind}.edited", kind, target, reason=why,
                 detail=f"{count} flag{'s' if count != 1 else ''} closed")
    if suppress_previous and kind in HISTORY_KINDS and _latest_number(kind, target) > before:
        suppress_revision(editor, kind, object_id, before, why)  # the text it replaced
    return target


# ---------------------------------------------------------------- suppressed revisions

HISTORY_KINDS = ("article", "question", "answer")


def _latest_number(kind: str, target) -> int:
    if kind == "article":
        db.session.flush()
        return target.revision_count
    return db.session.scalar(select(func.max(PostRevision.number)).where(
        PostRevision.post_type == kind, PostRevision.post_id == target.id)) or 0


def history_revision(kind: str, object_id: int, number: int, viewer):
    """(the article, question or answer, one of its revisions), for this viewer."""
    if kind not in HISTORY_KINDS:
        raise NotFound("Only articles, questions and answers keep a history.")
    target = load_target(kind, object_id, viewer)
    if kind == "article":
        revision = wiki.get_revision(target, number)
    else:
        revision = db.session.scalar(select(PostRevision).where(
            PostRevision.post_type == kind, PostRevision.post_id == target.id,
            PostRevision.number == number))
        if revision is None:
            raise NotFound(f"There is no version {number} of this {kind}.")
    return target, revision


def history_url(kind: str, target) -> str:
    if kind == "article":
        return f"/wiki/{target.slug}/history"
    return f"/{kind}s/{target.id}/history"


def suppress_revision(editor, kind: str, object_id: int, number: int,
                      reason: str = "") -> object:
    """Remove a revision's text from the history (kept for admins): its text, summary and
    diffs are shown to everyone else as removed by an editor, and only editors may restore
    it as the current text. The current revision cannot be removed: edit it first."""
    if not wiki.can_suppress(editor):
        raise PermissionDenied("Only editors may remove text from the history.")
    target, revision = history_revision(kind, object_id, number, editor)
    if number >= _latest_number(kind, target):
        raise ValidationFailed("This is the current text: edit it first, then remove the "
                               "old version from the history.", "reason")
    reason = clean_line(reason, REASON_MAX, "the reason", "reason")
    if revision.suppressed_at is None:
        revision.suppressed_at, revision.suppressed_by_id = utcnow(), editor.id
        if kind == "article":
            wiki.touch(target)
        db.session.flush()
        audit.record(editor, "revision.suppressed", kind, target, reason=reason,
                     detail=f"Revision {number} removed from the history")
    return revision


def restore_revision(admin, kind: str, object_id: int, number: int,
                     reason: str = "") -> object:
    """Put a removed revision's text back in the history (admins only)."""
    if not wiki.can_read_suppressed(admin):
        raise PermissionDenied("Only admins may put removed text back in the history.")
    target, revision = history_revision(kind, object_id, number, admin)
    reason = clean_line(reason, REASON_MAX, "the reason", "reason")
    if revision.suppressed_at is not None:
        revision.suppressed_at, revision.suppressed_by_id = None, None
        if kind == "article":
            wiki.touch(target)
        db.session.flush()
        audit.record(admin, "revision.restored", kind, target, reason=reason,
                     detail=f"Revision {number} shown in the history again")
    return revision


def outdated_from_flags(editor, article_id: int, note: str) -> OutdatedMark:
    require_editor(editor)
    article = load_target("article", article_id, editor)
    mark = mark_outdated(editor, article, note or _flag_summary("article", article_id))
    _resolve(editor, "article", article_id, "outdated", "actioned")
    return mark


def _bump(question: Question) -> None:
    """Search shows this question differently now (as community.services does on change)."""
    from core.hooks import content_changed

    question.version = (question.version or 0) + 1
    db.session.flush()
    for hook in content_changed:
        hook("question", question.id)


def merge_questions(editor, source: Question, target: Question, reason: str = "") -> Question:
    """Merge a duplicate into another question: its answers and comments move there, its
    address redirects there, and both askers are told."""
    require_editor(editor)
    if source.id == target.id:
        raise ValidationFailed("A question cannot be merged into itself.", "merge_into")
    if source.merged_into_id is not None:
        raise ValidationFailed("This question was already merged into another.", "merge_into")
    if target.merged_into_id is not None:
        raise ValidationFailed(f"That question was itself merged into question "
                               f"{target.merged_into_id}: merge into that one.", "merge_into")
    if target.hidden:
        raise ValidationFailed("That question is hidden: merge into a visible one.",
                               "merge_into")
    why = _why(reason, "question", source.id)
    moved = list(db.session.scalars(select(Answer).where(Answer.question_id == source.id)))
    visible = sum(1 for reply in moved if not reply.hidden)
    with audit.explicit():
        source.accepted_answer_id = None
        source.solved_at = None
        db.session.flush()
        for reply in moved:
            reply.question = target
        db.session.execute(update(Comment).where(Comment.target_type == "question",
                                                 Comment.target_id == source.id)
                           .values(target_id=target.id)
                           .execution_options(synchronize_session=False))
        watching = set(db.session.scalars(select(Watch.user_id).where(
            Watch.target_type == "question", Watch.target_id == source.id)))
        for user_id in watching:
            if db.session.get(Watch, (user_id, "question", target.id)) is None:
                db.session.add(Watch(user_id=user_id, target_type="question",
                                     target_id=target.id))
        target.answer_count = Question.answer_count + visible
        source.answer_count = 0
        target.last_activity_at = max(target.last_activity_at, source.last_activity_at)
        source.merged_into_id = target.id
        db.session.flush()
        if not source.hidden:
            community.set_question_hidden(editor, source, True)
        _bump(target)
    url = community.question_url(target)
    answers = f"{visible} answer{'s' if visible != 1 else ''}"
    if source.author_id == target.author_id:
        notifications.notify({source.author_id}, "merged",
                             f"Your question “{source.title}” was merged into your question "
                             f"“{target.title}”", url, editor)
    else:
        notifications.notify({source.author_id}, "merged",
                             f"Your question “{source.title}” was merged into “{target.title}”,"
                             f" where its {answers} now are", url, editor)
        notifications.notify({target.author_id}, "merged",
                             f"“{source.title}” was merged into your question; its {answers} "
                             "are now on your thread", url, editor)
    _release_hold("question", source.id)
    _resolve(editor, "question", source.id, "merged", "actioned")
    audit.record(editor, "question.merged", "question", source, reason=why,
                 detail=f"Into question {target.id}, “{target.title[:120]}”; {answers} moved",
                 url=url)
    return target


@dataclass
class FlagGroup:
    """Every flag on one piece of content, and the content itself."""

    kind: str
    object_id: int
    flags: list[Flag]
    target: object | None = None
    label: str = ""
    url: str = ""
    excerpt: str = ""
    held: bool = False
    weight: float = 0.0  # of open spam and abuse flags, against EDITORS_HOLD_AFTER_FLAGS
    exempt: str = ""  # why it is never hidden automatically, if it is not

    @property
    def first_flagged(self) -> datetime:
        return min(item.created_at for item in self.flags)


def excerpt(html: str, limit: int = 240) -> str:
    """Plain text from sanitised HTML, cut at a word boundary."""
    from markupsafe import Markup

    text = " ".join(Markup(html or "").striptags().split())  # noqa: S704 - made plain
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "…"


def flag_groups(editor, status: str = "open", limit: int = 200) -> list[FlagGroup]:
    """Flags grouped by what they are about, oldest first, in a fixed number of queries."""
    require_editor(editor)
    query = select(Flag).options(joinedload(Flag.flagger), joinedload(Flag.resolved_by))
    if status == "open":
        query = query.where(Flag.status == "open").order_by(Flag.created_at, Flag.id)
    else:
        query = query.where(Flag.status != "open").order_by(Flag.resolved_at.desc(),
                                                             Flag.id.desc())
    groups: dict[tuple[str, int], FlagGroup] = {}
    for item in db.session.scalars(query.limit(limit)):
        key = (item.target_type, item.target_id)
        groups.setdefault(key, FlagGroup(item.target_type, item.target_id, [])).flags.append(
            item)
    by_kind: dict[str, set[int]] = {}
    for kind, object_id in groups:
        by_kind.setdefault(kind, set()).add(object_id)
    loaded: dict[tuple[str, int], object] = {}
    loaders = {
        "article": select(Article).options(joinedload(Article.current_revision),
                                           joinedload(Article.created_by)),
        "question": select(Question).options(joinedload(Question.author)),
        "answer": select(Answer).options(joinedload(Answer.author),
                                         joinedload(Answer.question)),
        "comment": select(Comment).options(joinedload(Comment.author)),
    }
    for kind, ids in by_kind.items():
        model = _MODELS[kind]
        for thing in db.session.scalars(loaders[kind].where(model.id.in_(ids))):
            loaded[(kind, thing.id)] = thing
    holds = set()
    if groups:
        holds = set(db.session.execute(select(ModerationHold.target_type,
                                              ModerationHold.target_id)).all())
    result = []
    threshold = setting("EDITORS_HOLD_AFTER_FLAGS")
    for key, group in groups.items():
        thing = loaded.get(key)
        if thing is None:
            continue
        group.target = thing
        if group.kind == "comment":
            group.label, group.url = f"Comment by {thing.author.name}", ""
        else:
            group.label, group.url = audit.describe(group.kind, thing)
        html = thing.current_revision.html if group.kind == "article" else thing.html
        group.excerpt = excerpt(html)
        group.held = key in holds
        if status == "open":
            group.weight = sum(item.weight for item in group.flags
                               if item.reason in HOLD_REASONS)
            if group.weight + 1e-9 >= threshold and not group.held and not thing.hidden:
                group.exempt = hold_exemption(group.kind, thing)
        result.append(group)
    return result


def open_flag_count() -> int:
    """How many pieces of content have open flags."""
    targets = select(Flag.target_type, Flag.target_id).where(Flag.status == "open").distinct()
    return db.session.scalar(select(func.count()).select_from(targets.subquery())) or 0


def flaggable_items(kind: str, object_id: int, viewer) -> list[tuple[str, object, str]]:
    """What a member may report on a page: the article or question itself, its answers
    and its comments, each as (key, thing, description)."""
    if kind == "article":
        article = load_target("article", object_id, viewer)
        items = [(f"article:{article.id}", article, f"The article “{article.title}”")]
        for remark in community.comments_for("article", [article.id], viewer).get(
                article.id, []):
            items.append((f"comment:{remark.id}", remark,
                          f"Comment by {remark.author.name}: {excerpt(remark.html, 90)}"))
        return items
    if kind != "question":
        raise NotFound("Report problems from an article or a question page.")
    question = load_target("question", object_id, viewer)
    items = [(f"question:{question.id}", question, f"The question “{question.title}”")]
    answers = community.ordered_answers(question, viewer)
    comments = community.comments_for("question", [question.id], viewer).get(question.id, [])
    for remark in comments:
        items.append((f"comment:{remark.id}", remark,
                      f"Comment by {remark.author.name} on the question: "
                      f"{excerpt(remark.html, 90)}"))
    answer_comments = community.comments_for("answer", [a.id for a in answers], viewer)
    for reply in answers:
        items.append((f"answer:{reply.id}", reply,
                      f"Answer by {reply.author.name}: {excerpt(reply.html, 90)}"))
        for remark in answer_comments.get(reply.id, []):
            items.append((f"comment:{remark.id}", remark,
                          f"Comment by {remark.author.name} on that answer: "
                          f"{excerpt(remark.html, 90)}"))
    return items


@dataclass
class ReportPage:
    """The page a report is made from (an article or a thread), and what it is about."""

    kind: str  # article or question
    object_id: int
    url: str
    item: str  # the key of the thing reported, chosen on the form: "answer:12"


def report_page(on: str | None, viewer) -> ReportPage:
    """Where a report starts, from ?on=article:<slug>, question:<id>, answer:<id> or
    comment:<id>. An answer or a comment is reported from the page that shows it."""
    kind, _, key = (on or "").partition(":")
    if kind == "article" and key:
        article = wiki.get_article(key[:200], viewer)
        return ReportPage("article", article.id, f"/wiki/{article.slug}",
                          f"article:{article.id}")
    if kind not in ("question", "answer", "comment") or not key.isdigit() or len(key) > 12:
        raise NotFound("Report problems with an article, a question, an answer or a comment.")
    thing = load_target(kind, int(key), viewer)
    item, anchor = f"{kind}:{thing.id}", f"#{kind}-{thing.id}"
    if kind == "comment":
        parent = community.comment_target(thing.target_type, thing.target_id, viewer)
        if thing.target_type == "article":
            return ReportPage("article", parent.id, f"/wiki/{parent.slug}{anchor}", item)
        thing = parent
    question = thing.question if isinstance(thing, Answer) else thing
    if kind == "question":
        anchor = ""
    return ReportPage("question", question.id, community.question_url(question) + anchor,
                      item)


def parse_key(key: str | None) -> tuple[str, int]:
    kind, _, number = (key or "").partition(":")
    object_id = parse_int(number, low=1) if number.isdigit() else None
    if kind not in FLAG_TARGETS or object_id is None:
        raise ValidationFailed("Choose what you are reporting.", "target")
    return kind, object_id


# ---------------------------------------------------------------- audit log

def log_query(viewer, *, action: str | None = None, actor: str | None = None,
              kind: str | None = None, q: str | None = None):
    if not can_read_log(viewer):
        raise PermissionDenied("Only editors and admins may read the log.")
    query = select(AuditEntry).order_by(AuditEntry.created_at.desc(), AuditEntry.id.desc())
    if action:
        query = query.where(AuditEntry.action == action)
    if actor:
        query = query.where(func.lower(AuditEntry.actor_name) == actor.strip().lower())
    if kind:
        query = query.where(AuditEntry.target_type == kind)
    if q:
        pattern = "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        query = query.where(or_(AuditEntry.target_label.ilike(pattern, escape="\\"),
                                AuditEntry.reason.ilike(pattern, escape="\\")))
    return query


def log_actions() -> list[str]:
    return list(db.session.scalars(select(AuditEntry.action).distinct()
                                   .order_by(AuditEntry.action)))


def role_changed(user: User, old: str, new: str, actor, reason: str) -> None:
    """Hook: every role change goes into the log, from the web or the command line."""
    audit.record(actor, "role.changed", "user", user, reason=reason, detail=f"{old} → {new}")


# ---------------------------------------------------------------- links from new members

_HREF = re.compile(r'<a\s[^>]*?href="([^"]*)"')
_RAW_URL = re.compile(r"https?://[^\s<>\"'\]\[]+", re.IGNORECASE)


def _normal(url: str) -> str:
    return url.rstrip(".,;:!?)'\"").rstrip("/").lower()


def external_links(text: str) -> set[str]:
    """The distinct addresses off this site that this Markdown carries: what becomes a link
    once rendered (bare domains that the sanitiser links included; wikilinks and paths on
    this site not), and any http(s) address written out, linked or not."""
    if not text or not any(mark in text for mark in (".", ":", "//")):
        return set()
    links = set()
    for href in _HREF.findall(render(text).html):
        # Read as a browser reads it: " //host", "\t//host" and "/\\host" leave the site.
        if is_external(href) or url_scheme(href) == "mailto":
            links.add(_normal(browser_url(href)))
    links.update(_normal(url) for url in _RAW_URL.findall(text) if "." in url)
    return links


def member_reputation(user) -> int:
    from community.reputation import reputation

    return reputation(user)


def check_links(user, text: str, previous: str = "") -> None:
    """Hook for core.hooks.post_checks: new members may add only a few links."""
    if not wiki.is_member(user) or user.is_editor:
        return
    limit = setting("EDITORS_NEW_MEMBER_LINKS")
    added = external_links(text) - external_links(previous)
    if len(added) <= limit:
        return
    points = setting("EDITORS_LINK_REPUTATION")
    if member_reputation(user) >= points:
        return
    raise ValidationFailed(
        f"New members may include at most {limit} links until they have {points} reputation "
        f"points; this text adds {len(added)}. Remove some links (your text is kept below), "
        "or ask an editor to add them.", "body")
