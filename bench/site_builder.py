"""A whole site of realistic shape, written fast: bulk inserts with SQLAlchemy core.

    .venv/bin/python bench/site_builder.py --url sqlite:///site.db --articles 100000 \
        --index-dir DIR --facts facts.json [--baseline baseline.html]

The schema must already exist (`flask db upgrade`), so the real indexes are in place
while the rows go in. For N articles the site has:

- N // 10 members (at least 40) with Zipf-distributed activity: a few write a great deal;
  one admin and a handful of editors;
- articles with 1 to 6 revisions (mean about 2), and one article in a thousand with 40 to
  120 revisions; bodies, HTML, table of contents and links are the demo articles' real
  revisions (35% cut to their first 4 paragraphs, 40% to 8, 25% whole: about 0.5, 1.8
  and 3.8 KB of Markdown), rendered once by core.markup.render and reused; word
  attribution is the real chain of runs computed once per demo text by wiki.attribution,
  so every article's current_revision, revision_count, title_key, authors (shares, edits,
  leads) and runs agree;
- N // 40 tags (at least 40) used with a Zipf law, 1 to 4 per article, each with its
  count of visible articles; 1 or 2 sectors;
- N // 2 questions with 0 to 6 answers (mean about 1.7), votes (scores are their sums),
  comments, tags, first revisions, watches; about half of the answered ones solved;
- N // 2,500 workgroups (at least 6) with members, N // 1,000 collections (at least 3)
  of 5 to 12 readings, six live features, review marks on a tenth of the articles;
- a few hidden and protected articles, hidden questions and answers, closed and locked
  threads, and old slugs left by renames.

The search index gets only the newest 300 articles and 300 questions (search at scale is
bench_search_scale's job): the search page answers, with real hits among those.
Notifications are not written (only the notifications page and the header count of a
signed-in member read them; the measured pages are anonymous).

Foreign keys are switched off for the bulk load only (SQLite: PRAGMA foreign_keys=OFF;
PostgreSQL: session_replication_role=replica) and checked afterwards on SQLite. SQLite
loads without a journal (the site is thrown away if the load fails); the app turns its
write-ahead log back on. No ANALYZE is run on SQLite (the app never runs one: the plans
measured are the ones a real installation gets); PostgreSQL is vacuumed and analysed
after the load, as autovacuum would soon do.
"""

from __future__ import annotations

import argparse
import bisect
import json
import random
import re
import sys
import time
from datetime import datetime, timedelta
from itertools import accumulate
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CHUNK = 5_000
FIRST_NAMES = ("ada alex amal ana ben carla chen dara eddie eva femi grace hana ian ines "
               "jon kai lena lucia maria mina nadia omar priya rafael rosa sam tom yuki "
               "zoe").split()
LAST_NAMES = ("adeyemi brown chen dubois evans fischer garcia haddad ito jones khan lopez "
              "murphy nakamura novak okafor patel quinn rossi silva tanaka walsh "
              "wright").split()
LIBRARIES = ("Riverside Public Library", "Northgate University Library", "St Anne's School",
             "City Law Library", "County Archives", "Harbour Medical Library",
             "Eastfield Branch", "Westmoor College Library")
PLACES = ("in rural branches", "for small teams", "on a tight budget", "in school libraries",
          "for academic liaison", "in special collections", "with volunteers",
          "across a county service", "in a hospital library", "for new staff",
          "after a refurbishment", "in a mobile library", "with local partners",
          "for remote users", "in a law firm")
TAG_WORDS = ("makerspaces teens instruction preservation archives cataloguing metadata outreach "
             "literacy weeding acquisitions budgets volunteers marketing events children "
             "storytime digitisation copyright licensing ebooks databases reference advocacy "
             "accessibility inclusion training leadership surveys statistics assessment "
             "collections loans interlibrary rfid shelving buildings safety partnerships "
             "grants repositories discovery systems migration privacy genealogy exhibitions "
             "conservation maps music games homework").split()
SECTOR_WEIGHTS = (("public", 40), ("academic", 25), ("school", 20), ("special", 10),
                  ("other", 5))
# Most articles are shorter than the demo's full write-ups: (name, paragraphs kept), and
# how often each length occurs.
LENGTHS = (("stub", 4), ("medium", 8), ("full", 1000))
LENGTH_WEIGHTS = (("stub", 35), ("medium", 40), ("full", 25))


# ---------------------------------------------------------------- what is reused


class Templates:
    """The demo content, rendered once: every row of the big site reuses these strings."""

    def __init__(self):
        from community.demo import demo_threads
        from core.markup import render
        from wiki import attribution
        from wiki.demo import demo_articles

        self.articles = []
        for spec in demo_articles():
            chains = {}
            for length, blocks in LENGTHS:
                chain, previous, history = [], None, []
                for number, revision in enumerate(spec["revisions"], start=1):
                    summary = revision["summary"]
                    body = "\n\n".join(revision["body"].split("\n\n")[:blocks])
                    rendered = render(body)
                    runs = attribution.attribute(body, number, previous, history)
                    runs = [list(run) for run in runs]
                    chain.append({"summary": summary, "body": body, "html": rendered.html,
                                  "toc": rendered.toc, "links": rendered.links, "runs": runs,
                                  "size": len(body), "words": len(attribution.tokenize(body))})
                    if previous is not None:
                        history.insert(0, previous)
                    previous = (body, runs)
                chains[length] = chain
            self.articles.append({"title": spec["title"], "tags": spec["tags"],
                                  "chains": chains})
        self.questions, self.answers, self.comments = [], [], []
        for thread in demo_threads():
            self.questions.append({"title": thread["title"], "body": thread["body"],
                                   "html": render(thread["body"]).html,
                                   "tags": thread["tags"]})
            for reply in thread.get("answers", []):
                self.answers.append({"body": reply["body"], "html": render(reply["body"]).html})
                for text in (remark["body"] for remark in reply.get("comments", [])):
                    self.comments.append({"body": text, "html": render(text).html})
        self.collection_intro = render("Readings chosen by the editors, in the order we "
                                       "would read them.").html
        self.note = render("Start here: the practice, with costs.").html


class Zipf:
    """Draw from a population with weight 1 / rank ** s (rank 1 is the most likely)."""

    def __init__(self, population, rng: random.Random, s: float = 1.1):
        self.population = list(population)
        self.cumulative = list(accumulate(1 / rank ** s
                                          for rank in range(1, len(self.population) + 1)))
        self.rng = rng

    def one(self):
        point = self.rng.random() * self.cumulative[-1]
        return self.population[bisect.bisect(self.cumulative, point)]

    def distinct(self, count: int) -> list:
        chosen: list = []
        while len(chosen) < min(count, len(self.population)):
            item = self.one()
            if item not in chosen:
                chosen.append(item)
        return chosen


def _weighted(rng: random.Random, pairs) -> object:
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights=weights)[0]


# ---------------------------------------------------------------- the builder


class Builder:
    def __init__(self, connection, articles: int, seed: int = 11, now: datetime | None = None):
        from core.timeutil import utcnow

        self.conn = connection
        self.n = articles
        self.rng = random.Random(seed)
        self.now = now or utcnow().replace(microsecond=0)
        self.start = self.now - timedelta(days=5 * 365)
        self.t = Templates()
        self.counts: dict[str, int] = {}
        self.facts: dict = {"articles": articles}

    # ------------------------------------------------------------ helpers

    def insert(self, model, rows: list[dict]) -> None:
        from sqlalchemy import insert

        if not rows:
            return
        if self.conn.dialect.name == "sqlite":
            self._insert_sqlite(model.__table__, rows)
        else:
            for first in range(0, len(rows), CHUNK):
                self.conn.execute(insert(model.__table__), rows[first:first + CHUNK])
        self.counts[model.__tablename__] = self.counts.get(model.__tablename__, 0) + len(rows)

    def _insert_sqlite(self, table, rows: list[dict]) -> None:
        """The same rows through the driver: SQLAlchemy's per-row work (bind processors,
        defaults) costs about twice the inserts themselves at this size. Values are stored
        as SQLAlchemy stores them on SQLite; omitted columns take their scalar defaults."""
        from sqlalchemy import JSON, Boolean, DateTime

        def convert(column):
            if isinstance(column.type, DateTime):
                return lambda v: None if v is None else v.isoformat(" ", "microseconds")
            if isinstance(column.type, Boolean):
                return lambda v: None if v is None else int(v)
            if isinstance(column.type, JSON):
                return json.dumps
            return None

        columns, fill = [], []
        for column in table.columns:
            if column.name in rows[0]:
                columns.append(column)
            elif column.default is not None and column.default.is_scalar:
                columns.append(column)
                fill.append(column.name)
            elif column.default is not None and not column.nullable:
                raise ValueError(f"{table.name}.{column.name}: give a value (its default is "
                                 "computed)")
        defaults = {name: table.c[name].default.arg for name in fill}
        converters = [(column.name, convert(column)) for column in columns]
        sql = (f"INSERT INTO {table.name} ({', '.join(c.name for c in columns)}) "  # noqa: S608
               f"VALUES ({', '.join('?' for _ in columns)})")
        cursor = self.conn.connection.driver_connection.cursor()
        for first in range(0, len(rows), CHUNK):
            cursor.executemany(sql, [
                tuple(function(row.get(name, defaults.get(name))) if function else
                      row.get(name, defaults.get(name)) for name, function in converters)
                for row in rows[first:first + CHUNK]])
        cursor.close()

    def moment(self, fraction: float) -> datetime:
        """A time `fraction` of the way through the site's five years."""
        return self.start + (self.now - self.start) * fraction

    def later(self, moment: datetime, mean_days: float) -> datetime:
        step = timedelta(days=self.rng.expovariate(1 / mean_days))
        return min(moment + step, self.now - timedelta(minutes=1))

    def voters(self, author_id: int, count: int) -> list[int]:
        chosen: set[int] = set()
        while len(chosen) < count:
            user_id = self.member_draw.one()
            if user_id != author_id:
                chosen.add(user_id)
        return sorted(chosen)

    # ------------------------------------------------------------ people and tags

    def members(self) -> None:
        from core.models import SECTORS, User

        count = max(40, self.n // 10)
        rows = []
        for user_id in range(1, count + 1):
            first = FIRST_NAMES[user_id % len(FIRST_NAMES)]
            last = LAST_NAMES[(user_id // len(FIRST_NAMES)) % len(LAST_NAMES)]
            username = f"{first}.{last}{user_id}"
            role = "admin" if user_id == 1 else ("editor" if user_id <= 6 else "member")
            rows.append({"id": user_id, "username": username, "username_key": username.lower(),
                         "email": f"{username}@example.org",
                         "password_hash": "!",  # noqa: S106 - nobody signs in as them
                         "role": role, "display_name": f"{first.title()} {last.title()}",
                         "library": LIBRARIES[user_id % len(LIBRARIES)],
                         "sector": SECTORS[user_id % len(SECTORS)], "bio": "",
                         "active": True,
                         "created_at": self.moment(0.9 * user_id / count) - timedelta(days=30)})
        self.insert(User, rows)
        self.usernames = {row["id"]: row["username"] for row in rows}
        ids = list(range(1, count + 1))
        self.rng.shuffle(ids)  # the most active members are anywhere in the id order
        self.member_draw = Zipf(ids, self.rng, s=1.05)
        self.editors = list(range(2, 7))

    def tags(self) -> None:
        from wiki.models import Tag

        names: list[str] = []
        for spec in self.t.articles + self.t.questions:
            names += [name for name in spec["tags"] if name not in names]
        count = max(40, self.n // 40)
        words = TAG_WORDS
        step = 0
        while len(names) < count:
            name = f"{words[step % len(words)]} {words[(step // len(words)) % len(words)]}"
            if step >= len(words) * len(words):
                name = f"{name} {step}"
            if name not in names and len(name) <= 40:
                names.append(name)
            step += 1
        self.insert(Tag, [{"id": number, "name": name}
                          for number, name in enumerate(names, start=1)])
        self.tag_id = {name: number for number, name in enumerate(names, start=1)}
        self.tag_draw = Zipf(list(self.tag_id.values()), self.rng, s=1.0)

    # ------------------------------------------------------------ articles

    def articles(self) -> None:
        from core.markup import article_slug
        from editors.models import ReviewMark
        from wiki import attribution
        from wiki.models import (
            Article,
            ArticleAuthor,
            ArticleLink,
            ArticleSector,
            ArticleSlug,
            ArticleTag,
            Revision,
            title_key,
        )

        rng, n = self.rng, self.n
        revision_id = 0
        busiest = (0, 0)
        self.article_slugs: dict[int, str] = {}
        self.visible_articles: list[int] = []
        authored: dict[int, int] = {}
        tag_counts: dict[int, int] = {}
        slugs_seen: set[str] = set()
        for first in range(1, n + 1, CHUNK):
            articles, revisions, slugs, tags, sectors, links, authors, marks = \
                [], [], [], [], [], [], [], []
            for article_id in range(first, min(n, first + CHUNK - 1) + 1):
                spec = self.t.articles[(article_id - 1) % len(self.t.articles)]
                chain = spec["chains"]["full" if article_id <= len(self.t.articles) else
                                       _weighted(rng, LENGTH_WEIGHTS)]
                if article_id <= len(self.t.articles):
                    title = spec["title"]  # the demo titles: their wikilinks resolve
                else:
                    stem = " ".join(spec["title"].split()[:4]).rstrip(",:")
                    title = f"{stem} {rng.choice(PLACES)} ({article_id})"
                slug = article_slug(title)
                if slug in slugs_seen:
                    title, slug = f"{title} {article_id}", f"{slug}-{article_id}"
                slugs_seen.add(slug)
                busy = article_id % 1000 == 500 or (n < 1000 and article_id == n // 2)
                if busy:
                    count = rng.randint(40, 120)
                else:
                    count = min(len(chain), _weighted(rng, ((1, 45), (2, 25), (3, 15), (4, 8),
                                                            (5, 4), (6, 3))))
                creator = self.member_draw.one()
                hidden = rng.random() < 0.003
                when = self.moment(0.98 * article_id / n) + timedelta(
                    minutes=rng.randint(0, 600))
                author_of, stamps = {}, []
                previous_size = 0
                for number in range(1, count + 1):
                    # Beyond its demo chain a busy article goes back and forth between its
                    # last two texts; their runs only name earlier revisions, so they hold.
                    step = chain[number - 1] if number <= len(chain) else \
                        chain[len(chain) - 1 - (number - len(chain)) % 2]
                    author = creator if number == 1 else self.member_draw.one()
                    if number > 1:
                        when = self.later(when, 2 if busy else 25)
                    revision_id += 1
                    author_of[number] = author
                    stamps.append((author, when))
                    revisions.append({
                        "id": revision_id, "article_id": article_id, "number": number,
                        "author_id": author, "created_at": when, "title": title,
                        "summary": step["summary"][:300],
                        "kind": "create" if number == 1 else "edit", "reverted_to": None,
                        "body": step["body"], "html": step["html"], "toc_html": step["toc"],
                        "size": step["size"], "size_delta": step["size"] - previous_size,
                        "words": step["words"], "attribution": step["runs"]})
                    previous_size = step["size"]
                articles.append({"id": article_id, "slug": slug, "title": title,
                                 "title_key": title_key(title),
                                 "current_revision_id": revision_id, "revision_count": count,
                                 "protected": rng.random() < 0.01, "hidden": hidden,
                                 "created_at": stamps[0][1], "updated_at": when,
                                 "created_by_id": creator, "view_version": 1})
                if count > busiest[1]:
                    busiest = (article_id, count)
                self.article_slugs[article_id] = slug
                if not hidden:
                    self.visible_articles.append(article_id)
                slugs.append({"slug": slug, "article_id": article_id})
                if rng.random() < 0.02:
                    slugs.append({"slug": f"{slug}-old-{article_id}", "article_id": article_id})
                tag_ids = dict.fromkeys([self.tag_id[rng.choice(spec["tags"])],
                                         *self.tag_draw.distinct(rng.randint(0, 3))])
                tags += [{"article_id": article_id, "tag_id": tag_id} for tag_id in tag_ids]
                if not hidden:
                    for tag_id in tag_ids:
                        tag_counts[tag_id] = tag_counts.get(tag_id, 0) + 1
                chosen = {_weighted(rng, SECTOR_WEIGHTS) for _ in range(rng.choice((1, 1, 2)))}
                sectors += [{"article_id": article_id, "sector": sector}
                            for sector in sorted(chosen)]
                current = step  # the text of the last revision
                seen_links = set()
                for target in current["links"]:
                    target_slug = article_slug(target)
                    if target_slug and target_slug not in seen_links:
                        seen_links.add(target_slug)
                        links.append({"source_id": article_id, "target_slug": target_slug,
                                      "target_title": target[:200]})
                shares = attribution.shares(current["runs"], author_of)
                leads, _others = attribution.bylines(shares)
                for author_id in dict.fromkeys(author for author, _ in stamps):
                    times = [moment for author, moment in stamps if author == author_id]
                    authors.append({"article_id": article_id, "user_id": author_id,
                                    "share": shares[author_id], "edits": len(times),
                                    "lead": author_id in leads, "first_edit_at": times[0],
                                    "last_edit_at": times[-1]})
                    authored[author_id] = authored.get(author_id, 0) + 1
                if rng.random() < 0.1:
                    number = rng.randint(1, count)
                    marks.append({"article_id": article_id,
                                  "revision_id": revision_id - count + number,
                                  "revision_number": number,
                                  "reviewer_id": rng.choice(self.editors), "note": "",
                                  "created_at": stamps[number - 1][1]})
            self.insert(Article, articles)
            self.insert(Revision, revisions)
            self.insert(ArticleSlug, slugs)
            self.insert(ArticleTag, tags)
            self.insert(ArticleSector, sectors)
            self.insert(ArticleLink, links)
            self.insert(ArticleAuthor, authors)
            self.insert(ReviewMark, marks)
        # Tag.article_count: visible articles per tag, as wiki.services.count_tags keeps it.
        from sqlalchemy import bindparam, update

        from wiki.models import Tag

        self.conn.execute(update(Tag).where(Tag.id == bindparam("tag")).values(
            article_count=bindparam("count")),
            [{"tag": tag_id, "count": count} for tag_id, count in tag_counts.items()])
        self.facts["history_slug"] = self.article_slugs[busiest[0]]
        self.facts["history_revisions"] = busiest[1]
        typical = self.visible_articles[len(self.visible_articles) // 2]
        self.facts["article_slug"] = self.article_slugs[typical]
        self.facts["visible_articles"] = len(self.visible_articles)
        ranked = sorted(authored, key=lambda user_id: (-authored[user_id], user_id))
        self.facts["profile"] = self.usernames[ranked[0]]  # the most active member
        self.facts["profile_articles"] = authored[ranked[0]]
        active = ranked[len(ranked) // 10]  # where the top tenth of the authors ends
        self.facts["profile_active"] = self.usernames[active]
        self.facts["profile_active_articles"] = authored[active]

    # ------------------------------------------------------------ the community

    def workgroups(self) -> None:
        from community.models import Workgroup, WorkgroupMember

        count = max(6, self.n // 2500)
        names = ["Makerspaces", "Information literacy", "Readers' advisory",
                 "Digital collections"]
        groups = []
        for group_id in range(1, count + 1):
            name = names[group_id - 1] if group_id <= len(names) else \
                f"{TAG_WORDS[group_id % len(TAG_WORDS)].title()} practice {group_id}"
            groups.append({"id": group_id, "slug": re.sub(r"[^a-z0-9]+", "-",
                                                          name.lower()).strip("-"),
                           "name": name, "description": f"Members working on {name.lower()}.",
                           "archived": group_id == count and count > 6,
                           "created_at": self.moment(0.05 * group_id / count),
                           "member_count": 0})
        self.group_draw = Zipf(range(1, count + 1), self.rng, s=0.9)
        memberships = {}
        for user_id in self.usernames:
            for group_id in self.group_draw.distinct(
                    _weighted(self.rng, ((0, 50), (1, 30), (2, 15), (3, 5)))):
                memberships[(group_id, user_id)] = {
                    "workgroup_id": group_id, "user_id": user_id,
                    "moderator": False, "joined_at": self.moment(self.rng.random())}
        for group in groups:
            group["member_count"] = sum(1 for key in memberships if key[0] == group["id"])
        for row in list(memberships.values())[:count]:
            row["moderator"] = True
        self.insert(Workgroup, groups)
        self.insert(WorkgroupMember, list(memberships.values()))

    def questions(self) -> None:
        from community.models import (
            Answer,
            Comment,
            PostRevision,
            Question,
            QuestionTag,
            Vote,
            Watch,
        )

        rng = self.rng
        total = max(20, self.n // 2)
        answer_id = comment_id = revision_id = 0
        self.solved: list[int] = []
        self.questions_visible: list[int] = []
        best = (0, -1)
        for first in range(1, total + 1, CHUNK):
            questions, answers, comments, post_revisions, qtags, votes, watches = \
                [], [], [], [], [], [], []
            for question_id in range(first, min(total, first + CHUNK - 1) + 1):
                spec = self.t.questions[(question_id - 1) % len(self.t.questions)]
                asker = self.member_draw.one()
                asked = self.moment(0.99 * question_id / total) + timedelta(
                    minutes=rng.randint(0, 600))
                hidden = rng.random() < 0.003
                replies = _weighted(rng, ((0, 20), (1, 30), (2, 25), (3, 15), (4, 5), (5, 3),
                                          (6, 2)))
                activity = asked
                shown = []
                for _ in range(replies):
                    answer_id += 1
                    author = self.voters(asker, 1)[0]
                    when = self.later(asked, 3)
                    activity = max(activity, when)
                    body = self.t.answers[answer_id % len(self.t.answers)]
                    answer_hidden = rng.random() < 0.005
                    score = 0
                    for voter in self.voters(author, _weighted(rng, ((0, 40), (1, 30), (2, 15),
                                                                     (3, 10), (6, 5)))):
                        value = 1 if rng.random() < 0.9 else -1
                        score += value
                        votes.append({"user_id": voter, "target_type": "answer",
                                      "target_id": answer_id, "value": value,
                                      "target_author_id": author,
                                      "created_at": self.later(when, 5)})
                    answers.append({"id": answer_id, "question_id": question_id,
                                    "body": body["body"], "html": body["html"],
                                    "author_id": author, "created_at": when,
                                    "edited_at": None, "score": score,
                                    "hidden": answer_hidden})
                    revision_id += 1
                    post_revisions.append({"id": revision_id, "post_type": "answer",
                                           "post_id": answer_id, "number": 1,
                                           "author_id": author, "created_at": when, "title": "",
                                           "body": body["body"], "summary": "Answered"})
                    watches.append({"user_id": author, "target_type": "question",
                                    "target_id": question_id, "created_at": when})
                    if rng.random() < 0.2:
                        comment_id += 1
                        remark = self.t.comments[comment_id % len(self.t.comments)]
                        comments.append({"id": comment_id, "target_type": "answer",
                                         "target_id": answer_id, "author_id": asker,
                                         "body": remark["body"], "html": remark["html"],
                                         "created_at": self.later(when, 1), "hidden": False})
                        activity = max(activity, comments[-1]["created_at"])
                    if not answer_hidden:
                        shown.append((answer_id, when))
                accepted = solved_at = None
                if shown and rng.random() < 0.55:
                    accepted, answered = rng.choice(shown)
                    solved_at = self.later(answered, 2)
                    activity = max(activity, solved_at)
                score = 0
                for voter in self.voters(asker, _weighted(rng, ((0, 45), (1, 30), (2, 15),
                                                                (3, 7), (6, 3)))):
                    value = 1 if rng.random() < 0.9 else -1
                    score += value
                    votes.append({"user_id": voter, "target_type": "question",
                                  "target_id": question_id, "value": value,
                                  "target_author_id": asker, "created_at": self.later(asked, 5)})
                if rng.random() < 0.3:
                    comment_id += 1
                    remark = self.t.comments[comment_id % len(self.t.comments)]
                    comments.append({"id": comment_id, "target_type": "question",
                                     "target_id": question_id,
                                     "author_id": self.voters(asker, 1)[0],
                                     "body": remark["body"], "html": remark["html"],
                                     "created_at": self.later(asked, 2), "hidden": False})
                    activity = max(activity, comments[-1]["created_at"])
                closed = "Answered elsewhere" if not shown and rng.random() < 0.03 else None
                questions.append({
                    "id": question_id, "title": spec["title"], "body": spec["body"],
                    "html": spec["html"], "author_id": asker,
                    "workgroup_id": self.group_draw.one() if rng.random() < 0.6 else None,
                    "created_at": asked, "edited_at": None, "last_activity_at": activity,
                    "score": score, "answer_count": len(shown), "accepted_answer_id": accepted,
                    "solved_at": solved_at, "closed_reason": closed,
                    "locked": rng.random() < 0.005, "hidden": hidden,
                    "promoted_article_id": None, "merged_into_id": None, "version": 1})
                revision_id += 1
                post_revisions.append({"id": revision_id, "post_type": "question",
                                       "post_id": question_id, "number": 1, "author_id": asker,
                                       "created_at": asked, "title": spec["title"],
                                       "body": spec["body"], "summary": "Asked the question"})
                names = dict.fromkeys([*spec["tags"][:2],
                                       *self.tag_draw.distinct(rng.randint(0, 2))])
                qtags += list({(question_id, self.tag_id.get(name, name)): {
                    "question_id": question_id, "tag_id": self.tag_id.get(name, name)}
                    for name in names}.values())
                watches.append({"user_id": asker, "target_type": "question",
                                "target_id": question_id, "created_at": asked})
                if not hidden:
                    self.questions_visible.append(question_id)
                    if accepted:
                        self.solved.append(question_id)
                    if len(shown) > best[1] and not closed:
                        best = (question_id, len(shown))
            self.insert(Question, questions)
            self.insert(Answer, answers)
            self.insert(Comment, comments)
            self.insert(PostRevision, post_revisions)
            self.insert(QuestionTag, qtags)
            self.insert(Vote, votes)
            unique = {(row["user_id"], row["target_id"]): row for row in watches}
            self.insert(Watch, list(unique.values()))
        from core.markup import slugify

        spec = self.t.questions[(best[0] - 1) % len(self.t.questions)]
        self.facts["question_path"] = f"/questions/{best[0]}/{slugify(spec['title'])[:60]}"
        self.facts["question_answers"] = best[1]

    # ------------------------------------------------------------ the editors' desk

    def desk(self) -> None:
        from editors.models import Collection, CollectionItem, Feature

        rng = self.rng
        collections, items = [], []
        item_id = 0
        for collection_id in range(1, max(3, self.n // 1000) + 1):
            title = f"Reading list: {TAG_WORDS[collection_id % len(TAG_WORDS)]} " \
                    f"{collection_id}"
            collections.append({"id": collection_id, "slug": title.lower().replace(": ", "-")
                                .replace(" ", "-"), "title": title,
                                "intro": "Readings chosen by the editors.",
                                "intro_html": self.t.collection_intro,
                                "hidden": collection_id == 3, "created_by_id": 2,
                                "created_at": self.moment(0.5),
                                "updated_at": self.moment(0.5 + 0.5 * rng.random())})
            articles = rng.sample(self.visible_articles, min(8, len(self.visible_articles)))
            solved = rng.sample(self.solved, min(4, len(self.solved)))
            readings = [("article_id", a) for a in articles[:rng.randint(3, 8)]] + \
                [("question_id", q) for q in solved[:rng.randint(2, 4)]]
            for position, (column, target) in enumerate(readings):
                item_id += 1
                items.append({"id": item_id, "collection_id": collection_id, "article_id": None,
                              "question_id": None, column: target, "note": "Start here.",
                              "note_html": self.t.note, "position": position,
                              "added_by_id": 2, "added_at": self.moment(0.6)})
        self.insert(Collection, collections)
        self.insert(CollectionItem, items)
        targets = [("article_id", a) for a in self.visible_articles[-3:]] + \
            [("question_id", q) for q in self.solved[-2:]] + [("collection_id", 1)]
        features = []
        for position, (column, target) in enumerate(targets):
            features.append({"id": position + 1, "article_id": None, "question_id": None,
                             "collection_id": None, column: target, "blurb": "Worth reading.",
                             "blurb_html": "<p>Worth reading.</p>", "icon": "", "image": "",
                             "image_alt": "", "position": position, "starts_at": None,
                             "ends_at": None, "retired_at": None, "created_by_id": 2,
                             "created_at": self.moment(0.99), "updated_at": self.moment(0.99)})
        self.insert(Feature, features)

    def build(self) -> dict:
        timings = {}
        for step in (self.members, self.tags, self.articles, self.workgroups, self.questions,
                     self.desk):
            started = time.perf_counter()
            step()
            timings[step.__name__] = round(time.perf_counter() - started, 1)
        self.facts["rows"] = dict(sorted(self.counts.items()))
        self.facts["build_seconds"] = timings
        tag_names = {number: name for name, number in self.tag_id.items()}
        self.facts["tag"] = tag_names[self.tag_draw.population[0]]
        return self.facts


# ---------------------------------------------------------------- one site, end to end


def _reset_sequences(connection) -> None:
    from sqlalchemy import text

    from core.extensions import db

    for table in db.metadata.sorted_tables:
        if "id" in table.c and table.c.id.primary_key and table.c.id.autoincrement is not False:
            # Table names from our own metadata, not from input.
            connection.execute(text(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "  # noqa: S608
                f"COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1, false)"))


def build_site(url: str, articles: int, index_dir: str, seed: int = 11) -> dict:
    from sqlalchemy import text

    from app import create_app
    from core.extensions import db

    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench",
                      "SEARCH_INDEX_DIR": index_dir, "SEARCH_DRAIN": "off",
                      "RATELIMIT_ENABLED": False})
    sqlite = url.startswith("sqlite")
    with app.app_context():
        started = time.perf_counter()
        with db.engine.connect() as connection:
            if sqlite:
                # No write-ahead log while loading (it would hold the whole site once more
                # before being copied into the database); the app turns it back on.
                connection.exec_driver_sql("PRAGMA journal_mode=OFF")
                connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
                connection.exec_driver_sql("PRAGMA synchronous=OFF")
                connection.exec_driver_sql("PRAGMA cache_size=-262144")
            else:
                connection.execute(text("SET session_replication_role = replica"))
            connection.commit()
            with connection.begin():
                facts = Builder(connection, articles, seed).build()
            if not sqlite:
                with connection.begin():
                    connection.execute(text("SET session_replication_role = DEFAULT"))
                    _reset_sequences(connection)
        facts["load_seconds"] = round(time.perf_counter() - started, 1)
        started = time.perf_counter()
        with db.engine.connect() as connection:
            if sqlite:
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                assert not broken, f"foreign keys broken by the bulk load: {broken[:5]}"
            else:  # what autovacuum would soon do: statistics and the visibility map
                connection.execution_options(isolation_level="AUTOCOMMIT").execute(
                    text("VACUUM ANALYZE"))
        facts["check_seconds"] = round(time.perf_counter() - started, 1)
        facts["search"] = index_newest(app)
        facts["database_bytes"] = database_bytes(url)
    return facts


def index_newest(app, count: int = 300) -> str:
    """Put the newest articles and questions in the search index, through the outbox."""
    from sqlalchemy import insert, select

    from community.models import Question
    from core.extensions import db
    from search import indexer
    from search.models import SearchOutbox
    from wiki.models import Article

    article_ids = db.session.scalars(select(Article.id).order_by(Article.id.desc())
                                     .limit(count)).all()
    question_ids = db.session.scalars(select(Question.id).order_by(Question.id.desc())
                                      .limit(count)).all()
    db.session.execute(insert(SearchOutbox), [{"kind": "article", "object_id": i}
                                              for i in article_ids]
                       + [{"kind": "question", "object_id": i} for i in question_ids])
    db.session.commit()
    handled = indexer.drain(timeout=10)
    return f"{handled} documents indexed (the newest {count} articles and {count} questions)"


def database_bytes(url: str) -> int:
    from sqlalchemy import text

    from core.extensions import db

    if url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///"))
        return sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))
    return db.session.scalar(text("SELECT pg_database_size(current_database())"))


def baseline_page(url: str, index_dir: str, slug: str, out: Path) -> int:
    """Write the body of this article's page: the baseline's content, as bench_wiki does."""
    from app import create_app

    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench",
                      "SEARCH_INDEX_DIR": index_dir, "SEARCH_DRAIN": "off",
                      "RATELIMIT_ENABLED": False})
    html = app.test_client().get(f"/wiki/{slug}").get_data(as_text=True)
    out.write_text(re.search(r"<body>(.*)</body>", html, re.S).group(1))
    return len(html.encode())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--articles", type=int, required=True)
    parser.add_argument("--index-dir", required=True)
    parser.add_argument("--facts", required=True)
    parser.add_argument("--baseline")
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    facts = build_site(args.url, args.articles, args.index_dir, args.seed)
    if args.baseline:
        facts["baseline_page_bytes"] = baseline_page(args.url, args.index_dir,
                                                     facts["article_slug"], Path(args.baseline))
    Path(args.facts).write_text(json.dumps(facts, indent=1, default=str))
    print(json.dumps({key: facts[key] for key in ("rows", "build_seconds", "load_seconds",
                                                  "database_bytes")}, default=str))


if __name__ == "__main__":
    main()
