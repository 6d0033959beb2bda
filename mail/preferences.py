"""How each member hears of each kind of notification, and how often digests come."""

from __future__ import annotations

from sqlalchemy import select

from core.errors import ValidationFailed
from core.extensions import db
from mail.models import MailPreference, MailSettings

MODES = {"site": "On the site only", "instant": "By e-mail at once",
         "digest": "In the digest", "off": "Off"}
# The kinds a member chooses for, in the order /settings/notifications shows them.
KINDS = {
    "answer": "Answers on my questions",
    "comment": "Comments on my posts",
    "accepted": "My answers accepted",
    "mention": "Mentions of me",
    "workgroup_question": "New questions in my workgroups",
    "watched_change": "Changes to what I watch",
    "training": "Training campaigns I pledged to or am interested in",
    "check_due": "Articles of mine due for a check",
    "partner_reply": "Replies to my partnership posts",
}
DEFAULTS = {"answer": "instant", "comment": "instant", "accepted": "instant",
            "mention": "instant", "workgroup_question": "digest",
            "watched_change": "digest", "training": "instant", "check_due": "instant",
            "partner_reply": "instant"}
FREQUENCIES = {"daily": "Daily", "weekly": "Weekly", "never": "Never"}
DIGEST = "digest"  # the unsubscribe kind of the digest itself


def settings_of(user_id: int) -> MailSettings:
    """The member's mail settings, made (unverified, weekly digest) if missing."""
    settings = db.session.get(MailSettings, user_id)
    if settings is None:
        settings = MailSettings(user_id=user_id, digest="weekly", reset_generation=0,
                                undeliverable_address="", pending_email="")
        db.session.add(settings)
        db.session.flush()
    return settings


def modes_of(user_id: int) -> dict[str, str]:
    chosen = dict(db.session.execute(select(MailPreference.kind, MailPreference.mode)
                                     .where(MailPreference.user_id == user_id)).all())
    return {kind: chosen.get(kind, DEFAULTS[kind]) for kind in KINDS}


def mode_of(user_id: int, kind: str) -> str:
    row = db.session.get(MailPreference, (user_id, kind))
    return row.mode if row is not None else DEFAULTS.get(kind, "site")


def set_mode(user_id: int, kind: str, mode: str) -> None:
    if kind not in KINDS:
        raise ValidationFailed("There is no such kind of notification.")
    if mode not in MODES:
        raise ValidationFailed("Choose one of the listed ways to hear of it.", kind)
    row = db.session.get(MailPreference, (user_id, kind))
    if row is None:
        db.session.add(MailPreference(user_id=user_id, kind=kind, mode=mode))
    else:
        row.mode = mode
    db.session.flush()


def save(user_id: int, modes: dict[str, str], digest: str) -> None:
    """Every kind's mode and the digest frequency, checked before anything is written."""
    if digest not in FREQUENCIES:
        raise ValidationFailed("Choose daily, weekly or never.", "digest")
    for kind in KINDS:
        if modes.get(kind) not in MODES:
            raise ValidationFailed("Choose one of the listed ways to hear of it.", kind)
    for kind in KINDS:
        set_mode(user_id, kind, modes[kind])
    settings_of(user_id).digest = digest
    db.session.flush()


def unsubscribe(user_id: int, kind: str) -> str:
    """Turn one kind off (or the digest to never); returns what was turned off."""
    if kind == DIGEST:
        settings_of(user_id).digest = "never"
        db.session.flush()
        return "the digest"
    set_mode(user_id, kind, "off")
    return KINDS[kind].lower()
