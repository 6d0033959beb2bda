"""From other sectors: for an article or a solution, up to five articles and solutions on
the same practice from sectors other than its own.

Found by the search engine's similar-documents query restricted to other sectors
(`engine.similar_documents`, both engines), then cut here: never the document itself,
its duplicates (a question merged into another, the article a thread was promoted to, a
second item with the same address or title), anything hidden or unsolved, or a match an
editor removed; at most two from any one sector; editors' pins first. The list is
computed by the job `cross_sector` (off the request path) and kept in
`cross_sector_lists` under the document's version, so a page view reads one row by its
key whatever the size of the site (`section`)."""

from __future__ import annotations

import time
from dataclasses import dataclass

from flask import current_app
from sqlalchemy import delete, select

from core import audit, permissions
from core.errors import NotFound, ValidationFailed
from core.extensions import db
from core.models import SECTOR_LABELS
from core.timeutil import utcnow
from sectors.models import CrossSectorChoice, CrossSectorList

SHOWN = 5
PER_SECTOR = 2
CANDIDATES = 30
REQUEUE_SECONDS = 120  # a page asks for a list again after this long without one
JOB = "cross_sector"


@dataclass(frozen=True)
class Document:
    key: str
    kind: str
    object_id: int
    title: str
    url: str
    version: str
    sectors: frozenset[str]
    same: frozenset[str]  # keys that are the same practice (a promoted article, merges)


def _document(kind: str, object_id: int) -> Document | None:
    """The article or solution as "From other sectors" sees it (None: hidden, unsolved,
    missing)."""
    from core.urls import site_path

    if kind == "article":
        from wiki.models import Article

        article = db.session.get(Article, object_id)
        if article is None or article.hidden or article.current_revision_id is None:
            return None
        from community.models import Question

        promoted = db.session.scalars(select(Question.id).where(
            Question.promoted_article_id == article.id)).all()
        return Document(f"article:{article.id}", "article", article.id, article.title,
                        site_path("wiki.article", slug=article.slug),
                        str(article.view_version), frozenset(article.sectors),
                        frozenset(f"question:{qid}" for qid in promoted))
    if kind == "question":
        from community.models import Question
        from community.services import question_url

        question = db.session.get(Question, object_id)
        if question is None or question.hidden or question.accepted_answer_id is None \
                or question.merged_into_id is not None:
            return None
        same = {f"article:{question.promoted_article_id}"} \
            if question.promoted_article_id else set()
        merged = db.session.scalars(select(Question.id).where(
            Question.merged_into_id == question.id)).all()
        same |= {f"question:{qid}" for qid in merged}
        sector = question.author.sector if question.author else ""
        return Document(f"question:{question.id}", "question", question.id, question.title,
                        question_url(question), str(question.version),
                        frozenset([sector] if sector else []), frozenset(same))
    return None


def _usable(keys: list[str]) -> set[str]:
    """Of these keys, those still shown to readers: visible articles; visible, solved,
    unmerged questions (a pin or a cached match may have been hidden since)."""
    from community.models import Question
    from wiki.models import Article

    articles = [int(key.split(":")[1]) for key in keys if key.startswith("article:")]
    questions = [int(key.split(":")[1]) for key in keys if key.startswith("question:")]
    usable = set()
    if articles:
        usable |= {f"article:{aid}" for aid in db.session.scalars(select(Article.id).where(
            Article.id.in_(articles), Article.hidden.is_(False)))}
    if questions:
        usable |= {f"question:{qid}" for qid in db.session.scalars(select(Question.id).where(
            Question.id.in_(questions), Question.hidden.is_(False),
            Question.accepted_answer_id.is_not(None), Question.merged_into_id.is_(None)))}
    return usable


def choose(document: Document, candidates: list[dict], choices: dict[str, str],
           pinned: list[dict]) -> list[dict]:
    """The list shown, from the engine's candidates (best first): pure, so the rules are
    tested without an index. Pins first (they still count towards the per-sector cap),
    then the best candidates, skipping the document, its duplicates, removed matches,
    items of its own sectors and a second item with the same address or title."""
    shown: list[dict] = []
    per_sector: dict[str, int] = {}
    seen_urls, seen_titles = {document.url}, {document.title.casefold()}
    for item, is_pin in [(item, True) for item in pinned] + [(item, False)
                                                              for item in candidates]:
        key = item["key"]
        if key == document.key or key in document.same or choices.get(key) == "remove":
            continue
        if not is_pin and choices.get(key) == "pin":
            continue  # already first
        sector = next((name for name in item.get("sectors", [])
                       if name in SECTOR_LABELS and name != "other"
                       and name not in document.sectors), None)
        if sector is None:
            continue
        title = item["title"].casefold()
        if item["url"] in seen_urls or title in seen_titles:
            continue
        if per_sector.get(sector, 0) >= PER_SECTOR:
            continue
        per_sector[sector] = per_sector.get(sector, 0) + 1
        seen_urls.add(item["url"])
        seen_titles.add(title)
        shown.append({"key": key, "type": item["type"], "title": item["title"],
                      "url": item["url"], "sector": sector, "pinned": is_pin})
        if len(shown) >= SHOWN:
            break
    return shown


def _pinned_items(keys: list[str]) -> list[dict]:
    from search import sources

    items = []
    for key in keys:
        kind, _, raw = key.partition(":")
        source = sources.SOURCES.get(kind)
        if source is None or not raw.isdigit():
            continue
        built = source.documents([int(raw)]).get(int(raw))
        if built is None:
            continue
        items.append({"key": key, "type": "solution" if kind == "question" else kind,
                      "title": built["title"], "url": built["url"],
                      "sectors": [name for name in (built.get("sectors") or "").split(",")
                                  if name]})
    return items


def compute(kind: str, object_id: int) -> CrossSectorList | None:
    """Find and keep the list for this document's current version (the job; no commit)."""
    from search.engine import current

    document = _document(kind, object_id)
    if document is None:
        db.session.execute(delete(CrossSectorList).where(
            CrossSectorList.doc_key == f"{kind}:{object_id}"))
        return None
    choices = dict(db.session.execute(
        select(CrossSectorChoice.target_key, CrossSectorChoice.action)
        .where(CrossSectorChoice.doc_key == document.key)
        .order_by(CrossSectorChoice.chosen_at, CrossSectorChoice.target_key)).all())
    pins = [key for key, action in choices.items() if action == "pin"]
    candidates = current().similar_documents(document.key, document.sectors, CANDIDATES)
    if candidates is None:  # not in the index yet: keep what there is; a page asks again
        return db.session.get(CrossSectorList, document.key)
    usable = _usable([item["key"] for item in candidates] + pins)
    candidates = [item for item in candidates if item["key"] in usable]
    pinned = _pinned_items([key for key in pins if key in usable])
    items = choose(document, candidates, choices, pinned)
    row = db.session.get(CrossSectorList, document.key)
    if row is None:
        row = CrossSectorList(doc_key=document.key)
        db.session.add(row)
    row.version, row.items, row.computed_at = document.version, items, utcnow()
    db.session.flush()
    return row


def run_job(kind: str, object_id: int) -> str:
    """The job `cross_sector`: an edge of its own, so it commits."""
    try:
        row = compute(kind, object_id)
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    return f"{kind}:{object_id}: {len(row.items) if row else 0} items"


def refresh_all(limit: int = 500) -> str:
    """The periodic job `cross_sector_refresh`: lists missing or older than a week (other
    documents change too), a batch at a time."""
    from datetime import timedelta

    from community.models import Question
    from wiki.models import Article

    stale_before = utcnow() - timedelta(days=7)
    kept = dict(db.session.execute(select(CrossSectorList.doc_key,
                                          CrossSectorList.computed_at)).all())
    wanted = [f"article:{aid}" for aid in db.session.scalars(
        select(Article.id).where(Article.hidden.is_(False)))]
    wanted += [f"question:{qid}" for qid in db.session.scalars(
        select(Question.id).where(Question.hidden.is_(False),
                                  Question.accepted_answer_id.is_not(None)))]
    due = [key for key in wanted if key not in kept or kept[key] < stale_before][:limit]
    for key in due:
        kind, _, raw = key.partition(":")
        compute(kind, int(raw))
        db.session.commit()
    return f"{len(due)} lists refreshed"


# ---------------------------------------------------------------- the page

_ASKED: dict[tuple[str, str], float] = {}


def _ask_for(kind: str, object_id: int, version: str) -> None:
    """Queue the job for this version, once per process every REQUEUE_SECONDS."""
    from jobs import enqueue

    now = time.monotonic()
    key = (f"{kind}:{object_id}", version)
    if now - _ASKED.get(key, -REQUEUE_SECONDS) < REQUEUE_SECONDS:
        return
    if len(_ASKED) > 10000:
        _ASKED.clear()
    _ASKED[key] = now
    try:
        enqueue(JOB, kind, object_id)
    except Exception:  # a broker that is down must not fail the page
        current_app.logger.warning("cross_sector: could not queue %s", key, exc_info=True)


def section(kind: str, object_id: int, version) -> dict:
    """What the page shows: one read of the kept list (by key), less anything hidden or
    unsolved since (a read of at most five rows by key). When the list is missing or was
    made for another version, the job is asked for and the old list (if any) shown
    meanwhile."""
    row = db.session.get(CrossSectorList, f"{kind}:{object_id}")
    if row is None or row.version != str(version):
        _ask_for(kind, object_id, str(version))
    items = list(row.items) if row is not None else []
    if items:  # something hidden or unsolved since the list was made is left out at once
        usable = _usable([item["key"] for item in items])  # at most two queries, by key
        items = [item for item in items if item["key"] in usable]
    return {"matches": items, "ready": row is not None, "doc_key": f"{kind}:{object_id}",
            "labels": SECTOR_LABELS}


def kept_for(keys: list[str], not_sectors: frozenset[str] | set[str] = frozenset(),
             limit: int = 1) -> list[dict]:
    """Items of the kept lists of these documents (in their order), of none of these
    sectors, each once: what the digest's "from other sectors" shows (one query; a
    document without a kept list adds nothing)."""
    if not keys:
        return []
    rows = {row.doc_key: row for row in db.session.scalars(
        select(CrossSectorList).where(CrossSectorList.doc_key.in_(keys)))}
    found, seen = [], set(keys)
    for key in keys:
        for item in rows[key].items if key in rows else []:
            if item["key"] in seen or item["sector"] in not_sectors:
                continue
            seen.add(item["key"])
            found.append(item)
            if len(found) >= limit:
                return found
    return found


# ---------------------------------------------------------------- editors' choices

def _target_key(target: str) -> str:
    """An article's or question's address (or key) as a key: "/wiki/slug",
    "/questions/12/...", "article:3", "question:12"."""
    from urllib.parse import urlsplit

    from wiki.models import Article, ArticleSlug

    target = (target or "").strip()
    if len(target) > 300:
        raise ValidationFailed("Give the address of an article or solution.", "target")
    kind, _, raw = target.partition(":")
    if kind in ("article", "question") and raw.isdigit():
        return f"{kind}:{int(raw)}"
    path = urlsplit(target).path.rstrip("/")
    parts = [part for part in path.split("/") if part]
    if len(parts) >= 2 and parts[0] == "questions" and parts[1].isdigit():
        return f"question:{int(parts[1])}"
    if len(parts) == 2 and parts[0] == "wiki":
        article_id = db.session.scalar(select(ArticleSlug.article_id).where(
            ArticleSlug.slug == parts[1]))
        if article_id is None:
            article_id = db.session.scalar(select(Article.id).where(Article.slug == parts[1]))
        if article_id is not None:
            return f"article:{article_id}"
    raise ValidationFailed("Give the address of an article or solution on this site, "
                           "e.g. /wiki/makerspaces.", "target")


def choose_match(editor, kind: str, object_id: int, target: str, action: str) -> None:
    """An editor removes a match (it stays removed) or pins one (it is shown first); the
    list is made again at once (this is an editor's POST, not a reader's page view)."""
    permissions.require_member(editor)
    permissions.require(permissions.may_curate_matches(editor),
                        "Only editors may change what “From other sectors” shows.")
    if action not in ("pin", "remove", "clear"):
        raise ValidationFailed("Choose to pin or remove the match.", "action")
    document = _document(kind, object_id)
    if document is None:
        raise NotFound()
    target_key = _target_key(target)
    if target_key == document.key:
        raise ValidationFailed("That is this page itself.", "target")
    if action == "pin" and target_key not in _usable([target_key]):
        raise ValidationFailed("Only a visible article or a solved thread can be pinned.",
                               "target")
    row = db.session.get(CrossSectorChoice, (document.key, target_key))
    if action == "clear":
        if row is not None:
            db.session.delete(row)
    elif row is None:
        db.session.add(CrossSectorChoice(doc_key=document.key, target_key=target_key,
                                         action=action, chosen_by_id=editor.id))
    else:
        row.action, row.chosen_by_id, row.chosen_at = action, editor.id, utcnow()
    db.session.flush()
    audit.record(editor, f"cross_sector.{action}", kind, object_id, label=document.title,
                 url=document.url, detail=f"From other sectors: {action} {target_key}")
    compute(kind, object_id)
