"""Claiming a placeholder by mail: an admin gives an address for an imported contributor
(MediaWiki exports carry none, so it comes from the admin: the wiki's own records, a
message from the person), a signed link is mailed there, and the member who opens it
while signed in takes the placeholder's credit, as an approved claim does.

The link carries the placeholder and the address, signed (mail.tokens, its own purpose),
and holds for CLAIM_AGE; once the placeholder is claimed it is worthless. Services: they
flush, the request commits, and the mail goes into the outbox in the same transaction.
"""

from __future__ import annotations

from datetime import timedelta

from core import permissions
from core.accounts import check_email
from core.audit import record as audit
from core.errors import NotFound, ValidationFailed
from core.extensions import db
from core.models import User
from core.timeutil import utcnow
from core.urls import site_path
from mail import compose, outbox, tokens
from transfer.models import Placeholder, PlaceholderClaim
from transfer.placeholders import move_credit, placeholder_of

PURPOSE = "placeholder-claim"
CLAIM_AGE = timedelta(days=14)
EXPIRED = ("That link has expired, was damaged, or the contributor has been claimed "
           "already. Ask an admin for a new one.")


def _claimable(placeholder: Placeholder | None) -> Placeholder:
    if placeholder is None:
        raise NotFound("That account is not an imported contributor.")
    if placeholder.anonymous:
        raise ValidationFailed("Anonymous edits cannot be claimed.")
    if placeholder.claimed_by_id is not None:
        raise ValidationFailed("This contributor has already been claimed.")
    return placeholder


def mail_claim_link(admin: User, placeholder_user: User, address: str) -> str:
    """Mail a link that lets whoever opens it, signed in, take the credit. Returns the
    address it went to."""
    permissions.require_admin(admin)
    placeholder = _claimable(placeholder_of(placeholder_user))
    address = check_email(address)
    token = tokens.make(PURPOSE, {"p": placeholder.user_id, "a": address})
    link = compose.absolute(site_path("transfer.claim_by_mail", token=token))
    outbox.queue(user_id=None, to=address, name=placeholder.wiki_username,
                 category="account", kind="placeholder_claim",
                 subject=f"Your edits on {placeholder.wiki_name} are on Commonplace",
                 template="placeholder_claim",
                 context={"wiki_username": placeholder.wiki_username,
                          "wiki_name": placeholder.wiki_name, "link": link,
                          "days": CLAIM_AGE.days})
    audit(admin, "claim.mailed", "user", placeholder.user_id,
          label=placeholder_user.username, detail=f"link mailed to {address}")
    db.session.flush()
    return address


def read_claim_link(token: str) -> tuple[Placeholder, str]:
    """The placeholder and address a link names (ValidationFailed when it is no good)."""
    payload = tokens.read(PURPOSE, token, CLAIM_AGE)
    placeholder = db.session.get(Placeholder, payload.get("p")) if payload else None
    if placeholder is None or placeholder.claimed_by_id is not None \
            or placeholder.anonymous or not isinstance(payload.get("a"), str):
        raise ValidationFailed(EXPIRED)
    return placeholder, payload["a"]


def claim_by_link(member: User, token: str) -> PlaceholderClaim:
    """The signed-in member takes the credit the link offers: recorded as an approved
    claim, so the admins' log shows how it moved."""
    permissions.require_member(member)
    placeholder, address = read_claim_link(token)
    if placeholder_of(member) is not None:
        raise ValidationFailed("An imported contributor cannot claim another.")
    claim = PlaceholderClaim(placeholder_id=placeholder.user_id, member_id=member.id,
                             status="approved", note=f"By the link mailed to {address}"[:500],
                             decided_at=utcnow())
    db.session.add(claim)
    move_credit(placeholder, member)
    audit(member, "claim.approved", "user", member.id, label=member.username,
          detail=f"placeholder {placeholder.user.username}, by the link mailed to {address}")
    db.session.flush()
    return claim
