"""Which content uses which file, who may fetch a file, and alt text on images.

Text refers to a file by its address, /files/<sha256>/<name>. When an article's revision
is saved (signal `article_saved`) its text's files are recorded for that revision; when a
question or its answers change (`content_changed`) their current files are recorded
again. A file is fetched by whoever may see some content that uses it (files.models).
"""

from __future__ import annotations

import re

from sqlalchemy import and_, delete, exists, or_, select

from core import permissions
from core.errors import ValidationFailed
from core.extensions import db
from files.models import FileUse, FileVariant, StoredFile

FILE_REF_RE = re.compile(r"/files/([0-9a-f]{64})(?=/)")
# ![alt](/files/<sha>/...) and <img ... src="/files/<sha>/..."> in member Markdown.
MD_IMAGE_RE = re.compile(r"!\[((?:\\.|[^\]\\\n]){0,1000})\]\(\s*<?/files/([0-9a-f]{64})/")
HTML_IMG_RE = re.compile(r"<img\b[^>]{0,2000}>", re.IGNORECASE)
ALT_ATTR_RE = re.compile(r"""\balt\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)


def referenced(text: str | None) -> set[str]:
    """The hashes of the files a text refers to (smaller sizes count as their original)."""
    hashes = set(FILE_REF_RE.findall(text or ""))
    if not hashes:
        return set()
    originals = dict(db.session.execute(select(FileVariant.sha256, FileVariant.original_sha256)
                                        .where(FileVariant.sha256.in_(hashes))).all())
    hashes = {originals.get(sha, sha) for sha in hashes}
    return set(db.session.scalars(select(StoredFile.sha256).distinct()
                                  .where(StoredFile.sha256.in_(hashes))))


def record_uses(kind: str, object_id: int, text: str | None) -> None:
    """The files `text` uses, as the uses of (kind, object_id), replacing any before."""
    db.session.execute(delete(FileUse).where(FileUse.kind == kind,
                                             FileUse.object_id == object_id))
    for sha in sorted(referenced(text)):
        db.session.add(FileUse(sha256=sha, kind=kind, object_id=object_id))
    db.session.flush()


# ---------------------------------------------------------------- receivers

def on_article_saved(_app, article=None, revision=None, **_):
    if revision is not None:
        record_uses("revision", revision.id, revision.body)


def on_content_changed(_app, kind=None, object_id=None, **_):
    if kind != "question" or object_id is None:
        return
    from community.models import Answer, Question

    body = db.session.scalar(select(Question.body).where(Question.id == object_id))
    if body is None:
        return
    answers = db.session.execute(select(Answer.id, Answer.body)
                                 .where(Answer.question_id == object_id)).all()
    had = set(db.session.execute(select(FileUse.kind, FileUse.object_id).where(or_(
        and_(FileUse.kind == "question", FileUse.object_id == object_id),
        and_(FileUse.kind == "answer",
             FileUse.object_id.in_([answer_id for answer_id, _ in answers]))))).all())
    posts = [("question", object_id, body), *(("answer", a, b) for a, b in answers)]
    for post_kind, post_id, text in posts:
        if "/files/" in (text or "") or (post_kind, post_id) in had:
            record_uses(post_kind, post_id, text)


def on_checking_post(_app, user=None, text="", previous="", **_):
    """Refuse text with one of our images that has no alt text, unless it was uploaded as
    decorative: the article (question, answer) is not saved until it has one."""
    missing = images_without_alt(text)
    if missing:
        names = ", ".join(f"“{name}”" for name in missing[:3])
        raise ValidationFailed(
            f"The image {names} has no description (alt text). Write one between the square "
            "brackets, ![like this](…), saying what the image shows for people who cannot "
            "see it; or upload it again marked as decorative.", "body")


def images_without_alt(text: str | None) -> list[str]:
    text = text or ""
    if "/files/" not in text:
        return []
    empty = {sha for alt, sha in MD_IMAGE_RE.findall(text) if not alt.strip()}
    for tag in HTML_IMG_RE.findall(text):
        ref = FILE_REF_RE.search(tag)
        alt = ALT_ATTR_RE.search(tag)
        value = next((group for group in alt.groups() if group is not None), "") if alt else ""
        if ref and not value.strip():
            empty.add(ref.group(1))
    if not empty:
        return []
    originals = dict(db.session.execute(select(FileVariant.sha256, FileVariant.original_sha256)
                                        .where(FileVariant.sha256.in_(empty))).all())
    wanted = {originals.get(sha, sha) for sha in empty}
    rows = db.session.execute(select(StoredFile.sha256, StoredFile.name,
                                     StoredFile.decorative, StoredFile.media_type)
                              .where(StoredFile.sha256.in_(wanted))).all()
    decorative = {sha for sha, _name, flag, _type in rows if flag}
    return sorted({name for sha, name, _flag, media in rows
                   if media.startswith("image/") and sha not in decorative})


# ---------------------------------------------------------------- who may fetch

def _visible_use(sha: str):
    """SQL: some content that anyone may see uses the file `sha`."""
    from community.models import Answer, Question
    from wiki.models import Article, Revision

    revision = exists().where(
        FileUse.sha256 == sha, FileUse.kind == "revision",
        Revision.id == FileUse.object_id, Revision.suppressed_at.is_(None),
        Article.id == Revision.article_id, Article.hidden.is_(False))
    question = exists().where(
        FileUse.sha256 == sha, FileUse.kind == "question",
        Question.id == FileUse.object_id, Question.hidden.is_(False))
    answer = exists().where(
        FileUse.sha256 == sha, FileUse.kind == "answer", Answer.id == FileUse.object_id,
        Answer.hidden.is_(False), Question.id == Answer.question_id,
        Question.hidden.is_(False))
    from chats.models import Chat, Reply

    # A chat is seen by everyone (chats have no hidden state); its replies unless hidden.
    chat_reply = exists().where(
        FileUse.sha256 == sha, FileUse.kind == "chat_reply", Reply.id == FileUse.object_id,
        Reply.hidden.is_(False), Chat.id == Reply.chat_id)
    return or_(revision, question, answer, chat_reply)


def used_visibly(sha: str) -> bool:
    return bool(db.session.scalar(select(_visible_use(sha))))


def may_fetch(viewer, sha: str) -> bool:
    uploaded = permissions.is_member(viewer) and db.session.scalar(
        select(exists().where(StoredFile.sha256 == sha, StoredFile.uploader_id == viewer.id)))
    if uploaded or permissions.may_see_hidden(viewer):
        return permissions.may_fetch_file(viewer, uploaded_by_viewer=bool(uploaded),
                                          used_visibly=False)
    return permissions.may_fetch_file(viewer, uploaded_by_viewer=False,
                                      used_visibly=used_visibly(sha))


def attachments(kind: str, object_id: int | None) -> list[StoredFile]:
    """The files the content uses, one record per file, in name order."""
    if object_id is None:
        return []
    rows = db.session.scalars(
        select(StoredFile).join(FileUse, FileUse.sha256 == StoredFile.sha256)
        .where(FileUse.kind == kind, FileUse.object_id == object_id)
        .order_by(StoredFile.name, StoredFile.id)).all()
    seen, unique = set(), []
    for row in rows:
        if row.sha256 not in seen:
            seen.add(row.sha256)
            unique.append(row)
    return unique


def attachment_texts(revision_ids: list[int]) -> dict[int, str]:
    """Revision id -> the extracted text of the documents it uses (for search)."""
    if not revision_ids:
        return {}
    rows = db.session.execute(
        select(FileUse.object_id, StoredFile.sha256, StoredFile.name, StoredFile.text)
        .join(StoredFile, StoredFile.sha256 == FileUse.sha256)
        .where(FileUse.kind == "revision", FileUse.object_id.in_(revision_ids),
               StoredFile.text_state == "done")
        .order_by(FileUse.object_id, StoredFile.sha256, StoredFile.id)).all()
    texts: dict[int, dict[str, str]] = {}
    for revision_id, sha, name, text in rows:
        texts.setdefault(revision_id, {}).setdefault(sha, f"{name}: {text or ''}")
    return {revision_id: " · ".join(by_sha.values()) for revision_id, by_sha in texts.items()}
