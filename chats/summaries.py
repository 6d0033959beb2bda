"""After a chat: the summary (a synthesis per prompt, highlights quoting chosen replies,
what was decided for the next chat), the curator the host names, and turning a summary
into a practice article that credits the quoted members."""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import selectinload

from chats.live import reply_url
from chats.models import PAST, Chat, Highlight, Reply
from chats.scheduling import chat_changed, find_member, now
from community import notifications
from community.services import clean_text
from core import permissions
from core.errors import ValidationFailed
from core.extensions import db
from core.markup import render
from core.models import User
from core.text import check_text

SUMMARY_MAX = 20_000
HIGHLIGHTS_MAX = 100


def _optional(text: str, field: str, what: str) -> str:
    text = check_text(text, field, what, multiline=True).replace("\r\n", "\n").strip()
    return clean_text(text, field=field, limit=SUMMARY_MAX, what=what) if text else ""


def name_curator(host: User, chat: Chat, username: str) -> Chat:
    permissions.require(permissions.may_host_chat(host, chat),
                        "Only the chat's host names its curator.")
    chat.curator_id = find_member(username).id if username.strip() else None
    db.session.flush()
    return chat


def highlights_of(chat: Chat) -> dict[int, list[Reply]]:
    """{prompt_id: [highlighted replies]} in reply order."""
    rows = db.session.scalars(
        select(Highlight).join(Reply, Reply.id == Highlight.reply_id)
        .where(Reply.chat_id == chat.id, Reply.hidden.is_(False))
        .options(selectinload(Highlight.reply).selectinload(Reply.author))
        .order_by(Reply.id))
    grouped: dict[int, list[Reply]] = {}
    for row in rows:
        grouped.setdefault(row.prompt_id, []).append(row.reply)
    return grouped


def write_summary(user: User, chat: Chat, *, overview: str, next_steps: str,
                  syntheses: dict[int, str], highlights: set[int]) -> Chat:
    """Save the summary; members newly highlighted are told (once each)."""
    permissions.require_member(user)
    permissions.require(permissions.may_summarise_chat(user, chat),
                        "Only the chat's host or its curator writes the summary.")
    if chat.status(now()) != PAST:
        raise ValidationFailed("The summary is written once the chat has ended.")
    if len(highlights) > HIGHLIGHTS_MAX:
        raise ValidationFailed(f"Choose at most {HIGHLIGHTS_MAX} highlights.")
    overview = _optional(overview, "overview", "overview")
    next_steps = _optional(next_steps, "next_steps", "plans for the next chat")
    chat.summary, chat.summary_html = overview, render(overview).html if overview else ""
    chat.next_steps = next_steps
    chat.next_steps_html = render(next_steps).html if next_steps else ""
    for prompt in chat.prompts:
        text = _optional(syntheses.get(prompt.id, ""), f"synthesis-{prompt.id}",
                         f"synthesis of {prompt.label}")
        if text != prompt.synthesis:
            prompt.synthesis, prompt.synthesis_html = text, render(text).html if text else ""
    chosen = list(db.session.scalars(select(Reply).where(
        Reply.chat_id == chat.id, Reply.id.in_(highlights or {0}), Reply.hidden.is_(False),
        Reply.prompt_id.is_not(None))))
    before = set(db.session.scalars(select(Highlight.reply_id).join(
        Reply, Reply.id == Highlight.reply_id).where(Reply.chat_id == chat.id)))
    prompt_ids = [prompt.id for prompt in chat.prompts]
    db.session.execute(delete(Highlight).where(Highlight.prompt_id.in_(prompt_ids or [0])))
    for reply in chosen:
        db.session.add(Highlight(prompt_id=reply.prompt_id, reply_id=reply.id))
    chat.summarised_at = now()
    db.session.flush()
    for reply in chosen:
        if reply.id not in before and reply.author_id is not None:
            notifications.notify({reply.author_id}, "chat_highlight",
                                 f"{user.name} quoted your reply in the summary of "
                                 f"“{chat.title}”", reply_url(reply), user)
    chat_changed(chat)
    return chat


# ---------------------------------------------------------------- to a practice article

def article_sources(chat: Chat) -> list[tuple[User, str, str]]:
    """(author, summary, text added): the summary by its writer, then each quoted
    member's words, so that the article credits them as contributors."""
    grouped = highlights_of(chat)
    sources: list[tuple[User | None, str, str]] = []
    intro = f"From the community chat “{chat.title}” ({chat.hashtag}).\n"
    if chat.summary:
        intro += f"\n{chat.summary}\n"
    sources.append((None, "The chat's summary", intro))
    for prompt in chat.prompts:
        section = f"\n## {prompt.label}: {prompt.body}\n"
        if prompt.synthesis:
            section += f"\n{prompt.synthesis}\n"
        sources.append((None, f"Summary of {prompt.label}", section))
        for reply in grouped.get(prompt.id, []):
            quote = "\n".join(f"> {line}" if line else ">" for line in reply.body.splitlines())
            text = f"\n{quote}\n>\n> — {reply.author_name}\n"
            sources.append((reply.author, f"Quoted from {reply.author_name}'s reply", text))
    if chat.next_steps:
        sources.append((None, "Next steps", f"\n## Next steps\n\n{chat.next_steps}\n"))
    return sources


def to_article(user: User, chat: Chat, title: str = ""):
    """A practice article from the summary: one revision per quoted member (who is then a
    contributor), the summary's own text by the one converting it. Once per chat."""
    from wiki import saving

    permissions.require(permissions.may_summarise_chat(user, chat),
                        "Only the chat's host or its curator turns the summary into an "
                        "article.")
    if chat.summarised_at is None:
        raise ValidationFailed("Write the summary first.")
    if chat.article_id is not None:
        raise ValidationFailed("This summary is an article already.")
    title = check_text(title, "title", "the title").strip() or f"Practice from {chat.title}"
    text, result = "", None
    for author, summary, addition in article_sources(chat):
        text = f"{text}{addition}"
        writer = author if author is not None and author.active else user
        if result is None:
            result = saving.create_article(writer, title=title[:200], body=text,
                                           summary=summary, tags=["chats"])
        else:
            saving.save_edit(result.article, writer, title=title[:200], body=text,
                             summary=summary, tags=["chats"],
                             base_revision=result.article.current_revision.number)
    chat.article_id = result.article.id
    chat_changed(chat)
    return result.article
