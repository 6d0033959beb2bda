"""Writing one page's new wiki revisions to its article (creating it when new): each
revision converted, rendered (started a few revisions ahead in the render pool's workers)
and attributed against the ones before it, as a native save is, with the wiki's author,
time and summary; merged with the edits made here when there are any."""

from __future__ import annotations

from collections import deque
from concurrent.futures import ThreadPoolExecutor

from flask import current_app
from sqlalchemy import select

from core.errors import ValidationFailed
from core.extensions import db
from core.markup import Rendered, article_slug, render
from files.uses import record_uses
from transfer.models import ImportedPage, ImportedRevision
from transfer.spool import _single_line, _Spool, _Spooled
from wiki import attribution, merging, saving
from wiki.cleaning import TAGS_PER_ARTICLE, TITLE_MAX, parse_tags
from wiki.models import Article, ArticleSlug, Revision
from wiki.services import article_changed, touch

HISTORY = saving.HISTORY_FOR_ATTRIBUTION
RENDER_AHEAD = 3  # revisions rendered ahead, beside the conversion of the next ones
EMPTY = "*(This revision of the page was empty.)*\n"
TOO_LONG_HTML = ("<p>This imported revision is longer than the site shows; its text is "
                 "kept in the history and in exports.</p>")


class PageWriter:
    """Writes one page's new revisions to its article (creating it when new)."""

    def __init__(self, importer, record: ImportedPage | None, wiki_title: str,
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
        if "/files/" in body:  # an imported file: its use keeps it fetchable with the text
            record_uses("revision", revision.id, body)
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
