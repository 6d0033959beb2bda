"""The home page's read model: what is featured now, recent solutions, active workgroups,
open questions and, for a member, their workgroups' new questions and unread count.

Every list is loaded in one query with what it shows joined in (and `raiseload` on the
rest, so a template that reached for more would fail a test rather than quietly run a
query per item). The number of queries is fixed, however much content the site has.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import aliased, joinedload, raiseload

from community.models import Question, Workgroup, WorkgroupMember
from community.questions import SOLVED
from community.services import question_url
from community.workgroups import open_questions_in
from core import permissions
from core.extensions import db
from core.models import User
from core.timeutil import utcnow
from core.urls import site_path
from editors.features import HOME_FEATURES, live_features_condition
from editors.models import Collection, CollectionItem, Feature
from wiki.models import Article, ArticleAuthor

HOME_LIST = 5
HOME_WORKGROUPS = 4


@dataclass
class FeatureCard:
    kind: str  # article, question, collection
    label: str  # what a reader calls it: Article, Solution, Collection
    title: str
    url: str
    blurb_html: str
    icon: str
    image: str
    image_alt: str
    people: list  # lead authors, or the asker
    meta: str


def featured_now(limit: int = HOME_FEATURES) -> list[FeatureCard]:
    """What the home page features at this moment, in the editors' order (at most three
    queries: the features with their targets, the articles' lead authors, the collections'
    sizes)."""
    asker = aliased(User)
    rows = db.session.execute(
        select(Feature, Article, Question, asker, Collection)
        .outerjoin(Article, Article.id == Feature.article_id)
        .outerjoin(Question, Question.id == Feature.question_id)
        .outerjoin(asker, asker.id == Question.author_id)
        .outerjoin(Collection, Collection.id == Feature.collection_id)
        .where(*live_features_condition(utcnow()))
        .where(or_(Article.hidden.is_(False),
                   and_(Question.hidden.is_(False), Question.merged_into_id.is_(None)),
                   Collection.hidden.is_(False)))
        .options(raiseload("*"))
        .order_by(Feature.position, Feature.id).limit(limit)).all()
    article_ids = [article.id for _f, article, *_ in rows if article is not None]
    collection_ids = [collection.id for *_, collection in rows if collection is not None]
    leads: dict[int, list[User]] = {}
    if article_ids:
        for article_id, user in db.session.execute(
                select(ArticleAuthor.article_id, User).join(User, User.id == ArticleAuthor.user_id)
                .where(ArticleAuthor.article_id.in_(article_ids), ArticleAuthor.lead.is_(True))
                .order_by(ArticleAuthor.share.desc(), User.id)):
            leads.setdefault(article_id, []).append(user)
    sizes: dict[int, int] = {}
    if collection_ids:
        sizes = dict(db.session.execute(
            select(CollectionItem.collection_id, func.count())
            .where(CollectionItem.collection_id.in_(collection_ids))
            .group_by(CollectionItem.collection_id)).all())
    cards = []
    for item, article, question, author, collection in rows:
        common = {"blurb_html": item.blurb_html, "icon": item.icon, "image": item.image,
                  "image_alt": item.image_alt}
        if article is not None:
            cards.append(FeatureCard("article", "Article", article.title,
                                     site_path("wiki.article", slug=article.slug),
                                     people=leads.get(article.id, []),
                                     meta=f"Updated {article.updated_at:%-d %B %Y}", **common))
        elif question is not None:
            answers = question.answer_count
            cards.append(FeatureCard("question", "Solution", question.title,
                                     question_url(question), people=[author],
                                     meta=f"{answers} answer{'s' if answers != 1 else ''}",
                                     **common))
        else:
            size = sizes.get(collection.id, 0)
            cards.append(FeatureCard("collection", "Collection", collection.title,
                                     site_path("editors.collection", slug=collection.slug),
                                     people=[],
                                     meta=f"{size} reading{'s' if size != 1 else ''}",
                                     **common))
    return cards


def _questions(*where, order, limit: int = HOME_LIST) -> list[Question]:
    return list(db.session.scalars(
        select(Question).where(Question.hidden.is_(False), *where)
        .options(joinedload(Question.author), joinedload(Question.workgroup), raiseload("*"))
        .order_by(*order).limit(limit)))


def recent_solutions() -> list[Question]:
    return _questions(*SOLVED, order=(Question.solved_at.desc(), Question.id.desc()))


def open_questions() -> list[Question]:
    """Questions still waiting for a first answer, newest first."""
    return _questions(Question.accepted_answer_id.is_(None), Question.answer_count == 0,
                      Question.closed_reason.is_(None), Question.locked.is_(False),
                      order=(Question.created_at.desc(), Question.id.desc()))


def my_workgroup_questions(user) -> list[Question]:
    mine = select(WorkgroupMember.workgroup_id).where(WorkgroupMember.user_id == user.id)
    return _questions(Question.workgroup_id.in_(mine), Question.author_id != user.id,
                      order=(Question.created_at.desc(), Question.id.desc()))


def active_workgroups(limit: int = HOME_WORKGROUPS) -> list[tuple[Workgroup, int]]:
    """Open workgroups with the latest activity, and how many open questions each has.

    Each workgroup's latest activity is one step in ix_questions_workgroup (the index ends
    with last_activity_at), and only the workgroups shown have their questions counted:
    the home page does not read every question of every workgroup."""
    latest = (select(func.max(Question.last_activity_at))
              .where(Question.workgroup_id == Workgroup.id, Question.hidden.is_(False))
              .scalar_subquery())
    groups = db.session.scalars(
        select(Workgroup).where(Workgroup.archived.is_(False))
        .options(raiseload("*"))
        .order_by(func.coalesce(latest, Workgroup.created_at).desc(), Workgroup.id)
        .limit(limit)).all()
    counts = dict(db.session.execute(
        select(Workgroup.id, open_questions_in(Workgroup.id))
        .where(Workgroup.id.in_([group.id for group in groups]))).all())
    return [(group, counts.get(group.id, 0)) for group in groups]


def home_sections(viewer) -> dict:
    """The desk's part of the home page, as template variables (pages.views.home)."""
    context = {
        "featured": featured_now(),
        "recent_solutions": recent_solutions(),
        "open_questions": open_questions(),
        "active_workgroups": active_workgroups(),
        "question_url": question_url,
    }
    if permissions.is_member(viewer):
        # The unread count comes from the header's own (once per request) count.
        context["my_workgroup_questions"] = my_workgroup_questions(viewer)
    return context
