"""Did you mean: each word the index does not know replaced by its nearest known word."""

from __future__ import annotations

import re
from collections.abc import Callable

from whoosh.reading import TermNotFound
from whoosh.searching import Searcher
from whoosh.support.levenshtein import levenshtein

from search.snippets import EXCERPT_CHARS

WORD_RE = re.compile(r"\w+", re.UNICODE)

MAX_SPELLING_DISTANCE = 2  # edits between a word as typed and its suggestion
NEAREST_TRIED = 5  # body stems near a misspelt word's stem, most common first


def correct_words(text: str, known: Callable[[str], bool],
                  nearest: Callable[[str], str | None],
                  plain: Callable[[str], str] = str.lower) -> str | None:
    """`text` with each word that `known` does not know replaced by its `nearest` known
    word (both are given the word made `plain`); None when no word is replaced. Words of
    two letters or fewer, and words with other characters than letters and digits, stay
    as typed. Both engines correct with this; each knows its own words."""
    changed = False
    words = []
    for word in text.split():
        folded = plain(word)
        if WORD_RE.fullmatch(folded) and len(folded) > 2 and not known(folded):
            replacement = nearest(folded)
            if replacement:
                words.append(replacement)
                changed = True
                continue
        words.append(word)
    return " ".join(words) if changed else None


def did_you_mean(searching: Searcher, text: str) -> str | None:
    """The query with each word the index does not know replaced by its nearest known word."""
    analyzer = searching.schema["body"].analyzer
    reader = searching.reader()
    return correct_words(text, lambda word: _known(reader, analyzer, word),
                         lambda word: _nearest(searching, word))


def _known(reader, analyzer, word: str) -> bool:
    terms = [token.text for token in analyzer(word)]
    return (not terms or reader.doc_frequency("tags", word) > 0
            or any(reader.doc_frequency(field, term) for term in terms
                   for field in ("title", "body")))


def _nearest(searching: Searcher, word: str) -> str | None:
    """The known word nearest in spelling: one edit away before two; among those, a
    title's word, then a tag, then a word of the bodies.

    Titles keep their words unstemmed for this (see schema.make_schema); tags are
    whole words already. The bodies are not indexed a second time: their stems are
    searched, and a body holding the nearest stem says how the word is written. That
    costs a few milliseconds, and only for a word the index does not know.
    """
    titles = searching.corrector("title")
    tags = searching.corrector("tags")
    for distance in (1, 2):
        found = titles.suggest(word, limit=1, maxdist=distance, prefix=1)
        found = found or [tag for tag in tags.suggest(word, limit=5, maxdist=distance,
                                                      prefix=1) if WORD_RE.fullmatch(tag)]
        found = found or _nearest_in_bodies(searching, word, distance)
        if found:
            return found[0]
    return None


def _nearest_in_bodies(searching: Searcher, word: str, distance: int) -> list[str]:
    reader = searching.reader()
    stems = [token.text for token in searching.schema["body"].analyzer(word)]
    if len(stems) != 1:
        return []
    # The first two letters are taken as typed: it keeps the walk of the lexicon short.
    near = [stem for stem in reader.terms_within("body", stems[0], distance, prefix=2)
            if stem != stems[0]]
    near.sort(key=lambda stem: (reader.doc_frequency("body", stem), stem), reverse=True)
    for stem in near[:NEAREST_TRIED]:
        # Stems close together can be written far apart ("weed", "week": "weeding"
        # is not a misspelling of "week"): the word as written must be near too.
        written = _written(searching, stem)
        if written and levenshtein(word, written, limit=MAX_SPELLING_DISTANCE + 1) \
                <= MAX_SPELLING_DISTANCE:
            return [written]
    return []


def _written(searching: Searcher, stem: str) -> str | None:
    """How the first body that holds `stem` most often writes it ("checksums" for
    "checksum")."""
    try:
        postings = searching.reader().postings("body", stem)
    except TermNotFound:
        return None
    if not postings.is_active():
        return None
    body = searching.stored_fields(postings.id()).get("body") or ""
    analyzer = searching.schema["body"].analyzer
    forms: dict[str, int] = {}
    start = re.escape(stem[:max(3, len(stem) - 2)])
    for match in re.finditer(rf"(?<!\w){start}\w*", body[:EXCERPT_CHARS], re.IGNORECASE):
        form = match.group().lower()
        if any(token.text == stem for token in analyzer(form)):
            forms[form] = forms.get(form, 0) + 1
    return max(forms, key=lambda form: (forms[form], form)) if forms else None

