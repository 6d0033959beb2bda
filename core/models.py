"""Accounts: the people of Commonplace and their roles; and the audit log of what editors,
admins and the site itself did."""

from __future__ import annotations

from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from core.extensions import db
from core.spoofing import SKELETON_MAX, skeleton
from core.timeutil import utcnow

ROLES = ("member", "editor", "admin")
ROLE_RANK = {role: rank for rank, role in enumerate(ROLES)}
SECTORS = ("public", "academic", "school", "special", "other")
SECTOR_LABELS = {
    "public": "Public library",
    "academic": "Academic library",
    "school": "School library",
    "special": "Special library",
    "other": "Other",
}


class User(UserMixin, db.Model):
    __tablename__ = "users"
    __table_args__ = (
        CheckConstraint("role IN ('member', 'editor', 'admin')", name="role_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(32))
    # Usernames are unique regardless of case: "Ada" and "ada" are one person.
    username_key: Mapped[str] = mapped_column(String(32), unique=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16), default="member")
    display_name: Mapped[str] = mapped_column(String(80), default="")
    library: Mapped[str] = mapped_column(String(120), default="")
    sector: Mapped[str] = mapped_column(String(16), default="")
    bio: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # The member's last visit, to a quarter of an hour (core.edge.note_visit): digests
    # gather what is new since then.
    last_seen_at: Mapped[datetime | None]
    # Look-alike keys (core.spoofing.skeleton) of the username and display name, kept by
    # the validator below: a new name is compared with others' through these indexes.
    username_skeleton: Mapped[str] = mapped_column(String(SKELETON_MAX), default="",
                                                   server_default="", index=True)
    display_skeleton: Mapped[str] = mapped_column(String(SKELETON_MAX), default="",
                                                  server_default="", index=True)

    @validates("username", "display_name")
    def _keep_skeletons(self, key: str, value: str) -> str:
        folded = skeleton(value or "")
        if key == "username":
            self.username_skeleton = folded
        else:
            self.display_skeleton = folded
        return value

    # The sign-in this request runs under (see SignIn); not stored on the row.
    sign_in_token = ""

    def get_id(self) -> str:
        """What the session and the remember cookie carry: the member and their sign-in,
        so that ending the sign-in (logout, password change) ends every copy of them."""
        return f"{self.id}:{self.sign_in_token}"

    @property
    def is_active(self) -> bool:  # type: ignore[override]
        return self.active

    @property
    def name(self) -> str:
        return self.display_name or self.username

    def has_role(self, role: str) -> bool:
        return ROLE_RANK[self.role] >= ROLE_RANK[role]

    @property
    def is_editor(self) -> bool:
        return self.has_role("editor")

    @property
    def is_admin(self) -> bool:
        return self.has_role("admin")

    def __repr__(self) -> str:
        return f"<User {self.username}>"


class SignIn(db.Model):
    """One sign-in of a member on one device: what the session and remember cookies carry
    is its token, checked on every request. Signing out deletes it; changing the password
    deletes them all; each lasts SIGN_IN_DAYS at most. Only a hash of the token is kept."""

    __tablename__ = "sign_ins"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"),
                                         index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]


class AuditEntry(db.Model):
    """Who did what, when and why: every moderation action and role change."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_target", "target_type", "target_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"),
                                                 index=True)
    # Kept as written, so the log reads the same after a rename: a username, or how the
    # action was taken when no member took it ("automatic", "command line").
    actor_name: Mapped[str] = mapped_column(String(80), default="")
    action: Mapped[str] = mapped_column(String(40), index=True)
    target_type: Mapped[str] = mapped_column(String(16), default="")
    target_id: Mapped[int | None]
    target_label: Mapped[str] = mapped_column(String(200), default="")
    target_url: Mapped[str] = mapped_column(String(300), default="")
    reason: Mapped[str] = mapped_column(String(500), default="")
    detail: Mapped[str] = mapped_column(String(500), default="")

    actor: Mapped[User | None] = relationship()
