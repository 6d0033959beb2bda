"""`flask db upgrade` on an empty database gives exactly the models' schema."""

import uuid

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import create_engine, inspect, text

from app import create_app
from core.extensions import db
from tests.conftest import TEST_DATABASE_URL, on_postgres

pytestmark = pytest.mark.database  # each test migrates a database of its own


def _fresh_database(tmp_path):
    """A database URL and engine options for an empty database, and a clean-up."""
    if not on_postgres():
        return f"sqlite:///{tmp_path / 'migrated.db'}", {}, lambda: None
    schema = f"cp_mig_{uuid.uuid4().hex[:10]}"
    admin = create_engine(TEST_DATABASE_URL)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))

    def drop():
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()

    return TEST_DATABASE_URL, {"connect_args": {"options": f"-csearch_path={schema}"}}, drop


def test_upgrade_gives_the_models_schema_and_downgrade_empties_it(tmp_path):
    url, options, drop = _fresh_database(tmp_path)
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SQLALCHEMY_ENGINE_OPTIONS": options,
                      "SECRET_KEY": "x", "SEARCH_INDEX_DIR": str(tmp_path / "ix")})
    try:
        with app.app_context():
            upgrade()
            with db.engine.connect() as connection:
                context = MigrationContext.configure(
                    connection, opts={"compare_type": True, "render_as_batch": True})
                diff = compare_metadata(context, db.metadata)
            assert diff == [], f"models and migrations differ: {diff}"
            downgrade(revision="base")
            with db.engine.connect() as connection:
                left = set(inspect(connection).get_table_names()) - {"alembic_version"}
            assert left == set()
            db.engine.dispose()
    finally:
        drop()


def test_the_name_skeletons_are_backfilled_for_existing_members(tmp_path):
    from core.spoofing import skeleton

    url, options, drop = _fresh_database(tmp_path)
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SQLALCHEMY_ENGINE_OPTIONS": options,
                      "SECRET_KEY": "x", "SEARCH_INDEX_DIR": str(tmp_path / "ix")})
    try:
        with app.app_context():
            upgrade(revision="cf8cd295f5e4")
            with db.engine.begin() as connection:
                connection.execute(text(
                    "INSERT INTO users (username, username_key, email, password_hash, role, "
                    "display_name, library, sector, bio, active, created_at, session_version) "
                    "VALUES ('agnes.admin', 'agnes.admin', 'a@example.org', '!', 'admin', "
                    "'Agnes Whitfield', '', '', '', true, '2026-01-01', 3)"))
            upgrade(revision="a7c3e9d1f2b4")
            with db.engine.connect() as connection:
                row = connection.execute(text(
                    "SELECT username_skeleton, display_skeleton FROM users")).one()
            assert tuple(row) == (skeleton("agnes.admln"), skeleton("AGNES WHITFIE1D"))
            downgrade(revision="base")
            db.engine.dispose()
    finally:
        drop()


def test_tags_with_spaces_become_hyphenated_and_merge_with_their_twin(tmp_path):
    url, options, drop = _fresh_database(tmp_path)
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SQLALCHEMY_ENGINE_OPTIONS": options,
                      "SECRET_KEY": "x", "SEARCH_INDEX_DIR": str(tmp_path / "ix")})
    try:
        with app.app_context():
            upgrade(revision="b1d4e7a2c9f0")
            with db.engine.begin() as connection:
                connection.execute(text(
                    "INSERT INTO users (id, username, username_key, email, password_hash, role, "
                    "display_name, library, sector, bio, active, created_at, "
                    "username_skeleton, display_skeleton) VALUES (1, 'mina', 'mina', "
                    "'m@example.org', '!', 'member', 'Mina', '', '', '', true, '2026-01-01', "
                    "'mina', 'mina')"))
                for number in (1, 2):
                    connection.execute(text(
                        "INSERT INTO articles (id, slug, title, title_key, revision_count, "
                        "protected, hidden, created_at, updated_at, created_by_id, "
                        "view_version) VALUES (:n, :slug, :slug, :slug, 0, false, false, "
                        "'2026-01-01', '2026-01-01', 1, 1)"), {"n": number, "slug": f"a{number}"})
                connection.execute(text(
                    "INSERT INTO tags (id, name, article_count) VALUES (1, 'seed library', 2), "
                    "(2, 'seed-library', 1), (3, 'local  history', 1)"))
                connection.execute(text(
                    "INSERT INTO article_tags (article_id, tag_id) VALUES (1, 1), (2, 1), "
                    "(2, 2), (1, 3)"))
            upgrade(revision="b1d4e7a2c9f1")
            with db.engine.connect() as connection:
                tags = connection.execute(text(
                    "SELECT id, name, article_count FROM tags ORDER BY id")).all()
                links = connection.execute(text(
                    "SELECT article_id, tag_id FROM article_tags ORDER BY 1, 2")).all()
            assert [tuple(row) for row in tags] == [(2, "seed-library", 2),
                                                     (3, "local-history", 1)]
            assert [tuple(row) for row in links] == [(1, 2), (1, 3), (2, 2)]
            db.engine.dispose()
    finally:
        drop()
