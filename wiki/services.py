"""What the wiki does: save, merge, revert, attribute, link, protect and hide articles.

Services take plain values and model objects, flush, and raise our own errors; the
edge commits (see core.transactions.run_in_transaction, which redoes a save that lost a race).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape

from flask import current_app
from sqlalchemy import exists, false, func, select, update
from sqlalchemy.orm import contains_eager, defer, joinedload, selectinload

from core import audit, permissions, signals
from core.errors import CommonplaceError, NotFound, ValidationFailed
from core.extensions import db
from core.markup import Rendered, article_slug, render, wiki_href
from core.models import SECTORS, User
from core.numbers import parse_int
from core.signals import check_post
from core.spoofing import check_no_bidi_controls
from core.text import check_text
from core.throttle import check_member_rate
from core.timeutil import utcnow
from core.urls import site_path
from wiki import attribution, merging
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

TITLE_MAX = 200
SUMMARY_MAX = 300
TAG_MAX = 40
TAGS_PER_ARTICLE = 12
HISTORY_FOR_ATTRIBUTION = 20
TAG_RE = re.compile(r"^[\w][\w +&'.-]*$", re.UNICODE)


@dataclass(frozen=True)
class CurrentText:
    """The revision an edit conflicted with, as plain values that outlive the rollback."""

    number: int
    body: str
    author_name: str


class EditConflict(CommonplaceError):
    """Someone changed the same part of the article meanwhile; nothing was saved.

    Carries plain values (`base`, `current`, `yours`), never rows: the transaction that
    raised it is rolled back, and the edit page is shown again from these alone.
    """

    def __init__(self, current: Revision, yours: str, base: int):
        super().__init__("Someone else changed the same part of this article while you were "
                         "editing it, so your edit was not saved yet.")
        self.current = CurrentText(current.number, current.body, current.author.name)
        self.yours = yours
        self.base = base


@dataclass
class SaveResult:
    article: Article
    revision: Revision | None  # None when the save changed nothing
    merged_with: int | None = None  # the revision a concurrent edit was merged with


# ---------------------------------------------------------------- lookups

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


# ---------------------------------------------------------------- input rules

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


# ---------------------------------------------------------------- page versions

def touch(article: Article) -> None:
    """Mark the article's page as changed (see Article.view_version)."""
    article.view_version = (article.view_version or 0) + 1


def touch_linking_to(slugs: set[str]) -> None:
    """Pages linking to these slugs show them as existing or missing: mark them changed."""
    if not slugs:
        return
    sources = select(ArticleLink.source_id).where(ArticleLink.target_slug.in_(slugs))
    db.session.execute(update(Article).where(Article.id.in_(sources))
                       .values(view_version=Article.view_version + 1)
                       .execution_options(synchronize_session=False))


def touch_articles_of(user: User) -> None:
    """A member's name shows in the bylines of the articles they wrote."""
    written = select(ArticleAuthor.article_id).where(ArticleAuthor.user_id == user.id)
    db.session.execute(update(Article).where(Article.id.in_(written))
                       .values(view_version=Article.view_version + 1)
                       .execution_options(synchronize_session=False))


def slugs_of(article: Article) -> set[str]:
    return set(db.session.scalars(select(ArticleSlug.slug).where(
        ArticleSlug.article_id == article.id)))


def _changed(article: Article) -> None:
    signals.send(signals.content_changed, kind="article", object_id=article.id)


# ---------------------------------------------------------------- saving

def title_taken(owner: Article, author) -> ValidationFailed:
    """The refusal of a title another article has. A hidden article's existence is shown
    only to those who may see it: to others the title is merely unavailable."""
    if permissions.may_see(author, owner):
        note = " (it is hidden)" if owner.hidden else ""
        return ValidationFailed(f"Another article already has this title{note}: “{owner.title}”"
                                f" at /wiki/{owner.slug}. Choose another title or edit that "
                                "article.", "title")
    return ValidationFailed("This title is not available; choose another title.", "title")


def _claim_slug(article: Article, title: str, author=None) -> None:
    """Give the article the slug of its title; an old slug of another article is taken over."""
    slug = article_slug(title)
    owner = db.session.scalar(select(Article).where(Article.slug == slug))
    if owner is not None and owner is not article:
        raise title_taken(owner, author)
    article.slug = slug
    db.session.flush()
    row = db.session.get(ArticleSlug, slug)
    if row is None:
        db.session.add(ArticleSlug(slug=slug, article_id=article.id))
    else:
        row.article_id = article.id
    touch_linking_to({slug})


def _set_tags(article: Article, names: list[str]) -> None:
    existing = {tag.name: tag for tag in db.session.scalars(
        select(Tag).where(Tag.name.in_(names)))} if names else {}
    before = {tag.id for tag in article.tags}
    tags = []
    for name in names:
        tag = existing.get(name)
        if tag is None:
            tag = Tag(name=name)
            db.session.add(tag)
        tags.append(tag)
    article.tags = tags
    if not article.hidden:
        db.session.flush()  # new tags get their ids
        after = {tag.id for tag in tags}
        count_tags(after - before, 1)
        count_tags(before - after, -1)


def count_tags(tag_ids: set[int], change: int) -> None:
    """Tag.article_count counts visible articles: changed in SQL, so racing saves add up."""
    if tag_ids:
        db.session.execute(update(Tag).where(Tag.id.in_(tag_ids))
                           .values(article_count=Tag.article_count + change)
                           .execution_options(synchronize_session=False))


def _set_sectors(article: Article, sectors: list[str]) -> None:
    if sorted(article.sectors) == sorted(sectors):
        return
    keep = [row for row in article.sector_rows if row.sector in sectors]
    have = {row.sector for row in keep}
    article.sector_rows = keep + [ArticleSector(sector=sector) for sector in sectors
                                  if sector not in have]


def _set_links(article: Article, targets: list[str]) -> None:
    wanted: dict[str, str] = {}
    for title in targets:
        slug = article_slug(title)
        if slug and slug not in wanted:
            wanted[slug] = title[:TITLE_MAX]
    rows = {link.target_slug: link for link in db.session.scalars(
        select(ArticleLink).where(ArticleLink.source_id == article.id))}
    for slug, link in rows.items():
        if slug not in wanted:
            db.session.delete(link)
    for slug, title in wanted.items():
        if slug not in rows:
            db.session.add(ArticleLink(source_id=article.id, target_slug=slug,
                                       target_title=title))


def _history(article: Article, before: int) -> list[tuple[str, list]]:
    rows = db.session.execute(
        select(Revision.body, Revision.attribution)
        .where(Revision.article_id == article.id, Revision.number < before)
        .order_by(Revision.number.desc()).limit(HISTORY_FOR_ATTRIBUTION)).all()
    return [(body, runs) for body, runs in rows]


def update_authors(article: Article, runs: list) -> None:
    """Recount each member's share of the current text and their edits."""
    author_of = dict(db.session.execute(
        select(Revision.number, Revision.author_id).where(Revision.article_id == article.id)
    ).all())
    stats = db.session.execute(
        select(Revision.author_id, func.count(), func.min(Revision.created_at),
               func.max(Revision.created_at))
        .where(Revision.article_id == article.id).group_by(Revision.author_id)).all()
    shares = attribution.shares(runs, author_of)
    for author_id, *_ in stats:
        shares.setdefault(author_id, 0)
    leads, _others = attribution.bylines(shares)
    rows = {row.user_id: row for row in article.authors}
    for author_id, edits, first, last in stats:
        row = rows.get(author_id)
        if row is None:
            row = ArticleAuthor(user_id=author_id)
            article.authors.append(row)
        row.share, row.edits, row.lead = shares[author_id], edits, author_id in leads
        row.first_edit_at, row.last_edit_at = first, last


@dataclass
class Prepared:
    """A revision's costly parts (its rendering and attribution), worked out before the
    save writes anything, so no database lock is held while they are computed."""

    rendered: Rendered
    runs: list


def _prepare(article: Article | None, body: str, runs: list | None = None) -> Prepared:
    """Render (under the time budget: core.render_pool) and attribute `body` as the next
    revision of `article` (None for a new one). Reads only; call it before any write."""
    rendered = render(body)
    previous = article.current_revision if article is not None else None
    if runs is None:
        runs = attribution.attribute(
            body, (previous.number if previous else 0) + 1,
            (previous.body, previous.attribution) if previous else None,
            _history(article, previous.number) if previous else ())
    return Prepared(rendered, runs)


def _write_revision(article: Article, author: User, *, title: str, body: str, summary: str,
                    kind: str, prepared: Prepared, reverted_to: int | None = None
                    ) -> Revision:
    previous = article.current_revision
    number = (previous.number if previous else 0) + 1
    rendered, runs = prepared.rendered, prepared.runs
    now = utcnow()
    revision = Revision(
        article=article, number=number, author_id=author.id, created_at=now, title=title,
        summary=summary, kind=kind, reverted_to=reverted_to, body=body, html=rendered.html,
        toc_html=rendered.toc, size=len(body), size_delta=len(body) - (previous.size if previous
                                                                       else 0),
        words=len(attribution.tokenize(body)), attribution=[list(run) for run in runs])
    db.session.add(revision)
    if title != article.title:
        article.title = title
        _claim_slug(article, title, author)
    article.current_revision = revision
    article.revision_count = number
    article.updated_at = now
    db.session.flush()  # a lost race fails here, on the unique (article, number)
    _set_links(article, rendered.links)
    update_authors(article, revision.attribution)
    touch(article)
    db.session.flush()
    _changed(article)
    signals.send(signals.article_saved, article=article, revision=revision, author=author)
    return revision


def create_article(author: User, *, title: str, body: str, summary: str = "",
                   tags: str | list[str] = "", sectors: list[str] | None = None) -> SaveResult:
    permissions.require_edit_article(author, None)
    title, body = clean_title(title), clean_body(body)
    summary, tag_names, sectors = clean_summary(summary), parse_tags(tags), clean_sectors(sectors)
    check_post(author, body)
    slug = article_slug(title)
    owner = db.session.scalar(select(Article).where(Article.slug == slug))
    if owner is not None:
        raise title_taken(owner, author)
    prepared = _prepare(None, body)  # before the first write
    article = Article(title=title, slug=slug, created_by_id=author.id)
    db.session.add(article)
    db.session.flush()
    _claim_slug(article, title, author)
    _set_tags(article, tag_names)
    _set_sectors(article, sectors)
    revision = _write_revision(article, author, title=title, body=body,
                               summary=summary or "Created the article", kind="create",
                               prepared=prepared)
    return SaveResult(article, revision)


def save_edit(article: Article, author: User, *, title: str, body: str, summary: str = "",
              tags: str | list[str] = "", sectors: list[str] | None = None,
              base_revision: int | str | None = None) -> SaveResult:
    """Save an edit made on top of `base_revision`, merging with any edit saved meanwhile."""
    permissions.require_edit_article(author, article)
    title, body = clean_title(title), clean_body(body)
    summary, tag_names, sectors = clean_summary(summary), parse_tags(tags), clean_sectors(sectors)
    current = article.current_revision
    base_number = _base_number(base_revision, current.number)
    merged_with = None
    if base_number != current.number:
        base = get_revision(article, base_number)
        result = merging.merge(base.body, current.body, body)
        if result.conflicted or result.text is None:
            raise EditConflict(current, body, base_number)
        body, merged_with = result.text, current.number
        if title == base.title:  # they did not touch the title: keep the other edit's
            title = current.title
    check_post(author, body, current.body)
    changed = body != current.body or title != current.title
    prepared = _prepare(article, body) if changed else None  # before the first write
    if title != article.title:
        _claim_slug(article, title, author)
    _set_tags(article, tag_names)
    _set_sectors(article, sectors)
    if not changed:
        touch(article)  # tags or sectors may have changed
        db.session.flush()
        _changed(article)
        return SaveResult(article, None)  # nothing changed: no revision
    kind = "merge" if merged_with else ("rename" if body == current.body else "edit")
    if merged_with and not summary:
        summary = f"Merged with revision {merged_with}"
    revision = _write_revision(article, author, title=title, body=body, summary=summary,
                               kind=kind, prepared=prepared)
    return SaveResult(article, revision, merged_with)


def _base_number(base_revision, latest: int) -> int:
    number = parse_int(base_revision) if base_revision not in (None, "") else latest
    if number is None:
        raise ValidationFailed("This edit form is damaged (its base revision is not a number); "
                               "your text is below: copy it, reload and try again.",
                               "body")
    if number < 1 or number > latest:
        raise ValidationFailed(
            f"This edit claims to be based on revision {number}, which this article does not "
            "have. Your text is below: copy it, reload the page and try again.", "body")
    return number


def revert(article: Article, author: User, number: int, summary: str = "") -> SaveResult:
    """Restore revision `number` as a new revision, with its original authors."""
    permissions.require_edit_article(author, article)
    old = get_revision(article, number)
    if not permissions.may_revert_to(author, article, old):
        raise ValidationFailed(f"An editor removed the text of revision {number} from the "
                               "history, so it cannot be restored.")
    current = article.current_revision
    if old.number == current.number or (old.body == current.body and old.title == current.title):
        raise ValidationFailed("That revision is the same as the current text; nothing to "
                               "restore.")
    summary = clean_summary(summary) or f"Restored revision {number}"
    prepared = _prepare(article, old.body, runs=old.attribution)
    revision = _write_revision(article, author, title=old.title, body=old.body, summary=summary,
                               kind="revert", prepared=prepared, reverted_to=number)
    return SaveResult(article, revision)


def rename(article: Article, editor: User, title: str) -> SaveResult:
    permissions.require(permissions.may_rename_article(editor),
                        "Only editors may rename articles.")
    current = article.current_revision
    return save_edit(article, editor, title=title, body=current.body,
                     summary=f"Renamed from “{article.title}”",
                     tags=[tag.name for tag in article.tags], sectors=article.sectors,
                     base_revision=current.number)


def _audit(actor, action: str, article: Article) -> None:
    audit.record(actor, action, "article", article.id, label=article.title,
                 url=f"/wiki/{article.slug}")


def set_protected(article: Article, editor: User, protected: bool) -> Article:
    permissions.require(permissions.may_protect_article(editor),
                        "Only editors may protect articles.")
    if bool(article.protected) != bool(protected):
        _audit(editor, "article.protected" if protected else "article.unprotected", article)
    article.protected = protected
    touch(article)
    db.session.flush()
    return article


def set_hidden(article: Article, user: User, hidden: bool, *, audited: bool = True) -> Article:
    """Hide or show an article. `audited=False`: the caller writes the log's entry."""
    if hidden:
        permissions.require(permissions.may_hide(user, article), "Only editors may hide articles.")
    else:
        permissions.require(permissions.may_restore_article(user),
                            "Only admins may restore hidden articles.")
    if audited and bool(article.hidden) != bool(hidden):
        _audit(user, "article.hidden" if hidden else "article.shown", article)
    if article.hidden != hidden:
        count_tags({tag.id for tag in article.tags}, -1 if hidden else 1)
    article.hidden = hidden
    touch(article)
    touch_linking_to(slugs_of(article))
    db.session.flush()
    _changed(article)
    return article


# ---------------------------------------------------------------- reading

def page_key(slug: str):
    """What decides an article page's content, in one light query (None if no such slug)."""
    return db.session.execute(
        select(Article.id, Article.title, Article.view_version, Article.hidden)
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
            "more": max(0, len(others) - others_shown)}


def article_query(*, sort: str = "title", tag: str | None = None, sector: str | None = None,
                  q: str | None = None, viewer=None):
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


# ---------------------------------------------------------------- limits

# New articles, per member, like questions: stricter for accounts under a day old.
ARTICLE_LIMITS = {"new": "3 per 10 minutes", "member": "10 per 10 minutes"}


def check_creation_rate(author: User) -> None:
    """Count a member's new article, refusing it (RateLimited) past ARTICLE_LIMITS. The
    new-article page asks this after create_article, in the same transaction, so that
    only articles actually made are counted; imports, promotions and the demo do not."""
    check_member_rate(author, "article", ARTICLE_LIMITS, "creating articles")
