"""Sector pages (/sectors/<sector>): what a sector's members write and solve, and what
other sectors could take from it. Each list is one bounded query, so a page's cost does
not grow with the site's members or content."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from flask import current_app
from sqlalchemy import and_, exists, func, literal, select
from sqlalchemy.orm import joinedload, selectinload

from community.models import Answer, Question
from core.extensions import db
from core.models import User
from core.timeutil import utcnow
from editors.models import CollectionItem
from wiki.models import Article, ArticleAuthor, ArticleLink, ArticleRead, ArticleSector

LISTED = 8
READS_DAYS = 90


@dataclass
class Takeaway:
    article: Article
    links: int        # articles of other sectors that link to it
    collections: int  # editors' collections that hold it
    reads: int        # page reads in the last READS_DAYS days (all readers)


def written(sector: str, limit: int = LISTED) -> list[Article]:
    """Visible articles led by members of this sector, newest first."""
    led = exists().where(ArticleAuthor.article_id == Article.id, ArticleAuthor.lead.is_(True),
                         ArticleAuthor.user_id == User.id, User.sector == sector)
    return list(db.session.scalars(
        select(Article).where(Article.hidden.is_(False), led)
        .options(selectinload(Article.sector_rows), selectinload(Article.tags),
                 selectinload(Article.lead_authors).joinedload(ArticleAuthor.user))
        .order_by(Article.created_at.desc(), Article.id.desc()).limit(limit)))


def solved(sector: str, limit: int = LISTED) -> list[Question]:
    """Threads this sector's members solved (the accepted answer is theirs), newest first."""
    theirs = select(Answer.id).join(User, User.id == Answer.author_id).where(
        User.sector == sector)
    return list(db.session.scalars(
        select(Question).where(Question.hidden.is_(False), Question.merged_into_id.is_(None),
                               Question.accepted_answer_id.in_(theirs))
        .options(joinedload(Question.author),
                 joinedload(Question.accepted_answer).joinedload(Answer.author))
        .order_by(Question.solved_at.desc(), Question.id.desc()).limit(limit)))


def takeaways(sector: str, limit: int = LISTED) -> list[Takeaway]:
    """This sector's practice that other sectors use: its visible articles linked to from
    articles of other sectors, kept in collections or read, the most linked first. The
    ranking counts over the whole site, so it is kept for a few minutes per process
    (`sectors.takeaways`); the articles themselves are then one query by id."""
    cache = current_app.extensions.get("sectors.takeaways")
    ranked = cache.get_or_render((sector, limit), lambda: _rank_takeaways(sector, limit)) \
        if cache is not None else _rank_takeaways(sector, limit)
    if not ranked:
        return []
    found = {article.id: article for article in db.session.scalars(
        select(Article).where(Article.id.in_([row[0] for row in ranked]),
                              Article.hidden.is_(False))
        .options(selectinload(Article.lead_authors).joinedload(ArticleAuthor.user)))}
    return [Takeaway(found[article_id], links, collections, reads)
            for article_id, links, collections, reads in ranked if article_id in found]


def _rank_takeaways(sector: str, limit: int) -> list[tuple[int, int, int, int]]:
    source = Article.__table__.alias("source")
    of_sector = select(ArticleSector.article_id).where(ArticleSector.sector == sector)
    slugs = select(Article.slug).where(Article.id.in_(of_sector))
    links = (select(ArticleLink.target_slug.label("slug"), func.count().label("n"))
             .join(source, source.c.id == ArticleLink.source_id)
             .where(ArticleLink.target_slug.in_(slugs), source.c.hidden.is_(False),
                    source.c.id.not_in(of_sector))
             .group_by(ArticleLink.target_slug).subquery())
    kept = (select(CollectionItem.article_id.label("article_id"), func.count().label("n"))
            .where(CollectionItem.article_id.in_(of_sector))
            .group_by(CollectionItem.article_id).subquery())
    since = (utcnow() - timedelta(days=READS_DAYS)).date()
    read = (select(ArticleRead.article_id.label("article_id"),
                   func.sum(ArticleRead.reads).label("n"))
            .where(ArticleRead.day >= since, ArticleRead.article_id.in_(of_sector))
            .group_by(ArticleRead.article_id).subquery())
    n_links = func.coalesce(links.c.n, literal(0))
    n_kept = func.coalesce(kept.c.n, literal(0))
    n_read = func.coalesce(read.c.n, literal(0))
    rows = db.session.execute(
        select(Article.id, n_links, n_kept, n_read)
        .outerjoin(links, links.c.slug == Article.slug)
        .outerjoin(kept, kept.c.article_id == Article.id)
        .outerjoin(read, read.c.article_id == Article.id)
        .where(Article.hidden.is_(False), Article.id.in_(of_sector),
               (n_links > 0) | (n_kept > 0) | (n_read > 0))
        .order_by(n_links.desc(), n_kept.desc(), n_read.desc(), Article.id)
        .limit(limit)).all()
    return [(article_id, int(links_), int(kept_), int(read_))
            for article_id, links_, kept_, read_ in rows]


def counts() -> dict[str, int]:
    """Visible articles per sector, for the list of sectors."""
    return dict(db.session.execute(
        select(ArticleSector.sector, func.count())
        .join(Article, and_(Article.id == ArticleSector.article_id,
                            Article.hidden.is_(False)))
        .group_by(ArticleSector.sector)).all())
