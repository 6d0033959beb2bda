"""Addresses on this site: built from the URL map, and checked before a redirect.

`site_path` is how services, feeds, jobs and the command line name a page ("/wiki/seeds"):
from the route, never a path written out by hand, and always a path (no scheme or host),
in a request or outside one. Absolute URLs are for the feeds, in a request
(`url_for(..., _external=True)` or `absolute_url(path)`, which name `SITE_URL` when it is
set).

`is_local_url` is the one check that a URL a client sent (or a stored one) is a path on
this site before we redirect to it.
"""

from __future__ import annotations

from urllib.parse import quote, urlsplit

from flask import current_app, has_request_context, request, url_for

ANCHOR_SAFE = "%!#$&'()*+,/:;=?@"  # what url_for leaves unquoted in an anchor


def site_path(endpoint: str, *, anchor: str | None = None, **values) -> str:
    """The path of `endpoint` with `values` ("/wiki/seeds#comment-3"); a value of None is
    left out. Outside a request it needs only an app context (no SERVER_NAME)."""
    if has_request_context():
        return url_for(endpoint, _anchor=anchor, _external=False, **values)
    adapter = current_app.url_map.bind(current_app.config.get("SERVER_NAME") or "localhost",
                                       script_name=current_app.config["APPLICATION_ROOT"])
    path = adapter.build(endpoint, {key: value for key, value in values.items()
                                    if value is not None})
    return f"{path}#{quote(anchor, safe=ANCHOR_SAFE)}" if anchor else path


def absolute_url(path: str) -> str:
    """`path` (from `site_path`) with this request's scheme and host: for feeds."""
    return request.host_url.rstrip("/") + path


def is_local_url(target: str | None) -> bool:
    """True only for a path on this site ("/wiki/seeds?x=1"): no scheme, no host, no `//`
    or backslash (browsers read both as another host), no control character (browsers drop
    tabs and newlines, so "/\\t/evil.example" would become "//evil.example")."""
    if not target or "\\" in target or any(ord(char) < 32 or 127 <= ord(char) < 160
                                           for char in target):
        return False
    parts = urlsplit(target)
    return not parts.scheme and not parts.netloc and target.startswith("/") \
        and not target.startswith("//")
