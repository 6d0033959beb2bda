"""The PostgreSQL engine's queries: a text read into a tsquery and its lexemes; BM25F in SQL."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from dataclasses import field as dataclass_field

from sqlalchemy import Text, cast, func, literal, select, text
from sqlalchemy.dialects.postgresql import TSQUERY

from core.extensions import db
from search.models import SearchTerm
from search.parsing import _tidy
from search.postgres_documents import CONFIG, WORD_RE, fold, statistics

ALL_WORDS_UP_TO = 3  # as the Whoosh engine (search.parsing.ALL_WORDS_UP_TO)
PREFIX_RE = re.compile(r"(?<![\w-])(\w{3,})\*")
# title:word, tags:word, tags:"a phrase": the words in that field's weight only.
FIELDED_RE = re.compile(r'(?<![\w"])(title|tags):(?:"([^"]*)"?|(\w+))', re.IGNORECASE)
WEIGHTS = {"title": "A", "tags": "B"}
EXCLUDED_RE = re.compile(r"(?:^|(?<=\s))-(\w+)")
PHRASE_RE = re.compile(r'"([^"]*)"?')
FIELD_RE = re.compile(r"(?<![\w\"])\w+:(?=[\w\"(])")


@dataclass
class Query:
    """A tsquery (what matches) and the lexemes it looks for (what ranks), with how
    often the query says each."""

    tsquery: object
    lexemes: list[str]
    counts: dict[str, int] = dataclass_field(default_factory=dict)


# Ranking: BM25F (as the Whoosh engine, search.bm25f) over the tsvector, in SQL. A
# lexeme's count in each field (title A, tags and accepted answer B, body C, told
# apart by the weight of each position) is weighted (3, 1.5, 1) and normalised by that
# field's length (search_documents.length_a/b/c: the field's words, stop words aside)
# against the field's average; the sum is saturated once (k1), times Lucene's idf,
# times how often the query says the lexeme. ts_rank and ts_rank_cd know no idf and
# gave half of bm25s's nDCG@10 on CISI. The document frequencies and the totals that
# idf and the averages need are kept in search_terms and search_stats, in the same
# transaction as the documents (`postgres_documents.count_changes`), not counted for every
# query.
K1, B = 1.5, 0.75  # as search.schema.weighting
OVERDUE_WEIGHT = 0.85  # as search.ranking.OVERDUE_WEIGHT
FIELD_WEIGHTS = {"A": 3.0, "B": 1.5, "C": 1.0, "D": 1.0}
_BM25 = text("""(
    SELECT coalesce(sum(word.idf * word.x * :k1_plus_1 / (word.x + :k1)), 0)
        * CASE WHEN search_documents.overdue THEN :overdue_weight ELSE 1 END
    FROM (
        SELECT given.idf, sum(CASE weight
            WHEN 'A' THEN :wa / (1 - :b + :b * search_documents.length_a / :avg_a)
            WHEN 'B' THEN :wb / (1 - :b + :b * search_documents.length_b / :avg_b)
            ELSE :wc / (1 - :b + :b * search_documents.length_c / :avg_c) END) AS x
        FROM unnest(search_documents.document) AS term(lexeme, positions, weights)
        JOIN unnest(CAST(:lexemes AS text[]), CAST(:idfs AS float8[])) AS given(lexeme, idf)
            ON given.lexeme = term.lexeme
        CROSS JOIN LATERAL unnest(term.weights) AS weight
        GROUP BY given.lexeme, given.idf) AS word
) DESC""")  # an ORDER BY clause: the best first; an article six months past its check-by
# date (wiki.checking) scaled a little down, as the Whoosh engine does (search.ranking)


def _websearch(text_: str) -> str:
    """Whoosh's syntax as websearch_to_tsquery reads it: NOT word as -word, AND
    between words dropped, a field's name dropped (every field is searched)."""
    text_ = FIELD_RE.sub("", text_)
    text_ = re.sub(r"\bNOT\s+", "-", text_)
    text_ = re.sub(r"\bAND\b", " ", text_)
    return re.sub(r"[()]", " ", text_)


def _quoted(lexeme: str) -> str:
    """A lexeme as a tsquery's operand."""
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"


_QUERY_LEXEMES = text("""
    SELECT lexeme, cardinality(positions) FROM unnest(to_tsvector('english', :words))
""")  # the query's lexemes, each with how often it is said


def parse_query(text_: str, any_word: bool = False):
    """A tsquery for the text: all its words (websearch syntax: "a phrase", or,
    -word; NOT and word* as Whoosh reads them) when it asks for up to
    ALL_WORDS_UP_TO words or phrases; any of its lexemes (its -words still
    excluded) when longer, as a request in sentences is, or when asked; None when
    it holds no word to look for."""
    folded = fold(_tidy(text_))
    fielded = [(WEIGHTS[name.lower()], word)
               for name, phrase, single in FIELDED_RE.findall(folded)
               for word in WORD_RE.findall(phrase or single)]
    words = _websearch(FIELDED_RE.sub(" ", folded))
    wanted = EXCLUDED_RE.sub(" ", words)
    counts = query_lexemes(wanted.replace("*", " ") + " "
                           + " ".join(word for _, word in fielded))
    lexemes = sorted(counts)
    if not lexemes:
        return None
    phrases = PHRASE_RE.findall(wanted)
    clauses = len(query_lexemes(PHRASE_RE.sub(" ", wanted).replace("*", " "))) \
        + len(fielded) + sum(1 for phrase in phrases if query_lexemes(phrase))
    if not any_word and clauses <= ALL_WORDS_UP_TO:
        prefixes = PREFIX_RE.findall(words)
        found = func.websearch_to_tsquery(CONFIG, PREFIX_RE.sub(" ", words))
        for prefix in prefixes:
            found = found.op("&&")(func.to_tsquery(CONFIG, prefix + ":*"))
        for weight, word in fielded:
            found = found.op("&&")(func.to_tsquery(CONFIG, f"{word}:{weight}"))
        return Query(found, lexemes, counts)
    ored = " | ".join([_quoted(lexeme) for lexeme in lexemes]
                      + [_quoted(prefix.lower()) + ":*"
                         for prefix in PREFIX_RE.findall(wanted)])
    found = cast(literal(ored, Text()), TSQUERY)
    unwanted = sorted(query_lexemes(" ".join(EXCLUDED_RE.findall(words))))
    if unwanted:
        found = found.op("&&")(cast(literal(
            "!(" + " | ".join(_quoted(lexeme) for lexeme in unwanted) + ")", Text()),
            TSQUERY))
    return Query(found, lexemes, counts)


def query_lexemes(words: str) -> dict[str, int]:
    """{lexeme: how often the words say it}, as to_tsvector reads them."""
    if not words.strip():
        return {}
    return dict(db.session.execute(_QUERY_LEXEMES, {"words": words}).all())


def bm25_order(found: Query):
    """ORDER BY a document's BM25F score for the query's lexemes, best first."""
    totals = statistics()
    total = totals["documents"] or 1
    frequencies = dict(db.session.execute(
        select(SearchTerm.lexeme, SearchTerm.documents)
        .where(SearchTerm.lexeme.in_(found.lexemes))).all())
    idfs = [math.log(1 + (total - frequencies.get(lexeme, 0) + 0.5)
                     / (frequencies.get(lexeme, 0) + 0.5)) * found.counts.get(lexeme, 1)
            for lexeme in found.lexemes]
    averages = {name: float(totals[f"length_{name}"]) / total or 1.0 for name in "abc"}
    return _BM25.bindparams(
        lexemes=found.lexemes, idfs=idfs, k1=K1, k1_plus_1=K1 + 1, b=B,
        avg_a=averages["a"], avg_b=averages["b"], avg_c=averages["c"],
        wa=FIELD_WEIGHTS["A"], wb=FIELD_WEIGHTS["B"], wc=FIELD_WEIGHTS["C"],
        overdue_weight=OVERDUE_WEIGHT)
