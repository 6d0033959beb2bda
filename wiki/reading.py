"""Reading the wiki: finding articles and revisions, their links and bylines, and lists."""

from __future__ import annotations

from html import escape

from sqlalchemy import exists, false, func, select
from sqlalchemy.orm import contains_eager, defer, joinedload, selectinload

from core import permissions, signals
from core.errors import NotFound
from core.extensions import db
from core.markup import article_slug, wiki_href
from core.models import User
from core.urls import site_path
from wiki.models import (
    Article,
    ArticleAuthor,
    ArticleLink,
    ArticleSector,
    ArticleSlug,
    ArticleTag,
    Revision,
    Tag,
)

ARTICLE_PAGE_OPTIONS = (joinedload(Article.current_revision),
                        selectinload(Article.authors).joinedload(ArticleAuthor.user),
                        selectinload(Article.tags), selectinload(Article.sector_rows))


def get_article_by_id(article_id: int, viewer=None) -> Article:
    article = db.session.scalar(select(Article).where(Article.id == article_id)
                                .options(*ARTICLE_PAGE_OPTIONS))
    if article is None or not permissions.may_see(viewer, article):
        raise NotFound("There is no article here.")
    return article


def get_article(slug: str, viewer=None, options=ARTICLE_PAGE_OPTIONS) -> Article:
    """The article at this slug or one of its old slugs; NotFound if absent or hidden.

    Everything an article page shows is loaded here, in a fixed number of queries (pages
    about the article, such as its history, pass `options=()`: they show only its row).
    """
    article = db.session.scalar(select(Article).where(Article.slug == slug).options(*options))
    if article is None:
        article = db.session.scalar(
            select(Article).join(ArticleSlug, ArticleSlug.article_id == Article.id)
            .where(ArticleSlug.slug == slug).options(*options))
    if article is None or not permissions.may_see(viewer, article):
        raise NotFound("There is no article here.")
    return article


def get_revision(article: Article, number: int) -> Revision:
    revision = db.session.scalar(select(Revision).where(
        Revision.article_id == article.id, Revision.number == number))
    if revision is None:
        raise NotFound(f"This article has no revision {number}.")
    return revision


def article_by_title(title: str) -> Article | None:
    slug = article_slug(title)
    if not slug:
        return None
    return db.session.scalar(
        select(Article).join(ArticleSlug, ArticleSlug.article_id == Article.id)
        .where(ArticleSlug.slug == slug))


def page_key(slug: str):
    """What decides an article page's content, in one light query (None if no such slug)."""
    return db.session.execute(
        select(Article.id, Article.title, Article.view_version, Article.hidden,
               Article.check_by)
        .where(Article.slug == slug)).first()


def missing_link_slugs(article: Article, viewer=None) -> set[str]:
    """Targets of this article's wikilinks that no visible article answers to."""
    targets = set(db.session.scalars(select(ArticleLink.target_slug).where(
        ArticleLink.source_id == article.id)))
    if not targets:
        return set()
    query = (select(ArticleSlug.slug).join(Article, Article.id == ArticleSlug.article_id)
             .where(ArticleSlug.slug.in_(targets)))
    if not permissions.may_see_hidden(viewer):
        query = query.where(Article.hidden.is_(False))
    return targets - set(db.session.scalars(query))


def mark_red_links(html: str, article: Article, viewer=None) -> str:
    """Turn links to missing articles into 'red' links that offer to create them."""
    missing = missing_link_slugs(article, viewer)
    if not missing:
        return html
    titles = dict(db.session.execute(select(ArticleLink.target_slug, ArticleLink.target_title)
                                     .where(ArticleLink.source_id == article.id)).all())
    for slug in missing:
        title = titles.get(slug, slug)
        create = site_path("wiki.new", title=title)
        html = html.replace(
            f'<a class="wikilink" href="{wiki_href(slug)}">',
            f'<a class="wikilink new" href="{escape(create)}" '
            f'title="{escape(title)} does not exist yet: create it">')
    return html


def backlinks(article: Article, viewer=None) -> list[Article]:
    slugs = select(ArticleSlug.slug).where(ArticleSlug.article_id == article.id)
    query = (select(Article).join(ArticleLink, ArticleLink.source_id == Article.id)
             .where(ArticleLink.target_slug.in_(slugs), Article.id != article.id)
             .order_by(Article.title).distinct())
    if not permissions.may_see_hidden(viewer):
        query = query.where(Article.hidden.is_(False))
    return list(db.session.scalars(query))


def byline(article: Article, others_shown: int = 3) -> dict:
    """Lead authors by share of the current text, then the other contributors: those with
    words in it. Members whose words are all gone (a revert, say) stay in the history and
    on the contributors page, not in the byline."""
    rows = article.authors
    leads = [row.user for row in rows if row.lead]
    others = [row.user for row in rows if not row.lead and row.share > 0]
    return {"leads": leads, "others": others[:others_shown],
            "more": max(0, len(others) - others_shown),
            "labels": _affiliations({row.user_id: (row.first_edit_at, row.last_edit_at)
                                     for row in rows if row.lead})}


def _affiliations(authors: dict) -> dict[int, str]:
    """Beside each lead author's name: the organisations they worked for while they wrote
    this article (asked of the organisations part; a former employer stays on old work)."""
    if not authors:
        return {}
    for _receiver, labels in signals.send(signals.byline_affiliations, authors=authors):
        return labels
    return {}


def article_query(*, sort: str = "title", tag: str | None = None, sector: str | None = None,
                  q: str | None = None, viewer=None, status: str | None = None):
    """Articles in the index's order. For readers, `hidden = false` and the order match an
    index (ix_articles_visible_title, ix_articles_visible_updated), so a page reads its 25
    rows in order; editors' pages use the indexes on the order alone."""
    query = select(Article).options(
        selectinload(Article.tags), selectinload(Article.sector_rows),
        selectinload(Article.lead_authors).joinedload(ArticleAuthor.user))
    if not permissions.may_see_hidden(viewer):
        query = query.where(Article.hidden.is_(False))
    if tag:
        query = query.where(_tagged(tag))
    if sector:
        query = query.where(Article.sector_rows.any(ArticleSector.sector == sector))
    if q:
        query = query.where(Article.title.ilike(f"%{_like_escape(q)}%", escape="\\"))
    if status == "due":  # due for a check (wiki.checking), the longest waiting first
        from wiki.checking import due_condition

        return query.where(due_condition()).order_by(Article.check_by, Article.id)
    if sort == "updated":
        return query.order_by(Article.updated_at.desc(), Article.id.desc())
    return query.order_by(Article.title_key, Article.id)


# Up to this many articles, a tag's page starts from the tag's own rows; above it, from the
# index in the page's order (the first page fills long before the tag's rows run out).
RARE_TAG = 2000


def _tagged(name: str):
    """The condition "carries this tag", in the form that suits how common the tag is (the
    count kept in Tag.article_count is the statistic SQLite does not have)."""
    row = db.session.execute(select(Tag.id, Tag.article_count).where(Tag.name == name)).first()
    if row is None:
        return false()
    if row.article_count <= RARE_TAG:
        return Article.id.in_(select(ArticleTag.article_id).where(ArticleTag.tag_id == row.id))
    return exists().where(ArticleTag.article_id == Article.id, ArticleTag.tag_id == row.id)


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


# A list of revisions shows who, when and how much, never the text: loading it would read
# kilobytes per row (and a template reaching for it fails a test instead of querying).
REVISION_LIST_OPTIONS = (defer(Revision.body, raiseload=True),
                         defer(Revision.html, raiseload=True),
                         defer(Revision.toc_html, raiseload=True),
                         defer(Revision.attribution, raiseload=True))


def recent_changes_query(viewer=None):
    """Every revision, newest first: read in the order of ix_revisions_created_at, each
    checked against its article (a join would let the database start from the articles
    and sort all their revisions)."""
    query = (select(Revision)
             .options(selectinload(Revision.author), selectinload(Revision.article),
                      *REVISION_LIST_OPTIONS)
             .order_by(Revision.created_at.desc(), Revision.id.desc()))
    if not permissions.may_see_hidden(viewer):
        query = query.where(exists().where(Article.id == Revision.article_id,
                                           Article.hidden.is_(False)))
    return query


def tag_query():
    """Tags by the number of visible articles carrying them (kept in Tag.article_count)."""
    return (select(Tag).where(Tag.article_count > 0)
            .order_by(Tag.article_count.desc(), Tag.name))


def tag_counts(limit: int | None = None) -> list[tuple[str, int]]:
    return [(tag.name, tag.article_count)
            for tag in db.session.scalars(tag_query().limit(limit))]


PROFILE_ARTICLES = 10


def articles_of(user: User, limit: int = PROFILE_ARTICLES) -> dict:
    """The articles a member leads and those they contribute to (for their profile): the
    `limit` with the largest share of each, and how many there are in all."""
    def rows(lead: bool) -> list[ArticleAuthor]:
        return list(db.session.scalars(
            select(ArticleAuthor).join(Article, Article.id == ArticleAuthor.article_id)
            .where(ArticleAuthor.user_id == user.id, ArticleAuthor.lead.is_(lead),
                   Article.hidden.is_(False))
            .options(contains_eager(ArticleAuthor.article))
            .order_by(ArticleAuthor.share.desc(), ArticleAuthor.article_id.desc())
            .limit(limit)))

    led, contributed = db.session.execute(
        select(func.count().filter(ArticleAuthor.lead.is_(True)),
               func.count().filter(ArticleAuthor.lead.is_(False)))
        .join(Article, Article.id == ArticleAuthor.article_id)
        .where(ArticleAuthor.user_id == user.id, Article.hidden.is_(False))).one()
    return {"led_articles": rows(True), "contributed_articles": rows(False),
            "led_total": led, "contributed_total": contributed}
