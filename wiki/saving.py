"""Saving articles: creating, editing (merging a concurrent edit), reverting, renaming."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from core import permissions, signals
from core.errors import CommonplaceError, ValidationFailed
from core.extensions import db
from core.markup import Rendered, article_slug, render
from core.models import User
from core.numbers import parse_int
from core.signals import check_post
from core.throttle import check_member_rate
from core.timeutil import utcnow
from wiki import attribution, merging
from wiki.cleaning import (
    TITLE_MAX,
    clean_body,
    clean_sectors,
    clean_summary,
    clean_title,
    parse_tags,
)
from wiki.models import (
    Article,
    ArticleAuthor,
    ArticleLink,
    ArticleSector,
    ArticleSlug,
    Revision,
    Tag,
)
from wiki.reading import get_revision
from wiki.services import article_changed, count_tags, touch, touch_linking_to

HISTORY_FOR_ATTRIBUTION = 20


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
    article_changed(article)
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
        article_changed(article)
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


# ---------------------------------------------------------------- limits

# New articles, per member, like questions: stricter for accounts under a day old.
ARTICLE_LIMITS = {"new": "3 per 10 minutes", "member": "10 per 10 minutes"}


def check_creation_rate(author: User) -> None:
    """Count a member's new article, refusing it (RateLimited) past ARTICLE_LIMITS. The
    new-article page asks this after create_article, in the same transaction, so that
    only articles actually made are counted; imports, promotions and the demo do not."""
    check_member_rate(author, "article", ARTICLE_LIMITS, "creating articles")
