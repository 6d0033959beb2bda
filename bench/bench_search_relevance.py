"""Search relevance: nDCG@10 and MAP on test collections, both engines against bm25s.

    .venv/bin/python bench/bench_search_relevance.py [--collection PATH ...] [--depth 1000]
        [--engines whoosh,postgres] [--database-url postgresql+psycopg://...]

The collections are test data kept outside the repository, in ../shared/data/ir/
(beside the clone); without them the benchmark says so and stops.

Without --collection it runs LISA, CISI and Cranfield from ../shared/data/ir/. A
collection is a directory holding a documents file (LISA's layout or SMART's
.I/.T/.W), *.queries.tsv and *.qrels.trec; see bench/search_common.py.

Ours: the documents become article rows in a fresh SQLite database; the real
`search.indexer.rebuild` indexes them through `search.sources` and the project's
schema and analysis; the queries run through `search.query.ranked_keys`, which is
the ranking path of `search.query.search` (same parser, same weighting).

The PostgreSQL engine runs the same way in a schema of its own in --database-url
(default: $TEST_DATABASE_URL, or the local test database), skipped with a note when
PostgreSQL does not answer.

Baselines, in the same run, over the same titles and bodies:
  bm25s            a well-configured modern BM25 (bm25s, Lucene's BM25, k1 1.5, b 0.75)
                   over title and body, Snowball English stemming (PyStemmer) and
                   English stop words: the yardstick; each engine's ratio to it is
                   printed per collection;
  whoosh defaults  a plain Schema of TEXT fields (StandardAnalyzer), MultifieldParser
                   over title and body with its default AND grouping, BM25F defaults;
  whoosh OR        the same, but with OR grouping, so that a long query still finds
                   documents that lack some of its words (a fairer yardstick).
Every system gets the query text exactly as the collection gives it (the site caps
what a visitor types at 500 characters; long descriptive queries are not cut here).

With --short 1,2,3,4,5 it also asks short keyword queries made from the judged
ones (each query's N words of highest tf-idf, as typed) two ways, through the same
ranking path: every query any-word, and every query all-words with the any-word
fallback. This is the evidence for `search.query.ALL_WORDS_UP_TO`, the length up to
which the site needs every word; the collections' own queries are all longer.

Both engines rank by BM25F (search/bm25f.py; the PostgreSQL engine in SQL): each
query word scored once across its fields (title 3x, tags and accepted answer 1.5x,
body 1x, each field normalised by its own average length), counted as often as the
query says it, with bm25s's own k1 1.5 and b 0.75. Nothing is tuned on one collection:
a change is kept only when all three agree. The last table gives each engine's ratio
to bm25s per collection, and the lowest of them. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import math
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

from search_common import (
    DATA,
    Article,
    Collection,
    evaluate,
    load_articles,
    make_app,
    read_collection,
)


def ours(collection: Collection, workdir: Path, depth: int,
         short: tuple[int, ...] = (), **config) -> tuple[dict, float, dict]:
    from search import engine, ranking, whoosh_engine

    app = make_app(workdir, **config)
    order = list(collection.documents)
    ids = load_articles(app, (Article(*collection.documents[doc]) for doc in order))
    doc_of = {f"article:{article_id}": doc for article_id, doc in zip(ids, order, strict=True)}
    with app.app_context():
        started = time.perf_counter()
        engine.current().rebuild()
        seconds = time.perf_counter() - started

    def ranked(text: str, **options) -> list[str]:
        keys = engine.current().ranked_keys(text, limit=depth, **options)
        return [doc_of[key] for key in keys if key in doc_of]

    rankings, shorter = {}, {}
    with app.test_request_context("/search"):
        for qid in collection.judged:
            rankings[qid] = ranked(collection.queries[qid])
        for length in short:
            texts = {qid: keywords(collection.queries[qid], length) for qid in collection.judged}
            for name, up_to in (("any word", 0), ("all words", length)):
                shorter[length, name] = {qid: ranked(text, all_words_up_to=up_to)
                                         for qid, text in texts.items()}
            shorter[length, "fell back"] = sum(
                1 for text in texts.values()
                if ranking.rank(whoosh_engine.searcher(), text,
                                all_words_up_to=length).any_word)
    return rankings, seconds, shorter


def keywords(text: str, count: int) -> str:
    """The `count` words of the query with the highest tf-idf (tf in the query, idf in
    the index), each as first typed, in the query's order: a short query on its topic."""
    from search import whoosh_engine

    searching = whoosh_engine.searcher()
    analyzer = searching.schema["body"].analyzer
    total = searching.doc_count() or 1
    typed: dict[str, str] = {}
    frequency: dict[str, int] = {}
    for word in re.findall(r"\w+(?:[-']\w+)*", text):
        for token in analyzer(word.lower()):
            typed.setdefault(token.text, word.lower())
            frequency[token.text] = frequency.get(token.text, 0) + 1
    weights = {}
    for stem, tf in frequency.items():
        df = searching.doc_frequency("body", stem) + searching.doc_frequency("title", stem)
        if df:
            weights[stem] = tf * math.log(1 + total / df)
    chosen = set(sorted(weights, key=lambda stem: -weights[stem])[:count])
    return " ".join(typed[stem] for stem in typed if stem in chosen)


def bm25s_baseline(collection: Collection, depth: int) -> dict[str, list[str]]:
    """bm25s over title and body: Snowball English stems, English stop words."""
    import bm25s
    import Stemmer

    stemmer = Stemmer.Stemmer("english")
    order = list(collection.documents)
    corpus = [f"{title} {body}" for title, body in collection.documents.values()]
    retriever = bm25s.BM25()
    retriever.index(bm25s.tokenize(corpus, stopwords="en", stemmer=stemmer,
                                   show_progress=False), show_progress=False)
    rankings = {}
    for qid in collection.judged:
        tokens = bm25s.tokenize([collection.queries[qid]], stopwords="en", stemmer=stemmer,
                                show_progress=False)
        if not tokens.vocab:
            rankings[qid] = []
            continue
        found, scores = retriever.retrieve(tokens, k=min(depth, len(order)),
                                           show_progress=False)
        rankings[qid] = [order[index] for index, score in zip(found[0], scores[0],
                                                               strict=True) if score > 0]
    return rankings


def postgres_config(database_url: str):
    """A schema of its own in the PostgreSQL database, or None when it does not answer."""
    import uuid

    from sqlalchemy import create_engine, text
    from sqlalchemy.exc import OperationalError

    schema = f"bench_relevance_{uuid.uuid4().hex[:8]}"
    admin = create_engine(database_url)
    try:
        with admin.begin() as connection:
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    except OperationalError as error:
        print(f"  PostgreSQL does not answer at {database_url}: the postgres engine is "
              f"skipped ({error.orig.__class__.__name__})", flush=True)
        return None, lambda: None

    def drop():
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()

    return {"SQLALCHEMY_DATABASE_URI": database_url, "SEARCH_ENGINE": "postgres",
            "SQLALCHEMY_ENGINE_OPTIONS": {
                "connect_args": {"options": f"-csearch_path={schema}"}}}, drop


def stock_whoosh(collection: Collection, workdir: Path, depth: int) -> dict[str, dict]:
    from whoosh import index, qparser
    from whoosh.fields import ID, TEXT, Schema

    ix = index.create_in(str(workdir), Schema(key=ID(stored=True), title=TEXT(), body=TEXT()))
    with ix.writer(limitmb=256) as writer:
        for doc, (title, body) in collection.documents.items():
            writer.add_document(key=doc, title=title, body=body)
    rankings: dict[str, dict] = {"whoosh defaults": {}, "whoosh OR": {}}
    parsers = {"whoosh defaults": qparser.MultifieldParser(["title", "body"], ix.schema),
               "whoosh OR": qparser.MultifieldParser(["title", "body"], ix.schema,
                                                     group=qparser.OrGroup)}
    with ix.searcher() as searcher:
        for name, parser in parsers.items():
            for qid in collection.judged:
                found = searcher.search(parser.parse(collection.queries[qid]), limit=depth)
                rankings[name][qid] = [hit["key"] for hit in found]
    return rankings


def main() -> None:
    import os

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--collection", action="append", type=Path,
                        help="a collection directory (repeatable); default: LISA, CISI, "
                             "Cranfield from ../shared/data/ir/")
    parser.add_argument("--depth", type=int, default=1000, help="ranks scored for MAP")
    parser.add_argument("--engines", default="whoosh,postgres",
                        help="search engines to measure (default: whoosh,postgres)")
    parser.add_argument("--database-url", default=os.environ.get(
        "TEST_DATABASE_URL") or "postgresql+psycopg://postgres@127.0.0.1:5432/test",
        help="PostgreSQL for the postgres engine (a schema of its own, dropped after)")
    parser.add_argument("--stock", action="store_true",
                        help="also stock Whoosh (defaults, and OR grouping)")
    parser.add_argument("--short", default="",
                        help="also short keyword queries of these lengths, e.g. 1,2,3,4,5 "
                             "(Whoosh engine)")
    args = parser.parse_args()
    short = tuple(int(value) for value in args.short.split(",") if value)
    engines = [name.strip() for name in args.engines.split(",") if name.strip()]
    directories = args.collection or [DATA / name for name in ("lisa", "cisi", "cranfield")]
    missing = [str(directory) for directory in directories if not Path(directory).is_dir()]
    if missing:
        sys.exit(f"No test collection at {', '.join(missing)}.\nThis benchmark reads the "
                 f"IR test collections kept beside the repository, in {DATA} (LISA, CISI, "
                 "Cranfield), or a directory given with --collection.")

    rows, short_rows = [], []
    for directory in directories:
        collection = read_collection(directory)
        print(f"{collection.name}: {len(collection.documents)} documents, "
              f"{len(collection.judged)} judged queries", flush=True)
        workdir = Path(tempfile.mkdtemp(prefix="bench-relevance-"))
        try:
            rows.append((collection.name, "bm25s",
                         *evaluate(collection, bm25s_baseline(collection, args.depth))))
            print(f"  {'bm25s':<16} nDCG@10 {rows[-1][2]:.4f}  MAP {rows[-1][3]:.4f}",
                  flush=True)
            if args.stock:
                (workdir / "stock").mkdir()
                for name, rankings in stock_whoosh(collection, workdir / "stock",
                                                   args.depth).items():
                    rows.append((collection.name, name, *evaluate(collection, rankings)))
                    print(f"  {name:<16} nDCG@10 {rows[-1][2]:.4f}  MAP {rows[-1][3]:.4f}",
                          flush=True)
            for engine in engines:
                config, drop = ({}, lambda: None) if engine == "whoosh" \
                    else postgres_config(args.database_url)
                if config is None:
                    continue
                try:
                    rankings, seconds, shorter = ours(
                        collection, workdir / engine, args.depth,
                        short if engine == "whoosh" else (), **config)
                finally:
                    drop()
                rows.append((collection.name, engine, *evaluate(collection, rankings)))
                print(f"  {engine:<16} nDCG@10 {rows[-1][2]:.4f}  MAP {rows[-1][3]:.4f}"
                      f"  (rebuild {seconds:.1f} s)", flush=True)
                for length in short if engine == "whoosh" else ():
                    any_ = evaluate(collection, shorter[length, "any word"])
                    all_ = evaluate(collection, shorter[length, "all words"])
                    short_rows.append((collection.name, length, *any_, *all_,
                                       shorter[length, "fell back"], len(collection.judged)))
        finally:
            shutil.rmtree(workdir, ignore_errors=True)

    baseline = {name: (ndcg, ap) for name, system, ndcg, ap in rows if system == "bm25s"}
    print("\ncollection  system            nDCG@10     MAP   vs bm25s: nDCG@10    MAP")
    for name, system, ndcg, ap in rows:
        base_ndcg, base_ap = baseline[name]
        print(f"{name:<11} {system:<16} {ndcg:8.4f} {ap:8.4f}"
              f"            {ndcg / base_ndcg:6.3f}x {ap / base_ap:6.3f}x")
    for engine in engines:
        ratios = [(name, ndcg / baseline[name][0], ap / baseline[name][1])
                  for name, system, ndcg, ap in rows if system == engine]
        if ratios:
            lowest = min(min(ndcg, ap) for _, ndcg, ap in ratios)
            print(f"{engine}: " + ", ".join(f"{name} {ndcg:.3f}x / {ap:.3f}x"
                                            for name, ndcg, ap in ratios)
                  + f"; lowest {lowest:.3f}x (nDCG@10 / MAP against bm25s)")
    if short_rows:
        print("\nshort keyword queries   any word           all words (any-word fallback)")
        print("collection  words    nDCG@10     MAP    nDCG@10     MAP   fell back")
        for name, length, any_ndcg, any_ap, all_ndcg, all_ap, fell, judged in short_rows:
            print(f"{name:<11} {length:>5} {any_ndcg:10.4f} {any_ap:7.4f} {all_ndcg:10.4f}"
                  f" {all_ap:7.4f}   {fell}/{judged}")


if __name__ == "__main__":
    main()
