"""Topics: what libraries want training on. Proposing one, its statuses (as Fider's:
open -> planned -> funded -> delivered, or declined with a reason, or duplicate), the
lists (trending, most wanted, newest) and similar topics while a title is typed."""

from __future__ import annotations

import math
import re
from datetime import timedelta

from sqlalchemy import func, select

from core import audit, permissions, signals
from core.errors import NotFound, Problems, ValidationFailed
from core.extensions import db
from core.markup import render
from core.models import SECTOR_LABELS
from core.text import check_text
from core.throttle import check_member_rate
from core.timeutil import utcnow
from training.models import FORMATS, ONLINE, TrainingInterest, TrainingTopic

TITLE_MAX, AUDIENCE_MAX, REGION_MAX, DESCRIPTION_MAX, REASON_MAX = 200, 200, 80, 20_000, 2000
TABS = {"trending": "Trending", "wanted": "Most wanted", "newest": "Newest"}
LISTED = ("open", "planned", "funded", "delivered")  # declined and duplicates: by filter
TRENDING_WINDOW = timedelta(days=30)
TRENDING_POOL = 500  # the most recently active topics that trending ranks
PROPOSE_LIMITS = {"new": "3 per hour", "member": "20 per hour"}
DECISIONS = ("open", "planned", "declined")  # what an editor sets by hand
_WORD = re.compile(r"[^\W_]{3,}", re.UNICODE)
STOP = {"the", "and", "for", "with", "how", "our", "training", "what", "from", "into",
        "your", "about", "libraries", "library"}


def changed(topic: TrainingTopic) -> None:
    """What search indexes of the topic (its text and status) changed: tell it."""
    db.session.flush()
    signals.send(signals.content_changed, kind="training", object_id=topic.id)


def get_topic(topic_id: int) -> TrainingTopic:
    topic = db.session.get(TrainingTopic, topic_id)
    if topic is None:
        raise NotFound("There is no such topic.")
    return topic


def clean_topic(title, description, format_, audience, sectors, region) -> dict:
    problems = Problems()
    title = (problems.check(check_text, title, "title", "the title") or "").strip()
    if not title:
        problems.add("Give the topic a title.", "title")
    elif len(title) > TITLE_MAX:
        problems.add(f"Keep the title under {TITLE_MAX} characters.", "title")
    description = problems.check(check_text, description, "description", "the description",
                                 multiline=True) or ""
    if len(description) > DESCRIPTION_MAX:
        problems.add(f"Keep the description under {DESCRIPTION_MAX} characters.",
                     "description")
    if format_ not in FORMATS:
        problems.add("Choose one of the listed formats.", "format")
    audience = (problems.check(check_text, audience, "audience", "the audience") or "").strip()
    if len(audience) > AUDIENCE_MAX:
        problems.add(f"Keep the audience under {AUDIENCE_MAX} characters.", "audience")
    sectors = list(dict.fromkeys(sectors or []))
    if any(sector not in SECTOR_LABELS for sector in sectors):
        problems.add("Choose sectors from the list.", "sectors")
    region = (problems.check(check_text, region, "region", "the region") or "").strip()
    if len(region) > REGION_MAX:
        problems.add(f"Keep the region under {REGION_MAX} characters.", "region")
    problems.raise_any()
    if region.lower() == ONLINE:
        region = ONLINE
    return {"title": title, "description": description, "format": format_,
            "audience": audience, "sectors": ",".join(sorted(sectors)), "region": region}


def propose(author, details: dict) -> TrainingTopic:
    permissions.require_member(author, "Please sign in to propose a topic.")
    permissions.require(permissions.may_propose_topic(author), "You may not propose topics.")
    check_member_rate(author, "training-topic", PROPOSE_LIMITS, "proposing topics")
    html = render(details["description"]).html if details["description"] else ""
    topic = TrainingTopic(**details, html=html, author_id=author.id)
    db.session.add(topic)
    changed(topic)
    return topic


def set_status(actor, topic: TrainingTopic, status: str, reason: str = "") -> TrainingTopic:
    """An editor's decision: open again, planned, or declined (with a reason)."""
    permissions.require(permissions.may_decide_topic(actor, topic),
                        "Only editors decide what becomes of a topic.")
    if status not in DECISIONS:
        raise ValidationFailed("Choose open, planned or declined.", "status")
    if topic.status == "duplicate":
        raise ValidationFailed("This topic is a duplicate: its interest has moved.", "status")
    reason = check_text(reason, "reason", "the reason").strip()
    if status == "declined" and not reason:
        raise ValidationFailed("Say why the topic is declined.", "reason")
    if len(reason) > REASON_MAX:
        raise ValidationFailed(f"Keep the reason under {REASON_MAX} characters.", "reason")
    topic.status, topic.status_reason = status, reason if status == "declined" else ""
    topic.updated_at = utcnow()
    changed(topic)
    audit.record(actor, f"training.topic.{status}", "training_topic", topic.id,
                 label=topic.title)
    return topic


def follow_campaign(topic: TrainingTopic, campaign_status: str) -> None:
    """A topic's status follows its campaigns (open campaigns plan it; a confirmed one funds
    it; a delivered one delivers it); never over an editor's decline or a duplicate."""
    if topic.status in ("declined", "duplicate"):
        return
    from training.models import TrainingCampaign

    statuses = set(db.session.scalars(select(TrainingCampaign.status).where(
        TrainingCampaign.topic_id == topic.id)))
    statuses.add(campaign_status)
    if "delivered" in statuses:
        topic.status = "delivered"
    elif statuses & {"confirmed", "scheduled"}:
        topic.status = "funded"
    elif statuses & {"open", "tipped"}:
        topic.status = "planned"
    elif topic.status in ("planned", "funded"):
        topic.status = "open"
    changed(topic)


def mark_duplicate(actor, topic: TrainingTopic, original: TrainingTopic) -> int:
    """Mark `topic` a duplicate of `original`: every interest moves to the original (a
    member interested in both keeps one, with the larger number of seats; an organisation
    interested in both counts once, as it always does); returns how many moved."""
    from training import interest

    permissions.require(permissions.may_decide_topic(actor, topic),
                        "Only editors mark duplicates.")
    while original.status == "duplicate" and original.duplicate_of_id:
        original = get_topic(original.duplicate_of_id)
    if original.id == topic.id:
        raise ValidationFailed("A topic cannot be a duplicate of itself.", "original")
    if topic.status == "duplicate":
        raise ValidationFailed("This topic is already a duplicate.", "original")
    moved = interest.move_all(topic, original)
    topic.status, topic.duplicate_of_id = "duplicate", original.id
    topic.status_reason = ""
    original.moved_count += moved
    topic.updated_at = original.updated_at = utcnow()
    interest.recount(topic)
    interest.recount(original)
    changed(topic)
    audit.record(actor, "training.topic.duplicate", "training_topic", topic.id,
                 label=f"{topic.title} -> {original.title} ({moved} moved)")
    return moved


# ---------------------------------------------------------------- lists

def topic_query(*, sector: str = "", region: str = "", format_: str = "", status: str = ""):
    query = select(TrainingTopic)
    if status in ("declined", "duplicate", *LISTED):
        query = query.where(TrainingTopic.status == status)
    else:
        query = query.where(TrainingTopic.status.in_(LISTED))
    if sector in SECTOR_LABELS:
        query = query.where((TrainingTopic.sectors == "")
                            | TrainingTopic.sectors.contains(sector))
    if region:
        query = query.where(func.lower(TrainingTopic.region) == region.lower()[:REGION_MAX])
    if format_ in FORMATS and format_ != "any":
        query = query.where(TrainingTopic.format.in_((format_, "any")))
    return query


def ordered(query, tab: str):
    if tab == "wanted":
        return query.order_by(TrainingTopic.seat_count.desc(),
                              TrainingTopic.library_count.desc(), TrainingTopic.id.desc())
    return query.order_by(TrainingTopic.created_at.desc(), TrainingTopic.id.desc())


def trending_score(recent: int, age_hours: float) -> float:
    """Fider's trending rank: recent activity over age, decayed as (hours + 2) ** 1.4."""
    return recent / math.pow(max(age_hours, 0.0) + 2, 1.4)


def trending(query, now=None, limit: int = 30) -> list[TrainingTopic]:
    """The topics with the most interest registered or changed, and comments posted, in
    the last 30 days for their age (Fider's rank; a comment weighs as an interest), from
    the TRENDING_POOL most recently active ones."""
    now = now or utcnow()
    pool = list(db.session.scalars(query.order_by(TrainingTopic.updated_at.desc())
                                   .limit(TRENDING_POOL)))
    if not pool:
        return []
    recent = dict(db.session.execute(
        select(TrainingInterest.topic_id, func.count()).where(
            TrainingInterest.topic_id.in_([topic.id for topic in pool]),
            TrainingInterest.updated_at >= now - TRENDING_WINDOW)
        .group_by(TrainingInterest.topic_id)).all())
    from training.discussion import recent_counts

    talk = recent_counts([topic.id for topic in pool], now - TRENDING_WINDOW)
    return sorted(pool, key=lambda topic: (
        -trending_score(recent.get(topic.id, 0) + talk.get(topic.id, 0) + 1,
                        (now - topic.created_at).total_seconds() / 3600), -topic.id))[:limit]


def _words(text: str) -> set[str]:
    return {word for word in _WORD.findall(text.lower()) if word not in STOP}


def similar(text: str, limit: int = 5, exclude: int | None = None) -> list[dict]:
    """Topics whose titles share words with `text` (most shared first), among the 500
    newest listed ones: shown while a member types a new topic's title, as similar
    questions are while asking."""
    from core.urls import site_path

    words = _words(text[:TITLE_MAX])
    if not words:
        return []
    rows = db.session.execute(select(TrainingTopic.id, TrainingTopic.title,
                                     TrainingTopic.status, TrainingTopic.seat_count)
                              .where(TrainingTopic.status.in_(LISTED))
                              .order_by(TrainingTopic.id.desc()).limit(TRENDING_POOL)).all()
    scored = []
    for row in rows:
        shared = len(words & _words(row.title))
        if shared and row.id != exclude:
            scored.append((shared / len(words | _words(row.title)), row))
    scored.sort(key=lambda pair: (-pair[0], -pair[1].id))
    return [{"title": row.title, "url": site_path("training.topic", topic_id=row.id),
             "status": row.status, "seats": row.seat_count}
            for score, row in scored[:limit] if score >= 0.2]
