"""Features: what editors put on the home page, in what order and for how long."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from flask import current_app
from sqlalchemy import func, or_, select
from sqlalchemy.orm import joinedload

from core import permissions
from core.errors import NotFound, ValidationFailed
from core.extensions import db
from core.markup import url_scheme
from core.timeutil import utcnow
from editors import audit
from editors.common import (
    BLURB_MAX,
    IMAGE_SUFFIXES,
    REASON_MAX,
    Target,
    clean_line,
    clean_markdown,
    is_showable_target,
    require_showable,
    resolve_address,
)
from editors.icons import ICONS
from editors.models import (
    Feature,
)


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
    permissions.require_editor(editor)
    now = utcnow()
    target = resolve_address(address)
    require_showable(target)
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
    permissions.require_editor(editor)
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
    permissions.require_editor(editor)
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
    permissions.require_editor(editor)
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


# The home page shows at most this many features, the first live ones in the editors' order.
HOME_FEATURES = 6


@dataclass
class Desk:
    current: list[Feature] = field(default_factory=list)  # live now, in the editors' order
    scheduled: list[Feature] = field(default_factory=list)
    past: list[Feature] = field(default_factory=list)
    shown: list[Feature] = field(default_factory=list)  # the live ones the home page shows
    waiting: list[tuple[Feature, str]] = field(default_factory=list)  # live, not shown: why
    home_features: int = HOME_FEATURES


def features_for_desk(editor, past_limit: int = 20) -> Desk:
    """Every feature an editor arranges, with its target, in a fixed number of queries."""
    permissions.require_editor(editor)
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
    for item in desk.current:  # as the home page chooses (editors.home.featured_now)
        target = item.article or item.question or item.collection
        if not is_showable_target(Target(item.kind, target)):
            desk.waiting.append((item, "hidden"))
        elif len(desk.shown) < HOME_FEATURES:
            desk.shown.append(item)
        else:
            desk.waiting.append((item, "no room"))
    desk.past = list(db.session.scalars(
        select(Feature).where(or_(Feature.retired_at.is_not(None), Feature.ends_at <= now))
        .options(*options).order_by(func.coalesce(Feature.retired_at, Feature.ends_at).desc())
        .limit(past_limit)))
    return desk


def live_features_condition(now: datetime):
    return (Feature.retired_at.is_(None),
            or_(Feature.starts_at.is_(None), Feature.starts_at <= now),
            or_(Feature.ends_at.is_(None), Feature.ends_at > now))
