"""Search at scale: rebuild, index size, query latency, edit-to-searchable, memory.

    .venv/bin/python bench/bench_search_scale.py [--sizes 10000,100000] [--queries 100]
        [--workdir DIR] [--procs N] [--fresh]

For each size, a site of that many generated articles (bench/search_common.Corpus:
LISA's vocabulary with its Zipf shape, 200-4,000 words, median about 700, tags and
sectors) is written to a SQLite database under --workdir (kept between runs; --fresh
makes it again). Then, each phase in a process of its own so that its peak memory is
its own:

  rebuild   `search.indexer.rebuild` (the real sources, schema and writer; --procs
            processes, by default what rebuild chooses): seconds, documents a
            second, index size on disk, peak RSS of the process and of its workers.
  fts5      the same articles in SQLite FTS5 (porter stemmer, diacritics folded).
  queries   one-, two- and three-word queries (mid-frequency words of the corpus)
            through `search.query.search`, as the /search page calls it: a request
            context per query (so a searcher per request), the first page with its
            highlighted snippets, exact total and facet counts. A query of up to
            three words needs all of them (any of them when no document has all).
            Each query then runs in FTS5 three ways; ours and FTS5's take turns
            query by query, so that whatever else the machine does falls on both
            alike. p50 and p95 of wall-clock time, with CPU time alongside (less
            disturbed by other load):
              all top 10: FTS5's default syntax (every word must match), top 10
                          by bm25 (title 3x) with snippet(): the yardstick, the
                          same query with bm25 and snippet;
              any top 10: the words OR-ed (any word matches), top 10 by bm25 with
                          snippet(), nothing else (secondary);
              same work:  all words as ours (any word when none has all), top 10
                          by bm25 with snippet(), the number of matches, and
                          type/tag/sector counts over all matches, as our page
                          shows.
  edits     an app with SEARCH_DRAIN=thread (as in production): an article is
            edited through `wiki.saving.save_edit` and committed, so that the
            outbox row and the after-commit drainer do the indexing; a new word in
            it is then looked for through `search.query.search` every 10 ms. Seconds
            from the start of the save, and from the commit, to the first request
            that finds it.

Prints figures (and keeps them in SITE/figures.json); asserts nothing. The
100,000-document run takes about a quarter of an hour on two idle cores (writing the
site, the first time, and rebuilding take most of it); --sizes 10000 alone takes two
minutes.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from search_common import DATA, ROOT, Corpus, load_articles, make_app, require_collection

LENGTHS = (1, 2, 3)
QUERY_SEED = 7
WARMUP = 10
SITE_VERSION = 3  # bump when Corpus, load_articles or the article tables change what a site holds


# ---------------------------------------------------------------- helpers

def peak_mb(who=resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # kilobytes on Linux


def cpu_seconds() -> float:
    """CPU time of this process and of its finished children (the index workers)."""
    return sum(usage.ru_utime + usage.ru_stime for usage in
               (resource.getrusage(resource.RUSAGE_SELF),
                resource.getrusage(resource.RUSAGE_CHILDREN)))


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def summary(seconds: list[float]) -> dict:
    return {"p50": percentile(seconds, 0.5) * 1000, "p95": percentile(seconds, 0.95) * 1000,
            "mean": statistics.fmean(seconds) * 1000, "n": len(seconds)}


def queries(count: int) -> dict[int, list[str]]:
    corpus = Corpus(seed=QUERY_SEED)
    return {length: corpus.queries(length, count + WARMUP) for length in LENGTHS}


def directory_bytes(path: Path) -> int:
    return sum(item.stat().st_size for item in path.rglob("*") if item.is_file())


# ---------------------------------------------------------------- phases (child processes)

def phase_site(site: Path, size: int) -> dict:
    if site.exists():
        shutil.rmtree(site)
    started = time.perf_counter()
    app = make_app(site)
    corpus = Corpus(seed=1)

    def progress(done: int) -> None:
        if done % 10_000 == 0:
            print(f"    {done} articles written", file=sys.stderr, flush=True)

    load_articles(app, corpus.articles(size), progress=progress)
    (site / "site.json").write_text(json.dumps({"size": size, "version": SITE_VERSION}))
    return {"seconds": time.perf_counter() - started,
            "database_bytes": (site / "site.db").stat().st_size}


def phase_rebuild(site: Path, procs: int | None) -> dict:
    from search import indexer

    app = make_app(site)
    load = os.getloadavg()[0]
    with app.app_context():
        started, cpu = time.perf_counter(), cpu_seconds()
        count = indexer.rebuild(procs=procs)
        seconds, cpu = time.perf_counter() - started, cpu_seconds() - cpu
        used = procs or indexer.rebuild_procs(count)
    index = Path(app.config["SEARCH_INDEX_DIR"])
    return {"seconds": seconds, "cpu_seconds": cpu, "documents": count, "procs": used,
            "index_bytes": directory_bytes(index),
            "segments": len(list(index.glob("*.seg"))),
            "peak_mb": peak_mb(), "workers_peak_mb": peak_mb(resource.RUSAGE_CHILDREN),
            "load": [load, os.getloadavg()[0]]}


FTS_SCHEMA = """
CREATE VIRTUAL TABLE docs USING fts5(title, body,
    tokenize = 'porter unicode61 remove_diacritics 2');
INSERT INTO docs(docs, rank) VALUES ('rank', 'bm25(3.0, 1.0)');
CREATE TABLE facets (docid INTEGER NOT NULL, facet TEXT NOT NULL, value TEXT NOT NULL);
"""
FTS_VARIANTS = ("all top 10", "any top 10", "same work")
YARDSTICK = "all top 10"
FTS_TOP = """SELECT rowid, title, snippet(docs, 1, '<mark>', '</mark>', ' … ', 24)
             FROM docs WHERE docs MATCH ? ORDER BY rank LIMIT 10"""
FTS_COUNT = "SELECT count(*) FROM docs WHERE docs MATCH ?"
FTS_FACETS = """SELECT facet, value, count(*) FROM facets
                WHERE docid IN (SELECT rowid FROM docs WHERE docs MATCH ?)
                GROUP BY facet, value"""


def phase_fts(site: Path, count: int) -> dict:
    from sqlalchemy import select

    from core.extensions import db
    from wiki.models import Article, ArticleSector, ArticleTag, Revision, Tag

    path = site / "fts5.db"
    path.unlink(missing_ok=True)
    fts = sqlite3.connect(path)
    fts.executescript(FTS_SCHEMA)
    app = make_app(site)
    started = time.perf_counter()
    with app.app_context():
        rows = db.session.execute(select(Article.id, Article.title, Revision.body)
                                  .join(Revision, Revision.id == Article.current_revision_id)
                                  .execution_options(yield_per=2000))
        for partition in rows.partitions():
            fts.executemany("INSERT INTO docs(rowid, title, body) VALUES (?, ?, ?)",
                            [tuple(row) for row in partition])
        facets = [(article_id, "type", "article") for (article_id,) in
                  db.session.execute(select(Article.id))]
        facets += [(article_id, "tags", name) for article_id, name in db.session.execute(
            select(ArticleTag.article_id, Tag.name).join(Tag, Tag.id == ArticleTag.tag_id))]
        facets += [(article_id, "sectors", sector) for article_id, sector in
                   db.session.execute(select(ArticleSector.article_id, ArticleSector.sector))]
    fts.executemany("INSERT INTO facets VALUES (?, ?, ?)", facets)
    fts.execute("CREATE INDEX facets_doc ON facets(docid)")
    fts.execute("INSERT INTO docs(docs) VALUES ('optimize')")
    fts.commit()
    build = time.perf_counter() - started

    fts.close()
    return {"build_seconds": build, "bytes": path.stat().st_size, "peak_mb": peak_mb()}


def fts_runs(fts: sqlite3.Connection) -> dict:
    def every(words: list[str]) -> str:
        return " ".join(f'"{word}"' for word in words)

    def either(words: list[str]) -> str:
        return " OR ".join(f'"{word}"' for word in words)

    def same_work(words: list[str]) -> None:
        match = every(words)
        if not fts.execute(FTS_COUNT, (match,)).fetchone()[0]:
            match = either(words)
            fts.execute(FTS_COUNT, (match,)).fetchone()
        fts.execute(FTS_TOP, (match,)).fetchall()
        fts.execute(FTS_FACETS, (match,)).fetchall()

    def any_top(words: list[str]) -> None:
        fts.execute(FTS_TOP, (either(words),)).fetchall()

    def all_top(words: list[str]) -> None:
        fts.execute(FTS_TOP, (every(words),)).fetchall()

    return {"all top 10": all_top, "any top 10": any_top, "same work": same_work}


def phase_queries(site: Path, count: int) -> dict:
    """Ours and FTS5's variants take turns, query by query, so that whatever else the
    machine is doing falls on both alike."""
    from search import query

    app = make_app(site)
    fts = sqlite3.connect(site / "fts5.db")
    runs = fts_runs(fts)
    wall: dict[str, dict] = {name: {} for name in ("ours", *FTS_VARIANTS)}
    cpu: dict[str, dict] = {name: {} for name in ("ours", *FTS_VARIANTS)}
    totals, fell_back, sample = {}, {}, None
    load = os.getloadavg()[0]
    for length, texts in queries(count).items():
        seconds = {name: [] for name in wall}
        processor = {name: [] for name in wall}
        found, relaxed = [], 0
        for number, text in enumerate(texts):
            started, used = time.perf_counter(), time.process_time()
            with app.test_request_context("/search", query_string={"q": text}):
                results = query.search(text)
            timed = [("ours", time.perf_counter() - started, time.process_time() - used)]
            for name, run in runs.items():
                started, used = time.perf_counter(), time.process_time()
                run(text.split())
                timed.append((name, time.perf_counter() - started, time.process_time() - used))
            if number < WARMUP:
                continue
            for name, elapsed, spent in timed:
                seconds[name].append(elapsed)
                processor[name].append(spent)
            found.append(results.total)
            relaxed += results.any_word
            if sample is None and any("<mark" in str(hit.snippet) for hit in results.hits):
                hit = next(hit for hit in results.hits if "<mark" in str(hit.snippet))
                sample = {"query": text, "total": results.total,
                          "snippet": str(hit.snippet)[:200],
                          "tags": results.facets["tags"][:3]}
        for name in wall:
            wall[name][length] = summary(seconds[name])
            cpu[name][length] = summary(processor[name])
        totals[length] = statistics.median(found)
        fell_back[length] = relaxed
    fts.close()
    return {"latency": wall, "cpu": cpu, "median_total": totals, "fell_back": fell_back,
            "sample": sample,
            "peak_mb": peak_mb(), "load": [load, os.getloadavg()[0]]}


def phase_edits(site: Path, edits: int) -> dict:
    from sqlalchemy import select

    from core.extensions import db
    from core.models import User
    from search import query
    from wiki import saving
    from wiki.models import Article

    app = make_app(site, SEARCH_DRAIN="thread")
    with app.app_context():
        ids = list(db.session.scalars(select(Article.id).order_by(Article.id)))
    chosen = [ids[(number * 7919) % len(ids)] for number in range(edits)]
    from_save, from_commit = [], []
    for number, article_id in enumerate(chosen):
        word = f"zebrafinch{number}q{os.getpid()}"
        # Saved inside a request, as the edit form does: after the commit the drainer
        # thread is woken (outside a request the drainer drains at once instead).
        with app.test_request_context(f"/wiki/{article_id}/edit", method="POST"):
            author = db.session.get(User, 1)
            article = db.session.get(Article, article_id)
            revision = article.current_revision
            started = time.perf_counter()
            saving.save_edit(article, author, title=article.title,
                             body=f"{revision.body}\n\nA note on {word}.",
                             base_revision=revision.number)
            committing = time.perf_counter()
            db.session.commit()
            threaded = app.extensions["search.drainer"].started
        while True:
            with app.test_request_context("/search", query_string={"q": word}):
                if query.search(word).total:
                    break
            if time.perf_counter() - started > 60:
                raise RuntimeError(f"{word} not searchable after 60 s")
            time.sleep(0.01)
        found = time.perf_counter()
        if not threaded:
            raise RuntimeError("the save did not go through the drainer thread")
        from_save.append(found - started)
        from_commit.append(found - committing)
        time.sleep(0.5)  # let the drainer go back to waiting, as between real edits
    return {"from_save": from_save, "from_commit": from_commit, "peak_mb": peak_mb()}


PHASES = {"site", "rebuild", "queries", "fts", "edits"}


def run_phase(name: str, site: Path, args) -> dict:
    command = [sys.executable, __file__, "--phase", name, "--site", str(site),
               "--queries", str(args.queries), "--edits", str(args.edits)]
    if args.procs:
        command += ["--procs", str(args.procs)]
    if name == "site":
        command += ["--sizes", str(args.size_now)]
    done = subprocess.run(command, stdout=subprocess.PIPE, text=True, cwd=ROOT, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


# ---------------------------------------------------------------- report

def report(size: int, figures: dict) -> None:
    site, rebuild, queries_, fts, edits = (figures[name] for name in
                                           ("site", "rebuild", "queries", "fts", "edits"))
    print(f"\n=== {size:,} documents ===")
    if site:
        print(f"site written in {site['seconds']:.0f} s "
              f"(database {site['database_bytes'] / 1e6:.0f} MB)")
    if rebuild:
        print(f"rebuild: {rebuild['seconds']:.1f} s for {rebuild['documents']:,} documents "
              f"({rebuild['documents'] / rebuild['seconds']:.0f}/s, {rebuild['procs']} "
              f"process(es); load average {rebuild['load'][0]:.1f} before, "
              f"{rebuild['load'][1]:.1f} after)")
        print(f"  CPU {rebuild['cpu_seconds']:.0f} s in all, "
              f"{rebuild['cpu_seconds'] / rebuild['documents'] * 1000:.1f} ms a document: "
              f"{rebuild['cpu_seconds'] / (os.cpu_count() or 1):.0f} s of wall clock on "
              f"{os.cpu_count()} idle cores")
        print(f"  index {rebuild['index_bytes'] / 1e6:.0f} MB in {rebuild['segments']} "
              f"segment(s); peak RSS {rebuild['peak_mb']:.0f} MB, workers "
              f"{rebuild['workers_peak_mb']:.0f} MB each at most")
    if fts:
        print(f"FTS5: built in {fts['build_seconds']:.1f} s, {fts['bytes'] / 1e6:.0f} MB")
    if queries_:
        print(f"queries ({queries_['latency']['ours']['1']['n']} per length; load average "
              f"{queries_['load'][0]:.1f} before, {queries_['load'][1]:.1f} after):")
        print("  ms, wall clock (CPU)           p50             p95      ours p95 / this p95")
        for length in LENGTHS:
            mine = queries_["latency"]["ours"][str(length)]
            for name in ("ours", *FTS_VARIANTS):
                wall = queries_["latency"][name][str(length)]
                cpu = queries_["cpu"][name][str(length)]
                label = f"{length} word{'s' if length > 1 else ''}" if name == "ours" else ""
                ratio = "" if name == "ours" else f"{mine['p95'] / wall['p95']:6.2f}x"
                extra = ""
                if name == "ours":
                    extra = (f"   (median total {queries_['median_total'][str(length)]:,.0f}; "
                             f"{queries_.get('fell_back', {}).get(str(length), 0)} fell back "
                             "to any word)")
                print(f"  {label:<8} {name:<11} {wall['p50']:7.1f} ({cpu['p50']:5.1f})"
                      f" {wall['p95']:7.1f} ({cpu['p95']:5.1f})  {ratio}{extra}")
        print("  ours p95 / FTS5's p95, wall clock (CPU):")
        for length in LENGTHS:
            ratios = {}
            for name in (YARDSTICK, "any top 10"):
                ratios[name] = " ".join(
                    f"{queries_[kind]['ours'][str(length)]['p95'] / queries_[kind][name][str(length)]['p95']:.2f}x"  # noqa: E501
                    if kind == "latency" else
                    f"({queries_[kind]['ours'][str(length)]['p95'] / queries_[kind][name][str(length)]['p95']:.2f}x)"  # noqa: E501
                    for kind in ("latency", "cpu"))
            print(f"    {length} word{'s' if length > 1 else ' '}: against FTS5 all-words (its "
                  f"default syntax, bm25 + snippet) {ratios[YARDSTICK]}"
                  + ("   <- target <= 3x" if length == 2 else "")
                  + f"; against FTS5 any-word {ratios['any top 10']}")
        print(f"  peak RSS {queries_['peak_mb']:.0f} MB (with SQLite's)")
        if queries_.get("sample"):
            print(f"  sample: {queries_['sample']}")
    if edits:
        saves, commits = edits["from_save"], edits["from_commit"]
        print(f"edit to searchable: from save median {statistics.median(saves):.2f} s, "
              f"max {max(saves):.2f} s; from commit median {statistics.median(commits):.2f} s,"
              f" max {max(commits):.2f} s ({len(saves)} edits; peak RSS "
              f"{edits['peak_mb']:.0f} MB)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--queries", type=int, default=100, help="per query length")
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--procs", type=int, default=None)
    parser.add_argument("--workdir", type=Path,
                        default=Path(tempfile.gettempdir()) / "commonplace-search-scale")
    parser.add_argument("--fresh", action="store_true", help="write the sites again")
    parser.add_argument("--phases", default="rebuild,fts,queries,edits",
                        help="which to run (queries needs the index and fts5.db)")
    parser.add_argument("--phase", choices=sorted(PHASES), help=argparse.SUPPRESS)
    parser.add_argument("--site", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    require_collection(DATA / "lisa")  # the sites' text: say so here, not in a child's traceback

    if args.phase:
        result = {"site": lambda: phase_site(args.site, int(args.sizes)),
                  "rebuild": lambda: phase_rebuild(args.site, args.procs),
                  "queries": lambda: phase_queries(args.site, args.queries),
                  "fts": lambda: phase_fts(args.site, args.queries),
                  "edits": lambda: phase_edits(args.site, args.edits)}[args.phase]()
        print(json.dumps(result))
        return

    for size in (int(value) for value in args.sizes.split(",")):
        site = args.workdir / f"site-{size}"
        args.size_now = size
        figures: dict[str, dict | None] = {"site": None}
        marker = site / "site.json"
        current = json.loads(marker.read_text()) if marker.exists() else {}
        if args.fresh or current != {"size": size, "version": SITE_VERSION}:
            print(f"writing a site of {size:,} articles in {site} ...", flush=True)
            figures["site"] = run_phase("site", site, args)
        for name in ("rebuild", "fts", "queries", "edits"):
            if name not in args.phases.split(","):
                figures[name] = None
                continue
            print(f"{size:,}: {name} ...", flush=True)
            figures[name] = run_phase(name, site, args)
        (site / "figures.json").write_text(json.dumps(figures, indent=1))
        report(size, figures)


if __name__ == "__main__":
    main()
