"""The Whoosh engine: a file index in `instance/`, fed by the outbox after commit.

The query path is split by subject: parsing (search.parsing), ranking
(search.ranking), counting with bit sets (search.bitsets), snippets
(search.snippets) and spelling (search.spelling). Writing and the outbox are
search.indexer's; the index's schema and analysis, search.schema's.
"""

from __future__ import annotations

from flask import Flask, current_app, g
from markupsafe import Markup, escape
from whoosh import query
from whoosh.searching import Searcher

from search import indexer, schema
from search.bitsets import FACETS  # noqa: F401 - the facets the engine counts
from search.engine import NAMED_SECTORS, PER_PAGE, SIMILAR_TERMS, Hit, Results, SearchEngine
from search.parsing import _filters, _plain
from search.ranking import rank
from search.snippets import EXCERPT_CHARS, _snippet, _wanted_terms
from search.spelling import did_you_mean


def searcher() -> Searcher:
    """One searcher per request, closed at teardown."""
    if "search_searcher" not in g:
        ix = schema.open_or_create(current_app.config["SEARCH_INDEX_DIR"])
        g.search_searcher = ix.searcher(weighting=schema.weighting())
    elif not g.search_searcher.up_to_date():
        # Not Searcher.refresh(): it reuses segment readers by segment id, and a
        # segment keeps its id when documents in it are deleted (every update).
        g.search_searcher.close()
        ix = schema.open_or_create(current_app.config["SEARCH_INDEX_DIR"])
        g.search_searcher = ix.searcher(weighting=schema.weighting())
    return g.search_searcher


def close_searcher(_error=None) -> None:
    current = g.pop("search_searcher", None)
    if current is not None:
        current.close()


class WhooshEngine(SearchEngine):
    name = "whoosh"

    def __init__(self, app: Flask):
        super().__init__(app)
        from search import whoosh_speedups

        if app.config.get("SEARCH_WHOOSH_SPEEDUPS", True):
            whoosh_speedups.install()
        else:
            whoosh_speedups.uninstall()
        self.drainer = indexer.Drainer(app, mode=app.config.get("SEARCH_DRAIN", "thread"))
        app.extensions["search.drainer"] = self.drainer

        @app.before_request
        def start_drainer() -> None:
            # Each process (each gunicorn worker, after the fork) starts its drainer on
            # its first request, which also picks up rows left by a process that died.
            if self.drainer.mode == "thread" and not self.drainer.started:
                self.drainer.notify()

    # -- keeping the index equal to the database (search.indexer)

    def record_change(self, kind: str, object_id: int) -> None:
        indexer.record_change(kind, object_id)

    def after_commit(self) -> None:
        self.drainer.notify()

    def index(self, kind: str, ids: list[int]) -> int:
        writer = indexer.open_index().writer(timeout=1.0)
        try:
            count = indexer._write(writer, kind, ids)
            writer.commit()
        except BaseException:
            writer.cancel()
            raise
        return count

    def delete(self, kind: str, ids: list[int]) -> None:
        from search import sources

        writer = indexer.open_index().writer(timeout=1.0)
        try:
            for object_id in ids:
                writer.delete_by_term("key", sources.key(kind, object_id))
            writer.commit()
        except BaseException:
            writer.cancel()
            raise

    def rebuild(self, progress=None, procs: int | None = None) -> int:
        return indexer.rebuild(progress=progress, procs=procs)

    def stamps(self) -> dict[str, str | None]:
        with indexer.open_index().searcher() as searching:
            return {fields["key"]: fields.get("stamp")
                    for fields in searching.all_stored_fields()}

    def pending(self) -> int:
        return indexer.pending()

    def drain(self, timeout: float = 1.0) -> int:
        return indexer.drain(timeout=timeout)

    def behind(self) -> bool:
        return indexer.behind()

    def close(self, _error=None) -> None:
        close_searcher()

    # -- reading

    def search(self, text: str, *, type_: str | None = None, tag: str | None = None,
               sector: str | None = None, solved: str | None = None,
               within: frozenset[str] | None = None,
               sort: str = "relevance", page: int = 1, per_page: int = PER_PAGE,
               not_sectors: frozenset[str] | None = None) -> Results:
        text = (text or "").strip()[:500]
        results = Results(query=text, page=max(1, page))
        searching = searcher()
        filters = _filters(type_, tag, sector, solved, within, not_sectors)
        ranked = rank(searching, text, filters=filters, newest=sort == "newest" or not text,
                      limit=results.page * per_page)
        results.total = ranked.matched.total
        results.any_word = ranked.any_word
        results.pages = (results.total + per_page - 1) // per_page
        marked = _wanted_terms(ranked.parsed, searching, "body")
        for hit in ranked.results[(results.page - 1) * per_page:results.page * per_page]:
            results.hits.append(_hit(hit, marked))
        results.facets = ranked.matched.facets()
        if text and (results.total < 5 or results.any_word):
            results.suggestion = did_you_mean(searching, text)
        return results

    def ranked_keys(self, text: str, limit: int = 1000, **options) -> list[str]:
        return [hit["key"] for hit in rank(searcher(), text, limit=limit, **options).results]

    def suggest(self, prefix: str, limit: int = 8) -> list[dict]:
        from search.sources import title_words

        words = title_words(prefix).split(",") if prefix.strip() else []
        words = [word for word in words if word]
        if not words:
            return []
        *complete, last = words
        clauses = [query.Term("title_prefix", word) for word in complete]
        clauses.append(query.Prefix("title_prefix", last))
        found = searcher().search(query.And(clauses), limit=limit)
        return [{"title": hit["title"], "url": hit["url"], "type": hit["type"]}
                for hit in found]

    def similar(self, text: str, limit: int = 5) -> list[dict]:
        text = (text or "").strip()
        if not text:
            return []
        searching = searcher()
        parsed = _plain(text, searching.schema).query
        found = searching.search(parsed, limit=limit, filter=query.Term("type", "question"))
        return [{"title": hit["title"], "url": hit["url"], "type": "question",
                 "solved": bool(hit.get("solved"))} for hit in found]

    def similar_documents(self, key: str, sectors, limit: int = 20) -> list[dict] | None:
        searching = searcher()
        docnum = searching.document_number(key=key)
        if docnum is None:
            return None  # not indexed yet (the outbox has not been drained): ask again later
        stored = searching.stored_fields(docnum)
        others = [name for name in NAMED_SECTORS if name not in sectors]
        if not others:
            return []
        # Whoosh's more_like, over the title (twice: it names the practice) and the text,
        # restricted by a filter (articles and solutions of the other sectors) and a mask
        # (the document itself and anything of its own sectors).
        text = " ".join([stored.get("title") or ""] * 2 + [(stored.get("body") or "")[:20000]])
        terms = searching.key_terms_from_text("body", text, numterms=SIMILAR_TERMS)
        if not terms:
            return []
        wanted = query.Or([query.Term("body", word, boost=weight) for word, weight in terms]
                          + [query.Term("title", word, boost=weight) for word, weight in terms])
        allowed = query.And([
            query.Or([query.Term("type", "article"),
                      query.And([query.Term("type", "question"), query.Term("solved", True)])]),
            query.Or([query.Term("sectors", name) for name in others])])
        masked = query.Or([query.Term("key", key)]
                          + [query.Term("sectors", name) for name in sectors])
        found = searching.search(wanted, limit=limit, filter=allowed, mask=masked)
        return [{"key": hit["key"], "type": "solution" if hit["type"] == "question"
                 else hit["type"], "title": hit["title"], "url": hit["url"],
                 "sectors": [name for name in (hit.get("sectors") or "").split(",") if name]}
                for hit in found]

    def correct(self, text: str) -> str | None:
        return did_you_mean(searcher(), text)


def _hit(hit, marked: frozenset[str]) -> Hit:
    body = hit.get("body") or ""
    snippet = _snippet(hit, body[:EXCERPT_CHARS], marked) if body else ""
    if not snippet:
        snippet = str(escape(body[:240])) + ("…" if len(body) > 240 else "")
    solved = bool(hit.get("solved"))
    kind = hit["type"]
    return Hit(key=hit["key"], type="solution" if kind == "question" and solved else kind,
               title=hit["title"], url=hit["url"], snippet=Markup(snippet),  # noqa: S704 - Whoosh's HtmlFormatter escapes the text
               author=hit.get("author_name") or "", updated=hit.get("updated"), solved=solved,
               tags=[tag for tag in (hit.get("tags") or "").split(",") if tag])
