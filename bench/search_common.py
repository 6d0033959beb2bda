"""Shared by the search benchmarks: test collections, metrics, and a site to index.

Collections are read where they lie (../shared/data/ir/NAME/); nothing is copied into
the repository. A collection directory holds one documents file (LISA's "Document N"
layout, or the SMART layout with .I/.T/.W fields, optionally gzipped), one
*.queries.tsv (id, tab, text) and one *.qrels.trec ("query 0 document gain").

Documents reach the index the way a site's articles do: they are written as article
rows (title, current revision, tags, sectors, author) straight into a fresh database,
and `search.indexer.rebuild` reads them back through `search.sources` and the real
schema. Only the rows are written in bulk; the wiki's editing services are timed
elsewhere (bench_wiki.py).
"""

from __future__ import annotations

import gzip
import html
import math
import re
import sys
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "ir"
sys.path.insert(0, str(ROOT))


# ---------------------------------------------------------------- collections

@dataclass
class Collection:
    name: str
    documents: dict[str, tuple[str, str]]          # id -> (title, body)
    queries: dict[str, str]                         # id -> text
    qrels: dict[str, dict[str, int]] = field(default_factory=dict)  # query -> doc -> gain

    @property
    def judged(self) -> list[str]:
        """Queries with at least one relevant document, in numeric order."""
        return sorted((qid for qid in self.queries
                       if any(gain > 0 for gain in self.qrels.get(qid, {}).values())),
                      key=_natural)


def _natural(value: str):
    return (0, int(value)) if value.isdigit() else (1, value)


def _open_text(path: Path) -> str:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="latin-1") as handle:
        return handle.read()


def _documents_file(directory: Path) -> Path:
    candidates = [path for path in sorted(directory.iterdir())
                  if re.search(r"\.all(\.\d+)?(\.gz)?$", path.name, re.IGNORECASE)]
    if not candidates:
        raise SystemExit(f"{directory}: no documents file (*.ALL, *.all.gz, ...)")
    return candidates[0]


def _one(directory: Path, pattern: str) -> Path:
    found = sorted(directory.glob(pattern))
    if not found:
        raise SystemExit(f"{directory}: no {pattern}")
    return found[0]


LISA_DOC_RE = re.compile(r"^Document\s+(\d+)\s*$", re.MULTILINE)
SMART_FIELD_RE = re.compile(r"^\.([A-Z])(?:\s+(.*))?$")


def parse_lisa(text: str) -> dict[str, tuple[str, str]]:
    """'Document N', title lines, a blank line, the abstract, a line of asterisks."""
    documents = {}
    for chunk in re.split(r"^\*{5,}\s*$", text, flags=re.MULTILINE):
        match = LISA_DOC_RE.search(chunk)
        if not match:
            continue
        rest = chunk[match.end():].strip("\n")
        title, body = (re.split(r"\n[ \t]*\n", rest, maxsplit=1) + [""])[:2]
        documents[match.group(1)] = (" ".join(title.split()), " ".join(body.split()))
    return documents


def parse_smart(text: str) -> dict[str, tuple[str, str]]:
    """SMART layout: '.I id' then fields '.T' title, '.W' text (others ignored)."""
    documents = {}
    current: str | None = None
    fields: dict[str, list[str]] = {}
    marker = None

    def flush():
        if current is not None:
            title = " ".join(" ".join(fields.get("T", [])).split())
            body = " ".join(" ".join(fields.get("W", [])).split())
            documents[current] = (title, body)

    for line in text.splitlines():
        match = SMART_FIELD_RE.match(line)
        if match:
            if match.group(1) == "I":
                flush()
                current, fields, marker = match.group(2).strip(), {}, None
            else:
                marker = match.group(1)
                if match.group(2):
                    fields.setdefault(marker, []).append(match.group(2))
            continue
        if marker:
            fields.setdefault(marker, []).append(line)
    flush()
    return documents


def require_collection(directory: str | Path) -> None:
    """Stop with a clear message (not a traceback) when a collection is missing."""
    if not Path(directory).is_dir():
        sys.exit(f"No test collection at {directory}.\nThe search benchmarks read the IR "
                 f"test collections kept beside the repository, in {DATA} (LISA, CISI, "
                 "Cranfield); they are not part of the clone.")


def read_collection(directory: str | Path) -> Collection:
    directory = Path(directory)
    text = _open_text(_documents_file(directory))
    documents = parse_lisa(text) if LISA_DOC_RE.search(text[:2000]) else parse_smart(text)
    queries = {}
    for line in _one(directory, "*.queries.tsv").read_text(encoding="latin-1").splitlines():
        qid, _, query = line.partition("\t")
        if qid.strip() and query.strip():
            queries[qid.strip()] = query.strip()
    qrels: dict[str, dict[str, int]] = {}
    for line in _one(directory, "*.qrels.trec").read_text().splitlines():
        parts = line.split()
        if len(parts) >= 4:
            qrels.setdefault(parts[0], {})[parts[2]] = int(parts[3])
    return Collection(directory.name, documents, queries, qrels)


# ---------------------------------------------------------------- metrics

def ndcg(ranked: list[str], gains: dict[str, int], depth: int = 10) -> float:
    """nDCG@depth with linear gains (trec_eval's ndcg_cut)."""
    dcg = sum(gains.get(doc, 0) / math.log2(rank + 2)
              for rank, doc in enumerate(ranked[:depth]))
    ideal = sorted((gain for gain in gains.values() if gain > 0), reverse=True)[:depth]
    best = sum(gain / math.log2(rank + 2) for rank, gain in enumerate(ideal))
    return dcg / best if best else 0.0


def average_precision(ranked: list[str], gains: dict[str, int]) -> float:
    relevant = {doc for doc, gain in gains.items() if gain > 0}
    if not relevant:
        return 0.0
    found, total = 0, 0.0
    for rank, doc in enumerate(ranked, start=1):
        if doc in relevant:
            found += 1
            total += found / rank
    return total / len(relevant)


def evaluate(collection: Collection, rankings: dict[str, list[str]]) -> tuple[float, float]:
    """Mean nDCG@10 and MAP over the judged queries."""
    judged = collection.judged
    ndcgs = [ndcg(rankings.get(qid, []), collection.qrels[qid]) for qid in judged]
    aps = [average_precision(rankings.get(qid, []), collection.qrels[qid]) for qid in judged]
    return sum(ndcgs) / len(judged), sum(aps) / len(judged)


# ---------------------------------------------------------------- a site to index

def make_app(workdir: Path, **config):
    """The real app on a fresh SQLite database in `workdir`, with one author."""
    from app import create_app
    from core.extensions import db
    from core.models import User

    workdir.mkdir(parents=True, exist_ok=True)
    settings = {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{workdir / 'site.db'}",
                "SECRET_KEY": "bench", "SEARCH_INDEX_DIR": str(workdir / "index"),
                "SEARCH_DRAIN": "off", "RATELIMIT_ENABLED": False,
                "PASSWORD_HASH_METHOD": "scrypt:1024:8:1"}
    settings.update(config)
    app = create_app(settings)
    with app.app_context():
        db.create_all()
        if db.session.get(User, 1) is None:
            db.session.add(User(id=1, username="bench", username_key="bench",
                                email="bench@example.org",
                                password_hash="!",  # noqa: S106 - nobody signs in as it
                                display_name="Bench Author", role="editor"))
            db.session.commit()
    return app


@dataclass
class Article:
    title: str
    body: str
    tags: list[str] = field(default_factory=list)
    sectors: list[str] = field(default_factory=list)


def paragraphs_html(body: str) -> str:
    """What the renderer makes of plain paragraphs, without paying for Markdown here."""
    return "".join(f"<p>{html.escape(part)}</p>" for part in body.split("\n\n") if part)


def load_articles(app, articles, batch: int = 2000, progress=None) -> list[int]:
    """Write articles (with one revision each) in bulk; returns their ids in order.

    Rows only: no outbox rows are written, so index them with `indexer.rebuild()`.
    """
    from sqlalchemy import insert, select, update

    from core.extensions import db
    from wiki.models import (
        Article as ArticleRow,
    )
    from wiki.models import (
        ArticleAuthor,
        ArticleSector,
        ArticleTag,
        Revision,
        Tag,
    )

    ids: list[int] = []
    start = datetime(2024, 1, 1, tzinfo=UTC)
    with app.app_context():
        tag_ids = dict(db.session.execute(select(Tag.name, Tag.id)).all())
        next_id = (db.session.scalar(select(ArticleRow.id).order_by(ArticleRow.id.desc())
                                     .limit(1)) or 0) + 1
        revision_shift = (db.session.scalar(select(Revision.id).order_by(Revision.id.desc())
                                            .limit(1)) or 0) - next_id + 1
        chunk: list[Article] = []

        def write(chunk: list[Article], first: int) -> None:
            names = {name for article in chunk for name in article.tags} - set(tag_ids)
            for name in sorted(names):
                tag_ids[name] = db.session.execute(
                    insert(Tag).values(name=name).returning(Tag.id)).scalar_one()
            articles, revisions, tags, sectors, authors = [], [], [], [], []
            for offset, article in enumerate(chunk):
                article_id = first + offset
                when = start + timedelta(minutes=article_id)
                words = len(article.body.split())
                articles.append({"id": article_id, "slug": f"bench-{article_id}",
                                 "title": article.title[:200], "revision_count": 1,
                                 "created_at": when, "updated_at": when, "created_by_id": 1,
                                 "view_version": 1, "hidden": False, "protected": False})
                revisions.append({"id": article_id + revision_shift, "article_id": article_id,
                                  "number": 1, "author_id": 1, "created_at": when,
                                  "title": article.title[:200], "summary": "", "kind": "create",
                                  "body": article.body, "html": paragraphs_html(article.body),
                                  "toc_html": "", "size": len(article.body), "size_delta": 0,
                                  "words": words, "attribution": [[1, words]]})
                tags += [{"article_id": article_id, "tag_id": tag_ids[name]}
                         for name in dict.fromkeys(article.tags)]
                sectors += [{"article_id": article_id, "sector": sector}
                            for sector in dict.fromkeys(article.sectors)]
                authors.append({"article_id": article_id, "user_id": 1, "share": 1,
                                "edits": 1, "lead": True, "first_edit_at": when,
                                "last_edit_at": when})
            db.session.execute(insert(ArticleRow), articles)
            db.session.execute(insert(Revision), revisions)
            db.session.execute(update(ArticleRow), [
                {"id": row["id"], "current_revision_id": row["id"] + revision_shift}
                for row in articles])
            for table, rows in ((ArticleTag, tags), (ArticleSector, sectors),
                                (ArticleAuthor, authors)):
                if rows:
                    db.session.execute(insert(table), rows)
            db.session.commit()
            ids.extend(row["id"] for row in articles)
            if progress:
                progress(len(ids))

        first = next_id
        for article in articles:
            chunk.append(article)
            if len(chunk) == batch:
                write(chunk, first)
                first += len(chunk)
                chunk = []
        if chunk:
            write(chunk, first)
    return ids


# ---------------------------------------------------------------- a generated corpus

TAG_NAMES = ("makerspaces teens instruction preservation archives cataloguing metadata "
             "outreach literacy weeding acquisitions budgets volunteers marketing events "
             "children storytime digitisation copyright licensing ebooks databases "
             "reference advocacy accessibility inclusion training leadership surveys "
             "statistics assessment collections loans interlibrary rfid shelving "
             "buildings safety partnerships grants research-data open-access repositories "
             "discovery systems migration privacy genealogy local-history oral-history "
             "exhibitions conservation rare-books maps music games homework").split()


class Corpus:
    """Articles of realistic length from a real vocabulary with its real Zipf shape.

    The words and their ranks come from the LISA abstracts (lower-cased), so common
    words are common and rare words rare, as in real text. Lengths follow a
    log-normal law clipped to [min_words, max_words] (median about 700 words).
    """

    def __init__(self, seed: int = 1, min_words: int = 200, max_words: int = 4000,
                 median_words: int = 700):
        import random
        from collections import Counter
        from itertools import accumulate

        counts: Counter[str] = Counter()
        require_collection(DATA / "lisa")
        for title, body in read_collection(DATA / "lisa").documents.values():
            counts.update(re.findall(r"[a-z]+(?:'[a-z]+)?", f"{title} {body}".lower()))
        self.words = [word for word, _ in counts.most_common()]
        # Zipf: the word of rank r is drawn with weight 1 / r ** 1.05.
        self.cumulative = list(accumulate(1 / rank ** 1.05
                                          for rank in range(1, len(self.words) + 1)))
        self.random = random.Random(seed)
        self.min_words, self.max_words = min_words, max_words
        self.mu = math.log(median_words)
        # Query words: what people type is mostly mid-frequency content words.
        self.query_words = [word for word in self.words[50:3000] if len(word) > 3]

    def _length(self) -> int:
        return int(min(self.max_words, max(self.min_words,
                                           self.random.lognormvariate(self.mu, 0.7))))

    def _words(self, count: int) -> list[str]:
        return self.random.choices(self.words, cum_weights=self.cumulative, k=count)

    def article(self) -> Article:
        rnd = self.random
        words = self._words(self._length())
        sentences, start = [], 0
        while start < len(words):
            end = start + rnd.randint(8, 24)
            sentences.append(" ".join(words[start:end]).capitalize() + ".")
            start = end
        paragraphs, start = [], 0
        while start < len(sentences):
            end = start + rnd.randint(3, 7)
            paragraphs.append(" ".join(sentences[start:end]))
            start = end
        title_words = rnd.sample(self.query_words, rnd.randint(3, 7))
        tags = rnd.sample(TAG_NAMES[:rnd.choice((10, 20, 40, len(TAG_NAMES)))],
                          rnd.randint(1, 4))
        sectors = rnd.sample(("public", "academic", "school", "special", "other"),
                             rnd.choice((1, 1, 1, 2)))
        return Article(" ".join(title_words).capitalize(), "\n\n".join(paragraphs),
                       tags, sectors)

    def articles(self, count: int):
        for _ in range(count):
            yield self.article()

    def queries(self, words: int, count: int) -> list[str]:
        return [" ".join(self.random.sample(self.query_words, words)) for _ in range(count)]
