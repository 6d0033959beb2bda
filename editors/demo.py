"""Demo desk for `flask demo load` (demo/desk.toml): features, two collections and a review
mark, made through editors.services after the wiki's and the community's demo content exists.

A reading or a feature names an `article` by its title, a `question` by the start of its
title, or a `collection` of the desk by its key; what is not found is left out."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

import demo
from community.models import Question
from core.extensions import db
from core.timeutil import utcnow
from editors import services
from wiki.services import article_by_title


def _target(spec: dict, collections: dict) -> str | None:
    """The address of the article, question or collection a reading or a feature names."""
    if "collection" in spec:
        return f"/collections/{collections[spec['collection']].slug}"
    if "article" in spec:
        article = article_by_title(spec["article"])
        return f"/wiki/{article.slug}" if article else None
    question = db.session.scalar(select(Question).where(
        Question.title.startswith(spec["question"])))
    return f"/questions/{question.id}" if question else None


def _collection(editor, spec: dict):
    collection = services.create_collection(editor, spec["title"], spec["intro"])
    for reading in spec["readings"]:
        address = _target(reading, {})
        if address:
            services.add_to_collection(editor, collection, address, reading["note"])
    return collection


def load_demo_desk(users: dict) -> None:
    desk = demo.manifest("desk.toml")
    editor = users[desk["editor"]]
    collections = {spec["key"]: _collection(editor, spec) for spec in desk["collections"]}
    features = [(_target(spec, collections), spec) for spec in desk["features"]]
    for address, spec in features:
        if address:
            services.feature(editor, address, blurb=spec["blurb"], icon=spec["icon"])
    review = desk["review"]
    reviewed = article_by_title(review["article"])
    if reviewed is not None:
        mark = services.mark_reviewed(editor, reviewed, review["note"])
        # Reviewed a little while after its last change, as an editor would have.
        mark.created_at = min(reviewed.updated_at + timedelta(days=review["days_after_change"]),
                              utcnow() - timedelta(days=1))
    db.session.flush()
