"""What goes into the index, read from the database: the store is the truth.

Each kind of content registers a Source: how to build the documents for some ids
(None for an id that must not be in the index: hidden, deleted or unknown), and the
stamps of everything that should be there, for `flask search check`.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from core.extensions import db
from core.urls import site_path

TAG_RE = re.compile(r"<[^>]+>")
# Tags within a line of text: dropped, not made a space ("<a>makerspace</a>." reads
# "makerspace." in a snippet, not "makerspace .").
INLINE_TAG_RE = re.compile(r"</?(?:a|abbr|b|cite|code|del|dfn|em|i|ins|kbd|mark|q|s|small|"
                           r"span|strong|sub|sup|u|var)(?:\s[^>]*)?>", re.IGNORECASE)
SPACE_RE = re.compile(r"\s+")


@dataclass(frozen=True)
class Source:
    kind: str
    documents: Callable[[list[int]], dict[int, dict | None]]
    stamps: Callable[[], Iterator[tuple[int, str]]]


SOURCES: dict[str, Source] = {}


def register(source: Source) -> None:
    SOURCES[source.kind] = source


# The end of a block (a heading, a paragraph, a table cell, a list item) or a line break: a
# separator, so that a snippet reads "Getting started · Three printers" and "Branch ·
# Loans", not "Getting started Three printers" and "Branch Loans"; none after a full stop.
PART_END_RE = re.compile(r"</(?:h[1-6]|p|div|blockquote|pre|th|td|li|dt|dd|caption|figcaption)"
                         r"\s*>|<br\s*/?>",
                         re.IGNORECASE)
SEPARATOR = "\u2009·\u2009"
SEPARATORS_RE = re.compile(r"(?:\s*\u2009·\u2009\s*)+")
AFTER_STOP_RE = re.compile(r"([.!?:;…])\u2009·\u2009")


def html_to_text(markup: str) -> str:
    text = PART_END_RE.sub(SEPARATOR, INLINE_TAG_RE.sub("", markup or ""))
    text = SPACE_RE.sub(" ", html.unescape(TAG_RE.sub(" ", text)))
    text = SEPARATORS_RE.sub(" · ", text)
    text = AFTER_STOP_RE.sub(r"\1 ", text.replace(" · ", SEPARATOR))
    return text.replace(SEPARATOR, " · ").strip(" ·")


def key(kind: str, object_id: int) -> str:
    return f"{kind}:{object_id}"


# ---------------------------------------------------------------- articles

def _article_stamp(revision_id: int | None, tags: list[str], sectors: list[str],
                   overdue: bool = False) -> str:
    """What an article's document depends on and can change without a new revision."""
    stamp = f"{revision_id}|{','.join(sorted(tags))}|{','.join(sorted(sectors))}"
    return stamp + "|overdue" if overdue else stamp


def article_documents(ids: list[int]) -> dict[int, dict | None]:
    from wiki.checking import is_overdue
    from wiki.models import Article, ArticleAuthor

    found = {article.id: article for article in db.session.scalars(
        select(Article).where(Article.id.in_(ids)).options(
            joinedload(Article.current_revision), selectinload(Article.tags),
            selectinload(Article.sector_rows),
            selectinload(Article.authors).joinedload(ArticleAuthor.user)))}
    documents: dict[int, dict | None] = {}
    attached = _attachment_text([article.current_revision_id for article in found.values()])
    for article_id in ids:
        article = found.get(article_id)
        if article is None or article.hidden or article.current_revision is None:
            documents[article_id] = None
            continue
        revision = article.current_revision
        leads = [row.user for row in article.authors if row.lead] or \
            [row.user for row in article.authors]
        overdue = is_overdue(article.check_by)
        documents[article_id] = {
            "key": key("article", article.id), "type": "article", "object_id": article.id,
            "title": article.title, "title_prefix": title_words(article.title),
            "body": " · ".join(part for part in (html_to_text(revision.html),
                                                 attached.get(revision.id, "")) if part),
            "tags": ",".join(tag.name for tag in article.tags),
            "sectors": ",".join(article.sectors),
            "authors": ",".join(row.user.username for row in article.authors),
            "author_name": ", ".join(user.name for user in leads[:3]),
            "url": site_path("wiki.article", slug=article.slug), "solved": False,
            "updated": article.updated_at, "overdue": overdue,
            "stamp": _article_stamp(article.current_revision_id,
                                    [tag.name for tag in article.tags], article.sectors,
                                    overdue),
        }
    return documents


def _attachment_text(revision_ids: list[int | None]) -> dict[int, str]:
    """The text of the documents (PDF, office, text) each revision uses (files.extract):
    searching it finds the article that attaches them."""
    from files.uses import attachment_texts

    return attachment_texts([rid for rid in revision_ids if rid is not None])


def article_stamps() -> Iterator[tuple[int, str]]:
    from wiki.checking import is_overdue
    from wiki.models import Article, ArticleSector, ArticleTag, Tag

    tags: dict[int, list[str]] = {}
    for article_id, name in db.session.execute(
            select(ArticleTag.article_id, Tag.name).join(Tag, Tag.id == ArticleTag.tag_id)):
        tags.setdefault(article_id, []).append(name)
    sectors: dict[int, list[str]] = {}
    for article_id, sector in db.session.execute(
            select(ArticleSector.article_id, ArticleSector.sector)):
        sectors.setdefault(article_id, []).append(sector)
    rows = db.session.execute(select(Article.id, Article.current_revision_id, Article.check_by)
                              .where(Article.hidden.is_(False)))
    for article_id, revision_id, check_by in rows:
        yield article_id, _article_stamp(revision_id, tags.get(article_id, []),
                                         sectors.get(article_id, []), is_overdue(check_by))


def title_words(title: str) -> str:
    from whoosh.support.charset import accent_map

    words = re.findall(r"\w+", title.lower().translate(accent_map))
    return ",".join(dict.fromkeys(words))


def all_ids(kind: str) -> Iterable[int]:
    return (object_id for object_id, _stamp in SOURCES[kind].stamps())


register(Source("article", article_documents, article_stamps))


# ---------------------------------------------------------------- questions

def question_documents(ids: list[int]) -> dict[int, dict | None]:
    from community.models import Answer, Question

    found = {question.id: question for question in db.session.scalars(
        select(Question).where(Question.id.in_(ids)).options(
            selectinload(Question.tags), joinedload(Question.author),
            joinedload(Question.workgroup)))}
    answers: dict[int, list] = {}
    for reply in db.session.scalars(select(Answer).where(Answer.question_id.in_(ids),
                                                         Answer.hidden.is_(False))
                                    .options(joinedload(Answer.author))):
        answers.setdefault(reply.question_id, []).append(reply)
    documents: dict[int, dict | None] = {}
    for question_id in ids:
        question = found.get(question_id)
        if question is None or question.hidden:
            documents[question_id] = None
            continue
        replies = answers.get(question_id, [])
        accepted = next((reply for reply in replies
                         if reply.id == question.accepted_answer_id), None)
        from community.services import question_url

        documents[question_id] = {
            "key": key("question", question.id), "type": "question",
            "object_id": question.id, "title": question.title,
            "title_prefix": title_words(question.title),
            "body": " ".join([html_to_text(question.html)]
                             + [html_to_text(reply.html) for reply in replies]),
            "accepted": html_to_text(accepted.html) if accepted else "",
            "tags": ",".join(tag.name for tag in question.tags),
            "sectors": question.author.sector or "",
            "workgroup": question.workgroup.slug if question.workgroup else "",
            "authors": ",".join(dict.fromkeys([question.author.username]
                                              + [reply.author.username for reply in replies])),
            "author_name": question.author.name, "url": question_url(question),
            "solved": accepted is not None, "updated": question.last_activity_at,
            "stamp": str(question.version),
        }
    return documents


def question_stamps() -> Iterator[tuple[int, str]]:
    from community.models import Question

    rows = db.session.execute(select(Question.id, Question.version)
                              .where(Question.hidden.is_(False)))
    for question_id, version in rows:
        yield question_id, str(version)


register(Source("question", question_documents, question_stamps))


# ---------------------------------------------------------------- organisations

ORGANISATION_FIELDS = ("name", "slug", "kind", "status", "country", "region", "isil",
                       "description")


def _organisation_stamp(values, sectors: list[str]) -> str:
    """What an organisation's document depends on (it has no version): a digest."""
    import hashlib

    text = "\x1f".join([*(str(value or "") for value in values), ",".join(sorted(sectors))])
    return hashlib.sha1(text.encode("utf-8"), usedforsecurity=False).hexdigest()[:16]


def organisation_documents(ids: list[int]) -> dict[int, dict | None]:
    from orgs.identifiers import country_name
    from orgs.models import KINDS, Organisation

    found = {organisation.id: organisation for organisation in db.session.scalars(
        select(Organisation).where(Organisation.id.in_(ids))
        .options(selectinload(Organisation.sector_rows)))}
    documents: dict[int, dict | None] = {}
    for organisation_id in ids:
        organisation = found.get(organisation_id)
        if organisation is None or organisation.status == "merged":
            documents[organisation_id] = None
            continue
        place = ", ".join(part for part in (organisation.region,
                                            country_name(organisation.country)) if part)
        about = " · ".join(part for part in (KINDS.get(organisation.kind, ""), place,
                                             organisation.isil) if part)
        documents[organisation_id] = {
            "key": key("organisation", organisation.id), "type": "organisation",
            "object_id": organisation.id, "title": organisation.name,
            "title_prefix": title_words(organisation.name),
            "body": " · ".join(part for part in (organisation.description, about) if part),
            "tags": "", "sectors": ",".join(organisation.sectors), "authors": "",
            "author_name": about if organisation.status == "active"
            else f"{about} · closed",
            "url": site_path("orgs.organisation", slug=organisation.slug), "solved": False,
            "updated": organisation.created_at,
            "stamp": _organisation_stamp([getattr(organisation, name)
                                          for name in ORGANISATION_FIELDS],
                                         organisation.sectors),
        }
    return documents


def organisation_stamps() -> Iterator[tuple[int, str]]:
    from orgs.models import Organisation, OrganisationSector

    sectors: dict[int, list[str]] = {}
    for organisation_id, sector in db.session.execute(
            select(OrganisationSector.organisation_id, OrganisationSector.sector)):
        sectors.setdefault(organisation_id, []).append(sector)
    columns = [getattr(Organisation, name) for name in ORGANISATION_FIELDS]
    for organisation_id, *values in db.session.execute(
            select(Organisation.id, *columns).where(Organisation.status != "merged")):
        yield organisation_id, _organisation_stamp(values, sectors.get(organisation_id, []))


register(Source("organisation", organisation_documents, organisation_stamps))


# ---------------------------------------------------------------- training topics

TRAINING_FIELDS = ("title", "html", "status", "format", "sectors", "region", "audience")


def training_documents(ids: list[int]) -> dict[int, dict | None]:
    """A training topic of the register (training/): not its duplicates, which redirect."""
    from training.models import FORMATS, TOPIC_STATUSES, TrainingTopic

    found = {topic.id: topic for topic in db.session.scalars(
        select(TrainingTopic).where(TrainingTopic.id.in_(ids)))}
    documents: dict[int, dict | None] = {}
    for topic_id in ids:
        topic = found.get(topic_id)
        if topic is None or topic.status == "duplicate":
            documents[topic_id] = None
            continue
        about = " · ".join(part for part in (
            TOPIC_STATUSES[topic.status], FORMATS.get(topic.format, ""),
            "Online" if topic.region == "online" else topic.region, topic.audience) if part)
        documents[topic_id] = {
            "key": key("training", topic.id), "type": "training", "object_id": topic.id,
            "title": topic.title, "title_prefix": title_words(topic.title),
            "body": " · ".join(part for part in (html_to_text(topic.html), about) if part),
            "tags": "", "sectors": topic.sectors, "authors": "", "author_name": about,
            "url": site_path("training.topic", topic_id=topic.id), "solved": False,
            "updated": topic.created_at,
            "stamp": _organisation_stamp([getattr(topic, name) for name in TRAINING_FIELDS],
                                         []),
        }
    return documents


def training_stamps() -> Iterator[tuple[int, str]]:
    from training.models import TrainingTopic

    columns = [getattr(TrainingTopic, name) for name in TRAINING_FIELDS]
    for topic_id, *values in db.session.execute(
            select(TrainingTopic.id, *columns).where(TrainingTopic.status != "duplicate")):
        yield topic_id, _organisation_stamp(values, [])


register(Source("training", training_documents, training_stamps))


# ---------------------------------------------------------------- community chats

CHAT_BODY_MAX = 100_000  # a chat's document: its summary, prompts and the replies that fit


def chat_documents(ids: list[int]) -> dict[int, dict | None]:
    from chats.models import Chat, Reply

    found = {chat.id: chat for chat in db.session.scalars(
        select(Chat).where(Chat.id.in_(ids)).options(selectinload(Chat.prompts)))}
    replies: dict[int, list[str]] = {}
    for chat_id, markup in db.session.execute(
            select(Reply.chat_id, Reply.html).where(Reply.chat_id.in_(list(found) or [0]),
                                                    Reply.hidden.is_(False))
            .order_by(Reply.chat_id, Reply.id)):
        replies.setdefault(chat_id, []).append(markup)
    documents: dict[int, dict | None] = {}
    for chat_id in ids:
        chat = found.get(chat_id)
        if chat is None:
            documents[chat_id] = None
            continue
        parts = [chat.summary_html, chat.description_html,
                 *(f"<p>{prompt.label}: {prompt.html} {prompt.synthesis_html}</p>"
                   for prompt in chat.prompts if prompt.released_at or chat.import_key),
                 *replies.get(chat_id, [])]
        body = html_to_text(" ".join(part for part in parts if part))[:CHAT_BODY_MAX]
        documents[chat_id] = {
            "key": key("chat", chat.id), "type": "chat", "object_id": chat.id,
            "title": chat.title, "title_prefix": title_words(chat.title),
            "body": body, "tags": "", "sectors": "", "authors": "",
            "author_name": f"#{chat.short_name} · {chat.starts_at:%-d %B %Y}",
            "url": site_path("chats.chat", chat_id=chat.id), "solved": False,
            "updated": chat.starts_at, "stamp": str(chat.version),
        }
    return documents


def chat_stamps() -> Iterator[tuple[int, str]]:
    from chats.models import Chat

    for chat_id, version in db.session.execute(select(Chat.id, Chat.version)):
        yield chat_id, str(version)


register(Source("chat", chat_documents, chat_stamps))
