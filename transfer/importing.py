"""Importing a MediaWiki dump: every main-namespace page becomes an article with its whole
history, each revision credited to a placeholder for its wiki contributor, so bylines and
contributors pages are computed through the history exactly as for edits made here.

One page at a time: a page's revisions are read to the end (their text spooled to a
temporary file, so a page of 50,000 revisions is never held in memory), sorted by time,
then written and committed. An XML error inside a page therefore leaves nothing of that
page behind. Each wiki revision id is recorded, so a re-run adds only new revisions; an
article edited here since the import gets them through the three-way merge, or the page
is reported as a conflict and left as it is.
"""

from __future__ import annotations

import tempfile
from collections import Counter, deque
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime

from flask import current_app
from sqlalchemy import select

from core.errors import ValidationFailed
from core.extensions import db
from core.markup import Rendered, article_slug, render
from core.text import _pattern as _refused_characters
from core.timeutil import utcnow
from transfer.dump import DumpReader, Site, revisions
from transfer.models import ImportedPage, ImportedRevision
from transfer.placeholders import Placeholders
from transfer.wikitext import redirect_target, wikitext_to_markdown
from wiki import attribution, merging, saving
from wiki.cleaning import TAGS_PER_ARTICLE, TITLE_MAX, parse_tags
from wiki.models import Article, ArticleSlug, Revision
from wiki.services import article_changed, touch

MAIN, TALK = 0, 1
HISTORY = saving.HISTORY_FOR_ATTRIBUTION
RENDER_AHEAD = 3  # revisions rendered ahead, beside the conversion of the next ones
EMPTY = "*(This revision of the page was empty.)*\n"
TOO_LONG_HTML = ("<p>This imported revision is longer than the site shows; its text is "
                 "kept in the history and in exports.</p>")


@dataclass
class Report:
    """What an import did (or, with dry_run, would do)."""

    wiki: str = ""
    pages_created: int = 0
    pages_updated: int = 0
    pages_unchanged: int = 0
    revisions_imported: int = 0
    revisions_already: int = 0
    revisions_merged: int = 0
    redirects: int = 0
    redirects_unresolved: list[str] = field(default_factory=list)
    talk_pages: int = 0
    skipped_namespaces: Counter = field(default_factory=Counter)
    placeholders_created: int = 0
    conflicts: list[str] = field(default_factory=list)
    renamed: list[tuple[str, str]] = field(default_factory=list)  # (wiki title, title here)
    out_of_order: list[str] = field(default_factory=list)
    dropped: Counter = field(default_factory=Counter)  # template name -> revisions
    too_long: list[str] = field(default_factory=list)
    dry_run: bool = False

    def lines(self) -> list[str]:
        verb = "Would import" if self.dry_run else "Imported"
        out = [f"{verb} from {self.wiki}: {self.pages_created} new articles, "
               f"{self.pages_updated} updated, {self.pages_unchanged} unchanged; "
               f"{self.revisions_imported} revisions ({self.revisions_merged} merged with "
               f"local edits), {self.revisions_already} already imported.",
               f"Redirects: {self.redirects} kept as old slugs"
               + (f", {len(self.redirects_unresolved)} to pages not imported"
                  if self.redirects_unresolved else "") + ".",
               f"Placeholder members created: {self.placeholders_created}."]
        if self.talk_pages:
            out.append(f"Talk pages: {self.talk_pages} (added to the articles' discussions).")
        if self.skipped_namespaces:
            out.append("Skipped (other namespaces): " + ", ".join(
                f"{name or 'main'} {count}" for name, count in
                sorted(self.skipped_namespaces.items())))
        for wiki_title, title in self.renamed:
            out.append(f"Title collision: “{wiki_title}” was imported as “{title}”.")
        for title in self.out_of_order:
            out.append(f"Revisions out of order (sorted by time): “{title}”.")
        for title in self.conflicts:
            out.append(f"Conflict: “{title}” was edited here and the wiki's newer revisions "
                       "do not merge; it was left as it is.")
        for title in self.too_long:
            out.append(f"Too long to show (text kept): a revision of “{title}”.")
        if self.dropped:
            out.append("Templates dropped (listed on each revision): " + ", ".join(
                f"{name} ×{count}" for name, count in self.dropped.most_common(20))
                + (" …" if len(self.dropped) > 20 else ""))
        return out


@dataclass
class _Spooled:
    wiki_id: int
    timestamp: datetime
    username: str | None
    user_id: int | None
    comment: str
    offset: int
    length: int
    order: int


class _Spool:
    """A page's revisions: their metadata in memory, their text in a temporary file."""

    def __init__(self):
        self.file = tempfile.TemporaryFile()  # noqa: SIM115 - closed by close()
        self.items: list[_Spooled] = []

    def add(self, revision, order: int) -> None:
        data = (revision.text or "").encode("utf-8", "surrogatepass")
        offset = self.file.seek(0, 2)
        self.file.write(data)
        user = revision.user
        stamp = revision.timestamp
        moment = (datetime.fromtimestamp(stamp.unix(), UTC).replace(tzinfo=None)
                  if stamp is not None else utcnow())
        self.items.append(_Spooled(
            wiki_id=int(revision.id), timestamp=moment,
            username=getattr(user, "text", None), user_id=getattr(user, "id", None),
            comment=" ".join((revision.comment or "").split()), offset=offset,
            length=len(data), order=order))

    def text(self, item: _Spooled) -> str:
        self.file.seek(item.offset)
        return self.file.read(item.length).decode("utf-8", "surrogatepass")

    def close(self) -> None:
        self.file.close()


def _clean(text: str) -> str:
    """What check_text would refuse (control characters) removed, line ends unified."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _refused_characters(True).sub("", text)


def _single_line(text: str, limit: int) -> str:
    return _refused_characters(False).sub("", " ".join((text or "").split()))[:limit]


class Importer:
    def __init__(self, reader: DumpReader, *, wiki_name: str | None = None,
                 dry_run: bool = False, commit: Callable[[], None] | None = None,
                 progress: Callable[[], None] | None = None):
        self.reader = reader
        self.site: Site = reader.site
        self.source = (wiki_name or self.site.key)[:120]
        self.wiki_name = wiki_name or self.site.name or self.site.key
        self.dry_run = dry_run
        self.commit = commit or (lambda: None)
        self.progress = progress or (lambda: None)
        self.report = Report(wiki=self.wiki_name, dry_run=dry_run)
        self.people = Placeholders(self.source, self.wiki_name)
        self.titles = dict(db.session.execute(
            select(ImportedPage.wiki_title, Article.title)
            .join(Article, Article.id == ImportedPage.article_id)
            .where(ImportedPage.source == self.source)).all())
        self.redirects: list[tuple[str, str]] = []
        self.talk: list[tuple[str, int]] = []
        namespaces = set(self.site.namespaces.values()) - {""}
        self.namespaces = namespaces | {"Talk", "User", "Template", "Help", "Special",
                                        "Wikipedia", "MediaWiki", "Portal", "Project"}

    # ------------------------------------------------------------ the run

    def run(self) -> Report:
        for page in self.reader.pages():
            namespace = page.namespace or 0
            if namespace == MAIN:
                self.page(page)
            elif namespace == TALK:
                self.talk_page(page)
            else:
                self.report.skipped_namespaces[self.site.namespaces.get(
                    namespace, str(namespace))] += 1
                for _revision in revisions(page):
                    pass
            self.progress()
        if not self.dry_run:
            self.resolve_redirects()
            self.commit()
        self.report.placeholders_created = self.people.created
        return self.report

    def link_title(self, wiki_title: str) -> str:
        title = wiki_title[:1].upper() + wiki_title[1:]
        return self.titles.get(title, self.titles.get(wiki_title, wiki_title))

    def convert(self, wikitext: str):
        converted = wikitext_to_markdown(
            wikitext, link_title=self.link_title, source_url=self.site.page_url,
            namespaces=self.namespaces)
        converted.markdown = _clean(converted.markdown)
        return converted

    # ------------------------------------------------------------ one page

    def page(self, page) -> None:
        spool = _Spool()
        try:
            self._page(page, spool)
        finally:
            spool.close()

    def _page(self, page, spool: _Spool) -> None:
        wiki_title = " ".join(str(page.title).split())[:TITLE_MAX]
        record = db.session.scalar(select(ImportedPage).where(
            ImportedPage.source == self.source, ImportedPage.page_id == int(page.id)))
        # The whole page is read before anything of it is written.
        for order, revision in enumerate(revisions(page)):
            spool.add(revision, order)
        items = spool.items
        if not items:
            return
        ordered = sorted(items, key=lambda item: (item.timestamp, item.wiki_id))
        if [item.order for item in ordered] != list(range(len(items))):
            self.report.out_of_order.append(wiki_title)
        already = self.already_imported([item.wiki_id for item in ordered])
        new = [item for item in ordered if item.wiki_id not in already]
        self.report.revisions_already += len(ordered) - len(new)
        last_text = spool.text(ordered[-1])
        target = page.redirect or redirect_target(last_text)
        if record is None and target:
            self.redirects.append((wiki_title, " ".join(str(target).split())))
            self.report.redirects += 1
            return
        if not new:
            self.report.pages_unchanged += 1
            return
        if self.dry_run:
            for item in new:
                self.count_dropped(self.convert(spool.text(item)).dropped)
            self.report.revisions_imported += len(new)
            if record is None:
                self.report.pages_created += 1
                self.titles.setdefault(wiki_title, wiki_title)
            else:
                self.report.pages_updated += 1
            return
        with db.session.no_autoflush:
            written = _PageWriter(self, record, wiki_title, int(page.id)).write(new, spool)
        if written:
            if record is None:
                self.report.pages_created += 1
            else:
                self.report.pages_updated += 1
        self.commit()

    def already_imported(self, wiki_ids: list[int]) -> set[int]:
        found: set[int] = set()
        for start in range(0, len(wiki_ids), 500):
            found.update(db.session.scalars(select(ImportedRevision.wiki_revision_id).where(
                ImportedRevision.source == self.source,
                ImportedRevision.wiki_revision_id.in_(wiki_ids[start:start + 500]))))
        return found

    def count_dropped(self, dropped: list[dict]) -> None:
        for name in {item["name"] for item in dropped}:
            self.report.dropped[name[:60]] += 1

    def talk_page(self, page) -> None:
        from transfer.talk import import_talk_page

        import_talk_page(self, page)

    # ------------------------------------------------------------ after the pages

    def resolve_redirects(self) -> None:
        for title, target in self.redirects:
            slug = article_slug(title)
            article = db.session.scalar(
                select(Article).join(ArticleSlug, ArticleSlug.article_id == Article.id)
                .where(ArticleSlug.slug == article_slug(self.link_title(target))))
            if article is None or not slug:
                self.report.redirects_unresolved.append(title)
                continue
            if db.session.get(ArticleSlug, slug) is None:
                db.session.add(ArticleSlug(slug=slug, article_id=article.id))
        db.session.flush()


class _PageWriter:
    """Writes one page's new revisions to its article (creating it when new)."""

    def __init__(self, importer: Importer, record: ImportedPage | None, wiki_title: str,
                 page_id: int):
        self.importer, self.record = importer, record
        self.wiki_title, self.page_id = wiki_title, page_id
        self.report = importer.report
        self.history: deque[tuple[str, list]] = deque(maxlen=HISTORY + 1)

    def write(self, items: list[_Spooled], spool: _Spool) -> bool:
        article = self.article_for(items[0])
        record = self.record
        local_edits = (record is not None and article.current_revision is not None
                       and article.current_revision.number != record.last_local_number)
        if article.current_revision is not None:
            self.history.extend(saving._history(article, article.current_revision.number + 1))
        converted = None
        wrote = 0
        with ThreadPoolExecutor(max_workers=RENDER_AHEAD,
                                thread_name_prefix="import-render") as renderers:
            for item, converted, body, rendering in self.converted(
                    items, spool, None if local_edits else renderers):
                if not self.step(article, item, converted, body, rendering, local_edits):
                    break
                wrote += 1
        record = self.record
        if record is not None and record.wiki_title != self.wiki_title:
            record.wiki_title = self.wiki_title
        if wrote:
            self.finish(article, converted)
        else:
            db.session.flush()
        self.report.revisions_imported += wrote
        return bool(wrote)

    def converted(self, items: list[_Spooled], spool: _Spool, renderers):
        """Each item with its conversion, and (given `renderers`) its rendering started
        RENDER_AHEAD revisions early in the render pool's workers, so that rendering runs
        beside the conversion and attribution of the revisions before it."""
        app = current_app._get_current_object()

        def rendering(body: str) -> Rendered | None:
            with app.app_context():
                try:
                    return render(body)
                except ValidationFailed:
                    return None

        window: deque = deque()
        for item in items:
            converted = self.importer.convert(spool.text(item))
            body = converted.markdown or EMPTY
            window.append((item, converted, body, renderers.submit(rendering, body)
                           if renderers is not None else None))
            if len(window) > RENDER_AHEAD:
                yield window.popleft()
        yield from window

    def step(self, article: Article, item: _Spooled, converted, body: str, rendering,
             local_edits: bool) -> bool:
        """Write one wiki revision (False: it conflicts with the edits made here)."""
        importer, record = self.importer, self.record
        base = record.wiki_markdown if record is not None else ""
        importer.count_dropped(converted.dropped)
        kind = "create" if article.current_revision is None else "edit"
        summary = _single_line(item.comment, 300) or (
            "Imported from " + importer.wiki_name if kind == "create" else "")
        if local_edits:
            result = merging.merge(base, article.current_revision.body, body)
            if result.conflicted or result.text is None:
                self.report.conflicts.append(article.title)
                return False
            base, body, kind = body, result.text, "merge"
            summary = _single_line(f"{summary} (merged with edits made here)".strip(), 300)
            self.report.revisions_merged += 1
        else:
            base = body
        # Every wiki revision is kept, a null edit (a move, a protection) too, so the
        # history here counts what the wiki's does.
        revision = self.append(article, body, summary, kind, item, rendering)
        db.session.add(ImportedRevision(source=importer.source, wiki_revision_id=item.wiki_id,
                                        revision_id=revision.id, dropped=converted.dropped))
        if record is None:
            record = self.record = ImportedPage(
                source=importer.source, page_id=self.page_id, wiki_title=self.wiki_title,
                article_id=article.id)
            db.session.add(record)
        record.last_wiki_revision_id = item.wiki_id
        record.wiki_markdown = base
        if not local_edits and article.current_revision is not None:
            record.last_local_number = article.current_revision.number
        return True

    def article_for(self, first: _Spooled) -> Article:
        if self.record is not None:
            return db.session.get(Article, self.record.article_id)
        title = self.free_title(self.wiki_title)
        if title != self.wiki_title:
            self.report.renamed.append((self.wiki_title, title))
        author = self.importer.people.for_contributor(first.username, first.user_id)
        article = Article(title=title, slug=article_slug(title), created_by_id=author.id,
                          created_at=first.timestamp, updated_at=first.timestamp)
        db.session.add(article)
        db.session.flush()
        saving._claim_slug(article, title)
        self.importer.titles[self.wiki_title] = title
        return article

    def free_title(self, title: str) -> str:
        """The title, or one made distinct when its slug is taken (a collision)."""
        candidate, number = title, 1
        while True:
            slug = article_slug(candidate)
            taken = not slug or db.session.scalar(
                select(ArticleSlug.slug).where(ArticleSlug.slug == slug)) is not None or \
                db.session.scalar(select(Article.id).where(Article.slug == slug)) is not None
            if not taken:
                return candidate
            number += 1
            suffix = f" ({self.importer.wiki_name} {number})" if number > 2 else \
                f" ({self.importer.wiki_name})"
            candidate = title[:TITLE_MAX - len(suffix)] + suffix
            if number > 50:
                raise ValidationFailed(f"No free title for “{title}”.")

    def append(self, article: Article, body: str, summary: str, kind: str,
               item: _Spooled, rendering=None) -> Revision:
        previous = article.current_revision
        number = (previous.number if previous else 0) + 1
        try:
            rendered = rendering.result() if rendering is not None else render(body)
        except ValidationFailed:
            rendered = None
        if rendered is None:
            rendered = Rendered(html=TOO_LONG_HTML)
            self.report.too_long.append(article.title)
        runs = attribution.attribute(
            body, number, (previous.body, previous.attribution) if previous else None,
            list(self.history)[1:] if previous else ())
        author = self.importer.people.for_contributor(item.username, item.user_id)
        revision = Revision(
            article=article, number=number, author_id=author.id, created_at=item.timestamp,
            title=article.title, summary=summary, kind=kind, body=body, html=rendered.html,
            toc_html=rendered.toc, size=len(body),
            size_delta=len(body) - (previous.size if previous else 0),
            words=len(attribution.tokenize(body)), attribution=[list(run) for run in runs])
        db.session.add(revision)
        article.current_revision = revision
        article.revision_count = number
        article.updated_at = max(article.updated_at or item.timestamp, item.timestamp) \
            if kind == "merge" else item.timestamp
        self.links = rendered.links
        self.history.appendleft((body, revision.attribution))
        db.session.flush()
        return revision

    def finish(self, article: Article, converted) -> None:
        saving._set_links(article, getattr(self, "links", []))
        tags = []
        for category in converted.categories if converted is not None else []:
            try:
                tags += parse_tags([category[:40]])
            except ValidationFailed:
                continue
        names = list(dict.fromkeys([tag.name for tag in article.tags] + tags))
        saving._set_tags(article, names[:TAGS_PER_ARTICLE])
        db.session.flush()
        saving.update_authors(article, article.current_revision.attribution)
        touch(article)
        db.session.flush()
        article_changed(article)


def import_dump(stream, **options) -> Report:
    """Import a dump from a binary stream (see Importer for the options)."""
    reader = DumpReader(stream)
    try:
        return Importer(reader, **options).run()
    finally:
        reader.close()


def import_note(revision_id: int) -> list[dict]:
    """What the conversion of an imported revision dropped (templates, parser functions)
    and their parameters: the note shown on the revision's page."""
    return db.session.scalar(select(ImportedRevision.dropped).where(
        ImportedRevision.revision_id == revision_id)) or []
