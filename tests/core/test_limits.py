"""Rate limits that tell visitors apart, and count only what they are meant to count."""

import pytest

from core.extensions import db
from core.models import User
from tests.conftest import PASSWORD, make_app

A, B = {"REMOTE_ADDR": "203.0.113.1"}, {"REMOTE_ADDR": "198.51.100.2"}


def fail_login(client, login, environ=None):
    return client.submit("/login", {"login": login, "password": "wrong guess!"},
                         environ_base=environ or {})


def test_one_visitor_failing_logins_does_not_lock_the_account_for_another(app, member):
    attacker, owner = app.test_client(), app.test_client()
    for _ in range(5):
        assert fail_login(attacker, "mina", A).status_code == 200
    assert fail_login(attacker, "mina", A).status_code == 429
    response = owner.submit("/login", {"login": "mina", "password": PASSWORD},
                            environ_base=B)
    assert response.status_code == 302


def test_the_per_account_limit_is_one_for_username_and_email(app, member):
    client = app.test_client()
    for login in ("mina", "MINA", "mina@example.org", "Mina@Example.org", " mina "):
        assert fail_login(client, login).status_code == 200
    assert fail_login(client, "mina@example.org").status_code == 429
    assert fail_login(client, "mina").status_code == 429


def test_an_account_has_a_ceiling_across_many_addresses(app, member):
    for number in range(20):
        visitor = app.test_client()
        for _ in range(5):
            fail_login(visitor, "mina", {"REMOTE_ADDR": f"192.0.2.{number}"})
    response = app.test_client().submit("/login", {"login": "mina", "password": PASSWORD},
                                        environ_base={"REMOTE_ADDR": "192.0.2.200"})
    assert response.status_code == 429


def register(client, number, **environ):
    return client.submit("/register", {
        "username": f"newbie{number}", "email": f"newbie{number}@example.org",
        "password": PASSWORD, "confirm": PASSWORD}, environ_base=environ)


def test_only_real_registration_attempts_use_the_quota(app, member_client):
    for _ in range(12):  # a signed-in member's empty posts
        assert member_client.submit("/register", {}).status_code == 302
    anonymous = app.test_client()
    for _ in range(12):  # posts without a valid form token, and incomplete forms
        assert anonymous.post("/register", data={"username": "x"}).status_code == 400
        assert anonymous.submit("/register", {"username": "nobody"}).status_code == 200
    assert register(anonymous, 0).status_code == 302


def test_the_registration_quota_counts_real_attempts_per_address(app):
    for number in range(10):
        assert register(app.test_client(), number, REMOTE_ADDR="203.0.113.1").status_code \
            == 302
    assert register(app.test_client(), 10, REMOTE_ADDR="203.0.113.1").status_code == 429
    assert register(app.test_client(), 11, REMOTE_ADDR="198.51.100.2").status_code == 302
    db.session.expire_all()
    assert db.session.query(User).count() == 11


@pytest.mark.parametrize(("proxies", "expected"), [(0, "127.0.0.1"), (1, "203.0.113.1"),
                                                   (2, "192.0.2.7")])
def test_forwarded_for_is_trusted_only_from_the_configured_proxies(tmp_path, pg_schema,
                                                                   proxies, expected):
    from flask import request

    app = make_app(tmp_path, pg_schema, PROXY_COUNT=proxies)
    seen = []
    app.before_request(lambda: seen.append(request.remote_addr))
    app.test_client().get("/static/css/site.css", headers={
        "X-Forwarded-For": "10.9.9.9, 192.0.2.7, 203.0.113.1"}).close()
    assert seen == [expected]


def test_proxy_count_from_the_environment(tmp_path):
    from core.config import from_environment

    assert from_environment(str(tmp_path), {})["PROXY_COUNT"] == 0
    assert from_environment(str(tmp_path), {"PROXY_COUNT": "1"})["PROXY_COUNT"] == 1
    with pytest.raises(ValueError, match="PROXY_COUNT"):
        from_environment(str(tmp_path), {"PROXY_COUNT": "one"})


def test_article_creation_is_rate_limited_and_keeps_the_text(app, member_client):
    from wiki.models import Article

    for number in range(3):  # an account less than a day old
        response = member_client.submit("/wiki/new", {
            "title": f"Weeding guide part {number}", "body": "Text.", "summary": ""})
        assert response.status_code == 302
    response = member_client.submit("/wiki/new", {
        "title": "Weeding guide part 4", "body": "My careful fourth text.", "summary": ""})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "creating articles faster than we allow" in page
    assert "My careful fourth text." in page
    db.session.expire_all()
    assert db.session.query(Article).count() == 3


def test_a_refused_article_does_not_count_against_the_limit(app, member_client):
    for _ in range(5):
        member_client.submit("/wiki/new", {"title": "", "body": "Text.", "summary": ""})
    for number in range(3):
        assert member_client.submit("/wiki/new", {
            "title": f"Weeding guide part {number}", "body": "Text.", "summary": ""}
        ).status_code == 302


def test_private_pages_are_not_stored_by_any_cache(app, member_client, client):
    for path in ("/settings", "/notifications", "/", "/users/mina"):
        response = member_client.get(path)
        assert response.status_code == 200, path
        assert response.headers["Cache-Control"] == "no-store", path
    assert "no-store" not in client.get("/").headers.get("Cache-Control", "")
