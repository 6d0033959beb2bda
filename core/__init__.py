"""What every part shares: database, accounts, markup, security, errors, helpers."""

from __future__ import annotations

from pathlib import Path

from flask import Flask, abort, current_app, g, render_template, request, url_for
from flask_wtf.csrf import CSRFError
from markupsafe import escape
from sqlalchemy import event
from sqlalchemy.exc import OperationalError
from werkzeug.datastructures import ImmutableMultiDict
from werkzeug.exceptions import HTTPException

from core import timeutil
from core.extensions import csrf, db, limiter, login_manager, migrate
from core.markup import slugify

MIGRATIONS_DIR = str(Path(__file__).resolve().parent.parent / "migrations")

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)

ERROR_TEXT = {
    400: ("Bad request", "We could not make sense of that request. If you were sending a form, "
          "go back, reload the page and try again: your text is still in your browser."),
    401: ("Please sign in", "You need to be signed in to do that."),
    403: ("Not allowed", "You do not have permission to do that."),
    404: ("Page not found", "There is no page at this address. It may have been moved or hidden."),
    405: ("Not allowed here", "That action cannot be done this way."),
    409: ("Not saved yet", "Many people were saving at the same moment and yours could not "
          "be added in time. Nothing was changed: go back and send it again; your text is "
          "still in your browser."),
    413: ("Too large", "What you sent is larger than we accept. Shorten it and try again."),
    429: ("Slow down", "You have tried that too often in a short time. Please wait a few "
          "minutes and try again."),
    500: ("Something went wrong", "An error on our side stopped this page. It has been logged; "
          "please try again in a moment."),
    503: ("Briefly unavailable", "Commonplace cannot reach its database just now. Nothing you "
          "sent was lost; please try again in a moment."),
}


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


FALLBACK_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} - Commonplace</title><link rel="stylesheet" href="/static/css/site.css">
</head><body><main id="main" class="narrow error-page">
<p class="eyebrow">Error {code}</p><h1>{title}</h1><p class="lead">{text}</p>
<p><a class="button" href="/">Go to the home page</a></p></main></body></html>"""


# Form fields never shown back on an error page: secrets, and the form's own machinery.
_NOT_KEPT = ("csrf_token", "password", "base_revision", "next", "action")


def sent_text() -> list[tuple[str, str]]:
    """What the member typed into the form this request sent (title, text, summary...), to
    show back on a page that refuses it, so that a refusal never loses their words."""
    if request.method != "POST":
        return []
    try:
        fields = list(request.form.items(multi=True))
    except Exception:  # noqa: BLE001 - a body too large or malformed cannot be read back
        return []
    return [(name.replace("_", " ").capitalize(), value) for name, value in fields
            if value.strip() and len(value.strip()) > 1
            and not any(word in name.lower() for word in _NOT_KEPT)][:6]


def render_error(code: int, message: str | None = None, *, without_database: bool = False):
    """The error page, with what the member sent (if they sent text) to copy. With
    `without_database` it is rendered for an anonymous visitor, so that nothing on it (the
    signed-in member, their unread count) needs the database."""
    title, text = ERROR_TEXT.get(code, ERROR_TEXT[500])
    text = message or text
    if without_database:
        g._login_user = login_manager.anonymous_user()
        g.unread_notifications = 0
    try:
        return render_template("errors/error.html", code=code, title=title, text=text,
                               kept=sent_text()), code
    except Exception:  # noqa: BLE001 - the error page itself must not fail
        current_app.logger.exception("error page %s could not be rendered", code)
        page = FALLBACK_PAGE.format(code=code, title=escape(title), text=escape(text))
        return page, code, {"Content-Type": "text/html; charset=utf-8"}


def _refuse_nul_in_address():
    """A NUL character is never part of a real address, and PostgreSQL refuses it in any
    text it is given. In the path: no page has such an address (404), before a view looks
    it up. In the query: taken out, as other stray parameters are ignored, so the page
    answers as it would without it."""
    if "\x00" in request.path:
        abort(404)
    if any("\x00" in key or "\x00" in value for key, value in request.args.items(multi=True)):
        request.args = ImmutableMultiDict(
            (key.replace("\x00", ""), value.replace("\x00", ""))
            for key, value in request.args.items(multi=True))


def _security_headers(response):
    headers = response.headers
    headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
    headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
    if request.is_secure or request.headers.get("X-Forwarded-Proto") == "https":
        headers.setdefault("Strict-Transport-Security", "max-age=31536000")
    viewer = g.get("_login_user")
    if viewer is not None and viewer.is_authenticated:
        # A page made for a signed-in member (their settings, notifications, name and
        # unread count in the header) is kept by no cache, shared or in the browser.
        headers.setdefault("Cache-Control", "no-store")
    return response


def _register_errors(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(error):
        return render_error(400, "This form had expired or was sent from elsewhere, so nothing "
                                 "was changed. Go back, reload the page and send it again.")

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if error.code is None or error.code < 400 or error.code in (401,):
            return error
        if error.code == 429:
            return render_error(429)
        if error.code == 413:
            return render_error(413)
        return render_error(error.code if error.code in ERROR_TEXT else 400)

    from core.transactions import TooBusy

    @app.errorhandler(TooBusy)
    def too_busy(error):
        return render_error(409)

    @app.errorhandler(OperationalError)
    def database_unavailable(error):
        _rollback_quietly()
        app.logger.warning("database unavailable: %s", error)
        return render_error(503, without_database=True)

    @app.errorhandler(Exception)
    def server_error(error):
        if isinstance(error, HTTPException):  # pragma: no cover - handled above
            return http_error(error)
        app.logger.exception("unhandled error")
        _rollback_quietly()
        return render_error(500)


def _rollback_quietly() -> None:
    try:
        db.session.rollback()
    except Exception:  # noqa: BLE001 - a dead connection cannot even roll back
        current_app.logger.warning("rollback failed", exc_info=True)


NAV = (("wiki.index", "Articles", "wiki."), ("community.questions", "Questions", "community.q"),
       ("community.solutions", "Solutions", "community.solution"),
       ("community.workgroups", "Workgroups", "community.workgroup"))


def _nav_items() -> list[dict]:
    """The main navigation, with the current part marked."""
    endpoint = request.endpoint or ""
    return [{"label": label, "url": url_for(target), "current": endpoint.startswith(prefix)}
            for target, label, prefix in NAV]


def _search_url() -> str:
    return url_for("search.results")


def _suggest_url() -> str:
    return url_for("search.suggest")


def init_core(app: Flask) -> None:
    from core.numbers import BoundedIntConverter

    # Before any route is added: <int:...> then never matches a number no column holds.
    app.url_map.converters["int"] = BoundedIntConverter

    from core import proxy, signals

    proxy.install(app)
    db.init_app(app)
    signals.install_session_events()
    migrate.init_app(app, db, directory=MIGRATIONS_DIR, render_as_batch=True,
                     compare_type=True)
    csrf.init_app(app)
    limiter.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "core.login"
    login_manager.login_message = "Please sign in to do that."
    login_manager.login_message_category = "info"
    login_manager.session_protection = "basic"

    from core import accounts

    login_manager.user_loader(accounts.load_session_user)

    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        with app.app_context():
            event.listen(db.engine, "connect", _sqlite_pragmas)

    from core.edge import note_visit

    app.before_request(_refuse_nul_in_address)
    app.after_request(_security_headers)
    app.after_request(note_visit)
    _register_errors(app)

    from core.permissions import init_permissions

    init_permissions(app)

    app.jinja_env.filters["ago"] = timeutil.ago
    app.jinja_env.filters["long_date"] = timeutil.long_date
    app.jinja_env.filters["iso"] = timeutil.iso
    app.jinja_env.filters["slug"] = lambda text: slugify(text)[:60]
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True

    @app.context_processor
    def shell_context():
        from core.forms import EmptyForm
        from core.models import SECTOR_LABELS

        return {"empty_form": EmptyForm, "SECTOR_LABELS": SECTOR_LABELS,
                "nav_items": _nav_items, "search_url": _search_url,
                "suggest_url": _suggest_url}

    from core.views import bp

    app.register_blueprint(bp)

    from core.cli import backup_cli, markup_cli, users_cli

    app.cli.add_command(users_cli)
    app.cli.add_command(backup_cli)
    app.cli.add_command(markup_cli)
