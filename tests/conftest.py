"""Fixtures: an app per test with its own database and index, clients for each role.

The suite runs on SQLite always; set TEST_DATABASE_URL to a PostgreSQL database to
run it there (each run gets its own schema, emptied after every test).
"""

from __future__ import annotations

import os
import re
import uuid

import pytest
from flask.testing import FlaskClient
from sqlalchemy import create_engine, text

from app import create_app
from core.extensions import db

TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL", "")
PASSWORD = "correct horse battery"
CSRF_META = re.compile(r'<meta name="csrf-token" content="([^"]+)"')


def on_postgres() -> bool:
    return TEST_DATABASE_URL.startswith("postgresql")


class Client(FlaskClient):
    """A test client that sends the CSRF token, as a browser would.

    Each request runs in an app context of its own, as in production: the test's
    own context (pushed by the `app` fixture) must not lend it `g`, the signed-in
    user or the database session.
    """

    def open(self, *args, **kwargs):
        with self.application.app_context():
            return super().open(*args, **kwargs)

    def csrf_token(self) -> str:
        page = self.get("/").get_data(as_text=True)
        match = CSRF_META.search(page)
        assert match, "the page carries no CSRF token"
        return match.group(1)

    def submit(self, url: str, data: dict | None = None, **kwargs):
        data = dict(data or {})
        data.setdefault("csrf_token", self.csrf_token())
        return self.post(url, data=data, **kwargs)

    def login(self, login: str, password: str = PASSWORD):
        response = self.submit("/login", {"login": login, "password": password})
        assert response.status_code == 302, f"login as {login} failed"
        return response


@pytest.fixture(scope="session")
def pg_schema():
    """A schema of our own in the PostgreSQL test database, dropped at the end."""
    if not on_postgres():
        yield None
        return
    schema = f"cp_test_{uuid.uuid4().hex[:10]}"
    engine = create_engine(TEST_DATABASE_URL)
    with engine.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    yield schema
    with engine.begin() as connection:
        connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    engine.dispose()


def _database_config(tmp_path, pg_schema) -> dict:
    if pg_schema:
        return {"SQLALCHEMY_DATABASE_URI": TEST_DATABASE_URL,
                "SQLALCHEMY_ENGINE_OPTIONS": {
                    "pool_pre_ping": True,
                    "connect_args": {"options": f"-csearch_path={pg_schema}",
                                     "application_name": f"cp-test-{pg_schema}"}}}
    return {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'test.db'}"}


_pg_schema_ready: set[str] = set()


def make_app(tmp_path, pg_schema, **overrides):
    config = {
        "TESTING": True,
        "SECRET_KEY": "test-secret-key",
        "SEARCH_INDEX_DIR": str(tmp_path / "index"),
        "SEARCH_DRAIN": "sync",
        # Still scrypt, with cheaper parameters so the suite stays quick.
        "PASSWORD_HASH_METHOD": "scrypt:1024:8:1",
        "RATELIMIT_ENABLED": True,
        "RATELIMIT_STORAGE_URI": "memory://",
        **_database_config(tmp_path, pg_schema),
        **overrides,
    }
    app = create_app(config)
    app.test_client_class = Client
    with app.app_context():
        if pg_schema is None or pg_schema not in _pg_schema_ready:
            db.create_all()
            if pg_schema:
                _pg_schema_ready.add(pg_schema)
    return app


def empty_database(app) -> None:
    with app.app_context():
        db.session.remove()
        if app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
            tables = ", ".join(f'"{table.name}"' for table in db.metadata.sorted_tables)
            name = app.config["SQLALCHEMY_ENGINE_OPTIONS"]["connect_args"]["application_name"]
            with db.engine.begin() as connection:
                # A connection this test left open in a transaction would block TRUNCATE
                # for ever: end this run's own stragglers, and never wait without limit.
                connection.execute(text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE "
                    "application_name = :name AND pid <> pg_backend_pid() AND "
                    "state LIKE 'idle in transaction%'"), {"name": name})
                connection.execute(text("SET LOCAL lock_timeout = '30s'"))
                connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
        db.engine.dispose()


@pytest.fixture
def app(tmp_path, pg_schema):
    app = make_app(tmp_path, pg_schema)
    ctx = app.app_context()
    ctx.push()
    yield app
    db.session.remove()
    ctx.pop()
    empty_database(app)


@pytest.fixture
def client(app) -> Client:
    return app.test_client()


@pytest.fixture
def make_user(app):
    from core import accounts

    def make(username: str, role: str = "member", **profile):
        user = accounts.register(username, f"{username}@example.org", PASSWORD, role=role,
                                 **profile)
        db.session.commit()
        return user

    return make


@pytest.fixture
def member(make_user):
    return make_user("mina", display_name="Mina Member", library="Town Library", sector="public")


@pytest.fixture
def other_member(make_user):
    return make_user("otto", display_name="Otto Other", sector="academic")


@pytest.fixture
def editor(make_user):
    return make_user("edith", role="editor", display_name="Edith Editor")


@pytest.fixture
def admin(make_user):
    return make_user("adam", role="admin", display_name="Adam Admin")


def _signed_in(app, user) -> Client:
    client = app.test_client()
    client.login(user.username)
    return client


@pytest.fixture
def member_client(app, member) -> Client:
    return _signed_in(app, member)


@pytest.fixture
def other_client(app, other_member) -> Client:
    return _signed_in(app, other_member)


@pytest.fixture
def editor_client(app, editor) -> Client:
    return _signed_in(app, editor)


@pytest.fixture
def admin_client(app, admin) -> Client:
    return _signed_in(app, admin)
