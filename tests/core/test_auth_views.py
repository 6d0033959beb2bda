"""Registering, signing in and out, profiles and settings over HTTP."""

import re

from core.extensions import db
from core.models import User
from tests.conftest import PASSWORD


def count_users():
    db.session.expire_all()
    return db.session.query(User).count()


def register_data(**overrides):
    data = {"username": "newbie", "email": "newbie@example.org",
            "password": PASSWORD, "confirm": PASSWORD}
    data.update(overrides)
    return data


def test_register_signs_in_and_leads_to_settings(client):
    response = client.submit("/register", register_data())
    assert response.status_code == 302 and response.location.endswith("/settings")
    assert count_users() == 1
    page = client.get("/settings").get_data(as_text=True)
    assert "Your profile" in page


def test_register_duplicate_username_shows_error_and_keeps_input(client, member):
    response = client.submit("/register", register_data(username="Mina"))
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "That username is taken." in page
    assert 'value="Mina"' in page and 'aria-invalid="true"' in page
    assert count_users() == 1


def test_register_bad_email_and_mismatched_confirm(client):
    page = client.submit("/register", register_data(email="nope")).get_data(as_text=True)
    assert "does not look right" in page
    page = client.submit("/register", register_data(confirm="something else!")).get_data(
        as_text=True)
    assert "The passwords differ." in page
    assert count_users() == 0


def test_register_common_password_refused(client):
    page = client.submit("/register", register_data(password="password1234",
                                                    confirm="password1234")).get_data(as_text=True)
    assert "most commonly used" in page
    assert count_users() == 0


def test_post_without_csrf_token_is_refused_and_changes_nothing(client):
    response = client.post("/register", data=register_data())
    assert response.status_code == 400
    assert "nothing was changed" in response.get_data(as_text=True)
    assert count_users() == 0


def test_login_with_username_or_email(client, member):
    response = client.submit("/login", {"login": "mina@example.org", "password": PASSWORD})
    assert response.status_code == 302
    assert "Mina Member" in client.get("/").get_data(as_text=True)


def test_failed_login_gives_one_generic_message(client, member):
    wrong_password = client.submit("/login", {"login": "mina", "password": "not it at all"})
    unknown_user = client.submit("/login", {"login": "ghost", "password": "not it at all"})
    message = "That username or e-mail and password do not match an account."
    assert message in wrong_password.get_data(as_text=True)
    assert message in unknown_user.get_data(as_text=True)
    assert 'value="mina"' in wrong_password.get_data(as_text=True)


def test_login_renews_the_session(client, member):
    client.get("/")
    with client.session_transaction() as session:
        session["planted"] = "by an attacker"
    client.submit("/login", {"login": "mina", "password": PASSWORD})
    with client.session_transaction() as session:
        assert "planted" not in session
        assert session.get("_user_id")


def test_login_is_rate_limited_per_account(app, member):
    attacker = app.test_client()
    for _ in range(5):
        assert attacker.submit("/login", {"login": "mina", "password": "wrong guess!"}
                               ).status_code == 200
    response = attacker.submit("/login", {"login": "mina", "password": PASSWORD})
    assert response.status_code == 429
    assert "wait a few minutes" in response.get_data(as_text=True)
    # Another account from another address is unaffected.
    other = app.test_client()
    assert other.submit("/login", {"login": "otto", "password": "x" * 12},
                        environ_base={"REMOTE_ADDR": "10.0.0.9"}).status_code == 200


def test_login_is_rate_limited_per_address(app, member):
    client = app.test_client()
    for number in range(20):
        client.submit("/login", {"login": f"guess{number}", "password": "wrong guess!"})
    assert client.submit("/login", {"login": "mina", "password": PASSWORD}).status_code == 429


def test_next_redirects_stay_on_this_site(client, member):
    for target in ("https://evil.example/", "//evil.example/", "/\\evil.example",
                   "javascript:alert(1)", "http:/evil.example"):
        client.post("/logout", data={"csrf_token": client.csrf_token()})
        response = client.submit("/login", {"login": "mina", "password": PASSWORD,
                                            "next": target})
        assert response.status_code == 302
        assert response.location == "/", target
    client.post("/logout", data={"csrf_token": client.csrf_token()})
    response = client.submit("/login", {"login": "mina", "password": PASSWORD,
                                        "next": "/settings"})
    assert response.location == "/settings"


def test_logout_is_post_only(member_client):
    assert member_client.get("/logout").status_code == 405
    assert member_client.post("/logout").status_code == 400  # no CSRF token
    assert "Mina Member" in member_client.get("/").get_data(as_text=True)
    member_client.submit("/logout")
    assert "Sign in" in member_client.get("/").get_data(as_text=True)


def test_profile_page(client, member):
    page = client.get("/users/mina").get_data(as_text=True)
    assert "Mina Member" in page and "Town Library" in page and "Public library" in page
    assert "Member since" in page
    assert client.get("/users/MINA").status_code == 301
    assert client.get("/users/ghost").status_code == 404


def test_settings_needs_sign_in(client):
    response = client.get("/settings")
    assert response.status_code == 302 and "/login" in response.location


def test_settings_updates_profile(member_client, member):
    response = member_client.submit("/settings", {
        "profile-display_name": "Mina M.", "profile-library": "City Library",
        "profile-sector": "academic", "profile-bio": "I run <b>makerspaces</b>.",
        "profile-submit": "1"})
    assert response.status_code == 302
    page = member_client.get("/users/mina").get_data(as_text=True)
    assert "Mina M." in page and "City Library" in page
    assert "&lt;b&gt;makerspaces&lt;/b&gt;" in page  # escaped, never HTML


def test_settings_change_password(app, member_client, member):
    bad = member_client.submit("/settings", {
        "password-current_password": "wrong one", "password-password": "a fresh passphrase",
        "password-confirm": "a fresh passphrase", "password-submit": "1"})
    assert "Your current password is not right." in bad.get_data(as_text=True)
    other_device = app.test_client()
    other_device.login("mina")
    good = member_client.submit("/settings", {
        "password-current_password": PASSWORD, "password-password": "a fresh passphrase",
        "password-confirm": "a fresh passphrase", "password-submit": "1"})
    assert good.status_code == 302
    assert "Mina Member" in member_client.get("/").get_data(as_text=True)  # still signed in
    assert "Mina Member" not in other_device.get("/").get_data(as_text=True)  # signed out
    assert app.test_client().login("mina", "a fresh passphrase")


def test_header_shows_account_menu(client, member_client):
    anonymous = client.get("/").get_data(as_text=True)
    assert "Sign in" in anonymous and "Join" in anonymous
    signed_in = member_client.get("/").get_data(as_text=True)
    assert re.search(r'<form action="/logout" method="post"', signed_in)


def test_the_sign_in_page_offers_the_way_back_into_an_account(client):
    page = client.get("/login").get_data(as_text=True)
    assert '<a href="/password/reset">Forgot your password?</a>' in page
    assert client.get("/password/reset").status_code == 200
