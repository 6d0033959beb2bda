"""Signing out ends the sign-in everywhere it was copied to; remember cookies rotate."""

from datetime import UTC, datetime, timedelta

from tests.conftest import PASSWORD


def signed_in(client) -> bool:
    return "Mina Member" in client.get("/").get_data(as_text=True)


def copy_cookie(app, source, name: str):
    """A new browser holding only `source`'s cookie `name`, as a thief would."""
    thief = app.test_client()
    thief.set_cookie(name, source.get_cookie(name).value)
    return thief


def test_a_session_cookie_copied_before_logout_fails_after_it(app, member_client):
    thief = copy_cookie(app, member_client, "session")
    assert signed_in(thief)
    member_client.submit("/logout")
    assert not signed_in(member_client)
    assert not signed_in(thief)
    assert app.test_client().get("/settings").status_code == 302


def test_logout_on_one_device_leaves_the_others_signed_in(app, member):
    laptop, phone = app.test_client(), app.test_client()
    laptop.login("mina")
    phone.login("mina")
    laptop.submit("/logout")
    assert not signed_in(laptop) and signed_in(phone)


def test_changing_the_password_ends_every_other_sign_in_and_renews_this_one(app, member,
                                                                             member_client):
    before = copy_cookie(app, member_client, "session")
    other_device = app.test_client()
    other_device.login("mina")
    response = member_client.submit("/settings", {
        "password-current_password": PASSWORD, "password-password": "a fresh passphrase",
        "password-confirm": "a fresh passphrase", "password-submit": "1"})
    assert response.status_code == 302
    assert signed_in(member_client)
    assert not signed_in(other_device)
    assert not signed_in(before)  # even this device's own cookie from before the change


def remember_login(client):
    response = client.submit("/login", {"login": "mina", "password": PASSWORD,
                                        "remember": "y"})
    assert response.status_code == 302
    return client.get_cookie("remember_token")


def test_the_remember_cookie_is_new_at_each_sign_in_and_an_older_one_fails(app, member):
    browser = app.test_client()
    first = remember_login(browser)
    assert first is not None
    browser.submit("/logout")
    second = remember_login(browser)
    assert second.value != first.value
    old, new = app.test_client(), app.test_client()
    old.set_cookie("remember_token", first.value)
    new.set_cookie("remember_token", second.value)
    assert not signed_in(old)
    assert signed_in(new)


def test_the_remember_cookie_lasts_thirty_days_not_a_year(app, member):
    cookie = remember_login(app.test_client())
    expires = cookie.expires if cookie.expires.tzinfo else cookie.expires.replace(tzinfo=UTC)
    lasts = expires - datetime.now(UTC)
    assert timedelta(days=29) < lasts <= timedelta(days=30)
