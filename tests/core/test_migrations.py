"""`flask db upgrade` on an empty database gives exactly the models' schema."""

import uuid

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import create_engine, inspect, text

from app import create_app
from core.extensions import db
from tests.conftest import TEST_DATABASE_URL, on_postgres


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
