"""Configuration from environment variables, with safe defaults."""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from datetime import timedelta
from pathlib import Path

SIGN_IN_DAYS = 30


def _count(value: str | None, name: str) -> int:
    try:
        number = int((value or "0").strip())
    except ValueError:
        raise ValueError(f"{name} must be a whole number, not {value!r}") from None
    if number < 0:
        raise ValueError(f"{name} must not be negative")
    return number


def _flag(value: str | None) -> bool:
    return (value or "").strip().lower() in {"1", "true", "yes", "on"}


def normalise_database_url(url: str) -> str:
    """Let operators write postgres:// or postgresql://; we drive psycopg 3."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def from_environment(instance_path: str, env: Mapping[str, str]) -> dict:
    instance = Path(instance_path)
    database_url = env.get("DATABASE_URL") or f"sqlite:///{instance / 'commonplace.db'}"
    return {
        "SECRET_KEY": env.get("SECRET_KEY") or None,
        "SQLALCHEMY_DATABASE_URI": normalise_database_url(database_url),
        "SEARCH_INDEX_DIR": env.get("SEARCH_INDEX_DIR") or str(instance / "search-index"),
        # thread: a background drainer per process; sync: drain at commit (tests); off.
        "SEARCH_DRAIN": env.get("SEARCH_DRAIN") or "thread",
        # whoosh: a file index in instance/; postgres: full-text search in the database.
        "SEARCH_ENGINE": env.get("SEARCH_ENGINE") or "whoosh",
        # The Whoosh engine's patches to Whoosh (search/whoosh_speedups.py).
        "SEARCH_WHOOSH_SPEEDUPS": _flag(env.get("SEARCH_WHOOSH_SPEEDUPS") or "true"),
        "RATELIMIT_STORAGE_URI": env.get("RATELIMIT_STORAGE_URI") or "memory://",
        "RATELIMIT_ENABLED": not _flag(env.get("RATELIMIT_DISABLED")),
        "RATELIMIT_HEADERS_ENABLED": True,
        "SESSION_COOKIE_SECURE": _flag(env.get("SESSION_COOKIE_SECURE")),
        "REMEMBER_COOKIE_SECURE": _flag(env.get("SESSION_COOKIE_SECURE")),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        # Articles are long, but nothing a member writes comes near this.
        "MAX_CONTENT_LENGTH": int(env.get("MAX_CONTENT_LENGTH") or 1024 * 1024),
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        "WTF_CSRF_TIME_LIMIT": None,
        "ARTICLE_MAX_CHARS": 200_000,
        # Member Markdown renders in worker processes, refused past this many seconds
        # (core.render_pool); "inline" renders in the request thread, with no budget.
        "RENDER_POOL": env.get("RENDER_POOL") or "process",
        "RENDER_SECONDS": float(env.get("RENDER_SECONDS") or 2.5),
        "RENDER_WORKERS": int(env.get("RENDER_WORKERS") or 2),
        # How many reverse proxies stand in front of the app and append to X-Forwarded-For
        # (and set X-Forwarded-Proto). 0 trusts neither header: the client is the peer.
        "PROXY_COUNT": _count(env.get("PROXY_COUNT"), "PROXY_COUNT"),
        # The site's public address (https://commonplace.example.org): absolute links in
        # feeds and mail are built from it, never from the request's Host header.
        "SITE_URL": (env.get("SITE_URL") or "").strip(),
        # Mail: smtp://user:pass@host:587?starttls=1 (or smtps://...:465); unset, every
        # message is written as an .eml file under MAIL_DIR (instance/mail) instead.
        "MAIL_URL": (env.get("MAIL_URL") or "").strip(),
        "MAIL_FROM": (env.get("MAIL_FROM") or "Commonplace <commonplace@localhost>").strip(),
        "MAIL_DIR": env.get("MAIL_DIR") or str(instance / "mail"),
        # Instant mails of one kind within this many seconds are sent as one message.
        "MAIL_GROUP_SECONDS": int(env.get("MAIL_GROUP_SECONDS") or 60),
        # Jobs: huey on a SQLite file in instance/, or on Redis when REDIS_URL is set.
        "REDIS_URL": (env.get("REDIS_URL") or "").strip(),
        "JOBS_DATABASE": env.get("JOBS_DATABASE") or str(instance / "jobs.db"),
        "JOBS_IMMEDIATE": _flag(env.get("JOBS_IMMEDIATE")),
        # "Keep me signed in": how long the remember cookie, and every sign-in, lasts.
        "REMEMBER_COOKIE_DURATION": timedelta(days=SIGN_IN_DAYS),
        # Files (files/): filesystem (under FILES_DIR, content-addressed) or database (the
        # bytes in a table, for several web hosts sharing one PostgreSQL).
        "FILE_STORAGE": (env.get("FILE_STORAGE") or "filesystem").strip(),
        "FILES_DIR": env.get("FILES_DIR") or str(instance / "files"),
        # The largest file one upload may carry (the upload route alone accepts a request
        # this large), and how much one member may upload in a day, in bytes.
        "FILE_MAX_BYTES": _count(env.get("FILE_MAX_BYTES") or str(20 * 1024 * 1024),
                                 "FILE_MAX_BYTES"),
        "FILE_DAILY_BYTES": _count(env.get("FILE_DAILY_BYTES") or str(200 * 1024 * 1024),
                                   "FILE_DAILY_BYTES"),
        # The most pixels an uploaded image may have (more is refused, never decoded).
        "FILE_MAX_PIXELS": _count(env.get("FILE_MAX_PIXELS") or str(50_000_000),
                                  "FILE_MAX_PIXELS"),
    }


def instance_secret_key(instance_path: str) -> str:
    """Read the instance's secret key, creating it (mode 0600) on first start."""
    path = Path(instance_path) / "secret_key"
    try:
        return path.read_text().strip()
    except FileNotFoundError:
        pass
    key = secrets.token_hex(32)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another worker won the race; use its key
        return path.read_text().strip()
    with os.fdopen(fd, "w") as handle:
        handle.write(key)
    return key
