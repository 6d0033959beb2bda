"""Links from new members: a limit on external links until a member earns reputation."""

from __future__ import annotations

import re

from core import permissions
from core.errors import ValidationFailed
from core.markup import browser_url, is_external, render, url_scheme
from editors.common import setting

_HREF = re.compile(r'<a\s[^>]*?href="([^"]*)"')
_RAW_URL = re.compile(r"https?://[^\s<>\"'\]\[]+", re.IGNORECASE)


def _normal(url: str) -> str:
    return url.rstrip(".,;:!?)'\"").rstrip("/").lower()


def external_links(text: str) -> set[str]:
    """The distinct addresses off this site that this Markdown carries: what becomes a link
    once rendered (bare domains that the sanitiser links included; wikilinks and paths on
    this site not), and any http(s) address written out, linked or not."""
    if not text or not any(mark in text for mark in (".", ":", "//")):
        return set()
    links = set()
    for href in _HREF.findall(render(text).html):
        # Read as a browser reads it: " //host", "\t//host" and "/\\host" leave the site.
        if is_external(href) or url_scheme(href) == "mailto":
            links.add(_normal(browser_url(href)))
    links.update(_normal(url) for url in _RAW_URL.findall(text) if "." in url)
    return links


def member_reputation(user) -> int:
    from community.reputation import reputation

    return reputation(user)


def check_links(_app, *, user, text: str, previous: str = "") -> None:
    """Receives core.signals.checking_post: new members may add only a few links."""
    if not permissions.is_member(user) or permissions.is_editor(user):
        return
    limit = setting("EDITORS_NEW_MEMBER_LINKS")
    added = external_links(text) - external_links(previous)
    if len(added) <= limit:
        return
    points = setting("EDITORS_LINK_REPUTATION")
    if member_reputation(user) >= points:
        return
    raise ValidationFailed(
        f"New members may include at most {limit} links until they have {points} reputation "
        f"points; this text adds {len(added)}. Remove some links (your text is kept below), "
        "or ask an editor to add them.", "body")
