"""Snippets: the best passages of a hit's text around the words it matched, marked."""

from __future__ import annotations

import re
from functools import lru_cache

from whoosh import highlight, query
from whoosh.analysis import Token
from whoosh.searching import Searcher

EXCERPT_CHARS = 20_000
MARKED_WORDS = 64  # the most words of one query that snippets look for


def _wanted_terms(q, searching: Searcher, fieldname: str) -> frozenset[str]:
    """The words in `fieldname` that the query looks for (not those it excludes), with
    wildcards and prefixes expanded to the words in the index."""
    if isinstance(q, query.AndNot):
        return _wanted_terms(q.a, searching, fieldname)
    if isinstance(q, query.Not):
        return frozenset()
    if isinstance(q, query.CompoundQuery):
        return frozenset().union(*(_wanted_terms(sub, searching, fieldname)
                                   for sub in q.subqueries))
    if type(q) is query.Term:  # a word as typed: no need to ask the index
        return frozenset((q.text,)) if q.fieldname == fieldname else frozenset()
    from_bytes = searching.schema[fieldname].from_bytes
    words = sorted(from_bytes(text) for name, text in
                   q.existing_terms(searching.reader(), expand=True) if name == fieldname)
    return frozenset(words[:MARKED_WORDS])  # "a*" may expand to thousands


class _Passages(highlight.PinpointFragmenter):
    """Whoosh's PinpointFragmenter, trimming a passage to whole words only where it
    cuts one: Whoosh drops the first and last words always, even the text's own first
    and last ("Weeding is short." gave "Weeding is")."""

    @staticmethod
    def _autotrim(fragment) -> None:
        text, start, end = fragment.text, fragment.startchar, fragment.endchar
        if start > 0 and not text[start - 1].isspace():
            space = text.find(" ", start, end)
            if space > -1:
                start = space + 1
        if end < len(text) and not text[end].isspace():
            space = text.rfind(" ", start, end)
            if space > -1:
                end = space
        if fragment.matches:
            start = min(start, fragment.matches[0].startchar)
            end = max(end, fragment.matches[-1].endchar)
        fragment.startchar, fragment.endchar = start, end


def _snippet(hit, text: str, terms: frozenset[str]) -> str:
    """The best two passages of `text` around the words the hit matched, marked.

    Whoosh's highlighter would analyse the whole excerpt, every word through the
    stemmer, for every hit. Instead a plain text search finds the few words that
    could stem to a matched term (they begin with most of it), the analyser checks
    just those, and Whoosh's own fragmenter, scorer and formatter do the rest.
    """
    if not terms:
        return ""
    analyzer = hit.searcher.schema["body"].analyzer
    checked: dict[str, bool] = {}
    tokens = []
    for start, end in _candidate_spans(text, terms):
        word = text[start:end]
        found = checked.get(word)
        if found is None:
            found = checked[word] = any(token.text in terms for token in analyzer(word))
        if found:
            tokens.append(Token(text=word, startchar=start, endchar=end, matched=True))
    if not tokens:
        return ""
    fragmenter = _Passages(maxchars=240, surround=60, autotrim=True)
    fragments = highlight.top_fragments(fragmenter.fragment_matches(text, tokens), 2,
                                        highlight.BasicFragmentScorer(), highlight.FIRST)
    marked = highlight.HtmlFormatter(tagname="mark", between=" … ").format(fragments)
    # Say where the passages leave text out, before and after, as between them.
    if fragments and fragments[0].startchar > 0:
        marked = "… " + marked
    if fragments and fragments[-1].endchar < len(text.rstrip()):
        marked += " …"
    return marked


WORD_AT_RE = re.compile(r"\w+(?:\.?\w+)*")  # a token, as the analyser's tokenizer sees it


def _candidate_spans(text: str, terms: frozenset[str]) -> list[tuple[int, int]]:
    """(start, end) of each word that may stem to one of `terms`, in text order."""
    if not text.isascii():
        return [match.span() for match in _candidates(terms, False).finditer(text)]
    lowered = text.lower()  # ASCII: the same length, so the same offsets
    spans = []
    for prefix in {term[:max(3, len(term) - 2)] for term in terms}:
        at = lowered.find(prefix)
        while at >= 0:
            if at == 0 or not (lowered[at - 1].isalnum() or lowered[at - 1] == "_"):
                match = WORD_AT_RE.match(text, at)
                if match:
                    spans.append(match.span())
                at = match.end() if match else at + 1
            else:
                at += 1
            at = lowered.find(prefix, at)
    return sorted(set(spans))


@lru_cache(maxsize=256)
def _candidates(terms: frozenset[str], ascii_text: bool) -> re.Pattern:
    """Words that may stem to one of `terms`: a stem is its word less a changed ending
    ("librari" from "library"). In a text with accents, every word holding a letter
    beyond ASCII is checked as well ("cafe" finds "café")."""
    prefixes = "|".join(sorted({re.escape(term[:max(3, len(term) - 2)]) for term in terms},
                               key=len, reverse=True))
    accented = "" if ascii_text else r"|\w*[^\x00-\x7f]\w*"
    return re.compile(rf"(?<!\w)(?:(?:{prefixes})\w*{accented})(?:\.?\w+)*", re.IGNORECASE)


