"""Roles: only admins change them, always saying why; a wrong role is refused with a clear
message; the last admin stays an admin, on the web and on the command line."""

from __future__ import annotations

import pytest
from flask_login import AnonymousUserMixin

from core import accounts, signals
from core.errors import PermissionDenied, ValidationFailed
from core.extensions import db
from core.models import User


@pytest.fixture
def changes(app):
    """Every role_changed call, as (username, old, new, actor, reason)."""
    seen = []

    def receiver(_app, *, user, old, new, actor, reason):
        seen.append((user.username, old, new, actor.username if actor else None, reason))

    with signals.role_changed.connected_to(receiver, sender=app):
        yield seen


def test_an_admin_changes_a_role_saying_why(app, admin, member, changes):
    accounts.change_role(admin, member, "editor", "  Runs the  makerspace group ")
    db.session.commit()
    assert db.session.get(User, member.id).role == "editor"
    assert changes == [("mina", "member", "editor", "adam", "Runs the makerspace group")]


@pytest.mark.parametrize("who", ["member", "editor", "nobody", "anonymous"])
def test_only_admins_change_roles(app, member, other_member, editor, admin, changes, who):
    actor = {"member": member, "editor": editor, "nobody": None,
             "anonymous": AnonymousUserMixin()}[who]
    with pytest.raises(PermissionDenied, match="Only admins"):
        accounts.change_role(actor, other_member, "admin", "I said so")
    with pytest.raises(PermissionDenied):  # refused before the role is even looked at
        accounts.change_role(actor, other_member, "emperor", "")
    db.session.expire_all()
    assert db.session.get(User, other_member.id).role == "member" and not changes


@pytest.mark.parametrize("role", ["emperor", "", "Admin", "editor ", None])
def test_an_unknown_role_is_refused_with_a_clear_message(app, admin, member, changes, role):
    with pytest.raises(ValidationFailed, match="is not a role: choose member, editor or admin"
                       ) as refused:
        accounts.change_role(admin, member, role, "Because")
    assert refused.value.field == "role" and member.role == "member" and not changes


def test_a_reason_is_required_and_the_role_must_change(app, admin, member, changes):
    for reason in ("", "   ", None):
        with pytest.raises(ValidationFailed, match="Say why") as refused:
            accounts.change_role(admin, member, "editor", reason)
        assert refused.value.field == "reason"
    with pytest.raises(ValidationFailed, match="under 300 characters"):
        accounts.change_role(admin, member, "editor", "x" * 301)
    with pytest.raises(ValidationFailed, match="mina is already a member"):
        accounts.change_role(admin, member, "member", "No change")
    assert member.role == "member" and not changes


def test_the_last_admin_cannot_be_demoted(app, admin, make_user, changes):
    with pytest.raises(ValidationFailed, match="adam is the only admin") as refused:
        accounts.change_role(admin, admin, "editor", "Stepping back")
    assert refused.value.field == "role"
    with pytest.raises(ValidationFailed, match="only admin"):
        accounts.set_role(admin, "member")  # the command line's way is bound too
    retired = make_user("retired", role="admin")
    retired.active = False  # an admin who can no longer sign in does not count
    db.session.commit()
    with pytest.raises(ValidationFailed, match="only admin"):
        accounts.change_role(admin, admin, "editor", "Stepping back")
    second = make_user("agnes", role="admin")
    accounts.change_role(admin, admin, "editor", "Agnes takes over")
    db.session.commit()
    assert admin.role == "editor" and second.role == "admin"
    with pytest.raises(ValidationFailed, match="agnes is the only admin"):
        accounts.change_role(second, second, "member", "Leaving")
    assert changes == [("adam", "admin", "editor", "adam", "Agnes takes over")]


def test_the_command_line_refuses_to_demote_the_last_admin(app, admin):
    result = app.test_cli_runner().invoke(args=["users", "set-role", "adam", "member"])
    assert result.exit_code != 0 and "only admin" in result.output
    db.session.expire_all()
    assert db.session.get(User, admin.id).role == "admin"
