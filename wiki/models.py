"""Articles and their immutable revisions, tags, sectors, links and authorship."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from core.extensions import db
from core.models import User
from core.timeutil import utcnow


def title_key(title: str) -> str:
    """What the article index sorts by: the title regardless of case."""
    return title.lower()


CHECK_EVERY = timedelta(days=365)  # an article's check is due a year after it was made or checked


def _check_by_default(context) -> date:
    # Twelve months after creation (wiki.checking renews it when the article is checked).
    made = context.get_current_parameters().get("created_at") or utcnow()
    return (made + CHECK_EVERY).date()


def _title_key_default(context) -> str:
    # Rows inserted without the ORM (bulk loads) get the key of the title they carry.
    return title_key(context.get_current_parameters()["title"])


class Article(db.Model):
    __tablename__ = "articles"
    __table_args__ = (
        # The article index as readers see it (visible articles only), in each order it
        # offers: the equality on `hidden` first, then the order, so no page sorts rows.
        Index("ix_articles_visible_title", "hidden", "title_key"),
        Index("ix_articles_visible_updated", "hidden", "updated_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(120), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    # Kept equal to title_key(title) on every assignment of `title` (see below).
    title_key: Mapped[str] = mapped_column(String(200), default=_title_key_default,
                                           server_default="", index=True)
    # The revision shown now; revisions are never changed once written.
    current_revision_id: Mapped[int | None] = mapped_column(
        ForeignKey("revisions.id", use_alter=True, ondelete="SET NULL"))
    revision_count: Mapped[int] = mapped_column(default=0)
    protected: Mapped[bool] = mapped_column(default=False)
    hidden: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    # Bumped whenever anything its page shows changes (text, authors, tags, protection,
    # whether its links' targets exist), so a rendered page can be reused until then.
    view_version: Mapped[int] = mapped_column(default=1)
    # When the practice should next be checked against how things are done now (a year
    # after creation, a review or a check; lead authors and editors may move it).
    check_by: Mapped[date | None] = mapped_column(default=_check_by_default, index=True)

    current_revision: Mapped[Revision | None] = relationship(
        foreign_keys=[current_revision_id], post_update=True)
    created_by: Mapped[User] = relationship(foreign_keys=[created_by_id])
    tags: Mapped[list[Tag]] = relationship(secondary="article_tags", order_by="Tag.name",
                                           back_populates="articles")
    sector_rows: Mapped[list[ArticleSector]] = relationship(
        cascade="all, delete-orphan", order_by="ArticleSector.sector")
    authors: Mapped[list[ArticleAuthor]] = relationship(
        cascade="all, delete-orphan",
        order_by="(ArticleAuthor.share.desc(), ArticleAuthor.user_id)")
    # The lead authors alone, for lists of articles (read-only; `authors` is written).
    lead_authors: Mapped[list[ArticleAuthor]] = relationship(
        primaryjoin="and_(ArticleAuthor.article_id == Article.id, ArticleAuthor.lead)",
        order_by="(ArticleAuthor.share.desc(), ArticleAuthor.user_id)", viewonly=True)

    @property
    def sectors(self) -> list[str]:
        return [row.sector for row in self.sector_rows]

    @validates("title")
    def _keep_title_key(self, _key: str, title: str) -> str:
        self.title_key = title_key(title)
        return title

    def __repr__(self) -> str:
        return f"<Article {self.slug}>"


class Revision(db.Model):
    """One saved state of an article. Immutable once written."""

    __tablename__ = "revisions"
    __table_args__ = (
        # The database, not luck, decides which of two racing saves is first.
        UniqueConstraint("article_id", "number", name="uq_revisions_article_number"),
        Index("ix_revisions_created_at", "created_at"),
        Index("ix_revisions_author_id", "author_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    number: Mapped[int]
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    title: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(String(300), default="")
    # create, edit, merge (an edit merged with a concurrent one), revert, rename
    kind: Mapped[str] = mapped_column(String(16), default="edit")
    reverted_to: Mapped[int | None]
    body: Mapped[str] = mapped_column(Text)
    html: Mapped[str] = mapped_column(Text)
    toc_html: Mapped[str] = mapped_column(Text, default="")
    size: Mapped[int] = mapped_column(default=0)
    size_delta: Mapped[int] = mapped_column(default=0)
    words: Mapped[int] = mapped_column(default=0)
    # Run-length attribution: [[revision number, token count], ...] over the body's words.
    attribution: Mapped[list] = mapped_column(JSON, default=list)
    # An editor removed this revision's text from history (a phone number, abuse). The row
    # is kept, for admins; everyone else sees "removed by an editor" (who may see or do
    # what: core.permissions, "Suppressed revisions").
    suppressed_at: Mapped[datetime | None]
    suppressed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    article: Mapped[Article] = relationship(foreign_keys=[article_id])
    author: Mapped[User] = relationship(foreign_keys=[author_id])

    def __repr__(self) -> str:
        return f"<Revision {self.article_id}#{self.number}>"


class ArticleSlug(db.Model):
    """Every slug an article has had, so that old links keep working."""

    __tablename__ = "article_slugs"

    slug: Mapped[str] = mapped_column(String(120), primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"),
                                            index=True)


class Tag(db.Model):
    __tablename__ = "tags"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50), unique=True)
    # Visible articles carrying the tag, changed in SQL (wiki.services.count_tags) whenever an
    # article's tags or visibility change, so that the tag lists never count rows.
    article_count: Mapped[int] = mapped_column(default=0, server_default="0", index=True)

    articles: Mapped[list[Article]] = relationship(secondary="article_tags",
                                                   back_populates="tags")


class ArticleTag(db.Model):
    __tablename__ = "article_tags"

    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"),
                                            primary_key=True)
    tag_id: Mapped[int] = mapped_column(ForeignKey("tags.id", ondelete="CASCADE"),
                                        primary_key=True, index=True)


class ArticleSector(db.Model):
    __tablename__ = "article_sectors"

    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"),
                                            primary_key=True)
    sector: Mapped[str] = mapped_column(String(16), primary_key=True, index=True)


class ArticleRead(db.Model):
    """How many times an article's page was read on one day (wiki.reads): one row per
    article and day, counted up in place, kept READS_KEPT days."""

    __tablename__ = "article_reads"

    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"),
                                            primary_key=True)
    day: Mapped[date] = mapped_column(primary_key=True, index=True)
    reads: Mapped[int] = mapped_column(default=0)


class ArticleLink(db.Model):
    """A [[wikilink]] from an article's current text, by the slug of its target title."""

    __tablename__ = "article_links"

    source_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"),
                                           primary_key=True)
    target_slug: Mapped[str] = mapped_column(String(120), primary_key=True, index=True)
    target_title: Mapped[str] = mapped_column(String(200))


class ArticleAuthor(db.Model):
    """A member's part in an article: share of the current text and their edits."""

    __tablename__ = "article_authors"
    # A member's profile: the articles they lead (or contribute to), largest share first.
    __table_args__ = (Index("ix_article_authors_user", "user_id", "lead", "share",
                            "article_id"),)

    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"),
                                            primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    share: Mapped[int] = mapped_column(default=0)  # words of the current text
    edits: Mapped[int] = mapped_column(default=0)
    lead: Mapped[bool] = mapped_column(default=False)
    first_edit_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_edit_at: Mapped[datetime] = mapped_column(default=utcnow)

    user: Mapped[User] = relationship()
    article: Mapped[Article] = relationship(back_populates="authors")


class ArticleCheck(db.Model):
    """A lead author or editor checked that the practice still holds (wiki.checking), at
    one revision, with an optional note. Never changed."""

    __tablename__ = "article_checks"
    __table_args__ = (Index("ix_article_checks_article", "article_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    revision_number: Mapped[int]
    checked_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    checked_at: Mapped[datetime] = mapped_column(default=utcnow)
    note: Mapped[str] = mapped_column(String(300), default="")
    next_check_by: Mapped[date]

    checked_by: Mapped[User] = relationship()


class CheckReminder(db.Model):
    """A reminder sent for one article's check-by date: the key that makes the reminder
    job send it once, however often it runs."""

    __tablename__ = "check_reminders"

    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"),
                                            primary_key=True)
    check_by: Mapped[date] = mapped_column(primary_key=True)
    sent_at: Mapped[datetime] = mapped_column(default=utcnow)
