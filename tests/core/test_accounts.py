"""Account rules, tested in the service without HTTP."""

from datetime import timedelta

import pytest
from sqlalchemy import select
from werkzeug.security import check_password_hash

from core import accounts
from core.errors import NotFound, ValidationFailed
from core.extensions import db
from core.timeutil import utcnow
from tests.conftest import PASSWORD


def test_register_hashes_the_password_with_scrypt(app):
    user = accounts.register("ruth", "Ruth@Example.org", PASSWORD)
    assert user.password_hash.startswith("scrypt:")
    assert check_password_hash(user.password_hash, PASSWORD)
    assert user.email == "ruth@example.org"
    assert user.role == "member"


def test_production_hash_is_scrypt_by_default():
    assert accounts.PASSWORD_METHOD == "scrypt"


@pytest.mark.parametrize("username", ["ab", "a" * 33, "has space", "-dash", "dot.", "a..b",
                                      "émile", "x<script>", "admin", ""])
def test_bad_usernames_are_refused(app, username):
    with pytest.raises(ValidationFailed) as error:
        accounts.register(username, "someone@example.org", PASSWORD)
    assert error.value.field == "username"


def test_usernames_are_unique_regardless_of_case(app, member):
    with pytest.raises(ValidationFailed, match="taken"):
        accounts.register("MINA", "other@example.org", PASSWORD)


def test_emails_are_validated_and_unique(app, member):
    with pytest.raises(ValidationFailed) as error:
        accounts.register("newbie", "not-an-email", PASSWORD)
    assert error.value.field == "email"
    with pytest.raises(ValidationFailed, match="already exists"):
        accounts.register("newbie", "MINA@example.org", PASSWORD)


@pytest.mark.parametrize("password", ["short", "password123", "qwertyuiop", "aaaaaaaaaaaa",
                                      "x" * 300, "iamnewbie-and-proud"])
def test_weak_passwords_are_refused(app, password):
    with pytest.raises(ValidationFailed) as error:
        accounts.register("newbie", "newbie@example.org", password)
    assert error.value.field == "password"


def test_authenticate_by_username_or_email(app, member):
    assert accounts.authenticate("mina", PASSWORD) == member
    assert accounts.authenticate("MINA", PASSWORD) == member
    assert accounts.authenticate("Mina@Example.org", PASSWORD) == member
    assert accounts.authenticate("mina", "wrong password!") is None
    assert accounts.authenticate("nobody", PASSWORD) is None
    assert accounts.authenticate("", "") is None


def test_inactive_members_cannot_sign_in(app, member):
    member.active = False
    db.session.commit()
    assert accounts.authenticate("mina", PASSWORD) is None


def test_change_password_needs_the_current_one_and_retires_sessions(app, member):
    accounts.start_sign_in(member)
    old_id = member.get_id()
    assert accounts.load_session_user(old_id) == member
    with pytest.raises(ValidationFailed) as error:
        accounts.change_password(member, "wrong", "a much better passphrase")
    assert error.value.field == "current_password"
    accounts.change_password(member, PASSWORD, "a much better passphrase")
    assert accounts.load_session_user(old_id) is None
    accounts.start_sign_in(member)
    assert accounts.load_session_user(member.get_id()) == member


def test_each_sign_in_has_its_own_token_and_signing_out_ends_only_it(app, member):
    accounts.start_sign_in(member)
    first = member.get_id()
    accounts.start_sign_in(member)
    second = member.get_id()
    assert first != second
    accounts.end_sign_in(first)
    assert accounts.load_session_user(first) is None
    assert accounts.load_session_user(second) == member


def test_a_sign_in_expires(app, member):
    from core.models import SignIn

    accounts.start_sign_in(member)
    session_id = member.get_id()
    for row in db.session.scalars(select(SignIn)):
        row.expires_at = utcnow() - timedelta(seconds=1)
    db.session.flush()
    assert accounts.load_session_user(session_id) is None


def test_session_loader_rejects_garbage(app, member):
    for value in ("", "abc", "1", "1:2:3", None, f"{member.id}:", f"{member.id}:forged"):
        assert accounts.load_session_user(value) is None


def test_roles(app, member):
    assert not member.is_editor
    accounts.set_role(member, "editor")
    assert member.is_editor and not member.is_admin
    with pytest.raises(ValidationFailed):
        accounts.set_role(member, "overlord")


def test_profile_update_checks_sector(app, member):
    with pytest.raises(ValidationFailed):
        accounts.update_profile(member, display_name="M", library="", sector="mars", bio="")
    accounts.update_profile(member, display_name=" Mina M ", library="Lib", sector="school",
                            bio="Hello")
    assert member.display_name == "Mina M" and member.sector == "school"


def test_get_by_username(app, member):
    assert accounts.get_by_username("MiNa") == member
    with pytest.raises(NotFound):
        accounts.get_by_username("ghost")


def test_registration_reports_every_problem_at_once(app, member):
    from core.errors import ValidationFailed

    with pytest.raises(ValidationFailed) as refused:
        accounts.register(member.username, member.email, "short")
    fields = {field for field, _message in refused.value.errors}
    assert {"username", "email", "password"} <= fields
