"""Account mail: password reset, verifying an address, changing it. Services: they flush,
the request (or command) commits; the messages go into the outbox in the same transaction.
"""

from __future__ import annotations

from sqlalchemy import select

from core import accounts
from core.errors import ValidationFailed
from core.extensions import db
from core.models import User
from core.timeutil import utcnow
from core.urls import site_path
from mail import compose, outbox, tokens
from mail.preferences import settings_of

EXPIRED = ("That link has expired or has already been used. Ask for a new one below.")


def _queue_account_mail(user: User, to: str, subject: str, template: str, **context):
    context["user"] = {"name": user.name, "username": user.username}
    return outbox.queue(user_id=user.id, to=to, name=user.name, category="account",
                        kind=template, subject=subject, template=template, context=context)


# ---------------------------------------------------------------- verification

def send_verification(user: User, email: str | None = None):
    """A link (valid 48 hours) that verifies `email` (the member's own, or the new address
    they asked for) as theirs."""
    email = email or user.email
    token = tokens.make("verify", {"u": user.id, "e": email})
    link = compose.absolute(site_path("mail.verify", token=token))
    changing = email != user.email
    return _queue_account_mail(
        user, email, "Confirm your new e-mail address for Commonplace" if changing
        else "Verify your e-mail address for Commonplace", "verify", link=link,
        changing=changing)


def verify(token: str) -> User:
    """Verify the address the link names (and make it the member's, for a change)."""
    payload = tokens.read("verify", token, tokens.VERIFY_AGE)
    user = db.session.get(User, payload.get("u")) if payload else None
    if user is None or not isinstance(payload.get("e"), str):
        raise ValidationFailed("That link is not valid or has expired (links last 48 hours). "
                               "Ask for a new one in your settings.")
    settings = settings_of(user.id)
    email = payload["e"]
    if email != user.email:
        if email != settings.pending_email:
            raise ValidationFailed("That address change was replaced by a newer one or "
                                   "already made. Ask for a new one in your settings.")
        old = user.email
        accounts.set_email(user, email)
        settings.pending_email = ""
        _queue_account_mail(user, old, "Your Commonplace e-mail address was changed",
                            "email_changed", new_email=email)
    settings.verified_at = utcnow()
    db.session.flush()
    return user


def is_verified(user: User) -> bool:
    return settings_of(user.id).verified_at is not None


def resend_verification(user: User) -> None:
    from core.throttle import check_member_rate

    if is_verified(user):
        raise ValidationFailed("Your address is already verified.")
    check_member_rate(user, "verify-mail", {"new": "3 per hour", "member": "3 per hour"},
                      "asking for verification links")
    send_verification(user)


def request_email_change(user: User, password: str, email: str) -> str:
    """Send a confirmation to the new address and a notice to the old one; nothing changes
    until the new one is confirmed."""
    from core.throttle import check_member_rate

    if accounts.authenticate(user.username, password) is None:
        raise ValidationFailed("Your password is not right.", "password")
    email = accounts.check_email(email)
    if email == user.email:
        raise ValidationFailed("That is already your address.", "email")
    if db.session.scalar(select(User.id).where(User.email == email)) is not None:
        raise ValidationFailed("An account with that e-mail already exists.", "email")
    check_member_rate(user, "email-change", {"new": "3 per hour", "member": "5 per hour"},
                      "changing your address")
    settings_of(user.id).pending_email = email
    send_verification(user, email)
    _queue_account_mail(user, user.email, "A change of your Commonplace e-mail address",
                        "email_change_notice", new_email=email)
    return email


# ---------------------------------------------------------------- password reset

def ask_for_reset(email: str) -> None:
    """The page's part of "forgot your password": hand the address to the job runner and
    nothing else. The request does the same work whether or not an account has this address
    (no query, no write: one job queued either way), so neither its answer nor its timing
    tells who has an account; the job (`send_reset_link`) looks the address up."""
    from jobs import enqueue

    enqueue("reset_link", (email or "").strip().lower()[:254])


def send_reset_link(email: str) -> str:
    """The job: a reset link for the account with this address, if there is one (its own
    transaction; a job is an edge)."""
    sent = request_reset(email)
    db.session.commit()
    return "sent" if sent else "no such account"


def request_reset(email: str) -> bool:
    """Queue a reset link if an account has this address; nothing is said either way. A
    newer link makes every older one worthless."""
    user = db.session.scalar(select(User).where(User.email == (email or "").strip().lower()))
    if user is None or not user.active:
        return False
    settings = settings_of(user.id)
    settings.reset_generation += 1
    token = tokens.make("reset", {"u": user.id, "g": settings.reset_generation,
                                  "p": tokens.password_fragment(user.password_hash)})
    link = compose.absolute(site_path("mail.reset_password", token=token))
    _queue_account_mail(user, user.email, "Reset your Commonplace password", "reset",
                        link=link)
    return True


def reset_user(token: str) -> User | None:
    """The member a reset link is for, while it is valid: under an hour old, the newest one
    sent, and the password unchanged since (so it works once)."""
    payload = tokens.read("reset", token, tokens.RESET_AGE)
    user = db.session.get(User, payload.get("u")) if payload else None
    if user is None or not user.active:
        return None
    settings = settings_of(user.id)
    if payload.get("g") != settings.reset_generation \
            or payload.get("p") != tokens.password_fragment(user.password_hash):
        return None
    return user


def reset_password(token: str, password: str) -> User:
    """Set the new password; every sign-in ends (the caller signs this one in afresh)."""
    user = reset_user(token)
    if user is None:
        raise ValidationFailed(EXPIRED)
    accounts.set_password(user, password)
    settings = settings_of(user.id)
    settings.reset_generation += 1
    if settings.verified_at is None:
        settings.verified_at = utcnow()  # the link reached them: the address is theirs
    db.session.flush()
    return user
