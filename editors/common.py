"""What every editors' module shares: input rules, settings, and what an address on the
site points at (who may act is asked of core.permissions)."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from flask import current_app
from sqlalchemy import select

from community import answers, comments, questions
from community.models import Answer, Comment, Question
from core import permissions
from core.errors import NotFound, ValidationFailed
from core.extensions import db
from core.markup import render
from core.numbers import parse_int
from core.text import check_text
from editors.models import (
    FLAG_TARGETS,
    Collection,
)
from wiki import reading
from wiki.models import Article, ArticleSlug

BLURB_MAX = 600
NOTE_MAX = 1000
REASON_MAX = 500
TITLE_MAX = 200
IMAGE_SUFFIXES = {".svg", ".png", ".jpg", ".jpeg", ".webp", ".gif"}
# Reasons that speak of abuse: enough members saying so hides the content until an editor
# looks. "Outdated" or "duplicate" never hides anything by itself.
HOLD_REASONS = ("spam", "offensive")
RESERVED_COLLECTION_SLUGS = frozenset({"new"})
DEFAULTS = {
    # The weight of open spam or offensive flags that hides content until an editor looks:
    # three members of a month's standing, or thirty accounts a few hours old.
    "EDITORS_HOLD_AFTER_FLAGS": 3,
    "EDITORS_NEW_MEMBER_LINKS": 2,  # links a member may post before earning reputation
    "EDITORS_LINK_REPUTATION": 10,  # reputation that lifts the limit
}

def setting(name: str) -> int:
    return int(current_app.config.get(name, DEFAULTS[name]))


def clean_line(text: str | None, limit: int, what: str, field_name: str,
               required: bool = False) -> str:
    text = " ".join(check_text(text, field_name, f"the {field_name}").split())
    if required and not text:
        raise ValidationFailed(f"Give {what}.", field_name)
    if len(text) > limit:
        raise ValidationFailed(f"Keep {what} under {limit} characters.", field_name)
    return text


def clean_markdown(text: str | None, limit: int, what: str, field_name: str,
                   required: bool = False) -> tuple[str, str]:
    """Member Markdown, with its sanitised HTML."""
    text = check_text(text, field_name, what, multiline=True).replace("\r\n", "\n").strip()
    if required and not text:
        raise ValidationFailed(f"Write {what}.", field_name)
    if len(text) > limit:
        raise ValidationFailed(f"Keep {what} under {limit} characters; it is {len(text):,}.",
                               field_name)
    return text, render(text).html if text else ""


@dataclass
class Target:
    kind: str  # article, question, collection
    thing: object


ADDRESS_HELP = ("Paste the address of an article (/wiki/...), a solved question "
                "(/questions/...) or a collection (/collections/...).")


def resolve_address(address: str | None, kinds=("article", "question", "collection"),
                    field_name: str = "target") -> Target:
    """What an address on this site (or an article's title) points at."""
    text = (address or "").strip()
    if not text:
        raise ValidationFailed(ADDRESS_HELP, field_name)
    path = unquote(urlsplit(text).path) if "/" in text else ""
    parts = [part for part in path.split("/") if part]
    found: Target | None = None
    if len(parts) >= 2 and parts[0] == "wiki":
        article = db.session.scalar(select(Article).join(
            ArticleSlug, ArticleSlug.article_id == Article.id).where(ArticleSlug.slug == parts[1]))
        found = Target("article", article) if article else None
    elif len(parts) >= 2 and parts[0] == "questions" and parse_int(parts[1], low=1):
        question = db.session.get(Question, parse_int(parts[1]))
        found = Target("question", question) if question else None
    elif len(parts) >= 2 and parts[0] == "collections":
        collection = db.session.scalar(select(Collection).where(Collection.slug == parts[1]))
        found = Target("collection", collection) if collection else None
    elif text.lstrip("#").isdigit():
        number = parse_int(text.lstrip("#"), low=1)
        question = db.session.get(Question, number) if number else None
        found = Target("question", question) if question else None
    elif not path:
        article = reading.article_by_title(text)
        found = Target("article", article) if article else None
    if found is None or found.kind not in kinds:
        raise ValidationFailed(f"Nothing on Commonplace answers to “{text[:100]}”. "
                               + ADDRESS_HELP, field_name)
    return found


def is_showable_target(target: Target) -> bool:
    thing = target.thing
    if target.kind == "question":
        return not thing.hidden and thing.merged_into_id is None
    return not thing.hidden


def require_showable(target: Target, field_name: str = "target") -> None:
    if not is_showable_target(target):
        raise ValidationFailed("That is hidden (or merged into another question): hidden "
                               "content cannot be featured or collected.", field_name)
    if target.kind == "question" and not target.thing.solved:
        raise ValidationFailed("Only solved threads can be featured or collected: the thread "
                               "needs an accepted answer first.", field_name)




def load_target(kind: str, object_id: int, viewer=None):
    """The flaggable thing, if this viewer may see it."""
    if kind not in FLAG_TARGETS:
        raise NotFound("Only articles, questions, answers and comments can be flagged.")
    if kind == "article":
        return reading.get_article_by_id(object_id, viewer)
    if kind == "question":
        return questions.get_question(object_id, viewer)
    if kind == "answer":
        return answers.get_answer(object_id, viewer)
    remark = db.session.get(Comment, object_id)
    if remark is None or not permissions.may_see(viewer, remark):
        raise NotFound("There is no such comment.")
    comments.comment_target(remark.target_type, remark.target_id, viewer)  # parent visible
    return remark


TARGET_MODELS = {"article": Article, "question": Question, "answer": Answer, "comment": Comment}


def lock_target(kind: str, object_id: int) -> None:
    """Serialise flags on one thing (PostgreSQL row lock; SQLite has one writer anyway),
    so that concurrent flags are counted together and the hold is placed once."""
    model = TARGET_MODELS[kind]
    db.session.execute(select(model.id).where(model.id == object_id).with_for_update())




def parse_key(key: str | None) -> tuple[str, int]:
    kind, _, number = (key or "").partition(":")
    object_id = parse_int(number, low=1) if number.isdigit() else None
    if kind not in FLAG_TARGETS or object_id is None:
        raise ValidationFailed("Choose what you are reporting.", "target")
    return kind, object_id
