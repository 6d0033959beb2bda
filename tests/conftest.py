"""Fixtures: an app per test with its own database and index, clients for each role.

The suite runs on SQLite always; set TEST_DATABASE_URL to a PostgreSQL database to
run it there (each run gets its own schema, emptied after every test).
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import shutil
import uuid
from pathlib import Path

import pytest
from flask.testing import FlaskClient
from itsdangerous import URLSafeTimedSerializer
from sqlalchemy import create_engine, text

from app import create_app
from core.extensions import db
from tests import speedups

TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL", "")
PASSWORD = "correct horse battery"
CSRF_META = re.compile(r'<meta name="csrf-token" content="([^"]+)"')


def wall_limit(seconds: float, budget: float = 0.0) -> float:
    """A wall-clock limit for "answers within `seconds`", of which `budget` is a deadline
    the code enforces itself (a render killed at RENDER_SECONDS). On a quiet machine it is
    `seconds`, unchanged; on one with more runnable processes than cores (both databases'
    suites and other work), the rest, the work this process does, is stretched by the
    number of processes that share each core, so that the limit still tells a bounded
    answer from one held for minutes without failing on a busy machine."""
    crowding = os.getloadavg()[0] / (os.cpu_count() or 1)
    return budget + (seconds - budget) * max(1.0, crowding)


def on_postgres() -> bool:
    return TEST_DATABASE_URL.startswith("postgresql")


def pytest_collection_modifyitems(config, items) -> None:
    """On PostgreSQL, run only the tests that use a database.

    The PostgreSQL run exists to prove what depends on the database (and on its search
    engine); a test that builds no app on it (a parser, the sanitiser, the diff, a
    renderer's budget) would run exactly as it did in the SQLite run, so it runs there
    only. A test uses the database when it takes `pg_schema` (every app, server and
    snapshot fixture does), or when it makes a database of its own and says so with
    `@pytest.mark.database`. pytest reports the others as deselected."""
    if not on_postgres():
        return
    kept, dropped = [], []
    for item in items:
        uses_database = ("pg_schema" in getattr(item, "fixturenames", ())
                         or item.get_closest_marker("database") is not None)
        (kept if uses_database else dropped).append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept


class Client(FlaskClient):
    """A test client that sends the CSRF token, as a browser would.

    Each request runs in an app context of its own, as in production: the test's
    own context (pushed by the `app` fixture) must not lend it `g`, the signed-in
    user or the database session.
    """

    def open(self, *args, **kwargs):
        with self.application.app_context():
            return super().open(*args, **kwargs)

    # The session as the browser holds it: read from and written to the session cookie
    # with the app's own serializer, as Flask itself does at the end of a request.

    def _session_cookie_name(self) -> str:
        return self.application.config["SESSION_COOKIE_NAME"]

    def read_session(self) -> dict:
        cookie = self.get_cookie(self._session_cookie_name())
        if cookie is None or not cookie.value:
            return {}
        serializer = self.application.session_interface.get_signing_serializer(
            self.application)
        return dict(serializer.loads(cookie.value))

    def write_session(self, values: dict) -> None:
        serializer = self.application.session_interface.get_signing_serializer(
            self.application)
        self.set_cookie(self._session_cookie_name(), serializer.dumps(values))

    def csrf_token(self) -> str:
        """The token a page would carry for this client's session: Flask-WTF's
        `generate_csrf`, done with the app's secret instead of rendering a page."""
        config = self.application.config
        field = config.get("WTF_CSRF_FIELD_NAME", "csrf_token")
        session = self.read_session()
        if not isinstance(session.get(field), str):
            session[field] = secrets.token_hex(20)  # as Flask-WTF makes it: 40 hex digits
            self.write_session(session)
        secret = config.get("WTF_CSRF_SECRET_KEY") or self.application.secret_key
        return URLSafeTimedSerializer(secret, salt="wtf-csrf-token").dumps(session[field])

    def sign_in_as(self, user) -> None:
        """The session Flask-Login leaves after a real sign-in (`core.views.login`: a
        fresh session, then `login_user`), without the round trip through /login."""
        from flask_login import login_user

        from core import accounts
        from core.models import User

        with self.application.test_request_context(environ_base=self.environ_base):
            from flask import session

            member = db.session.get(User, user.id)
            accounts.start_sign_in(member)  # a sign-in row, as a real sign-in makes
            db.session.commit()
            session.clear()
            login_user(member)
            self.write_session(dict(session))

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
                    # Commits need not wait for the WAL to reach the disk (one fsync
                    # each, 10-20 ms on a busy machine): what other connections see is
                    # the same, only a crash of the server could lose the last commits.
                    "connect_args": {"options": f"-csearch_path={pg_schema} "
                                                "-csynchronous_commit=off",
                                     "application_name": f"cp-test-{pg_schema}"}}}
    return {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'test.db'}"}


_pg_schema_ready: set[str] = set()


speedups.share_route_builders()
_sqlite_template = speedups.SqliteTemplate()
_engines = speedups.SharedEngines()
_engines.install(db)
if TEST_DATABASE_URL:
    _engines.share(TEST_DATABASE_URL)


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
        # Jobs (sending mail) are queued in memory and not run: the mail tests run them
        # at once (tests/mail/conftest.py), against their SMTP server.
        "JOBS_BACKEND": "memory",
        "JOBS_DATABASE": str(tmp_path / "jobs.db"),
        "MAIL_DIR": str(tmp_path / "mail"),
        "MAIL_GROUP_SECONDS": 0,
        # Content-addressed, so one directory serves every app of the run (snapshots too).
        "FILES_DIR": str(tmp_path.parent / "files"),
        **_database_config(tmp_path, pg_schema),
        **overrides,
    }
    # On SQLite a new database file is a copy of one made by create_all once per run.
    sqlite_file = _sqlite_file(config["SQLALCHEMY_DATABASE_URI"])
    if config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        # SEARCH_ENGINE=postgres (the PostgreSQL run) cannot serve a SQLite app.
        config.setdefault("SEARCH_ENGINE", "whoosh")
    if sqlite_file is not None:
        sqlite_file.parent.mkdir(parents=True, exist_ok=True)
    fresh = sqlite_file is not None and not sqlite_file.exists()
    copied = fresh and _sqlite_template.copy_to(sqlite_file)
    app = create_app(config)
    app.test_client_class = Client
    app.jinja_env.bytecode_cache = speedups.TEMPLATES
    with app.app_context():
        if pg_schema is not None:
            if pg_schema not in _pg_schema_ready:
                db.create_all()
                _pg_schema_ready.add(pg_schema)
        elif not copied:
            db.create_all()
            if fresh:
                db.engine.dispose()  # closes the file, so that it is copied whole
                _sqlite_template.keep(sqlite_file)
    return app


def _sqlite_file(uri: str) -> Path | None:
    prefix = "sqlite:///"
    if not uri.startswith(prefix) or uri == prefix or ":memory:" in uri:
        return None
    return Path(uri[len(prefix):])


def empty_database(app) -> None:
    with app.app_context():
        db.session.remove()
        if app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
            _empty_postgres(app)
        db.engine.dispose()


def _empty_postgres(app) -> None:
    """Every table emptied and every used sequence restarted, as `TRUNCATE ... RESTART
    IDENTITY` would: DELETE is several times quicker on the few rows a test leaves
    (TRUNCATE makes each table's files anew), and TRUNCATE stays the fallback. All of it
    is one round trip to the server (it runs after every test)."""
    tables = db.metadata.sorted_tables
    name = app.config["SQLALCHEMY_ENGINE_OPTIONS"]["connect_args"]["application_name"]
    # Names from our own metadata and our own schema, not from input.
    statements = [
        # A connection this test left open in a transaction would block us for ever:
        # end this run's own stragglers, and never wait without limit.
        "SET LOCAL lock_timeout = '30s'",
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE "  # noqa: S608
        f"application_name = '{name}' AND pid <> pg_backend_pid() AND "
        "state IN ('idle in transaction', 'idle in transaction (aborted)')",
        # Every table is emptied, so no foreign key needs checking (articles and
        # revisions point at each other).
        "SET LOCAL session_replication_role = replica",
        *(f'DELETE FROM "{table.name}"' for table in reversed(tables)),  # noqa: S608
        # Only the sequences a test used (RESTART leaves last_value NULL again).
        # (No percent sign anywhere: the driver would read it as a placeholder.)
        "DO $$ DECLARE sequence text; BEGIN FOR sequence IN SELECT quote_ident("
        "sequencename) FROM pg_sequences WHERE schemaname = current_schema() AND "
        "last_value IS NOT NULL LOOP EXECUTE 'ALTER SEQUENCE ' || sequence || ' RESTART'; "
        "END LOOP; END $$",
    ]
    with db.engine.begin() as connection:
        try:
            with connection.begin_nested():
                connection.exec_driver_sql("; ".join(statements))
        except Exception:  # noqa: BLE001 - e.g. a cycle of foreign keys: the sure way
            names = ", ".join(f'"{table.name}"' for table in tables)
            connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))


class Snapshot:
    """A database and search index filled once per run (by `build`, given the app it
    fills), then copied whole into the database and index of each test that starts from
    it: for content that takes seconds to make and that tests only read."""

    def __init__(self, directory: Path, schema: str | None, build) -> None:
        loader = make_app(directory, schema)
        self.schema = schema
        self.index = Path(loader.config["SEARCH_INDEX_DIR"])
        self.sqlite_file = _sqlite_file(loader.config["SQLALCHEMY_DATABASE_URI"])
        self.sequences = []
        # Its own app context, even inside a test's: `flask` commands run in the current
        # app, and the current app must be the loader.
        with loader.app_context():
            self.value = build(loader)
            db.session.remove()
            if schema:
                with db.engine.connect() as connection:
                    self.sequences = connection.execute(text(
                        "SELECT format('%I', sequencename), last_value FROM pg_sequences "
                        "WHERE schemaname = :schema AND last_value IS NOT NULL"),
                        {"schema": schema}).all()
            db.engine.dispose()

    def fill(self, app):
        """Replace what `app`'s database and index hold with the snapshot; the value
        `build` returned."""
        with app.app_context():
            db.session.remove()
            db.engine.dispose()
            target = _sqlite_file(app.config["SQLALCHEMY_DATABASE_URI"])
            if target is not None:
                for suffix in ("-wal", "-shm"):
                    Path(f"{target}{suffix}").unlink(missing_ok=True)
                shutil.copyfile(self.sqlite_file, target)
            else:
                _empty_postgres(app)
                with db.engine.begin() as connection:
                    # Articles and revisions point at each other: the rows are copied
                    # whole and consistent, so foreign keys are checked by no trigger.
                    connection.exec_driver_sql("SET LOCAL session_replication_role = replica")
                    for table in db.metadata.sorted_tables:
                        connection.exec_driver_sql(  # names from our own metadata
                            f'INSERT INTO "{table.name}" SELECT * '  # noqa: S608
                            f'FROM "{self.schema}"."{table.name}"')
                    for sequence, value in self.sequences:
                        connection.execute(text("SELECT setval(CAST(:name AS regclass), :value)"),
                                           {"name": sequence, "value": value})
                db.engine.dispose()
        index = Path(app.config["SEARCH_INDEX_DIR"])
        shutil.rmtree(index, ignore_errors=True)
        if self.index.exists():
            shutil.copytree(self.index, index)
        return self.value


class Snapshots:
    """The run's snapshots by name, each made the first time a test asks for it."""

    def __init__(self, tmp_path_factory, pg_schema) -> None:
        self.tmp_path_factory = tmp_path_factory
        self.pg_schema = pg_schema
        self.made: dict[str, Snapshot] = {}
        self.schemas: list[str] = []

    def get(self, name: str, build) -> Snapshot:
        if name not in self.made:
            schema = None
            if self.pg_schema:
                schema = f"{self.pg_schema}_{len(self.schemas)}"
                with _admin_engine() as engine, engine.begin() as connection:
                    connection.execute(text(f'CREATE SCHEMA "{schema}"'))
                self.schemas.append(schema)
            self.made[name] = Snapshot(self.tmp_path_factory.mktemp(f"snapshot-{name}"),
                                       schema, build)
        return self.made[name]

    def drop(self) -> None:
        if self.schemas:
            with _admin_engine() as engine, engine.begin() as connection:
                for schema in self.schemas:
                    connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))


@contextlib.contextmanager
def _admin_engine():
    engine = create_engine(TEST_DATABASE_URL)
    try:
        yield engine
    finally:
        engine.dispose()


@pytest.fixture(scope="session")
def snapshots(tmp_path_factory, pg_schema):
    """Content made once per run and copied into each test that needs it: see Snapshot."""
    made = Snapshots(tmp_path_factory, pg_schema)
    yield made
    made.drop()


class DemoLoad:
    """What `flask demo load` said, and whether it left rate limits as they were."""

    def __init__(self, loader) -> None:
        self.result = loader.test_cli_runner().invoke(args=["demo", "load"])
        self.rate_limits_restored = loader.config["RATELIMIT_ENABLED"] is True


@pytest.fixture
def demo_snapshot(snapshots) -> Snapshot:
    """The demo, loaded once per run into an empty database (it takes tens of seconds)."""
    return snapshots.get("demo", DemoLoad)


@pytest.fixture
def demo(app, demo_snapshot):
    """This test's database and index hold the demo, as after `flask demo load` into the
    empty database; the value is that command's result."""
    load = demo_snapshot.fill(app)
    assert load.result.exit_code == 0, load.result.output
    assert load.rate_limits_restored, "the demo leaves rate limits as they were"
    return load.result


def _database_in_turn(tmp_path_factory, pg_schema, name: str):
    """The database configuration of apps made one after the other (each test's `app`, each
    browser test's server). On SQLite, one file for the run, made anew from the template
    for each app, so that the apps share one engine: see speedups.SharedEngines. (On
    PostgreSQL every app already uses the run's schema.)"""
    if pg_schema:
        return dict
    path = tmp_path_factory.getbasetemp() / name / "test.db"
    url = f"sqlite:///{path}"
    _engines.share(url)

    def fresh() -> dict:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return {"SQLALCHEMY_DATABASE_URI": url}

    return fresh


@pytest.fixture(scope="session")
def app_database(tmp_path_factory, pg_schema):
    """Each test's `app`: see _database_in_turn."""
    return _database_in_turn(tmp_path_factory, pg_schema, "app-database")


@pytest.fixture(scope="session")
def live_database(tmp_path_factory, pg_schema):
    """Each browser test's own server (`live_server`): see _database_in_turn."""
    return _database_in_turn(tmp_path_factory, pg_schema, "live-database")


@pytest.fixture
def app(tmp_path, pg_schema, app_database):
    app = make_app(tmp_path, pg_schema, **app_database())
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
    return register_user


def register_user(username: str, role: str = "member", **profile):
    """A member registered through the accounts service, in the current app's database."""
    from core import accounts

    user = accounts.register(username, f"{username}@example.org", PASSWORD, role=role,
                             **profile)
    db.session.commit()
    return user


# The members the fixtures below make: username, role and profile.
PEOPLE = {
    "member": ("mina", "member", {"display_name": "Mina Member", "library": "Town Library",
                                  "sector": "public"}),
    "other_member": ("otto", "member", {"display_name": "Otto Other", "sector": "academic"}),
    "editor": ("edith", "editor", {"display_name": "Edith Editor"}),
    "admin": ("adam", "admin", {"display_name": "Adam Admin"}),
}


def make_person(fixture: str):
    """The member that the fixture named `fixture` makes."""
    username, role, profile = PEOPLE[fixture]
    return register_user(username, role=role, **profile)


@pytest.fixture
def member(make_user):
    return make_person("member")


@pytest.fixture
def other_member(make_user):
    return make_person("other_member")


@pytest.fixture
def editor(make_user):
    return make_person("editor")


@pytest.fixture
def admin(make_user):
    return make_person("admin")


def _signed_in(app, user) -> Client:
    """A client signed in as `user`; the sign-in journey itself is tested in
    tests/core/test_auth_views.py and the browser tests."""
    client = app.test_client()
    client.sign_in_as(user)
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
