"""The partnerships board's rules: posting, replying (privately to the poster, or in
public), closing when a partner is found, and writing the partnership up as a short
practice article. Services check permission and input, raise core.errors and flush."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import joinedload

from community.notifications import notify
from core import permissions
from core.errors import NotFound, Problems, ValidationFailed
from core.extensions import db
from core.models import SECTORS
from core.signals import check_post
from core.text import check_text
from core.throttle import check_member_rate
from core.timeutil import utcnow
from core.urls import site_path
from editors.common import clean_markdown
from partners.models import PartnerPost, PartnerReply

TITLE_MAX, BODY_MAX, REPLY_MAX, REGION_MAX, TOPIC_MAX, NOTE_MAX = 200, 5000, 3000, 80, 50, 500
LATEST_UNTIL = timedelta(days=2 * 366)
POST_LIMITS = {"new": "2 per hour", "member": "10 per hour"}
REPLY_LIMITS = {"new": "5 per hour", "member": "30 per hour"}
KIND = "partner_reply"  # the notification (and mail preference) of a reply
NAMED_SECTORS = tuple(name for name in SECTORS if name != "other")


def kinds() -> dict[str, str]:
    from orgs.models import KINDS

    return KINDS


def _line(value: str | None, limit: int, field: str, what: str, problems: Problems,
          required: bool = False) -> str:
    try:
        value = " ".join(check_text(value, field, what).split())
    except ValidationFailed as error:
        problems.add(error.message, field)
        return ""
    if required and not value:
        problems.add(f"Give {what}.", field)
    elif len(value) > limit:
        problems.add(f"Keep {what} to {limit} characters.", field)
    return value


def _until(value, problems: Problems) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value.strip())
        except ValueError:
            problems.add("Give the date as year-month-day, e.g. 2027-03-31.", "until")
            return None
    today = utcnow().date()
    if value < today:
        problems.add("The date has passed: choose one from today on.", "until")
    elif value > today + LATEST_UNTIL:
        problems.add("Choose a date within two years.", "until")
    return value


def _listed(values, allowed, field: str, what: str, problems: Problems) -> str:
    values = [value for value in (values or []) if value]
    unknown = [value for value in values if value not in allowed]
    if unknown:
        problems.add(f"Choose {what} from the list.", field)
        return ""
    chosen = [name for name in allowed if name in values]
    return "," + ",".join(chosen) + "," if chosen else ""


@dataclass
class PostInput:
    title: str
    body: str
    region: str = ""
    online: bool = False
    sectors: list[str] | None = None
    kinds: list[str] | None = None
    topic: str = ""
    until: date | str | None = None


def _clean(given: PostInput) -> dict:
    problems = Problems()
    title = _line(given.title, TITLE_MAX, "title", "a title", problems, required=True)
    region = _line(given.region, REGION_MAX, "region", "the region", problems)
    topic = _line(given.topic, TOPIC_MAX, "topic", "the topic", problems).lower()
    sectors = _listed(given.sectors, NAMED_SECTORS, "sectors", "the sectors", problems)
    wanted_kinds = _listed(given.kinds, tuple(kinds()), "kinds", "the kinds", problems)
    until = _until(given.until, problems)
    if not region and not given.online:
        problems.add("Say where (a region), or that it can be online.", "region")
    body, body_html = "", ""
    try:
        body, body_html = clean_markdown(given.body, BODY_MAX, "what the project is",
                                         "body", required=True)
    except ValidationFailed as error:
        for field, message in error.errors:
            problems.add(message, field or "body")
    problems.raise_any()
    return {"title": title, "body": body, "body_html": body_html, "region": region,
            "online": bool(given.online), "sectors_sought": sectors,
            "kinds_sought": wanted_kinds, "topic": topic, "until": until}


def create_post(author, given: PostInput) -> PartnerPost:
    permissions.require_member(author)
    permissions.require(permissions.may_post_partnership(author), "Only members may post.")
    values = _clean(given)
    check_post(author, values["body"])
    post = PartnerPost(author_id=author.id, **values)
    db.session.add(post)
    db.session.flush()
    check_member_rate(author, "partner_post", POST_LIMITS, "posting partnerships")
    return post


def edit_post(viewer, post: PartnerPost, given: PostInput) -> PartnerPost:
    permissions.require_member(viewer)
    permissions.require(permissions.may_manage_partnership(viewer, post),
                        "Only the poster and the editors may change a post.")
    values = _clean(given)
    check_post(viewer, values["body"], post.body)
    for name, value in values.items():
        setattr(post, name, value)
    post.updated_at = utcnow()
    db.session.flush()
    return post


def get_post(post_id: int, viewer) -> PartnerPost:
    post = db.session.scalar(select(PartnerPost).where(PartnerPost.id == post_id)
                             .options(joinedload(PartnerPost.author)))
    if post is None or not permissions.may_see(viewer, post):
        raise NotFound()
    return post


def reply(viewer, post: PartnerPost, body: str, public: bool = False) -> PartnerReply:
    """A reply to the poster: private (their notification and mail only) unless public.
    The poster hears of it either way (notification kind `partner_reply`)."""
    permissions.require_member(viewer)
    permissions.require(permissions.may_reply_partnership(viewer, post),
                        "You cannot reply to this post (it is yours, or it is closed).")
    text, html = clean_markdown(body, REPLY_MAX, "your reply", "body", required=True)
    check_post(viewer, text)
    answer = PartnerReply(post_id=post.id, author_id=viewer.id, body=text, body_html=html,
                          public=bool(public))
    db.session.add(answer)
    db.session.flush()
    check_member_rate(viewer, "partner_reply", REPLY_LIMITS, "replying to partnerships")
    how = "replied in public to" if public else "wrote to you privately about"
    notify([post.author_id], KIND, f"{viewer.name} {how} “{post.title}”",
           site_path("partners.post", post_id=post.id, anchor=f"reply-{answer.id}"),
           viewer)
    return answer


def replies_for(viewer, post: PartnerPost) -> list[PartnerReply]:
    """The replies this viewer may read: public ones; private ones if they wrote it, are
    the poster or an editor (core.permissions.may_read_partnership_reply)."""
    query = select(PartnerReply).where(PartnerReply.post_id == post.id) \
        .options(joinedload(PartnerReply.author)).order_by(PartnerReply.id)
    if not permissions.is_member(viewer):
        query = query.where(PartnerReply.public.is_(True))
    elif not (viewer.id == post.author_id or permissions.is_editor(viewer)):
        query = query.where(or_(PartnerReply.public.is_(True),
                                PartnerReply.author_id == viewer.id))
    return [row for row in db.session.scalars(query)
            if permissions.may_read_partnership_reply(viewer, post, row)]


def close_post(viewer, post: PartnerPost, note: str = "") -> PartnerPost:
    """A partner was found (or the poster stops looking): no more replies."""
    permissions.require_member(viewer)
    permissions.require(permissions.may_manage_partnership(viewer, post),
                        "Only the poster and the editors may close a post.")
    problems = Problems()
    note = _line(note, NOTE_MAX, "note", "the note", problems)
    problems.raise_any()
    post.status, post.found_note, post.closed_at = "closed", note, utcnow()
    db.session.flush()
    return post


def reopen_post(viewer, post: PartnerPost) -> PartnerPost:
    permissions.require_member(viewer)
    permissions.require(permissions.may_manage_partnership(viewer, post),
                        "Only the poster and the editors may reopen a post.")
    post.status, post.closed_at = "open", None
    db.session.flush()
    return post


def hide_post(viewer, post: PartnerPost, hidden: bool) -> None:
    permissions.require_member(viewer)
    permissions.require(permissions.may_hide(viewer, post), "Only editors may hide posts.")
    post.hidden = bool(hidden)
    db.session.flush()


WRITE_UP = """## The partnership

{body}

## Who worked together

_Which libraries (and sectors) took part, and who did what._

## What came of it

{found}

## What others could take from it

_What would another library need to do the same?_
"""


def write_up(viewer, post: PartnerPost):
    """A closed post becomes the start of a short practice article (once), with the
    sectors sought; its poster or an editor finishes it."""
    from wiki import saving

    permissions.require_member(viewer)
    permissions.require(permissions.may_manage_partnership(viewer, post),
                        "Only the poster and the editors may write the post up.")
    if post.status != "closed":
        raise ValidationFailed("Close the post (a partner was found) before writing it up.")
    if post.article_id is not None:
        raise ValidationFailed("This partnership is already written up.")
    result = saving.create_article(
        viewer, title=f"Partnership: {post.title}"[:TITLE_MAX],
        body=WRITE_UP.format(body=post.body, found=post.found_note
                             or "_What changed, for whom; numbers and feedback._"),
        summary="Written up from the partnerships board",
        tags=[post.topic] if post.topic else [], sectors=post.sectors)
    post.article_id = result.article.id
    db.session.flush()
    return result.article


def board_query(viewer, *, sector: str | None = None, region: str | None = None,
                topic: str | None = None, status: str = "open"):
    """Posts on the board, newest first, filtered by sector sought, region and topic."""
    query = select(PartnerPost).options(joinedload(PartnerPost.author))
    if not permissions.may_see_hidden(viewer):
        query = query.where(PartnerPost.hidden.is_(False))
    if status in ("open", "closed"):
        query = query.where(PartnerPost.status == status)
    if sector in NAMED_SECTORS:
        query = query.where(PartnerPost.sectors_sought.like(f"%,{sector},%"))
    if region:
        if region == "online":
            query = query.where(PartnerPost.online.is_(True))
        else:
            escaped = region.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            query = query.where(PartnerPost.region.ilike(f"%{escaped}%", escape="\\"))
    if topic:
        query = query.where(PartnerPost.topic == topic.lower())
    return query.order_by(PartnerPost.created_at.desc(), PartnerPost.id.desc())
