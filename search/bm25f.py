"""A query's word in every field it is searched in, scored as one: BM25F.

Whoosh's BM25F scores each field of a word on its own and adds the scores up, so a
word found in the title and the body is counted twice over (two idfs, two
saturations), and a word repeated in the query counts once (Or.normalize drops the
copies). Long descriptive queries suffered most: CISI, whose queries repeat their
topic ("titles ... titles ... titles"), stood at 0.74x of bm25s's nDCG@10.

`Word` is a word's terms in the search fields (title:titl, body:titl, accepted:titl,
tags:titles) and how often the query says it (`count`). A document's score for it is
BM25F (Robertson and Zaragoza, "The Probabilistic Relevance Framework: BM25 and
Beyond", 2009, section 3.4): the word's weight in each field (its count times the
field's boost: title 3, tags and the accepted answer 1.5, body 1), each normalised by
the field's length against that field's average, summed, then saturated once:

    x     = sum over fields of weight / (1 - b + b * length / average length)
    score = count * idf * x * (k1 + 1) / (x + k1)
    idf   = log(1 + (N - df + 0.5) / (df + 0.5))     (Lucene's, as bm25s's)

with df the largest of the word's per-field document frequencies (as Lucene's
CombinedFieldQuery; a document holding the word in its title and body is counted
once, without reading every posting to make the union). k1 and b are the searcher's
BM25F weighting's (search.schema.weighting).

The same arithmetic serves Whoosh's matcher tree (`Word.matcher`) and the ranking by
postings (search.ranking._rank_by_terms); tests/search compare the two.
"""

from __future__ import annotations

import math

from whoosh import matching, query, scoring
from whoosh.util import make_binary_tree


class Word(query.CompoundQuery):
    """One word of the query in several fields, said `count` times in the query."""

    JOINT = " OR "

    def __init__(self, subqueries, boost=1.0, count=1):
        super().__init__(subqueries, boost=boost)
        self.count = count

    def __repr__(self):
        return f"Word({self.subqueries!r}, count={self.count})"

    def __eq__(self, other):
        return super().__eq__(other) and self.count == other.count

    def __hash__(self):
        return super().__hash__() ^ hash(self.count)

    def apply(self, fn):
        return self.__class__([fn(q) for q in self.subqueries], boost=self.boost,
                              count=self.count)

    def normalize(self):
        subqueries = []
        for sub in self.subqueries:
            sub = sub.normalize()
            if sub is not query.NullQuery and sub not in subqueries:
                subqueries.append(sub)
        if not subqueries:
            return query.NullQuery
        return self.__class__(subqueries, boost=self.boost, count=self.count)

    def simplify(self, ixreader):
        return self.normalize()

    def terms_only(self) -> bool:
        return all(type(sub) is query.Term and sub.boost == 1 for sub in self.subqueries)

    def _matcher(self, subs, searcher, context):
        matchers = [sub.matcher(searcher, context) for sub in subs]
        if context is not None and not context.needs_current and context.weighting is None:
            return make_binary_tree(matching.UnionMatcher, matchers)  # matching only
        return WordMatcher(self, searcher, matchers)

    def matcher(self, searcher, context=None):
        return self._matcher(self.subqueries, searcher, context)


def parameters(searcher) -> tuple[float, float]:
    """(k1, b) of the searcher's weighting (BM25F's defaults for any other)."""
    weighting = searcher.weighting if hasattr(searcher, "weighting") else None
    if isinstance(weighting, scoring.BM25F):
        return weighting.K1, weighting.B
    return 1.2, 0.75


class Scorer:
    """What scoring a Word needs from the whole index: its idf, and each field's
    average length and b."""

    def __init__(self, searcher, word: Word):
        parent = searcher.get_parent()
        self.k1, b = parameters(parent)
        field_b = getattr(parent.weighting, "_field_B", {}) if hasattr(parent, "weighting") \
            else {}
        total = parent.doc_count_all()
        frequency = max((parent.doc_frequency(sub.fieldname, sub.text)
                         for sub in word.subqueries if type(sub) is query.Term), default=0)
        self.idf = idf(total, frequency) * word.count * word.boost
        self.fields = {}
        for sub in word.subqueries:
            fieldname = sub.field()
            if fieldname is not None and fieldname not in self.fields:
                self.fields[fieldname] = (field_b.get(fieldname, b),
                                          parent.avg_field_length(fieldname) or 1)

    def normalised(self, fieldname: str, weight: float, length: float) -> float:
        """The field's share of x: its weight over its normalised length."""
        b, average = self.fields[fieldname]
        return weight / (1 - b + b * length / average)

    def saturated(self, x: float) -> float:
        k1 = self.k1
        return self.idf * x * (k1 + 1) / (x + k1)


def idf(total: int, frequency: int) -> float:
    return math.log(1 + (total - frequency + 0.5) / (frequency + 0.5))


class WordMatcher(matching.WrappingMatcher):
    """The union of a Word's field matchers, scored by BM25F."""

    def __init__(self, word: Word, searcher, matchers, scorer: Scorer | None = None):
        super().__init__(make_binary_tree(matching.UnionMatcher, matchers))
        self.word, self.searcher, self.matchers = word, searcher, matchers
        self.scorer = scorer or Scorer(searcher, word)
        self.fieldnames = [sub.field() for sub in word.subqueries]

    def copy(self):
        return WordMatcher(self.word, self.searcher, [m.copy() for m in self.matchers],
                           self.scorer)

    def replace(self, minquality=0):
        return self if self.is_active() else matching.NullMatcher()

    def supports_block_quality(self):
        return False

    def score(self):
        docnum = self.child.id()
        x = 0.0
        reader = self.searcher.reader()
        for fieldname, matcher in zip(self.fieldnames, self.matchers, strict=True):
            if matcher.is_active() and matcher.id() == docnum:
                x += self.scorer.normalised(fieldname, matcher.weight(),
                                            reader.doc_field_length(docnum, fieldname))
        return self.scorer.saturated(x)
