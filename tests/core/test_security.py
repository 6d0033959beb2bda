"""Headers, cookies, size limits, error pages and configuration."""

import os
import stat

from app import create_app
from core.config import from_environment, normalise_database_url


def test_security_headers_on_every_response(client):
    for path in ("/", "/login", "/no-such-page", "/static/css/site.css"):
        response = client.get(path)
        response.close()
        headers = response.headers
        policy = headers["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "unsafe-inline" not in policy
        assert "frame-ancestors 'none'" in policy
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["X-Frame-Options"] == "DENY"
        assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_session_cookie_is_httponly_and_lax(client, member):
    response = client.submit("/login", {"login": "mina", "password": "correct horse battery"})
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie


def test_secure_cookies_when_configured(tmp_path):
    config = from_environment(str(tmp_path), {"SESSION_COOKIE_SECURE": "true"})
    assert config["SESSION_COOKIE_SECURE"] and config["REMEMBER_COOKIE_SECURE"]


def test_oversized_request_gets_a_clear_413(client):
    response = client.post("/login", data={"login": "x" * (2 * 1024 * 1024)})
    assert response.status_code == 413
    assert "larger than we accept" in response.get_data(as_text=True)


def test_error_pages_use_the_site_layout(client):
    response = client.get("/no-such-page")
    page = response.get_data(as_text=True)
    assert response.status_code == 404
    assert "Page not found" in page and 'id="main"' in page and "Skip to content" in page


def test_server_error_page(app, client):
    @app.route("/boom")
    def boom():
        raise RuntimeError("kaboom")

    response = client.get("/boom")
    assert response.status_code == 500
    assert "Something went wrong" in response.get_data(as_text=True)
    assert "kaboom" not in response.get_data(as_text=True)


def test_secret_key_is_generated_once_with_private_permissions(tmp_path, monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    instance = tmp_path / "instance"
    first = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://", "SEARCH_ENGINE": "whoosh"})
    # The default instance path is inside the project; use our own instead.
    from core.config import instance_secret_key

    instance.mkdir()
    key = instance_secret_key(str(instance))
    assert len(key) == 64
    assert stat.S_IMODE(os.stat(instance / "secret_key").st_mode) == 0o600
    assert instance_secret_key(str(instance)) == key
    assert first.config["SECRET_KEY"]


def test_configuration_from_environment(tmp_path):
    config = from_environment(str(tmp_path), {})
    assert config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path / 'commonplace.db'}"
    assert config["RATELIMIT_STORAGE_URI"] == "memory://"
    assert config["SEARCH_INDEX_DIR"] == str(tmp_path / "search-index")
    config = from_environment(str(tmp_path), {
        "DATABASE_URL": "postgres://u@db/cp", "RATELIMIT_STORAGE_URI": "redis://127.0.0.1:6379",
        "SEARCH_INDEX_DIR": "/srv/index", "SECRET_KEY": "s3cret"})
    assert config["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://u@db/cp"
    assert config["RATELIMIT_STORAGE_URI"] == "redis://127.0.0.1:6379"
    assert config["SEARCH_INDEX_DIR"] == "/srv/index" and config["SECRET_KEY"] == "s3cret"
    assert normalise_database_url("sqlite:///x.db") == "sqlite:///x.db"


def test_sqlite_runs_with_wal_and_foreign_keys(app):
    from sqlalchemy import text

    from core.extensions import db

    if not app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        return
    with db.engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_redis_rate_limit_storage(tmp_path, pg_schema):
    """With RATELIMIT_STORAGE_URI pointing at Redis, the limits live there."""
    import redis

    try:
        redis.Redis(host="127.0.0.1", port=6379, socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        import pytest

        pytest.skip("no Redis on 127.0.0.1:6379")
    from tests.conftest import empty_database, make_app

    app = make_app(tmp_path, pg_schema, RATELIMIT_STORAGE_URI="redis://127.0.0.1:6379/15")
    from core.extensions import limiter

    with app.app_context():
        limiter.reset()
        client = app.test_client()
        for _ in range(5):
            client.submit("/login", {"login": "redis-user", "password": "wrong guess!"})
        assert client.submit("/login", {"login": "redis-user", "password": "x" * 12}
                             ).status_code == 429
        limiter.reset()
    empty_database(app)
