"""Absolute URLs name SITE_URL, whatever Host header a client sends."""

import pytest

from app import create_app
from core.extensions import db
from tests.conftest import make_app

FORGED = {"Host": "evil.example"}


@pytest.fixture
def site(app, tmp_path, pg_schema, member):
    """An app like `app` (the same database, which `app` empties) with SITE_URL set."""
    site = make_app(tmp_path, pg_schema, SITE_URL="https://commonplace.example.org",
                    SQLALCHEMY_DATABASE_URI=app.config["SQLALCHEMY_DATABASE_URI"])
    yield site
    with site.app_context():
        db.session.remove()
        db.engine.dispose()


def feeds(client):
    for path in ("/feeds/changes.atom", "/feeds/questions.atom"):
        response = client.get(path, headers=FORGED)
        assert response.status_code == 200, path
        yield path, response.get_data(as_text=True)


def test_feeds_link_to_site_url_not_to_a_forged_host(app, site, member):
    from community import questions
    from wiki import saving

    saving.create_article(member, title="Weeding the stacks", body="Use CREW.")
    questions.ask(member, title="How often do you weed the stacks?", body="Yearly?")
    db.session.commit()
    for path, feed in feeds(site.test_client()):
        assert "evil.example" not in feed, path
        assert "https://commonplace.example.org/" in feed, path


def test_urls_built_outside_a_request_name_site_url(site):
    from flask import url_for

    with site.app_context():
        assert url_for("wiki.recent", _external=True) == \
            "https://commonplace.example.org/wiki/recent"


def test_without_site_url_the_request_host_is_used(app, member):
    # The documented default for a laptop; production sets SITE_URL.
    for path, feed in feeds(app.test_client()):
        assert "http://evil.example/" in feed, path


@pytest.mark.parametrize("value", ["commonplace.example.org", "ftp://x.example",
                                   "https://x.example/sub/path", "https://u:p@x.example"])
def test_a_site_url_that_is_not_a_scheme_and_host_is_refused_at_start(tmp_path, value):
    with pytest.raises(ValueError, match="SITE_URL"):
        create_app({"SITE_URL": value, "SECRET_KEY": "x",
                    "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'x.db'}"})


def test_site_url_from_the_environment(tmp_path):
    from core.config import from_environment

    assert from_environment(str(tmp_path), {})["SITE_URL"] == ""
    config = from_environment(str(tmp_path), {"SITE_URL": "https://c.example.org/"})
    assert config["SITE_URL"] == "https://c.example.org/"

