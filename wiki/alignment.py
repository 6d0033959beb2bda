"""The alignment engine: the matching blocks of two token sequences, fast enough for
10,000-word articles, within a Budget of work.

`align` strips the common prefix and suffix; large regions are cut at words that occur
once on each side (patience diff) before `difflib.SequenceMatcher` sees them, so no
quadratic matcher ever runs over a whole article. `align_lines` aligns whole lines first
and compares words only inside the lines that changed. The diff (wiki.diffing),
attribution and merging all use this engine.
"""

from __future__ import annotations

import difflib
import time
from bisect import bisect_left
from collections import Counter
from collections.abc import Hashable, Iterable, Iterator, Sequence
from typing import TypeVar

T = TypeVar("T", bound=Hashable)

Match = tuple[int, int, int]
"""(i, j, n): a[i:i + n] == b[j:j + n], as in `difflib.SequenceMatcher`."""

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



def common_prefix_length(a: Sequence, b: Sequence, alo: int = 0, blo: int = 0,
                         limit: int | None = None) -> int:
    """Length of the common prefix of a[alo:] and b[blo:], at most `limit`.

    Compares growing slices, so the work is done by C comparisons, not a Python
    loop per element. Works for lists and strings.
    """
    if limit is None:
        limit = min(len(a) - alo, len(b) - blo)
    return _matching_run(lambda n, step: a[alo + n:alo + n + step] == b[blo + n:blo + n + step],
                         limit)


def common_suffix_length(a: Sequence, b: Sequence, ahi: int | None = None,
                         bhi: int | None = None, limit: int | None = None) -> int:
    """Length of the common suffix of a[:ahi] and b[:bhi], at most `limit`."""
    ahi = len(a) if ahi is None else ahi
    bhi = len(b) if bhi is None else bhi
    if limit is None:
        limit = min(ahi, bhi)
    return _matching_run(lambda n, step: a[ahi - n - step:ahi - n] == b[bhi - n - step:bhi - n],
                         limit)


def _matching_run(same, limit: int) -> int:
    """How many items match from one end, at most `limit`: `same(n, step)` compares the
    `step` items after the first `n`. Steps double while they match and halve when they do
    not, so a long run costs O(log n) slice comparisons."""
    n, step = 0, 1
    while n < limit:
        step = min(step, limit - n)
        if same(n, step):
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
    old_tokens, old_starts = flatten(old_lines)
    new_tokens, new_starts = flatten(new_lines)
    line_blocks = align(*line_ids(old_lines, new_lines), budget)
    return token_matches(old_tokens, old_starts, new_tokens, new_starts, line_blocks,
                          budget, words)


def line_ids(old_lines: Sequence[Sequence[Hashable]],
              new_lines: Sequence[Sequence[Hashable]]) -> tuple[list[int], list[int]]:
    """Each line as a number, equal lines alike: what whole lines are aligned by."""
    numbering: dict[tuple, int] = {}
    old_ids = [numbering.setdefault(tuple(line), len(numbering)) for line in old_lines]
    new_ids = [numbering.setdefault(tuple(line), len(numbering)) for line in new_lines]
    return old_ids, new_ids


def token_matches(old_tokens: Sequence[Hashable], old_starts: list[int],
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


def flatten(lines: Sequence[Sequence[T]]) -> tuple[list[T], list[int]]:
    """All tokens, and where each line starts in them (plus the total at the end)."""
    tokens: list[T] = []
    starts = [0]
    for line in lines:
        tokens.extend(line)
        starts.append(len(tokens))
    return tokens, starts
