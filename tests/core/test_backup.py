"""`flask backup create` and `flask backup restore` round-trip the whole site."""

import re
import uuid

from sqlalchemy import create_engine, func, select, text

from core.extensions import db
from tests.conftest import TEST_DATABASE_URL, empty_database, make_app, on_postgres

PAGES = ["/", "/wiki/", "/wiki/recent", "/questions/", "/solutions/", "/workgroups/",
         "/users/maria.lopez", "/search?q=makerspace", "/feeds/changes.atom"]
CSRF = re.compile(r'(<meta name="csrf-token" content=")[^"]+|(name="csrf_token" '
                  r'type="hidden" value=")[^"]+')


def snapshot(app) -> dict:
    """What a reader sees, and how many rows each table holds."""
    client = app.test_client()
    with app.app_context():
        from wiki.models import Article

        slugs = [row[0] for row in db.session.execute(select(Article.slug))]
        # Not the article reads: reading the pages to compare them counts reads.
        counts = {table.name: db.session.scalar(select(func.count()).select_from(table))
                  for table in db.metadata.sorted_tables if table.name != "article_reads"}
    pages = {}
    for path in PAGES + [f"/wiki/{slug}" for slug in slugs] + \
            [f"/wiki/{slug}/history" for slug in slugs]:
        response = client.get(path)
        pages[path] = (response.status_code, CSRF.sub(r"\1\2", response.get_data(as_text=True)))
    return {"counts": counts, "pages": pages}


def second_database(tmp_path):
    if not on_postgres():
        return None, lambda: None
    schema = f"cp_restore_{uuid.uuid4().hex[:8]}"
    engine = create_engine(TEST_DATABASE_URL)
    with engine.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))

    def drop():
        with engine.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        engine.dispose()

    return schema, drop


def test_backup_and_restore_round_trip_everything(tmp_path, pg_schema, demo_snapshot):
    (tmp_path / "source").mkdir()
    # The run's files directory, where the demo's uploads landed when its snapshot was
    # made (the target has a directory of its own: the restore must write them there).
    source = make_app(tmp_path / "source", pg_schema, RATELIMIT_ENABLED=False,
                      FILES_DIR=str(tmp_path.parent / "files"))
    runner = source.test_cli_runner()
    assert demo_snapshot.fill(source).result.exit_code == 0  # `flask demo load`, run once
    before = snapshot(source)
    archive = tmp_path / "site.tar.gz"
    result = runner.invoke(args=["backup", "create", str(archive)])
    assert result.exit_code == 0, result.output
    empty_database(source)

    schema, drop = second_database(tmp_path)
    try:
        (tmp_path / "target").mkdir()
        target = make_app(tmp_path / "target", schema, RATELIMIT_ENABLED=False)
        result = target.test_cli_runner().invoke(args=["backup", "restore", str(archive)])
        assert result.exit_code == 0, result.output
        assert "Search index rebuilt" in result.output
        after = snapshot(target)
        assert after["counts"] == before["counts"]
        assert sum(before["counts"].values()) > 100
        for path, page in before["pages"].items():
            assert after["pages"][path] == page, path
        with target.app_context():
            from search import indexer

            assert indexer.check().clean
        refused = target.test_cli_runner().invoke(args=["backup", "restore", str(archive)])
        assert refused.exit_code != 0 and "not empty" in refused.output
        empty_database(target)
    finally:
        drop()
