"""Demo desk for `flask demo load` (demo/desk.toml): features, two collections and a review
mark, made through the editors' services after the wiki's and the community's demo content exists.

A reading or a feature names an `article` by its title, a `question` by the start of its
title, or a `collection` of the desk by its key; what is not found is left out."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

import demo
from community.models import Question
from core.extensions import db
from core.timeutil import utcnow
from core.urls import site_path
from editors import collections as curated
from editors import features, review
from wiki.reading import article_by_title


def _target(spec: dict, collections: dict) -> str | None:
    """The address of the article, question or collection a reading or a feature names."""
    if "collection" in spec:
        return site_path("editors.collection", slug=collections[spec["collection"]].slug)
    if "article" in spec:
        article = article_by_title(spec["article"])
        return site_path("wiki.article", slug=article.slug) if article else None
    question = db.session.scalar(select(Question).where(
        Question.title.startswith(spec["question"])))
    return site_path("community.question", question_id=question.id) if question else None


def _collection(editor, spec: dict):
    collection = curated.create_collection(editor, spec["title"], spec["intro"])
    for reading in spec["readings"]:
        address = _target(reading, {})
        if address:
            curated.add_to_collection(editor, collection, address, reading["note"])
    return collection


def load_demo_desk(users: dict) -> None:
    desk = demo.manifest("desk.toml")
    editor = users[desk["editor"]]
    collections = {spec["key"]: _collection(editor, spec) for spec in desk["collections"]}
    wanted = [(_target(spec, collections), spec) for spec in desk["features"]]
    for address, spec in wanted:
        if address:
            features.feature(editor, address, blurb=spec["blurb"], icon=spec["icon"])
    check = desk["review"]
    reviewed = article_by_title(check["article"])
    if reviewed is not None:
        mark = review.mark_reviewed(editor, reviewed, check["note"])
        # Reviewed a little while after its last change, as an editor would have.
        mark.created_at = min(reviewed.updated_at + timedelta(days=check["days_after_change"]),
                              utcnow() - timedelta(days=1))
    db.session.flush()
