"""Account rules: registration, sign-in, profiles, passwords and roles.

Services flush and never commit: the request (or CLI command) commits once.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from datetime import timedelta
from functools import cache

from email_validator import EmailNotValidError, validate_email
from flask import current_app, has_app_context
from sqlalchemy import delete, func, or_, select
from werkzeug.security import check_password_hash, generate_password_hash

from core import permissions, signals
from core.config import SIGN_IN_DAYS
from core.errors import NotFound, Problems, ValidationFailed
from core.extensions import db
from core.models import ROLES, SECTORS, SignIn, User
from core.spoofing import check_no_bidi_controls, skeleton
from core.text import check_text
from core.timeutil import utcnow

USERNAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{1,30}[A-Za-z0-9]$")
RESERVED_USERNAMES = {"admin", "administrator", "root", "system", "commonplace", "anonymous",
                      "editor", "moderator", "support", "help", "new", "settings", "me"}
MIN_PASSWORD_LENGTH = 10
MAX_PASSWORD_LENGTH = 256
# scrypt is memory-hard; werkzeug's parameters (n=2**15, r=8, p=1) cost 32 MiB a hash.
PASSWORD_METHOD = "scrypt"  # noqa: S105 - a hashing method, not a password


@cache
def _common_passwords() -> frozenset[str]:
    from zxcvbn.frequency_lists import FREQUENCY_LISTS

    return frozenset(FREQUENCY_LISTS["passwords"])


def check_username(username: str) -> str:
    username = (username or "").strip()
    if not USERNAME_RE.match(username) or ".." in username:
        raise ValidationFailed(
            "Use 3 to 32 letters, digits, dots, dashes or underscores, "
            "starting and ending with a letter or digit.", "username")
    if username.lower() in RESERVED_USERNAMES:
        raise ValidationFailed("That username is reserved; please choose another.", "username")
    return username


@cache
def _reserved_skeletons() -> frozenset[str]:
    return frozenset(skeleton(name) for name in RESERVED_USERNAMES)


def check_username_unlike_others(username: str) -> None:
    """Refuse a username that looks like a reserved one or an existing member's."""
    key = skeleton(username)
    if key in _reserved_skeletons():
        raise ValidationFailed("That username is reserved; please choose another.", "username")
    taken = db.session.scalar(select(User.username).where(User.username_skeleton == key)
                              .limit(1))
    if taken is not None:
        raise ValidationFailed(f"That username looks too much like {taken!r}, another "
                               "member's: please choose one that cannot be mistaken for it.",
                               "username")


def check_display_name(name: str, user: User | None = None) -> str:
    """A display name, cleaned: refused if it holds a bidirectional control or looks like
    a reserved name or another member's username or display name (their own username
    is fine: "Mina" for mina)."""
    name = " ".join((name or "").split())[:80]
    check_no_bidi_controls(name, "display_name", "Your display name")
    if not name or (user is not None and name == user.display_name):
        return name  # unchanged: a name from before this rule is kept
    key = skeleton(name)
    others = select(User.id).where(or_(User.username_skeleton == key,
                                       User.display_skeleton == key))
    if user is not None and user.id is not None:
        others = others.where(User.id != user.id)
    if key in _reserved_skeletons() or db.session.scalar(others.limit(1)) is not None:
        raise ValidationFailed("That display name looks too much like another member's name "
                               "or username; choose one that readers cannot mistake for "
                               "someone else's.", "display_name")
    return name


def check_email(email: str) -> str:
    try:
        result = validate_email((email or "").strip(), check_deliverability=False)
    except EmailNotValidError as error:
        raise ValidationFailed(f"That e-mail address does not look right: {error}",
                               "email") from None
    return result.normalized.lower()


def check_password(password: str, *, username: str = "", email: str = "") -> str:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValidationFailed(
            f"Use at least {MIN_PASSWORD_LENGTH} characters; a short phrase is easy to remember.",
            "password")
    if len(password) > MAX_PASSWORD_LENGTH:
        raise ValidationFailed(f"Use at most {MAX_PASSWORD_LENGTH} characters.", "password")
    lowered = password.lower()
    if lowered in _common_passwords() or len(set(password)) < 4:
        raise ValidationFailed(
            "That password is among the most commonly used ones; please choose another.",
            "password")
    for personal in (username.lower(), email.lower().split("@")[0]):
        if personal and len(personal) >= 3 and personal in lowered:
            raise ValidationFailed("Your password must not contain your username or e-mail.",
                                   "password")
    return password


def hash_password(password: str) -> str:
    method = current_app.config.get("PASSWORD_HASH_METHOD", PASSWORD_METHOD) if has_app_context() \
        else PASSWORD_METHOD
    return generate_password_hash(password, method=method)


def find_user(login: str) -> User | None:
    """Find a member by username (any case) or e-mail."""
    login = (login or "").strip()
    if not login:
        return None
    if "@" in login:
        return db.session.scalar(select(User).where(User.email == login.lower()))
    return db.session.scalar(select(User).where(User.username_key == login.lower()))


def get_by_username(username: str) -> User:
    user = db.session.scalar(select(User).where(User.username_key == (username or "").lower()))
    if user is None:
        raise NotFound("No member has that username.")
    return user


def register(username: str, email: str, password: str, *, role: str = "member",
             display_name: str = "", library: str = "", sector: str = "", bio: str = "") -> User:
    """A new member. Every field is checked before anything is refused, so the form shows
    all its problems at once (the username taken and the password too short, together)."""
    if role not in ROLES:
        raise ValidationFailed(f"Unknown role {role!r}; choose one of {', '.join(ROLES)}.", "role")
    problems = Problems()
    username = problems.check(check_username, username)
    email = problems.check(check_email, email)
    problems.check(check_text, display_name, "display_name", "the display name")
    problems.check(check_text, library, "library", "the library's name")
    problems.check(check_text, bio, "bio", "the bio", multiline=True)
    problems.check(check_password, password, username=username or "", email=email or "")
    if username is not None:
        problems.check(_check_username_free, username)
    display_name = problems.check(check_display_name, display_name)
    if email is not None and db.session.scalar(select(func.count()).where(User.email == email)):
        problems.add("An account with that e-mail already exists.", "email")
    problems.raise_any()
    user = User(username=username, username_key=username.lower(), email=email,
                password_hash=hash_password(password), role=role,
                display_name=display_name, library=library.strip(),
                sector=sector if sector in SECTORS else "", bio=bio.strip())
    db.session.add(user)
    db.session.flush()
    signals.send(signals.account_registered, user=user)
    return user


def _check_username_free(username: str) -> None:
    if db.session.scalar(select(func.count()).where(User.username_key == username.lower())):
        raise ValidationFailed("That username is taken.", "username")
    check_username_unlike_others(username)


# A hash of a random password, so that a login for an unknown account takes as long
# as one for a known account.
_DUMMY_HASH: list[str] = []


def authenticate(login: str, password: str) -> User | None:
    """The member whose credentials these are, or None (never saying which part was wrong)."""
    user = find_user(login)
    if user is None or not user.active:
        if not _DUMMY_HASH:
            _DUMMY_HASH.append(hash_password("not-a-real-password-at-all"))
        check_password_hash(_DUMMY_HASH[0], password or "")
        return None
    if not check_password_hash(user.password_hash, password or ""):
        return None
    return user


def update_profile(user: User, *, display_name: str, library: str, sector: str, bio: str) -> User:
    if sector and sector not in SECTORS:
        raise ValidationFailed("Choose one of the listed sectors.", "sector")
    check_text(display_name, "display_name", "your display name")
    check_text(library, "library", "your library's name")
    check_text(bio, "bio", "your bio", multiline=True)
    user.display_name = check_display_name(display_name, user)
    user.library = check_no_bidi_controls(library.strip()[:120], "library",
                                          "Your library's name")
    user.sector = sector
    user.bio = bio.strip()[:2000]
    db.session.flush()
    signals.send(signals.profile_changed, user=user)
    return user


def change_password(user: User, current: str, new: str) -> User:
    if not check_password_hash(user.password_hash, current or ""):
        raise ValidationFailed("Your current password is not right.", "current_password")
    return set_password(user, new)


def set_password(user: User, new: str) -> User:
    """A new password (checked), and every sign-in ended: every device signs in again (the
    caller starts this one afresh). Password-reset links die with the old hash."""
    check_password(new, username=user.username, email=user.email)
    user.password_hash = hash_password(new)
    end_all_sign_ins(user)
    return user


def set_email(user: User, email: str) -> User:
    """Give `user` another address (already confirmed by its owner); refused if taken."""
    email = check_email(email)
    taken = db.session.scalar(select(User.id).where(User.email == email, User.id != user.id))
    if taken is not None:
        raise ValidationFailed("An account with that e-mail already exists.", "email")
    user.email = email
    db.session.flush()
    return user


ROLE_REASON_MAX = 300


def _check_role(role: str) -> str:
    if role not in ROLES:
        raise ValidationFailed(f"“{str(role)[:40]}” is not a role: choose member, editor or "
                               "admin.", "role")
    return role


def _other_admins(user: User) -> int:
    """Active admins besides `user`, with their rows locked (PostgreSQL) so that two
    admins demoting each other at once cannot leave the site with none."""
    return len(db.session.scalars(
        select(User.id).where(User.role == "admin", User.active.is_(True), User.id != user.id)
        .with_for_update()).all())


def set_role(user: User, role: str, *, actor: User | None = None, reason: str = "") -> User:
    """Give `user` a role; `actor` is who did it (None on the command line). The last
    active admin keeps the role: someone must be able to give roles."""
    _check_role(role)
    if user.role == "admin" and role != "admin" and _other_admins(user) == 0:
        raise ValidationFailed(f"{user.username} is the only admin: make someone else an "
                               "admin first, so that someone can still give roles.", "role")
    old, user.role = user.role, role
    db.session.flush()
    if old != role:
        signals.send(signals.role_changed, user=user, old=old, new=role, actor=actor,
                     reason=reason)
    return user


def a_role(role: str) -> str:
    """"a member", "an editor", "an admin"."""
    return f"{'an' if role[:1] in 'aeiou' else 'a'} {role}"


def change_role(actor: User, user: User, role: str, reason: str) -> User:
    """An admin gives a member another role on the web, saying why (the audit log keeps
    who, what, when and why)."""
    permissions.require(permissions.may_change_roles(actor),
                        "Only admins may change a member's role.")
    _check_role(role)
    reason = " ".join(check_text(reason, "reason", "the reason").split())
    if not reason:
        raise ValidationFailed("Say why, for the audit log.", "reason")
    if len(reason) > ROLE_REASON_MAX:
        raise ValidationFailed(f"Keep the reason under {ROLE_REASON_MAX} characters.", "reason")
    if user.role == role:
        raise ValidationFailed(f"{user.username} is already {a_role(role)}.", "role")
    return set_role(user, role, actor=actor, reason=reason)


# ---------------------------------------------------------------- sign-ins

def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start_sign_in(user: User) -> str:
    """A new sign-in for `user` (a fresh token each time, so a remember cookie from an
    earlier sign-in is never renewed); clears their expired ones. The token is set on
    `user` for Flask-Login's get_id and returned."""
    now = utcnow()
    db.session.execute(delete(SignIn).where(SignIn.user_id == user.id,
                                            SignIn.expires_at <= now))
    token = secrets.token_urlsafe(24)
    db.session.add(SignIn(user_id=user.id, token_hash=_token_hash(token), created_at=now,
                          expires_at=now + timedelta(days=SIGN_IN_DAYS)))
    db.session.flush()
    user.sign_in_token = token
    return token


def _parse_session_id(session_id) -> tuple[int, str] | None:
    try:
        user_id, token = str(session_id).split(":")
        return int(user_id), token
    except (ValueError, AttributeError):
        return None


def end_sign_in(session_id: str | None) -> None:
    """Sign out: the sign-in named by a session id ("<user id>:<token>") is deleted, so
    copies of its session or remember cookie stop working."""
    parsed = _parse_session_id(session_id)
    if parsed and parsed[1]:
        db.session.execute(delete(SignIn).where(SignIn.user_id == parsed[0],
                                                SignIn.token_hash == _token_hash(parsed[1])))
        db.session.flush()


def end_all_sign_ins(user: User) -> None:
    db.session.execute(delete(SignIn).where(SignIn.user_id == user.id))
    user.sign_in_token = ""
    db.session.flush()


def load_session_user(session_id: str) -> User | None:
    """Flask-Login's loader, on every request: the member, if the sign-in the session (or
    remember cookie) names is still current and unexpired and the account active."""
    parsed = _parse_session_id(session_id)
    if parsed is None or not parsed[1]:
        return None
    user_id, token = parsed
    user = db.session.scalar(
        select(User).join(SignIn, SignIn.user_id == User.id)
        .where(User.id == user_id, User.active.is_(True),
               SignIn.token_hash == _token_hash(token), SignIn.expires_at > utcnow()))
    if user is not None:
        user.sign_in_token = token
    return user
