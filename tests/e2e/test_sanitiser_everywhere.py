"""Every page that shows member text runs none of the known XSS vectors, in Chromium.

test_sanitiser_browser.py proves the article renderer; this test does the same for
everything else members write: questions (title and body, on the question page, its
history, the question list and the asker's profile), answers, comments (on questions,
answers and article discussions), profiles (display name, library and bio on
/users/<name>; every display name on a workgroup's member list), feature blurbs on the
home page, collection introductions and reading notes (/collections/ and each
collection), edit summaries (article history, recent changes, question history) and tag
names (article and question pages, /wiki/tags/, the home page's topics, search facets).

Every vector of the shared corpus goes through the real services (community, editors,
accounts, wiki), as the web forms send it, into each of these fields. Fields take as
many vectors as their limit allows (Markdown ones joined by blank lines, one-line ones by
spaces); display names take one each. A vector too long for a field on its own is sent
alone and must be refused with ValidationFailed on that field (the error a form shows),
never anything else, and so must every vector as a tag name. Fields that cut rather than
refuse (display name, library, bio) are tested with what they keep. Only a profile's
library (one per profile page) takes a sample of the corpus.

Each page is then opened with helpers.XssProbe: a trap installed before any page script,
handlers provoked, the DOM searched for what must never survive, and the site's
Content-Security-Policy bypassed so that the sanitiser and the templates' escaping stand
alone. Plain-text fields must also show exactly the text stored: escaped, not parsed.

Seeding raises the new-member link limit and skips the posting rate limit (anti-spam
rules, not the sanitiser: they would refuse most vectors before they got here), and
hashes the passwords of its 800 members cheaply (nobody signs in).
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import pytest
from sqlalchemy import select

from community import answers, comments, questions, services, workgroups
from community.profile import PROFILE_ITEMS
from community.questions import question_query
from community.views import PER_PAGE as QUESTIONS_PER_PAGE
from core import accounts
from core.errors import ValidationFailed
from core.extensions import db
from core.models import User
from core.spoofing import skeleton
from editors import collections as curated
from editors import common, features
from editors.home import HOME_FEATURES
from tests.e2e.helpers import PASSWORD, XSS_TAGS, pages_for_this_run, xss_probe, xss_vectors
from wiki import cleaning, saving

CHUNKS = 5  # questions with a batch of vectors as body, each with an answer
QUESTION_HISTORIES = 2  # of those, edited with a summary
DISCUSSIONS = 2  # articles whose discussion takes comments
NAME_MAX, LIBRARY_MAX, BIO_MAX = 80, 120, 2000  # what accounts.update_profile keeps
NOTE_COLLECTIONS = 4  # collections whose readings carry the notes
REVISIONS_PER_PAGE = 50  # article history and recent changes
PREFIX = 14  # "Question 001: ", "Collection 01 ": titles get a number, then vectors
def _line(text: str) -> str:
    """As one-line fields store text: whitespace collapsed."""
    return " ".join(text.split())


def _tag(text: str) -> str:
    """As a tag is kept: lower case, its words joined by hyphens."""
    return "-".join(text.split()).lower()


TAG_LINES = ["#" + _tag(tag) for tag in XSS_TAGS]


def _block(text: str) -> str:
    """As Markdown fields store text: line ends made \\n, trimmed."""
    return text.replace("\r\n", "\n").strip()


@dataclass
class Packed:
    """Payloads joined into values that fit a field, and those too long to fit alone."""

    values: list[str] = field(default_factory=list)
    sizes: list[int] = field(default_factory=list)  # payloads in each value
    too_long: list[str] = field(default_factory=list)


def _packs(payloads: list[str], limit: int, shape: Callable[[str], str],
           sep: str = " ") -> Packed:
    packed, current = Packed(), []
    for payload in payloads:
        text = shape(payload)
        if len(text) > limit:
            packed.too_long.append(payload)
            continue
        if current and len(sep.join([*current, text])) > limit:
            packed.values.append(sep.join(current))
            packed.sizes.append(len(current))
            current = []
        current.append(text)
    if current:
        packed.values.append(sep.join(current))
        packed.sizes.append(len(current))
    return packed


def _refused(what: str, field_name: str, payloads: list[str],
             send: Callable[[int, str], object]) -> int:
    """Send each payload alone; each must be refused with ValidationFailed on its field."""
    for number, payload in enumerate(payloads):
        try:
            send(number, payload)
        except ValidationFailed as error:
            assert error.field == field_name, f"{what}: {payload[:80]!r} refused for " \
                                              f"{error.field}: {error.message}"
        else:
            pytest.fail(f"{what} took {payload[:80]!r}, which is over its limit")
    return len(payloads)


@contextmanager
def _seeding(app) -> Iterator[None]:
    """Anti-spam limits off and cheap password hashes while the corpus is stored."""
    quick = {"RATELIMIT_ENABLED": False, "EDITORS_NEW_MEMBER_LINKS": 1_000_000,
             "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1"}
    saved = {name: app.config.get(name) for name in quick}
    app.config.update(quick)
    try:
        with app.app_context():
            yield
            db.session.commit()
    finally:
        for name, value in saved.items():
            if value is None:
                app.config.pop(name, None)
            else:
                app.config[name] = value


def _user(username: str, role: str = "member", **profile):
    user = accounts.register(username, f"{username}@example.org", PASSWORD, role=role)
    return accounts.update_profile(user, display_name=profile.get("display_name", ""),
                                   library=profile.get("library", ""), sector="",
                                   bio=profile.get("bio", ""))


def _told_apart(payload: str, number: int, seen: set[str]) -> str:
    """Display names that look alike are refused (issue 12, item 14): a vector that looks
    like a name already taken (the same but for case, say) is told apart by its member
    number, put first so that what is cut at 80 characters is the vector's end."""
    name = " ".join(payload.split())[:80]
    if name and skeleton(name) in seen:
        name = f"{number:03d} {name}"[:80]
    seen.add(skeleton(name))
    return name


@dataclass
class Visit:
    path: str
    texts: dict[str, list[str]] = field(default_factory=dict)  # selector: plain text shown


class Site:
    """Stores the corpus in every member-text field, and lists the pages that show it."""

    def __init__(self, payloads: list[str]) -> None:
        self.payloads = payloads
        self.visits: list[Visit] = []
        self.feature_ids: list[int] = []
        self.blurb_rounds: list[list[str]] = []  # the six blurbs of each home page
        self.report: dict[str, str] = {}  # surface: vectors shown and refused

    def tally(self, surface: str, shown: int, where: str, refused: int = 0) -> None:
        self.report[surface] = f"{shown} vectors in {where}" + (
            f"; {refused} refused" if refused else "")

    def seed(self, app) -> Site:
        with _seeding(app):
            self.editor = _user("mallory", role="admin")
            self.profiles()
            self.display_names()
            self.threads()
            self.titles()
            self.comments()
            self.question_summaries()
            self.tags()
            self.collections()
            self.features()
            self.article_summaries()
            db.session.flush()
            self.pages()
        return self

    # --- storing ---------------------------------------------------------------------

    def profiles(self) -> None:
        """A member per bio's worth of vectors, with a name and a library from the corpus
        too (a profile shows one of each)."""
        bios = _packs(self.payloads, BIO_MAX, _block, "\n")
        names = _packs(self.payloads, NAME_MAX, _line)
        libraries = _packs(self.payloads, LIBRARY_MAX, _line)
        self.people = [_user(f"p{number:02d}", display_name=names.values[-1 - number],
                             library=libraries.values[-1 - number], bio=bio)
                       for number, bio in enumerate(bios.values + bios.too_long)]
        count = len(self.people)
        self.tally("profile bio", len(self.payloads), f"{count} profiles (one cut to "
                   f"{BIO_MAX} characters)" if bios.too_long else f"{count} profiles")
        self.tally("profile library", sum(libraries.sizes[-count:]), f"{count} profiles")
        self.bio_packs = bios.values

    def display_names(self) -> None:
        """Every vector a member's display name (cut to 80 characters); they all join a
        workgroup, whose page lists them, and they write the comments."""
        self.group = workgroups.create_workgroup(
            self.editor, f"Workgroup {_line(self.payloads[0])[:100]}", self.bio_packs[-1])
        self.members = []
        seen = set(db.session.scalars(select(User.display_skeleton)))  # the profiles'
        for number, payload in enumerate(self.payloads):
            name = _told_apart(payload, number, seen)
            self.members.append(_user(f"n{number:03d}", display_name=name))
            workgroups.join(self.members[-1], self.group)
        self.tally("display name", len(self.payloads),
                   f"{len(self.members)} members, on a workgroup page and comments")

    def threads(self) -> None:
        """Questions with a batch of vectors as body, each answered with another batch."""
        size = math.ceil(len(self.payloads) / CHUNKS)
        chunks = ["\n\n".join(self.payloads[start:start + size])
                  for start in range(0, len(self.payloads), size)]
        self.titles_packed = _packs(self.payloads, questions.TITLE_MAX - PREFIX, _line)
        self.pairs = []
        for number, chunk in enumerate(chunks):
            question = questions.ask(
                self.people[number], title=f"Question {number:03d}: "
                f"{self.titles_packed.values[number]}", body=chunk, tags=XSS_TAGS)
            reply = answers.answer(self.people[number + CHUNKS], question,
                                   chunks[(number + CHUNKS // 2) % CHUNKS])
            self.pairs.append((question, reply))
        self.tally("question body", len(self.payloads), f"{CHUNKS} questions")
        self.tally("answer", len(self.payloads), f"{CHUNKS} answers")

    def titles(self) -> None:
        """The other titles, asked in turn by the profiles' members (a profile lists its
        member's newest questions); a vector too long to share a title goes alone."""
        packed = self.titles_packed
        alone = [_line(p) for p in packed.too_long if len(_line(p)) <= questions.TITLE_MAX]
        too_long = [p for p in packed.too_long if len(_line(p)) > questions.TITLE_MAX]
        rest = [f"Question {number:03d}: {title}"
                for number, title in enumerate(packed.values[CHUNKS:], start=CHUNKS)]
        for number, title in enumerate(rest + alone):
            questions.ask(self.people[number % len(self.people)], title=title,
                          body="Which of these have you seen?")
        refused = _refused("a question title", "title", too_long, lambda _number, payload: (
            questions.ask(self.editor, title=payload, body="Body")))
        self.tally("question title", len(self.payloads) - refused,
                   f"{len(packed.values) + len(alone)} questions", refused)

    def comments(self) -> None:
        """As many vectors as fit a comment, on the questions, the answers and under
        articles, each written by one of the members above."""
        self.discussions = [saving.create_article(self.editor, title=f"Discussion {number}",
                                                body="What do you think?").article
                            for number in range(1, DISCUSSIONS + 1)]
        targets = [("question", q.id) for q, _r in self.pairs] + \
            [("answer", r.id) for _q, r in self.pairs] + \
            [("article", article.id) for article in self.discussions]
        packed = _packs(self.payloads, comments.COMMENT_MAX, _block, "\n\n")
        self.commenters: dict[tuple[str, int], list[str]] = {target: [] for target in targets}
        for number, comment in enumerate(packed.values):
            target, author = targets[number % len(targets)], self.members[number]
            comments.add_comment(author, *target, comment)
            self.commenters[target].append(author.name)
        refused = _refused("a comment", "body", packed.too_long, lambda _number, payload: (
            comments.add_comment(self.members[0], *targets[0], payload)))
        self.tally("comment", len(self.payloads) - refused, f"{len(packed.values)} comments "
                   f"on {len(targets)} questions, answers and articles", refused)

    def question_summaries(self) -> None:
        self.summaries = _packs(self.payloads, cleaning.SUMMARY_MAX, _line)
        for number, (question, _reply) in enumerate(self.pairs[:QUESTION_HISTORIES]):
            questions.edit_question(question.author, question, title=question.title,
                                    body=question.body + "\n\nEdited.", tags=XSS_TAGS,
                                    summary=self.summaries.values[number])
        # edit_question checks the summary after changing the post (its view rolls that
        # back on the error), so the refusals go to a question of their own.
        spare = questions.ask(self.editor, title="Question for refused summaries",
                              body="Body")
        refused = _refused("a question's edit summary", "summary", self.summaries.too_long,
                           lambda number, payload: questions.edit_question(
                               self.editor, spare, title=spare.title, body=f"Edit {number}",
                               summary=payload))
        self.tally("question edit summary", sum(self.summaries.sizes[:QUESTION_HISTORIES]),
                   f"{QUESTION_HISTORIES} question histories", refused)

    def tags(self) -> None:
        """Every vector alone as a tag, on a question and on an article."""
        senders = (
            lambda number, tag: questions.ask(self.editor, title=f"Tagged question {number}",
                                              body="Body", tags=[tag]),
            lambda number, tag: saving.create_article(
                self.editor, title=f"Tagged article {number}", body="Body", tags=[tag]))
        self.accepted_tags: list[str] = []
        refused = 0
        for number, payload in enumerate(self.payloads):
            for send in senders:
                try:
                    send(number, payload)
                except ValidationFailed as error:
                    assert error.field == "tags", f"{payload!r}: {error.message}"
                    refused += 1
                else:  # shown on the question list and on /wiki/tags/
                    self.accepted_tags.append("#" + _tag(payload))
        self.tally("tag name", len(self.accepted_tags) // 2, "tags, with "
                   f"{len(XSS_TAGS)} of quotes and ampersands", refused)

    def collections(self) -> None:
        """Introductions, and notes on readings (a reading once in each collection)."""
        intros = _packs(self.payloads, common.NOTE_MAX * 3, _block, "\n\n")
        notes = _packs(self.payloads, common.NOTE_MAX, _block, "\n\n")
        per_collection = math.ceil(len(notes.values) / NOTE_COLLECTIONS)
        self.readings = [saving.create_article(self.editor, title=f"Reading {number:02d}",
                                             body="Worth your time.").article
                         for number in range(1, per_collection + 1)]
        titles = self.titles_packed.values
        self.shelves = [curated.create_collection(
            self.editor, f"Collection {number:02d} {titles[-1 - number]}", intro)
            for number, intro in enumerate(intros.values)]
        for number, note in enumerate(notes.values):
            curated.add_to_collection(self.editor, self.shelves[number // per_collection],
                                      f"/wiki/{self.readings[number % per_collection].slug}",
                                      note)
        refused = _refused("a collection introduction", "intro", intros.too_long,
                           lambda _number, payload: curated.create_collection(
                               self.editor, "Too long", payload))
        self.tally("collection introduction", len(self.payloads) - refused,
                   f"{len(intros.values)} collections", refused)
        refused = _refused("a reading note", "note", notes.too_long,
                           lambda _number, payload: curated.add_to_collection(
                               self.editor, self.shelves[-1],
                               f"/wiki/{self.readings[0].slug}", payload))
        self.tally("reading note", len(self.payloads) - refused,
                   f"{len(notes.values)} notes in {NOTE_COLLECTIONS} collections", refused)

    def features(self) -> None:
        """Six features on the home page, their blurbs edited between visits."""
        blurbs = _packs(self.payloads, common.BLURB_MAX, _block, "\n\n")
        self.blurb_rounds = [blurbs.values[start:start + HOME_FEATURES]
                             for start in range(0, len(blurbs.values), HOME_FEATURES)]
        for reading, blurb in zip(self.readings, self.blurb_rounds[0], strict=False):
            self.feature_ids.append(features.feature(self.editor, f"/wiki/{reading.slug}",
                                                    blurb=blurb).id)
        refused = _refused("a feature blurb", "blurb", blurbs.too_long,
                           lambda _number, payload: features.edit_feature(
                               self.editor, features.get_feature(self.feature_ids[0]),
                               blurb=payload))
        self.tally("feature blurb", len(self.payloads) - refused, f"{len(blurbs.values)} "
                   f"blurbs on {len(self.blurb_rounds)} home pages", refused)

    def article_summaries(self) -> None:
        """An article edited once per summary's worth of vectors: the last thing saved in
        the wiki, so recent changes lists these first."""
        self.article = saving.create_article(self.editor, title="Summaries", body="Revision 1",
                                             tags=XSS_TAGS).article
        for number, summary in enumerate(self.summaries.values, start=2):
            saving.save_edit(self.article, self.editor, title="Summaries",
                             body=f"Revision {number}", summary=summary, tags=XSS_TAGS,
                             base_revision=number - 1)
        refused = _refused("an article's edit summary", "summary", self.summaries.too_long,
                           lambda _number, payload: saving.save_edit(
                               self.article, self.editor, title="Summaries", body="Again",
                               summary=payload, tags=XSS_TAGS))
        self.tally("article edit summary", len(self.payloads) - refused,
                   f"{len(self.summaries.values)} revisions", refused)

    # --- the pages, and the plain text each must show -----------------------------------

    def pages(self) -> None:
        for question, reply in self.pairs:
            self.visits.append(Visit(services.question_url(question), {
                "#question-title": [question.title],
                ".thread-header": [question.author.name],
                ".answers .item-meta": [reply.author.name],
                ".comment-meta": self.commenters[("question", question.id)]
                + self.commenters[("answer", reply.id)],
                ".post-main .tags": TAG_LINES}))
        for question, _reply in self.pairs[:QUESTION_HISTORIES]:
            self.visits.append(Visit(f"/questions/{question.id}/history", {
                ".card h2": [revision.summary for revision in services.revisions_of(
                    "question", question.id)], ".eyebrow": [question.title]}))
        questions = list(db.session.scalars(question_query()))
        last = math.ceil(len(questions) / QUESTIONS_PER_PAGE)
        for page in (1, last):  # the list's template; every title is on its asker's profile
            shown = questions[(page - 1) * QUESTIONS_PER_PAGE:page * QUESTIONS_PER_PAGE]
            self.visits.append(Visit(f"/questions/?page={page}", {
                ".item-title": [q.title for q in shown],
                ".question-list .item-meta": [q.author.name for q in shown],
                ".question-list .tags": ["#" + tag.name for q in shown for tag in q.tags]}))
        self.visits.append(Visit(f"/workgroups/{self.group.slug}", {
            "h1": [self.group.name], ".lead": [self.group.description],
            ".member-list": [member.name for member in self.members]}))
        for user in self.people:
            asked = [q.title for q in questions if q.author_id == user.id]
            assert len(asked) <= PROFILE_ITEMS, f"{user.username} asked too many to show"
            self.visits.append(Visit(f"/users/{user.username}", {
                "h1": [user.name], ".facts": [user.library], ".bio": [user.bio],
                ".profile-community": asked}))
        for discussion in self.discussions:
            self.visits.append(Visit(f"/wiki/{discussion.slug}", {
                ".discussion .comment-meta": self.commenters[("article", discussion.id)]}))
        self.visits.append(Visit(f"/wiki/{self.article.slug}", {".tags": TAG_LINES}))
        summaries = list(reversed(self.summaries.values))  # newest first, then the creation
        for page in range(1, math.ceil((len(summaries) + 1) / REVISIONS_PER_PAGE) + 1):
            shown = summaries[(page - 1) * REVISIONS_PER_PAGE:page * REVISIONS_PER_PAGE]
            self.visits.append(Visit(f"/wiki/{self.article.slug}/history?page={page}",
                                     {"table.history": shown}))
            self.visits.append(Visit(f"/wiki/recent?page={page}",
                                     {".changes .item-meta": shown}))
        self.visits += [
            Visit("/wiki/tags/", {".tags": TAG_LINES + self.accepted_tags}),
            Visit("/search?q=summaries", {".facet-list": TAG_LINES}),
            Visit("/search?q=alert&type=question", {".facet-list": TAG_LINES}),
            Visit("/search?q=script+img"),
            Visit("/collections/", {".card-grid .h-card": [c.title for c in self.shelves]}),
            *(Visit(f"/collections/{shelf.slug}", {"#collection-title": [shelf.title]})
              for shelf in self.shelves[:NOTE_COLLECTIONS])]


def test_member_text_runs_nothing_on_any_page(browser, live_server, console):
    started = time.monotonic()
    site = Site(xss_vectors()).seed(live_server.app)
    seeded = time.monotonic()

    with xss_probe(browser, live_server, console) as probe:
        shown = pages_for_this_run([visit.path for visit in site.visits])
        for visit in site.visits:
            if visit.path in shown:
                probe.visit(visit.path, visit.texts)
        home_pages = site.blurb_rounds if pages_for_this_run(["/"]) else []
        for number, blurbs in enumerate(home_pages):
            if number:  # the next six blurbs
                with live_server.app.app_context():
                    editor = accounts.get_by_username("mallory")
                    for feature_id, blurb in zip(site.feature_ids, blurbs, strict=False):
                        features.edit_feature(editor, features.get_feature(feature_id),
                                             blurb=blurb)
                    db.session.commit()
            probe.visit("/", {".tags": TAG_LINES})
        probe.assert_clean()
    assert not console.unexpected(), console.unexpected()

    print(f"\nseeded in {seeded - started:.1f}s; {probe.visited} pages in "
          f"{time.monotonic() - seeded:.1f}s")
    for surface, line in site.report.items():
        print(f"  {surface}: {line}")
