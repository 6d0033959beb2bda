"""The differences between two revisions that members read, on the history pages.

`compare` (and `word_diff`, `diff_stats`, `render_diff_html`) turn two texts into
blocks of words kept, added and removed, aligned by the engine in wiki.alignment.
`compare` and `render_diff_html` are bounded: past a Budget of work the word diff gives
way to a line diff, then to "old text out, new text in", and at most MAX_SHOWN_TOKENS
are shown, so that no pair of revisions, however shuffled, costs a request more than
about two seconds. The HTML is written by wiki.diff_html.

Words are maximal runs of non-whitespace. Spaces are not compared, but line and
paragraph breaks are: they appear in the token stream as `LINE_BREAK` and
`PARAGRAPH_BREAK`, so splitting or joining paragraphs shows up in a diff.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from markupsafe import Markup

from wiki.alignment import (
    Budget,
    Match,
    OverBudget,
    align,
    align_lines,
    flatten,
    line_ids,
    token_matches,
)

LINE_BREAK = "\n"
PARAGRAPH_BREAK = "\n\n"
BREAKS = frozenset((LINE_BREAK, PARAGRAPH_BREAK))

# A diff shows at most this many words and breaks (about half a megabyte of HTML).
MAX_SHOWN_TOKENS = 5_000

Kind = Literal["equal", "insert", "delete"]


@dataclass(frozen=True)
class DiffBlock:
    """A stretch of the diff: tokens kept, added or removed.

    `tokens` holds words and the break markers `LINE_BREAK` / `PARAGRAPH_BREAK`.
    """

    kind: Kind
    tokens: tuple[str, ...]

    @property
    def words(self) -> int:
        """How many words (not breaks) this block holds."""
        return sum(1 for token in self.tokens if token not in BREAKS)


def diff_lines(text: str) -> list[list[str]]:
    """The text as lines of words; each line after the first starts with the break
    that separates it from the line before. Blank lines and spaces are dropped."""
    lines: list[list[str]] = []
    blank = False
    for line in text.split("\n"):
        words = line.split()
        if not words:
            blank = True
            continue
        if lines:
            words.insert(0, PARAGRAPH_BREAK if blank else LINE_BREAK)
        lines.append(words)
        blank = False
    return lines


def word_diff(old: str, new: str) -> list[DiffBlock]:
    """The word-level diff of two texts, tidied for reading.

    Where both sides changed, the removal comes before the addition. Short
    unchanged words caught between bigger changes (a lone "the") are folded into
    the change so that replaced sentences read as a whole.
    """
    return _tidy(_raw_diff(old, new))


def diff_stats(old: str, new: str) -> tuple[int, int]:
    """(words added, words removed) between two texts."""
    blocks = _raw_diff(old, new)
    added = sum(block.words for block in blocks if block.kind == "insert")
    removed = sum(block.words for block in blocks if block.kind == "delete")
    return added, removed


Level = Literal["word", "line", "whole"]


def _raw_diff(old: str, new: str) -> list[DiffBlock]:
    """The word diff, however long it takes (see bounded_diff for the one pages use)."""
    old_lines, new_lines = diff_lines(old), diff_lines(new)
    old_tokens, _ = flatten(old_lines)
    new_tokens, _ = flatten(new_lines)
    return _blocks(old_tokens, new_tokens, align_lines(old_lines, new_lines))


def bounded_diff(old: str, new: str) -> tuple[list[DiffBlock], Level]:
    """The finest diff that fits: whole lines are aligned within one Budget, then the
    words of the lines that differ within another. If the words run out of budget, the
    line alignment already made is used ("line": changed lines removed and added whole);
    if the lines do, the old text is removed and the new added ("whole")."""
    old_lines, new_lines = diff_lines(old), diff_lines(new)
    old_tokens, old_starts = flatten(old_lines)
    new_tokens, new_starts = flatten(new_lines)
    try:
        line_blocks = align(*line_ids(old_lines, new_lines), Budget())
    except OverBudget:
        return _blocks(old_tokens, new_tokens, [(len(old_tokens), len(new_tokens), 0)]), \
            "whole"
    level: Level = "word"
    try:
        matches = token_matches(old_tokens, old_starts, new_tokens, new_starts, line_blocks,
                                 Budget())
    except OverBudget:
        level = "line"
        matches = token_matches(old_tokens, old_starts, new_tokens, new_starts, line_blocks,
                                 None, words=False)
    return _blocks(old_tokens, new_tokens, matches), level


def _blocks(old_tokens: list[str], new_tokens: list[str],
            matches: Iterable[Match]) -> list[DiffBlock]:
    blocks: list[DiffBlock] = []
    i = j = 0
    for mi, mj, n in matches:
        if mi > i:
            blocks.append(DiffBlock("delete", tuple(old_tokens[i:mi])))
        if mj > j:
            blocks.append(DiffBlock("insert", tuple(new_tokens[j:mj])))
        if n:
            blocks.append(DiffBlock("equal", tuple(new_tokens[mj:mj + n])))
        i, j = mi + n, mj + n
    return blocks


def _tidy(blocks: list[DiffBlock]) -> list[DiffBlock]:
    """Fold each short equal stretch caught between two changes into them.

    A stretch is short when it holds no break and fewer words than each change
    beside it (the bigger side of a change counts), as in diff-match-patch's
    semantic clean-up. "the cat sat" -> "a cat lay" stays two changes, but a
    rewritten sentence that happens to keep one "the" reads as one replacement.
    """
    tidied: list[list[DiffBlock]] = []
    for group in _change_groups(blocks):
        if (group[0].kind != "equal" and len(tidied) >= 2
                and _short_gap(tidied[-1][0], tidied[-2], group)):
            equal = tidied.pop()[0]
            group = [*tidied.pop(), DiffBlock("delete", equal.tokens),
                     DiffBlock("insert", equal.tokens), *group]
        tidied.append(group)
    return [block for group in tidied for block in _merge_kinds(group)]


def _change_groups(blocks: list[DiffBlock]) -> list[list[DiffBlock]]:
    """Blocks grouped so that equal blocks and runs of changes alternate."""
    groups: list[list[DiffBlock]] = []
    for block in blocks:
        if block.kind != "equal" and groups and groups[-1][0].kind != "equal":
            groups[-1].append(block)
        else:
            groups.append([block])
    return groups


def _short_gap(equal: DiffBlock, before: list[DiffBlock], after: list[DiffBlock]) -> bool:
    """Whether the equal block between two changes is worth folding into them."""
    return (equal.kind == "equal" and before[0].kind != "equal"
            and not any(token in BREAKS for token in equal.tokens)
            and equal.words < min(_size(before), _size(after)))


def _size(group: list[DiffBlock]) -> int:
    """The bigger side of a change: words removed or added."""
    deleted = sum(block.words for block in group if block.kind == "delete")
    inserted = sum(block.words for block in group if block.kind == "insert")
    return max(deleted, inserted)


def _merge_kinds(group: list[DiffBlock]) -> list[DiffBlock]:
    """A change group as at most one removal followed by one addition."""
    if group[0].kind == "equal":
        return group
    merged = []
    for kind in ("delete", "insert"):
        tokens = tuple(token for block in group if block.kind == kind for token in block.tokens)
        if tokens:
            merged.append(DiffBlock(kind, tokens))
    return merged


# --- for a page ------------------------------------------------------------------


@dataclass(frozen=True)
class Comparison:
    """A diff as members read it: the HTML, its counts, and how it was made."""

    html: Markup
    added: int
    removed: int
    level: Level  # word, line (too many changes to compare words) or whole
    truncated: bool  # the HTML stops after MAX_SHOWN_TOKENS


def compare(old: str, new: str, context_words: int = 30,
            max_tokens: int = MAX_SHOWN_TOKENS) -> Comparison:
    """The bounded diff of two texts, ready for a page: never more than a Budget of work
    per level tried, nor more than `max_tokens` shown."""
    raw, level = bounded_diff(old, new)
    added = sum(block.words for block in raw if block.kind == "insert")
    removed = sum(block.words for block in raw if block.kind == "delete")
    blocks = _tidy(raw) if level == "word" else raw
    from wiki.diff_html import diff_html  # which imports this module's blocks

    html, truncated = diff_html(blocks, old == new, context_words, max_tokens)
    return Comparison(html, added, removed, level, truncated)


def render_diff_html(old: str, new: str, context_words: int = 30) -> Markup:
    """The word diff as HTML: a `<div class="diff">` with a `<p>` per paragraph.

    Added words are in `<ins>`, removed ones in `<del>`, each starting with a
    visually hidden "added: " / "removed: " so that the diff does not rely on
    colour (or on strike-through being announced). Added or removed breaks show
    as ¶ and ↵. Unchanged stretches longer than twice `context_words` are cut
    down to `context_words` words either side of a change, with "…" for the
    rest. All member text is escaped: the HTML is built from Markup templates.
    Bounded as `compare` is (see there).
    """
    return compare(old, new, context_words).html
