"""When the database cannot be reached, everyone gets the friendly 503 page, members too."""

from __future__ import annotations

import contextlib

import pytest
from sqlalchemy import event
from sqlalchemy.exc import OperationalError

from core.extensions import db


@contextlib.contextmanager
def database_down(app):
    """Every statement fails as it does while PostgreSQL restarts."""

    def refuse(*_args, **_kwargs):
        raise OperationalError("SELECT 1", {}, ConnectionRefusedError("the database "
                                                                      "system is shutting down"))

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", refuse)
    try:
        yield
    finally:
        event.remove(engine, "before_cursor_execute", refuse)


def _friendly_503(response) -> None:
    assert response.status_code == 503
    page = response.get_data(as_text=True)
    assert "Briefly unavailable" in page
    assert "Nothing you sent was lost" in page
    assert "Traceback" not in page


@pytest.mark.parametrize("url", ["/", "/wiki/", "/questions/", "/search?q=catalogue"])
def test_a_signed_in_member_gets_the_503_page_while_the_database_is_down(
        app, member_client, url):
    with database_down(app):
        response = member_client.get(url)
    _friendly_503(response)


def test_a_members_post_gets_the_503_page_and_the_member_stays_signed_in(
        app, member_client):
    token = member_client.csrf_token()
    with database_down(app):
        response = member_client.post("/wiki/new", data={
            "csrf_token": token, "title": "Lost while down", "body": "Some text."})
    _friendly_503(response)
    # Back up: the member is still signed in, and the refused write changed nothing.
    page = member_client.get("/settings")
    assert page.status_code == 200
    from wiki.models import Article

    assert db.session.query(Article).filter_by(title="Lost while down").count() == 0


def test_an_anonymous_reader_gets_the_503_page(app, client):
    with database_down(app):
        response = client.get("/wiki/")
    _friendly_503(response)


def test_an_error_page_that_cannot_render_falls_back_to_plain_html(app, client, monkeypatch):
    import core

    def broken(*_args, **_kwargs):
        raise RuntimeError("template failed")

    monkeypatch.setattr(core, "render_template", broken)
    response = client.get("/no-such-page")
    assert response.status_code == 404
    page = response.get_data(as_text=True)
    assert "<h1>Page not found</h1>" in page
    assert 'href="/static/css/site.css"' in page
