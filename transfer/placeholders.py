"""Placeholder members for an imported wiki's contributors, and claiming them.

A placeholder is a User row (so revisions, bylines and contributors pages work as for
anyone) that cannot sign in: no usable password, not active, an address that cannot
receive mail. A real member asks to be credited with it; an admin approves, and every
revision and byline of the placeholder moves to the member.
"""

from __future__ import annotations

import re
import secrets
import unicodedata

from sqlalchemy import select, update

from core import permissions
from core.audit import record as audit
from core.errors import NotFound, ValidationFailed
from core.extensions import db
from core.models import User
from core.timeutil import utcnow
from transfer.models import Placeholder, PlaceholderClaim
from wiki.models import Article, ArticleAuthor, Revision

NO_PASSWORD = "!imported"  # noqa: S105 - werkzeug refuses to check it: no password ever matches
ANONYMOUS = ""


class Placeholders:
    """The placeholders of one source wiki, found or made once per name in a run."""

    def __init__(self, source: str, wiki_name: str):
        self.source, self.wiki_name = source, wiki_name or source
        self.cache: dict[str, User] = {}
        self.created = 0

    def for_contributor(self, username: str | None, user_id: int | None) -> User:
        """The placeholder for a wiki username; IP and hidden editors share one."""
        name = " ".join((username or "").split())[:255]
        if not name or user_id in (None, 0) and _looks_like_ip(name):
            name = ANONYMOUS
        user = self.cache.get(name)
        if user is None:
            user = db.session.scalar(
                select(User).join(Placeholder, Placeholder.user_id == User.id)
                .where(Placeholder.source == self.source, Placeholder.wiki_username == name))
            if user is None:
                user = self._create(name)
            self.cache[name] = user
        return user

    def _create(self, name: str) -> User:
        display = (f"Anonymous contributors ({self.wiki_name})" if name == ANONYMOUS
                   else name)[:80]
        user = User(username=_free_username(name or "anonymous-contributors"),
                    email=f"placeholder-{secrets.token_hex(10)}@imported.invalid",
                    password_hash=NO_PASSWORD, role="member", display_name=display,
                    bio=f"Imported from {self.wiki_name}: this account stands for "
                        f"{'its anonymous (IP address) editors' if name == ANONYMOUS else name}"
                        " and cannot sign in.", active=False)
        user.username_key = user.username.lower()
        if name != ANONYMOUS:
            user.bio += f" Was this you? Ask for the credit at /transfer/claim/{user.username}"
        db.session.add(user)
        db.session.flush()
        db.session.add(Placeholder(user_id=user.id, source=self.source,
                                   wiki_name=self.wiki_name[:200], wiki_username=name))
        self.created += 1
        return user


_IP_RE = re.compile(r"^(\d{1,3}(\.\d{1,3}){3}|[0-9A-Fa-f:]{2,39})$")


def _looks_like_ip(name: str) -> bool:
    return bool(_IP_RE.match(name)) and (":" in name or "." in name)


def _free_username(name: str) -> str:
    """A username of our form (3 to 32 of A-Z a-z 0-9 . _ -) for a wiki name, unused."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    base = re.sub(r"[^A-Za-z0-9._-]+", "-", ascii_name).strip("._-")
    base = re.sub(r"\.{2,}", ".", base)[:24].strip("._-")
    if len(base) < 3:
        base = f"contributor-{base}".strip("._-") if base else "contributor"
    base = f"{base}-wiki" if base.lower() in {"admin", "administrator", "root", "system",
                                               "anonymous", "editor", "moderator"} else base
    candidate, number = base, 1
    while db.session.scalar(select(User.id).where(User.username_key == candidate.lower())):
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def placeholder_of(user: User) -> Placeholder | None:
    return db.session.get(Placeholder, user.id)


# ---------------------------------------------------------------- claims

def request_claim(member: User, placeholder_user: User, note: str = "") -> PlaceholderClaim:
    """A member asks to be credited with a placeholder's edits (an admin decides)."""
    permissions.require_member(member)
    placeholder = placeholder_of(placeholder_user)
    if placeholder is None:
        raise NotFound("That account is not an imported contributor.")
    if placeholder.anonymous:
        raise ValidationFailed("Anonymous edits cannot be claimed.")
    if placeholder.claimed_by_id is not None:
        raise ValidationFailed("This contributor has already been claimed.")
    pending = db.session.scalar(select(PlaceholderClaim).where(
        PlaceholderClaim.placeholder_id == placeholder.user_id,
        PlaceholderClaim.member_id == member.id, PlaceholderClaim.status == "pending"))
    if pending is not None:
        return pending
    claim = PlaceholderClaim(placeholder_id=placeholder.user_id, member_id=member.id,
                             note=(note or "").strip()[:500])
    db.session.add(claim)
    db.session.flush()
    return claim


def decide_claim(admin: User, claim: PlaceholderClaim, approve: bool) -> PlaceholderClaim:
    """Approve (credit moves to the member) or refuse a pending claim."""
    permissions.require_admin(admin)
    if claim.status != "pending":
        raise ValidationFailed("This claim has already been decided.")
    claim.status = "approved" if approve else "refused"
    claim.decided_by_id, claim.decided_at = admin.id, utcnow()
    if approve:
        move_credit(claim.placeholder, claim.member)
    audit(admin, "claim." + claim.status, "user", claim.member_id,
          label=claim.member.username, detail=f"placeholder {claim.placeholder.user.username}")
    db.session.flush()
    return claim


def move_credit(placeholder: Placeholder, member: User) -> int:
    """Every revision of the placeholder becomes the member's; bylines are recounted."""
    from wiki.saving import update_authors
    from wiki.services import touch

    source_id = placeholder.user_id
    article_ids = db.session.scalars(select(Revision.article_id).where(
        Revision.author_id == source_id).distinct()).all()
    db.session.execute(update(Revision).where(Revision.author_id == source_id)
                       .values(author_id=member.id).execution_options(
                           synchronize_session=False))
    db.session.execute(update(Article).where(Article.created_by_id == source_id)
                       .values(created_by_id=member.id).execution_options(
                           synchronize_session=False))
    for article_id in article_ids:
        db.session.query(ArticleAuthor).filter_by(article_id=article_id,
                                                  user_id=source_id).delete()
    db.session.expire_all()
    for article_id in article_ids:
        article = db.session.get(Article, article_id)
        update_authors(article, article.current_revision.attribution)
        touch(article)
    placeholder.claimed_by_id, placeholder.claimed_at = member.id, utcnow()
    db.session.flush()
    return len(article_ids)
