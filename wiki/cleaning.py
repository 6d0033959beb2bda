"""The rules for what members type: titles, text, summaries, tags and sectors, cleaned."""

from __future__ import annotations

import re

from flask import current_app

from core.errors import ValidationFailed
from core.markup import article_slug, render
from core.models import SECTORS
from core.spoofing import check_no_bidi_controls
from core.text import check_text

TITLE_MAX = 200
SUMMARY_MAX = 300
TAG_MAX = 40
TAGS_PER_ARTICLE = 12
TAG_RE = re.compile(r"^[\w][\w +&'.-]*$", re.UNICODE)


def clean_title(title: str) -> str:
    title = check_no_bidi_controls(" ".join(check_text(title, "title", "the title").split()),
                                   "title", "The title")
    if not title:
        raise ValidationFailed("Give the article a title.", "title")
    if len(title) > TITLE_MAX:
        raise ValidationFailed(f"Keep the title under {TITLE_MAX} characters.", "title")
    if not article_slug(title):
        raise ValidationFailed("Use at least one letter or digit in the title.", "title")
    return title


def clean_body(body: str) -> str:
    body = check_text(body, "body", "the text", multiline=True)
    body = body.replace("\r\n", "\n").replace("\r", "\n")
    limit = current_app.config["ARTICLE_MAX_CHARS"]
    if not body.strip():
        raise ValidationFailed("The article has no text yet.", "body")
    if len(body) > limit:
        raise ValidationFailed(
            f"The text is {len(body):,} characters long; the limit is {limit:,}. "
            "Split it into two articles and link them.", "body")
    return body


def preview(body: str) -> str:
    """The article text as it would be saved: the same length limit and the same bounded
    render (a refusal is a ValidationFailed on `body`; the form keeps the text)."""
    return render(clean_body(body)).html


def clean_summary(summary: str) -> str:
    summary = " ".join(check_text(summary, "summary", "the summary").split())
    if len(summary) > SUMMARY_MAX:
        raise ValidationFailed(f"Keep the summary under {SUMMARY_MAX} characters.", "summary")
    return summary


def parse_tags(text: str | list[str]) -> list[str]:
    raw = text if isinstance(text, list) else (text or "").split(",")
    tags: list[str] = []
    for item in raw:
        # One form per tag, as on Stack Exchange: "Seed  Library" is the tag seed-library.
        tag = "-".join(check_text(item, "tags", "a tag").split()).lower()
        if not tag:
            continue
        if len(tag) > TAG_MAX or not TAG_RE.match(tag):
            raise ValidationFailed(
                f"Tags are short words or phrases (letters, digits, spaces, dashes), "
                f"at most {TAG_MAX} characters: {tag[:50]!r} is not.", "tags")
        if tag not in tags:
            tags.append(tag)
    if len(tags) > TAGS_PER_ARTICLE:
        raise ValidationFailed(f"Use at most {TAGS_PER_ARTICLE} tags.", "tags")
    return tags


def clean_sectors(sectors: list[str] | None) -> list[str]:
    sectors = list(dict.fromkeys(sectors or []))
    unknown = [sector for sector in sectors if sector not in SECTORS]
    if unknown:
        raise ValidationFailed("Choose sectors from the list.", "sectors")
    return sectors
