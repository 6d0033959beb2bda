"""Who wrote which words of an article: word-level authorship, after WikiWho.

Every revision stores, for each word of its text, the number of the revision
that introduced that word, run-length encoded (`Runs`). `attribute` works out
the runs of a new revision from the previous one and a window of older ones:

1. words the diff keeps from the previous revision keep their revision number;
2. blocks of at least `MIN_BLOCK` words that the previous revision had elsewhere
   and this edit deleted there (a moved paragraph) keep theirs;
3. blocks of at least `MIN_BLOCK` words deleted at some point in the history
   and now back (a restored paragraph) get their original numbers back, as does
   a text equal to an old revision's;
4. every other word is credited to the new revision.

Steps 2 and 3 look words up by their 3-word shingles and only among the words
that were deleted, so a common phrase typed anew ("one of the") is not credited
to whoever wrote it elsewhere in the article.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from itertools import groupby

from wiki.alignment import align_lines, common_prefix_length, common_suffix_length

Runs = list[tuple[int, int]]
"""[(revision number, count), ...]: the next `count` words came from that revision."""

MIN_BLOCK = 3
"""The fewest words that count as a moved or restored block."""

# The most places one shingle is tried at when looking for a block (bounds the
# work on very repetitive texts).
_MAX_CANDIDATES = 16


def tokenize(text: str) -> list[str]:
    """The words of `text`: maximal runs of non-whitespace.

    The same as `re.findall(r"\\S+", text)` (Python's `str.split()` and the
    regular expression `\\s` agree on what whitespace is), but faster.
    """
    return text.split()


def compress(ids: Iterable[int]) -> Runs:
    """Run-length encode per-word revision numbers."""
    return [(revision, len(list(same))) for revision, same in groupby(ids)]


def expand(runs: Iterable[Sequence[int]]) -> list[int]:
    """Per-word revision numbers from runs (tuples, or 2-lists loaded from JSON)."""
    ids: list[int] = []
    for revision, count in runs:
        ids.extend([revision] * count)
    return ids


def attribute(new_text: str, revision_number: int, previous: tuple[str, Runs] | None,
              history: Sequence[tuple[str, Runs]] = ()) -> Runs:
    """The runs of a new revision: who introduced each word of `new_text`.

    `previous` is the (text, runs) of the revision this one replaces, or None
    for the first revision. `history` holds the revisions before `previous`,
    newest first and without gaps (the caller's window, e.g. the 20 before it);
    words restored from them get their original revision numbers back. Runs may
    be tuples or the 2-lists that JSON gives back. Raises ValueError if the runs
    of `previous` do not cover exactly its words.
    """
    for old_text, old_runs in history:
        if old_text == new_text:
            return compress(expand(old_runs))
    new_lines = _lines(new_text)
    new_tokens = [token for line in new_lines for token in line]
    ids: list[int | None] = [None] * len(new_tokens)
    later_text = ""
    stretches = [(0, len(ids))] if len(ids) >= MIN_BLOCK else []
    if previous is not None:
        later_text = previous[0]
        stretches = _keep_and_move(new_lines, new_tokens, ids, previous)
    for old_text, old_runs in history:
        if not stretches:
            break
        old_tokens, old_ids = _deleted_since(old_text, old_runs, later_text)
        stretches = _reuse_blocks(new_tokens, ids, stretches, old_tokens, old_ids)
        later_text = old_text
    return compress([revision_number if revision is None else revision for revision in ids])


def _lines(text: str) -> list[list[str]]:
    """The words of each non-blank line."""
    return [words for words in (line.split() for line in text.split("\n")) if words]


def _keep_and_move(new_lines: list[list[str]], new_tokens: list[str], ids: list[int | None],
                   previous: tuple[str, Runs]) -> list[tuple[int, int]]:
    """Steps 1 and 2: words kept from, or moved within, the previous revision.
    Returns the stretches of new words still uncredited."""
    old_lines = _lines(previous[0])
    old_ids = expand(previous[1])
    old_tokens = [token for line in old_lines for token in line]
    if len(old_ids) != len(old_tokens):
        raise ValueError(f"the previous revision has {len(old_tokens)} words but its "
                         f"attribution covers {len(old_ids)}")
    deleted: list[str | None] = list(old_tokens)
    added: list[tuple[int, int]] = []  # the stretches of new words the diff did not keep
    at = 0
    for i, j, n in align_lines(old_lines, new_lines):
        ids[j:j + n] = old_ids[i:i + n]
        deleted[i:i + n] = [None] * n  # kept, so not available to a move
        if j - at >= MIN_BLOCK:
            added.append((at, j))
        at = j + n
    return _reuse_blocks(new_tokens, ids, added, deleted, old_ids)


def _deleted_since(old_text: str, old_runs: Sequence[Sequence[int]], later_text: str
                   ) -> tuple[list[str], list[int]]:
    """The words of an old revision around what the next revision changed.

    Every word deleted between two revisions lies between their common prefix
    and suffix, so walking the history pair by pair finds all deleted words
    while reading only the changed middles.
    """
    limit = min(len(old_text), len(later_text))
    start = common_prefix_length(old_text, later_text, limit=limit)
    end_cut = common_suffix_length(old_text, later_text, limit=limit - start)
    while start and not old_text[start - 1].isspace():
        start -= 1  # cut only between words
    end = len(old_text) - end_cut
    while end < len(old_text) and not old_text[end].isspace():
        end += 1
    middle = old_text[start:end].split()
    if start <= len(old_text) - end:
        first = len(old_text[:start].split())
    else:  # count the words of the shorter side
        first = max(0, sum(count for _, count in old_runs) - len(old_text[end:].split())
                    - len(middle))
    old_ids = _ids_between(old_runs, first, first + len(middle))
    return middle[:len(old_ids)], old_ids


def _ids_between(runs: Iterable[Sequence[int]], start: int, stop: int) -> list[int]:
    """expand(runs)[start:stop] without expanding the whole list."""
    ids: list[int] = []
    position = 0
    for revision, count in runs:
        if position + count > start and position < stop:
            ids.extend([revision] * (min(stop, position + count) - max(start, position)))
        position += count
        if position >= stop:
            break
    return ids


def _open_stretches(ids: list[int | None], start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of each run of at least MIN_BLOCK uncredited words in ids[start:end]."""
    stretches = []
    run_start = None
    for position in range(start, end + 1):
        if position < end and ids[position] is None:
            if run_start is None:
                run_start = position
        elif run_start is not None:
            if position - run_start >= MIN_BLOCK:
                stretches.append((run_start, position))
            run_start = None
    return stretches


def _reuse_blocks(new_tokens: list[str], ids: list[int | None],
                  stretches: list[tuple[int, int]], old_tokens: Sequence[str | None],
                  old_ids: Sequence[int]) -> list[tuple[int, int]]:
    """Credit blocks of >= MIN_BLOCK uncredited new words, within `stretches`,
    that are found in `old_tokens` (where None marks a word not available) with
    the old words' revisions. Returns the stretches still uncredited."""
    index = _shingle_index(old_tokens, _wanted_shingles(new_tokens, stretches))
    if not index:
        return stretches
    remaining: list[tuple[int, int]] = []
    for start, end in stretches:
        position = start
        while position + MIN_BLOCK <= end:
            found, length = _longest_block(new_tokens, position, end, old_tokens, index)
            if length >= MIN_BLOCK:
                ids[position:position + length] = old_ids[found:found + length]
                position += length
            else:
                position += 1
        remaining.extend(_open_stretches(ids, start, end))
    return remaining


def _shingles(tokens: Sequence[str | None], start: int, end: int
              ) -> Iterator[tuple[int, tuple[str | None, ...]]]:
    for position in range(start, end - MIN_BLOCK + 1):
        yield position, tuple(tokens[position:position + MIN_BLOCK])


def _wanted_shingles(tokens: list[str], stretches: list[tuple[int, int]]
                     ) -> set[tuple[str | None, ...]]:
    return {shingle for start, end in stretches for _, shingle in _shingles(tokens, start, end)}


def _shingle_index(tokens: Sequence[str | None], wanted: set[tuple[str | None, ...]]
                   ) -> dict[tuple[str | None, ...], list[int]]:
    """Where each wanted shingle starts in `tokens`. Only positions whose first
    word starts a wanted shingle are looked at, so this is one fast pass."""
    firsts = {shingle[0] for shingle in wanted}
    index: dict[tuple[str | None, ...], list[int]] = {}
    limit = len(tokens) - MIN_BLOCK
    for position in [p for p, token in enumerate(tokens) if token in firsts and p <= limit]:
        shingle = tuple(tokens[position:position + MIN_BLOCK])
        if shingle in wanted:
            index.setdefault(shingle, []).append(position)
    return index


def _longest_block(new_tokens: list[str], position: int, end: int,
                   old_tokens: Sequence[str | None],
                   index: Mapping[tuple[str | None, ...], list[int]]) -> tuple[int, int]:
    """(old position, length) of the longest old block equal to new words from
    `position` (not past `end`)."""
    best, best_length = 0, 0
    for found in index.get(tuple(new_tokens[position:position + MIN_BLOCK]), ())[
            :_MAX_CANDIDATES]:
        length = MIN_BLOCK
        while (position + length < end and found + length < len(old_tokens)
               and old_tokens[found + length] == new_tokens[position + length]):
            length += 1
        if length > best_length:
            best, best_length = found, length
    return best, best_length


def shares(runs: Iterable[Sequence[int]], author_of: Mapping[int, int]) -> dict[int, int]:
    """Words of the current text per author.

    `author_of` maps each revision number of the article to its author; every
    author in it appears in the result, with 0 if none of their words remain.
    Raises KeyError for a revision number missing from `author_of`.
    """
    counts = dict.fromkeys(author_of.values(), 0)
    for revision, count in runs:
        counts[author_of[revision]] += count
    return counts


def bylines(shares: Mapping[int, int]) -> tuple[list[int], list[int]]:
    """(lead authors, other contributors), each by share descending, then author id.

    The lead authors are those whose words make up most of the current text:
    the smallest group of top authors whose words together are at least half
    of the text, if that group has at most three authors (authors with equal
    shares are never split: they join the group together); and, in any case,
    every author with at least a quarter of the text. So one author of 60%
    leads alone; 30/30/30/10 gives three leads; when no three authors make up
    half (ten authors with 10% each) there are no leads, and the byline lists
    contributors only. Authors with no words left are contributors.
    """
    ranked = sorted(shares, key=lambda author: (-shares[author], author))
    total = sum(shares.values())
    leads = set(_top_half(ranked, shares, total))
    leads.update(author for author in ranked if total and 4 * shares[author] >= total)
    return ([author for author in ranked if author in leads],
            [author for author in ranked if author not in leads])


def _top_half(ranked: list[int], shares: Mapping[int, int], total: int) -> list[int]:
    """The smallest top group (ties kept together) with at least half the words,
    or nothing if that takes more than three authors."""
    if not total:
        return []
    group: list[int] = []
    words = 0
    for author in ranked:
        if 2 * words >= total and shares[author] != shares[group[-1]]:
            break
        group.append(author)
        words += shares[author]
    return group if len(group) <= 3 else []
