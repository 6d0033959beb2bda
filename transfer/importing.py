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

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import select

from core.extensions import db
from core.markup import article_slug
from transfer.dump import DumpReader, Site, revisions
from transfer.models import ImportedPage, ImportedRevision
from transfer.placeholders import Placeholders
from transfer.spool import _clean, _Spool
from transfer.wikitext import redirect_target, wikitext_to_markdown
from transfer.writing import PageWriter
from wiki.cleaning import TITLE_MAX
from wiki.models import Article, ArticleSlug

MAIN, TALK = 0, 1


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
    files_imported: int = 0
    files_already: int = 0
    files_refused: list[tuple[str, str]] = field(default_factory=list)  # (file, why)
    untexted: set[str] = field(default_factory=set)  # images linked with no text
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
        if self.files_imported or self.files_already or self.files_refused:
            out.append(f"Files: {self.files_imported} in the folder (a dry run does not "
                       "check or upload them)." if self.dry_run else
                       f"Files: {self.files_imported} imported, {self.files_already} "
                       f"already imported, {len(self.files_refused)} refused.")
        for name, why in self.files_refused:
            out.append(f"File refused: “{name}”: {why}")
        if self.untexted:
            names = sorted(self.untexted)
            out.append("Images linked without a caption or alt text (described by their "
                       "file name; write a better description): "
                       + ", ".join(names[:20]) + (" …" if len(names) > 20 else ""))
        for title in self.too_long:
            out.append(f"Too long to show (text kept): a revision of “{title}”.")
        if self.dropped:
            out.append("Templates dropped (listed on each revision): " + ", ".join(
                f"{name} ×{count}" for name, count in self.dropped.most_common(20))
                + (" …" if len(self.dropped) > 20 else ""))
        return out


class Importer:
    def __init__(self, reader: DumpReader, *, wiki_name: str | None = None,
                 dry_run: bool = False, commit: Callable[[], None] | None = None,
                 progress: Callable[[], None] | None = None,
                 files_dir: str | None = None, uploader=None):
        self.reader = reader
        self.files_dir, self.uploader = files_dir, uploader
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
        from transfer.wiki_files import WikiFiles

        self.files = WikiFiles(self)
        self.files.known()
        if self.files_dir:
            self.files.load(self.files_dir)
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
            namespaces=self.namespaces, file_link=self.files.link)
        converted.markdown = _clean(converted.markdown)
        self.report.untexted.update(converted.untexted)
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
            written = PageWriter(self, record, wiki_title, int(page.id)).write(new, spool)
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
