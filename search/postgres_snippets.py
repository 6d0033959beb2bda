"""The PostgreSQL engine's hits: ts_headline's passages marked on the text as written."""

from __future__ import annotations

import re

from markupsafe import Markup, escape

from search.engine import Hit
from search.postgres_documents import START, STOP, fold
from search.snippets import EXCERPT_CHARS

HEADLINE = (f"StartSel={START}, StopSel={STOP}, MaxWords=40, MinWords=20, "
            "MaxFragments=2, FragmentDelimiter=\" … \"")


def as_hit(row, headline: str | None) -> Hit:
    body = row.body or ""
    snippet = _snippet(body[:EXCERPT_CHARS], headline) if headline else ""
    if not snippet:
        snippet = str(escape(body[:240])) + ("…" if len(body) > 240 else "")
    solved = bool(row.solved)
    return Hit(key=row.key, type="solution" if row.kind == "question" and solved else row.kind,
               title=row.title, url=row.url, snippet=Markup(snippet),  # noqa: S704 - _snippet escapes
               author=row.author_name or "", updated=row.updated, solved=solved,
               tags=[tag for tag in (row.tags or "").split(",") if tag])


def _snippet(text_: str, headline: str) -> str:
    """ts_headline's passages of the folded text, as the text is written, escaped, the
    matched words marked as the Whoosh engine marks them, "…" where text is left out."""
    if START not in headline:
        return ""
    folded = fold(text_)
    terms: dict[str, int] = {}
    parts, at, first, end = [], 0, None, 0
    for fragment in headline.split(" … "):
        plain = fragment.replace(START, "").replace(STOP, "")
        start = folded.find(plain, at)
        if start < 0:
            start = folded.find(plain)
        if start < 0 or not plain.strip():
            continue
        end = start + len(plain)
        # Whole words: a passage starts and ends at a space (or the text's ends).
        before = start
        while before > 0 and not text_[before - 1].isspace():
            before -= 1
        after = end
        while after < len(text_) and not text_[after].isspace():
            after += 1
        first = before if first is None else first
        html, offset = [str(escape(text_[before:start]))], start
        for piece in re.split(f"({START}[^{STOP}]*{STOP})", fragment):
            if piece.startswith(START):
                word = text_[offset:offset + len(piece) - 2]
                number = terms.setdefault(word.lower(), len(terms))
                html.append(f'<mark class="match term{number}">{escape(word)}</mark>')
                offset += len(piece) - 2
            else:
                html.append(str(escape(text_[offset:offset + len(piece)])))
                offset += len(piece)
        html.append(str(escape(text_[end:after])))
        parts.append("".join(html))
        end = at = after
    if not parts:
        return ""
    marked = " … ".join(parts)
    if first:
        marked = "… " + marked
    rest = text_[end:]
    if rest.strip(" .!?;:,)\"'\n"):
        marked += " …"
    else:
        marked += str(escape(rest.rstrip()))
    return marked


