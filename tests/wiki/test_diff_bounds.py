"""A diff's work and size are bounded, and each pair of revisions is diffed once
(issue 12, item 2): a 200 KB article whose lines are shuffled cost 6-9 s and 11 MB.

Times are CPU time of this process (time.process_time), so that a machine busy with
other work does not fail the tests; bench/bench_algorithms.py records wall-clock times."""

import random
import time

import pytest

from bench import shapes
from core.extensions import db
from tests.conftest import CSRF_META
from wiki import alignment, diffing, reading
from wiki.models import Revision


def shuffled_lines(seed: int = 1) -> tuple[str, str]:
    """A text of one-word lines (the worst shape known) and the same lines shuffled."""
    return shapes.shuffled_lines(random.Random(seed))


def test_a_shuffled_article_is_diffed_by_lines_within_the_budget():
    old, new = shuffled_lines()
    started = time.process_time()
    comparison = diffing.compare(old, new)
    assert time.process_time() - started < 3
    assert comparison.level in ("line", "whole")
    assert comparison.truncated
    assert len(comparison.html) < 800_000
    assert comparison.added == comparison.removed > 20_000  # the counts are of the whole


def test_past_the_word_budget_the_diff_is_by_lines_then_whole(monkeypatch):
    old = "Alpha beta gamma.\nDelta epsilon.\nZeta eta."
    new = "Alpha beta gamma!\nDelta epsilon.\nZeta eta."
    assert diffing.compare(old, new).level == "word"
    with pytest.raises(diffing.OverBudget):
        diffing.align(list("abcdefgh"), list("hgfedcba"), diffing.Budget(cells=5))
    real = diffing.token_matches

    def words_too_dear(*args, words=True):
        if words:
            raise diffing.OverBudget
        return real(*args, words=False)

    monkeypatch.setattr(diffing, "token_matches", words_too_dear)
    lines = diffing.compare(old, new)
    assert lines.level == "line" and (lines.added, lines.removed) == (3, 3)
    assert "Delta epsilon." in lines.html  # the unchanged line is kept
    monkeypatch.setattr(alignment, "DIFF_CELLS", 0)  # not even the lines fit
    coarse = diffing.compare(old, new)
    assert coarse.level == "whole" and (coarse.added, coarse.removed) == (7, 7)


def test_the_shown_diff_is_capped():
    old = " ".join(f"w{n}" for n in range(100))
    comparison = diffing.compare(old, old.replace("w", "x"), max_tokens=10)
    assert comparison.truncated and comparison.html.count("x") <= 10 + 1
    assert not diffing.compare(old, old + " more").truncated


@pytest.fixture
def shuffled_article(app, write, member):
    article = write(member, title="Shuffled", body="Short.")
    old, new = shuffled_lines()
    for number, body in ((2, old), (3, new)):
        db.session.add(Revision(article=article, number=number, author_id=member.id,
                                title=article.title, body=body, html="", size=len(body)))
    article.revision_count = 3
    db.session.commit()
    return article


def test_the_diff_page_of_a_shuffled_article_is_quick_capped_and_cached(
        app, client, shuffled_article, monkeypatch):
    calls = []
    real = diffing.compare
    monkeypatch.setattr(diffing, "compare", lambda *a, **k: calls.append(1) or real(*a, **k))
    url = f"/wiki/{shuffled_article.slug}/diff?from=2&to=3"
    started = time.process_time()
    response = client.get(url)
    assert time.process_time() - started < 3
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and len(page) < 900_000
    assert "whole lines are compared" in page or "differ too much" in page
    assert "too long to show in full" in page
    # The same page again (but for the CSRF token, signed with the second it was made in).
    again = client.get(url).get_data(as_text=True)
    assert CSRF_META.sub("", again) == CSRF_META.sub("", page)
    assert calls == [1]  # the second view came from the cache
    ordinary = client.get(f"/wiki/{shuffled_article.slug}/diff?from=1&to=2")
    assert "whole lines" not in ordinary.get_data(as_text=True)


def test_an_ordinary_edit_is_still_diffed_by_words(app, write, edit, member, client):
    article = write(member, title="Plain", body="We began with three printers.")
    edit(article, member, "We began with four printers.")
    page = client.get(f"/wiki/{article.slug}/diff").get_data(as_text=True)
    assert "three" in page and "four" in page and "whole lines" not in page
    assert reading.get_revision(article, 2).number == 2
