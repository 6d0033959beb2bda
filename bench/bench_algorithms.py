"""Timings of attribution, merging and diffing on a 10,000-word article.

Run: .venv/bin/python bench/bench_algorithms.py

Prints the best of a few runs for each case (and the total for the 200-edit
run); asserts nothing about time. The article is generated: paragraphs of 40 to
250 words drawn from a Zipf-like vocabulary, so that common words ("the",
"of") repeat as much as in real prose.
"""

from __future__ import annotations

import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.shapes import shuffled_lines  # noqa: E402
from wiki.attribution import Runs, attribute, tokenize  # noqa: E402
from wiki.diffing import compare, diff_stats, render_diff_html  # noqa: E402
from wiki.merging import merge  # noqa: E402

WORDS = 10_000
HISTORY = 20
COMMON = ["the", "of", "and", "to", "a", "in", "is", "that", "for", "it", "as", "with", "on",
          "by", "this", "be", "are", "or", "from", "at", "library", "readers", "books",
          "catalogue", "staff", "service", "collection"]


def vocabulary(rng: random.Random) -> list[str]:
    rare = [f"{rng.choice('bcdfglmnprst')}{rng.choice('aeiou')}{rng.choice('klmnrst')}"
            f"{rng.choice('aeiouy')}{rng.randint(0, 99)}" for _ in range(3000)]
    return COMMON * 40 + rare


def article(rng: random.Random, words: int = WORDS) -> str:
    vocab = vocabulary(rng)
    paragraphs, count = [], 0
    while count < words:
        size = min(rng.randint(40, 250), words - count)
        paragraphs.append(" ".join(rng.choice(vocab) for _ in range(size)))
        count += size
    return "\n\n".join(paragraphs)


def small_edit(rng: random.Random, text: str) -> str:
    """Change, insert or delete a few words at one random place."""
    words = text.split(" ")
    at = rng.randrange(len(words))
    action = rng.choice(("change", "insert", "delete"))
    new = [f"new{rng.randint(0, 10**6)}" for _ in range(rng.randint(1, 12))]
    if action == "change":
        words[at:at + len(new)] = new
    elif action == "insert":
        words[at:at] = new
    else:
        del words[at:at + rng.randint(1, 12)]
    return " ".join(words)


def best_ms(run: Callable[[], object], repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times) * 1000


def with_history(rng: random.Random) -> tuple[str, Runs, list[tuple[str, Runs]], int]:
    """A 10k-word article after 21 small edits: its text, runs, the 20 revisions
    before it (newest first) and its revision number."""
    text = article(rng)
    runs = attribute(text, 1, None)
    revisions = [(text, runs)]
    for number in range(2, HISTORY + 3):
        text = small_edit(rng, text)
        runs = attribute(text, number, revisions[-1], revisions[-2::-1][:HISTORY])
        revisions.append((text, runs))
    history = revisions[-2::-1][:HISTORY]
    return text, runs, history, len(revisions)


def paragraphs_of(text: str) -> list[str]:
    return text.split("\n\n")


def bench_attribution(rng: random.Random) -> None:
    text, runs, history, number = with_history(rng)
    previous = (text, runs)
    print(f"Attribution of a {len(tokenize(text)):,}-word article "
          f"(previous revision + {len(history)} in history)")

    paragraphs = paragraphs_of(text)
    middle = len(paragraphs) // 2
    edited = list(paragraphs)
    words = edited[middle].split()
    words[5:8] = ["rewritten", "by", "an", "editor"]
    edited[middle] = " ".join(words) + " and a whole new closing sentence added here."
    attribution_case("(a) one paragraph edited (12 words typed)", "\n\n".join(edited),
                     number + 1, previous, history)

    moved = list(paragraphs)
    block = moved.pop(3)
    moved.insert(len(moved) - 3, block)
    attribution_case(f"(b) a {len(block.split())}-word paragraph moved", "\n\n".join(moved),
                     number + 1, previous, history)

    largest = max(range(len(paragraphs)), key=lambda k: len(paragraphs[k]))
    deleted_text = "\n\n".join(p for k, p in enumerate(paragraphs) if k != largest)
    deleted_runs = attribute(deleted_text, number + 1, previous, history)
    restore_history = [previous, *history][:HISTORY]
    attribution_case(f"(c) a {len(paragraphs[largest].split())}-word paragraph deleted",
                     deleted_text, number + 1, previous, history)
    attribution_case("    ...and restored as it was (whole text)", text, number + 2,
                     (deleted_text, deleted_runs), restore_history)
    restored = "\n\n".join(edited[:largest] + [paragraphs[largest]] + edited[largest + 1:]
                            if largest != middle else paragraphs)
    attribution_case("    ...restored by hand along with (a)'s edit", restored, number + 2,
                     (deleted_text, deleted_runs), restore_history)

    revisions = [*history[::-1], previous]
    current = text
    start = time.perf_counter()
    for step in range(200):
        current = small_edit(rng, current)
        window = revisions[-2:-HISTORY - 2:-1]
        runs = attribute(current, number + 1 + step, revisions[-1], window)
        revisions.append((current, runs))
    total = (time.perf_counter() - start) * 1000
    print(f"  (d) 200 successive small edits: {total:8.1f} ms in all, {total / 200:6.2f} ms "
          "per edit")

    scattered = text
    for _ in range(50):
        scattered = small_edit(rng, scattered)
    attribution_case("(e) 50 scattered edits at once", scattered, number + 1, previous,
                     history)
    all_words = text.split()
    reflowed = "\n".join(" ".join(all_words[k:k + 12]) for k in range(0, len(all_words), 12))
    attribution_case("(f) whole text re-wrapped (every line changed)", reflowed, number + 1,
                     previous, history)
    one_line = text.replace("\n\n", " ")
    one_line_edited = one_line
    for _ in range(20):
        one_line_edited = small_edit(rng, one_line_edited)
    one_line_runs = attribute(one_line, 1, None)
    attribution_case("(g) one 10k-word line, 20 scattered edits", one_line_edited, 2,
                     (one_line, one_line_runs), ())
    attribution_case("(h) first revision (no previous)", text, 1, None, ())


def attribution_case(label: str, text: str, number: int, previous: tuple[str, Runs] | None,
                     history: list[tuple[str, Runs]] | tuple[()]) -> None:
    """Time attribute() and say how many words it credited to the new revision."""
    runs = attribute(text, number, previous, history)
    new = sum(count for revision, count in runs if revision == number)
    ms = best_ms(lambda: attribute(text, number, previous, history))
    print(f"  {label:<50} {ms:8.2f} ms   ({new:,} words credited to the new revision)")


def bench_merge(rng: random.Random) -> None:
    base = article(rng)
    paragraphs = paragraphs_of(base)
    theirs, yours = list(paragraphs), list(paragraphs)
    theirs[2] = theirs[2].replace(" ", " their ", 1)
    yours[-3] = yours[-3] + " your addition"
    same_paragraph_theirs, same_paragraph_yours = list(paragraphs), list(paragraphs)
    words = paragraphs[10].split()
    same_paragraph_theirs[10] = " ".join(["THEIRS", *words[1:]])
    same_paragraph_yours[10] = " ".join([*words[:-1], "YOURS"])
    print("Merging a 10,000-word article")
    case("different paragraphs", lambda: merge(base, "\n\n".join(theirs), "\n\n".join(yours)))
    case("different words, same paragraph", lambda: merge(
        base, "\n\n".join(same_paragraph_theirs), "\n\n".join(same_paragraph_yours)))
    case("20 scattered edits on each side", lambda: merge(
        base, scatter(rng, base, 20), scatter(rng, base, 20)))


def scatter(rng: random.Random, text: str, edits: int) -> str:
    for _ in range(edits):
        text = small_edit(rng, text)
    return text


def bench_diff(rng: random.Random) -> None:
    old = article(rng)
    new = small_edit(rng, old)
    many = scatter(rng, old, 50)
    print("Diffing a 10,000-word article")
    case("render_diff_html, one small edit", lambda: render_diff_html(old, new))
    case("diff_stats, one small edit", lambda: diff_stats(old, new))
    case("render_diff_html, 50 scattered edits", lambda: render_diff_html(old, many))
    case("render_diff_html, new text entirely", lambda: render_diff_html(old, article(rng)))


def bench_hostile_diff(rng: random.Random) -> None:
    """The bounded diff (wiki.diffing.compare, what /wiki/<slug>/diff runs uncached) of a
    shuffled 200 KB article against an ordinary edit's, in the same run."""
    old = article(rng)
    edited = small_edit(rng, old)
    shuffled_old, shuffled_new = shuffled_lines(rng)
    print("Bounded diff (compare): an ordinary edit against a 200 KB article's lines shuffled")
    for label, a, b in (("one small edit, 10,000 words", old, edited),
                        ("200 KB of one-word lines, shuffled", shuffled_old, shuffled_new)):
        result = compare(a, b)
        ms = best_ms(lambda a=a, b=b: compare(a, b), repeat=3)
        print(f"  {label:<50} {ms:8.2f} ms  level {result.level}, "
              f"{len(result.html) / 1e6:.2f} MB of HTML{', cut' if result.truncated else ''}")


def case(label: str, run: Callable[[], object]) -> None:
    print(f"  {label:<50} {best_ms(run):8.2f} ms")


def main() -> None:
    rng = random.Random(2024)
    bench_attribution(rng)
    bench_merge(rng)
    bench_diff(rng)
    bench_hostile_diff(rng)


if __name__ == "__main__":
    main()
