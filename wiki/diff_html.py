"""A diff as HTML (for wiki.diffing.compare): a `<div class="diff">` with a `<p>` per
paragraph, added words in `<ins>` and removed ones in `<del>` with visually hidden
labels, long unchanged stretches cut down, and all member text escaped."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Literal

from markupsafe import Markup, escape

from wiki.diffing import BREAKS, LINE_BREAK, PARAGRAPH_BREAK, DiffBlock

Segment = tuple[Literal["equal", "insert", "delete", "skip"], tuple[str, ...]]

# Collapse an unchanged stretch only when that hides at least this many words.
_MIN_HIDDEN = 5
_LABELS = {"insert": ("ins", "added"), "delete": ("del", "removed")}
_BREAK_SIGNS = {PARAGRAPH_BREAK: ("¶", "paragraph break"), LINE_BREAK: ("↵", "line break")}


def diff_html(blocks: list[DiffBlock], same: bool, context_words: int,
              max_tokens: int) -> tuple[Markup, bool]:
    """The blocks as HTML, showing at most `max_tokens` words and breaks; and whether
    that cut it short. `same`: the texts are equal (not merely their words)."""
    if all(block.kind == "equal" for block in blocks):
        note = _NO_DIFFERENCES if same else _ONLY_SPACING
        return Markup('<div class="diff diff-none"><p>{}</p></div>').format(note), False
    html = _DiffHtml()
    left = max_tokens
    for kind, tokens in _collapsed(blocks, context_words):
        if kind == "skip":
            html.skip(any(token in BREAKS for token in tokens))
            continue
        if len(tokens) > left:
            html.add(kind, tokens[:left])
            html.skip(True)
            return Markup('<div class="diff">{}</div>').format(html.finish()), True
        html.add(kind, tokens)
        left -= len(tokens)
    return Markup('<div class="diff">{}</div>').format(html.finish()), False


def _collapsed(blocks: list[DiffBlock], context: int) -> Iterator[Segment]:
    """The blocks, with the middle of long unchanged stretches marked "skip"."""
    last = len(blocks) - 1
    for index, block in enumerate(blocks):
        if block.kind != "equal":
            yield block.kind, block.tokens
            continue
        head = context if index > 0 else 0
        tail = context if index < last else 0
        if block.words - head - tail < _MIN_HIDDEN:
            yield "equal", block.tokens
            continue
        start = _after_words(block.tokens, head)
        end = len(block.tokens) - _after_words(block.tokens[::-1], tail)
        yield "equal", block.tokens[:start]
        yield "skip", block.tokens[start:end]
        yield "equal", block.tokens[end:]


def _after_words(tokens: Sequence[str], count: int) -> int:
    """The position just after the first `count` words of `tokens`."""
    if count <= 0:
        return 0
    seen = 0
    for position, token in enumerate(tokens):
        if token not in BREAKS:
            seen += 1
            if seen == count:
                return position + 1
    return len(tokens)


class _DiffHtml:
    """Collects the HTML of the diff paragraph by paragraph."""

    def __init__(self) -> None:
        self.paragraphs: list[Markup] = []
        self.current: list[Markup] = []

    def add(self, kind: str, tokens: Sequence[str]) -> None:
        words: list[str] = []
        for token in tokens:
            if token in BREAKS:
                self._words(kind, words)
                words = []
                self._break(kind, token)
            else:
                words.append(token)
        self._words(kind, words)

    def skip(self, across_lines: bool) -> None:
        """Mark left-out unchanged text: inline, or as a paragraph of its own when
        the text left out spans a break."""
        if across_lines:
            self._end_paragraph()
            self.paragraphs.append(Markup('<p class="diff-skip">{}</p>').format(_SKIP))
        else:
            self.current.append(_SKIP)

    def finish(self) -> Markup:
        self._end_paragraph()
        return Markup("").join(self.paragraphs)

    def _words(self, kind: str, words: list[str]) -> None:
        if words:
            text = " ".join(words)  # escaped by format() below
            if kind in _TAGS:
                self.current.append(_TAGS[kind].format(text))
            else:
                self.current.append(escape(text))

    def _break(self, kind: str, token: str) -> None:
        if kind in _BREAK_TAGS:
            self.current.append(_BREAK_TAGS[kind][token])
        if kind == "delete":
            return  # the break is gone: the text runs on
        if token == PARAGRAPH_BREAK:
            self._end_paragraph()
        else:
            self.current.append(_LINE_END)

    def _end_paragraph(self) -> None:
        if self.current:
            self.paragraphs.append(Markup("<p>{}</p>").format(_joined(self.current)))
        self.current = []


def _joined(pieces: list[Markup]) -> Markup:
    """Pieces of a paragraph separated by spaces, but none around a line end
    (the diff is shown with white-space: pre-wrap)."""
    joined: list[Markup] = []
    for piece in pieces:
        if joined and piece is not _LINE_END and joined[-1] is not _LINE_END:
            joined.append(Markup(" "))
        joined.append(piece)
    return Markup("").join(joined)


_NO_DIFFERENCES = "No differences."
_ONLY_SPACING = "No differences in the words: only spacing changed."
_LINE_END = Markup("<br>")
_SKIP = Markup('<span class="diff-skip"><span aria-hidden="true">…</span>'
               '<span class="visually-hidden">(unchanged text left out)</span></span>')
_TAGS = {
    "insert": Markup('<ins><span class="visually-hidden">added: </span>{}</ins>'),
    "delete": Markup('<del><span class="visually-hidden">removed: </span>{}</del>'),
}
_BREAK_TAGS = {
    kind: {
        token: Markup('<{0} class="diff-break"><span class="visually-hidden">{1}: {2}</span>'
                      '<span aria-hidden="true">{3}</span></{0}>').format(tag, label, name, sign)
        for token, (sign, name) in _BREAK_SIGNS.items()
    }
    for kind, (tag, label) in _LABELS.items()
}
