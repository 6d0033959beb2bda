"""The query service: what /search, suggestions and similar questions ask, answered by
the app's search engine (search.engine)."""

from __future__ import annotations

from search import engine
from search.engine import PER_PAGE, TYPES, Hit, Results  # noqa: F401 - the service's types


def search(text: str, **options) -> Results:
    """A page of results: see SearchEngine.search for the options."""
    return engine.current().search(text, **options)


def search_or_correct(text: str, **options) -> Results:
    """search(); when nothing at all matches and "did you mean" has a suggestion that
    does match, the suggestion's results instead, saying what was typed
    (`corrected_from`), as a catalogue or a web search engine does."""
    results = search(text, **options)
    if results.total or not results.suggestion or results.error:
        return results
    corrected = search(results.suggestion, **options)
    if not corrected.total:
        return results
    corrected.corrected_from = results.query
    corrected.suggestion = None
    return corrected


def suggest(prefix: str, limit: int = 8) -> list[dict]:
    """Titles whose words start with what the member has typed so far."""
    return engine.current().suggest(prefix, limit=limit)


def similar_questions(text: str, limit: int = 5) -> list[dict]:
    """Questions and solutions like this title, for the ask page."""
    return engine.current().similar(text, limit=limit)


def ranked_keys(text: str, limit: int = 1000) -> list[str]:
    """The keys of the documents a query finds, best first (for relevance testing)."""
    return engine.current().ranked_keys(text, limit=limit)
