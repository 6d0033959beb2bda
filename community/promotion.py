"""Promotion of a solved question into an article, crediting each answer's author."""

from __future__ import annotations

import re
from dataclasses import dataclass

from community.answers import ordered_answers
from community.models import Question
from community.services import question_changed, question_url
from core import permissions
from core.models import User
from wiki import saving


@dataclass
class Draft:
    title: str
    body: str
    sources: list[tuple[User, str, str]]  # (author, summary, text added)


def promotion_draft(user: User, question: Question) -> Draft:
    """An article drafted from the thread: the question as context, the answers as practice."""
    permissions.require(permissions.may_promote(user, question),
                        "Only the asker or an editor may promote a solved thread, once.")
    answers = ordered_answers(question)
    chosen = [reply for reply in answers if reply.id == question.accepted_answer_id]
    chosen += [reply for reply in answers if reply.id != question.accepted_answer_id
               and reply.score > 0][:2]
    sources = [(question.author, f"From the question by {question.author.name}",
                f"## The problem or context\n\n{question.body.strip()}\n")]
    for number, reply in enumerate(chosen):
        heading = "## The practice\n\n" if number == 0 else ""
        sources.append((reply.author, f"From the answer by {reply.author.name}",
                        f"{heading}{reply.body.strip()}\n"))
    sources.append((user, "Link to the thread",
                    f"## Resources\n\n- The original discussion: [{question.title}]"
                    f"({question_url(question)})\n"))
    body = "\n".join(text for _author, _summary, text in sources)
    title = re.sub(r"\?+$", "", question.title).strip()
    return Draft(title=title, body=body, sources=sources)


def promote(user: User, question: Question, *, title: str, body: str, tags="",
            sectors=None):
    """Create the article: one revision per source (so each answerer is credited for the
    words that came from them), then the promoter's own edits as the last revision."""
    draft = promotion_draft(user, question)
    text = ""
    result = None
    for author, summary, addition in draft.sources:
        text = f"{text}\n{addition}" if text else addition
        if result is None:
            result = saving.create_article(author, title=title, body=text, summary=summary,
                                           tags=tags or [tag.name for tag in question.tags],
                                           sectors=sectors)
        else:
            saving.save_edit(result.article, author, title=title, body=text, summary=summary,
                             tags=tags or [tag.name for tag in question.tags], sectors=sectors,
                             base_revision=result.article.current_revision.number)
    article = result.article
    saving.save_edit(article, user, title=title, body=body,
                     summary=f"Promoted from the solved question “{question.title}”",
                     tags=tags or [tag.name for tag in question.tags], sectors=sectors,
                     base_revision=article.current_revision.number)
    question.promoted_article_id = article.id
    question_changed(question)
    return article
