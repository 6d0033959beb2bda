"""Three-way merge of concurrent edits to an article.

When a member saves an edit made on top of an older revision, `merge` combines
their change with the changes saved meanwhile. It merges lines first; where
both sides changed the same lines it tries again word by word inside those
lines only, so two members changing different words of one paragraph both get
their way. Whatever cannot be merged cleanly is a conflict: no text is ever
silently dropped.

Both sides adding text at the same place (for example both appending a
paragraph at the end) is a conflict: there is no way to know which addition
should come first, or whether they say the same thing twice.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Sequence
from dataclasses import dataclass

from merge3 import Merge3

from wiki.alignment import Match, align

_WORD = re.compile(r"\S+\s*|\s+")


@dataclass(frozen=True)
class MergeResult:
    """The merged text, or None (and `conflicted`) when the edits overlap."""

    text: str | None
    conflicted: bool


def merge(base: str, theirs: str, yours: str) -> MergeResult:
    """Merge `yours` and `theirs`, two edits of `base`.

    Line endings are normalised to "\\n" first (browsers send "\\r\\n"), so the
    merged text always uses "\\n". Changes made identically on both sides are
    not a conflict. If one side left `base` as it was, the result is the other.
    """
    base, theirs, yours = (_normalise(text) for text in (base, theirs, yours))
    if theirs in (base, yours):
        return MergeResult(yours, False)
    if yours == base:
        return MergeResult(theirs, False)
    merged = _merge(_lines(base), _lines(theirs), _lines(yours), refine=True)
    if merged is None:
        return MergeResult(None, True)
    return MergeResult("".join(merged), False)


def _normalise(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _lines(text: str) -> list[str]:
    """Lines with their "\\n" (only "\\n" ends a line here, unlike str.splitlines)."""
    lines = [line + "\n" for line in text.split("\n")]
    lines[-1] = lines[-1][:-1]
    return lines if lines[-1] else lines[:-1]


def _merge(base: Sequence[str], theirs: Sequence[str], yours: Sequence[str],
           refine: bool) -> list[str] | None:
    """The merged pieces, or None on a conflict. With `refine`, a conflicting
    region of lines is merged again word by word."""
    merger = Merge3(base, theirs, yours, sequence_matcher=_Aligner)
    pieces: list[str] = []
    for region in merger.merge_regions():
        kind = region[0]
        if kind == "unchanged":
            pieces.extend(base[region[1]:region[2]])
        elif kind in ("a", "same"):
            pieces.extend(theirs[region[1]:region[2]])
        elif kind == "b":
            pieces.extend(yours[region[1]:region[2]])
        else:
            _, z0, z1, a0, a1, b0, b1 = region
            words = _merge_words(base[z0:z1], theirs[a0:a1], yours[b0:b1]) if refine else None
            if words is None:
                return None
            pieces.extend(words)
    return pieces


def _merge_words(base: Sequence[str], theirs: Sequence[str], yours: Sequence[str]
                 ) -> list[str] | None:
    """A conflicting region of lines merged word by word (each word keeps the
    whitespace after it, so joining the words gives the text back)."""
    return _merge(*(_WORD.findall("".join(lines)) for lines in (base, theirs, yours)),
                  refine=False)


class _Aligner:
    """The fast alignment engine in the shape merge3 wants of a sequence matcher."""

    def __init__(self, isjunk: None, a: Sequence[Hashable], b: Sequence[Hashable]) -> None:
        self._blocks = align(a, b)

    def get_matching_blocks(self) -> list[Match]:
        return self._blocks
