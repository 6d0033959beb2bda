"""Word-level differences between two revisions, for the history pages.

Two parts:

* an alignment engine, `align` and `align_lines`, that finds the matching blocks
  of two token sequences fast enough for 10,000-word articles. It strips the
  common prefix and suffix, aligns whole lines first, and only compares words
  inside the lines that changed. Large regions are cut at words that occur once
  on each side (patience diff) before `difflib.SequenceMatcher` sees them, so no
  quadratic matcher ever runs over a whole article. Attribution and merging use
  the same engine.
* `compare` (and `word_diff`, `diff_stats`, `render_diff_html`): the diff that
  members read. `compare` and `render_diff_html` are bounded: past a Budget of work
  the word diff gives way to a line diff, then to "old text out, new text in", and
  at most MAX_SHOWN_TOKENS are shown, so that no pair of revisions, however
  shuffled, costs a request more than about two seconds.

Words are maximal runs of non-whitespace. Spaces are not compared, but line and
paragraph breaks are: they appear in the token stream as `LINE_BREAK` and
`PARAGRAPH_BREAK`, so splitting or joining paragraphs shows up in a diff.
"""

from __future__ import annotations

import difflib
import time
from bisect import bisect_left
from collections import Counter
from collections.abc import Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Literal, TypeVar

from markupsafe import Markup, escape

T = TypeVar("T", bound=Hashable)

Match = tuple[int, int, int]
"""(i, j, n): a[i:i + n] == b[j:j + n], as in `difflib.SequenceMatcher`."""

LINE_BREAK = "\n"
PARAGRAPH_BREAK = "\n\n"
BREAKS = frozenset((LINE_BREAK, PARAGRAPH_BREAK))

# Regions whose size product is at most this go straight to SequenceMatcher
# (about 200 x 200 tokens: a few milliseconds at worst).
_SMALL_REGION = 40_000
# A region without any word unique on both sides and bigger than this is taken
# as replaced wholesale rather than risk a slow match (only nonsense text gets here).
_HOPELESS_REGION = 4_000_000


# What one attempt at a diff may spend before a coarser one is tried instead: cells of
# SequenceMatcher regions (plus tokens walked) and seconds. The cells bound is the same on
# every machine; the clock catches shapes whose cells are cheap to count but slow to match
# (a 200 KB article of one-word lines, shuffled: 10 M cells, 3-8 s at word level).
DIFF_CELLS = 25_000_000
DIFF_SECONDS = 0.6


class OverBudget(Exception):
    """A diff needed more work than its Budget allows."""


class Budget:
    """Work left for one diff: `spend` raises OverBudget once the cells or the time run out."""

    def __init__(self, cells: int | None = None, seconds: float | None = None):
        self.cells = DIFF_CELLS if cells is None else cells
        self.deadline = time.monotonic() + (DIFF_SECONDS if seconds is None else seconds)

    def spend(self, cells: int) -> None:
        self.cells -= cells
        if self.cells < 0 or time.monotonic() > self.deadline:
            raise OverBudget


# --- the alignment engine ---------------------------------------------------


def common_prefix_length(a: Sequence, b: Sequence, alo: int = 0, blo: int = 0,
                         limit: int | None = None) -> int:
    """Length of the common prefix of a[alo:] and b[blo:], at most `limit`.

    Compares growing slices, so the work is done by C comparisons, not a Python
    loop per element. Works for lists and strings.
    """
    if limit is None:
        limit = min(len(a) - alo, len(b) - blo)
    n, step = 0, 1
    while n < limit:
        step = min(step, limit - n)
        if a[alo + n:alo + n + step] == b[blo + n:blo + n + step]:
            n += step
            step *= 2
        elif step == 1:
            break
        else:
            step //= 2
    return n


def common_suffix_length(a: Sequence, b: Sequence, ahi: int | None = None,
                         bhi: int | None = None, limit: int | None = None) -> int:
    """Length of the common suffix of a[:ahi] and b[:bhi], at most `limit`."""
    ahi = len(a) if ahi is None else ahi
    bhi = len(b) if bhi is None else bhi
    if limit is None:
        limit = min(ahi, bhi)
    n, step = 0, 1
    while n < limit:
        step = min(step, limit - n)
        if a[ahi - n - step:ahi - n] == b[bhi - n - step:bhi - n]:
            n += step
            step *= 2
        elif step == 1:
            break
        else:
            step //= 2
    return n


def align(a: Sequence[Hashable], b: Sequence[Hashable],
          budget: Budget | None = None) -> list[Match]:
    """The matching blocks of `a` and `b`, in order, ending with (len(a), len(b), 0).

    A drop-in for `SequenceMatcher(None, a, b).get_matching_blocks()` that stays
    near-linear on long, mostly equal sequences. With a `budget`, raises OverBudget
    when the work it would take runs past it.
    """
    matches: list[Match] = []
    regions = [(0, len(a), 0, len(b))]
    while regions:
        alo, ahi, blo, bhi = regions.pop()
        if budget is not None:
            budget.spend(ahi - alo + bhi - blo)
        head = common_prefix_length(a, b, alo, blo, min(ahi - alo, bhi - blo))
        if head:
            matches.append((alo, blo, head))
            alo, blo = alo + head, blo + head
        tail = common_suffix_length(a, b, ahi, bhi, min(ahi - alo, bhi - blo))
        if tail:
            matches.append((ahi - tail, bhi - tail, tail))
            ahi, bhi = ahi - tail, bhi - tail
        if alo == ahi or blo == bhi:
            continue
        size = (ahi - alo) * (bhi - blo)
        anchors = [] if size <= _SMALL_REGION else _unique_anchors(a, b, alo, ahi, blo, bhi)
        if anchors:
            regions.extend(_split_at(anchors, alo, ahi, blo, bhi))
            matches.extend((i, j, 1) for i, j in anchors)
        elif size <= _HOPELESS_REGION:
            if budget is not None:
                budget.spend(size)
            matches.extend(_matcher_blocks(a, b, alo, ahi, blo, bhi, junk=size > _SMALL_REGION))
    return _coalesce(sorted(matches)) + [(len(a), len(b), 0)]


def _matcher_blocks(a: Sequence[Hashable], b: Sequence[Hashable], alo: int, ahi: int,
                    blo: int, bhi: int, junk: bool) -> Iterator[Match]:
    """SequenceMatcher's blocks for a[alo:ahi] and b[blo:bhi], as positions in a and b."""
    matcher = difflib.SequenceMatcher(None, a[alo:ahi], b[blo:bhi], autojunk=junk)
    for i, j, n in matcher.get_matching_blocks()[:-1]:
        yield alo + i, blo + j, n


def _unique_anchors(a: Sequence[Hashable], b: Sequence[Hashable], alo: int, ahi: int,
                    blo: int, bhi: int) -> list[tuple[int, int]]:
    """Positions (i, j) of elements found exactly once in each region, in an order
    that both sides agree on (longest increasing subsequence: patience diff)."""
    in_a, in_b = Counter(a[alo:ahi]), Counter(b[blo:bhi])
    where_b = {b[j]: j for j in range(blo, bhi) if in_b[b[j]] == 1 and in_a.get(b[j]) == 1}
    pairs = [(i, where_b[a[i]]) for i in range(alo, ahi) if a[i] in where_b]
    return _longest_increasing(pairs)


def _longest_increasing(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest run of `pairs` (sorted by i) whose j values increase."""
    tops: list[int] = []  # tops[k]: smallest j ending an increasing run of length k + 1
    top_index: list[int] = []
    before: list[int] = []
    for index, (_i, j) in enumerate(pairs):
        k = bisect_left(tops, j)
        if k == len(tops):
            tops.append(j)
            top_index.append(index)
        else:
            tops[k], top_index[k] = j, index
        before.append(top_index[k - 1] if k else -1)
    chain: list[tuple[int, int]] = []
    index = top_index[-1] if top_index else -1
    while index >= 0:
        chain.append(pairs[index])
        index = before[index]
    return chain[::-1]


def _split_at(anchors: list[tuple[int, int]], alo: int, ahi: int, blo: int,
              bhi: int) -> Iterator[tuple[int, int, int, int]]:
    """The regions between consecutive anchors."""
    for i, j in anchors:
        yield alo, i, blo, j
        alo, blo = i + 1, j + 1
    yield alo, ahi, blo, bhi


def _coalesce(matches: Iterable[Match]) -> list[Match]:
    """Sorted matches with adjacent blocks joined and empty ones dropped."""
    joined: list[Match] = []
    for i, j, n in matches:
        if not n:
            continue
        if joined and joined[-1][0] + joined[-1][2] == i and joined[-1][1] + joined[-1][2] == j:
            pi, pj, pn = joined.pop()
            joined.append((pi, pj, pn + n))
        else:
            joined.append((i, j, n))
    return joined


def align_lines(old_lines: Sequence[Sequence[Hashable]],
                new_lines: Sequence[Sequence[Hashable]], budget: Budget | None = None,
                words: bool = True) -> list[Match]:
    """Matching blocks of the tokens of two texts given as lines of tokens.

    Positions are in the flattened token lists. Whole lines are aligned first;
    words are compared only between lines that did not match (not at all when
    `words` is false: a changed line is then removed and added whole).
    """
    old_tokens, old_starts = _flatten(old_lines)
    new_tokens, new_starts = _flatten(new_lines)
    line_blocks = align(*_line_ids(old_lines, new_lines), budget)
    return _token_matches(old_tokens, old_starts, new_tokens, new_starts, line_blocks,
                          budget, words)


def _line_ids(old_lines: Sequence[Sequence[Hashable]],
              new_lines: Sequence[Sequence[Hashable]]) -> tuple[list[int], list[int]]:
    """Each line as a number, equal lines alike: what whole lines are aligned by."""
    numbering: dict[tuple, int] = {}
    old_ids = [numbering.setdefault(tuple(line), len(numbering)) for line in old_lines]
    new_ids = [numbering.setdefault(tuple(line), len(numbering)) for line in new_lines]
    return old_ids, new_ids


def _token_matches(old_tokens: Sequence[Hashable], old_starts: list[int],
                   new_tokens: Sequence[Hashable], new_starts: list[int],
                   line_blocks: list[Match], budget: Budget | None,
                   words: bool = True) -> list[Match]:
    """Token matches from the matching blocks of whole lines, with the words between them
    aligned too when `words` is true."""
    matches: list[Match] = []
    old_at = new_at = 0  # tokens before these positions are dealt with
    for i, j, n in line_blocks:
        old_from, new_from = old_starts[i], new_starts[j]
        gaps = align(old_tokens[old_at:old_from], new_tokens[new_at:new_from],
                     budget)[:-1] if words else ()
        for gi, gj, gn in gaps:
            matches.append((old_at + gi, new_at + gj, gn))
        old_at, new_at = old_starts[i + n], new_starts[j + n]
        matches.append((old_from, new_from, old_at - old_from))
    return _coalesce(matches) + [(len(old_tokens), len(new_tokens), 0)]


def _flatten(lines: Sequence[Sequence[T]]) -> tuple[list[T], list[int]]:
    """All tokens, and where each line starts in them (plus the total at the end)."""
    tokens: list[T] = []
    starts = [0]
    for line in lines:
        tokens.extend(line)
        starts.append(len(tokens))
    return tokens, starts


# --- the diff members read ----------------------------------------------------

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
    old_tokens, _ = _flatten(old_lines)
    new_tokens, _ = _flatten(new_lines)
    return _blocks(old_tokens, new_tokens, align_lines(old_lines, new_lines))


def bounded_diff(old: str, new: str) -> tuple[list[DiffBlock], Level]:
    """The finest diff that fits: whole lines are aligned within one Budget, then the
    words of the lines that differ within another. If the words run out of budget, the
    line alignment already made is used ("line": changed lines removed and added whole);
    if the lines do, the old text is removed and the new added ("whole")."""
    old_lines, new_lines = diff_lines(old), diff_lines(new)
    old_tokens, old_starts = _flatten(old_lines)
    new_tokens, new_starts = _flatten(new_lines)
    try:
        line_blocks = align(*_line_ids(old_lines, new_lines), Budget())
    except OverBudget:
        return _blocks(old_tokens, new_tokens, [(len(old_tokens), len(new_tokens), 0)]), \
            "whole"
    level: Level = "word"
    try:
        matches = _token_matches(old_tokens, old_starts, new_tokens, new_starts, line_blocks,
                                 Budget())
    except OverBudget:
        level = "line"
        matches = _token_matches(old_tokens, old_starts, new_tokens, new_starts, line_blocks,
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


# --- HTML ---------------------------------------------------------------------

Segment = tuple[Literal["equal", "insert", "delete", "skip"], tuple[str, ...]]

# Collapse an unchanged stretch only when that hides at least this many words.
_MIN_HIDDEN = 5
_LABELS = {"insert": ("ins", "added"), "delete": ("del", "removed")}
_BREAK_SIGNS = {PARAGRAPH_BREAK: ("¶", "paragraph break"), LINE_BREAK: ("↵", "line break")}


# A diff shows at most this many words and breaks (about half a megabyte of HTML).
MAX_SHOWN_TOKENS = 5_000


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
    html, truncated = _diff_html(blocks, old == new, context_words, max_tokens)
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


def _diff_html(blocks: list[DiffBlock], same: bool, context_words: int,
               max_tokens: int) -> tuple[Markup, bool]:
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
