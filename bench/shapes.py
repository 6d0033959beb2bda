"""Texts of the shapes known to be hardest for the algorithms, built in one place for the
benchmarks (bench_algorithms.py) and the tests that bound them (tests/wiki/)."""

from __future__ import annotations

import random


def shuffled_lines(rng: random.Random, size: int = 200_000) -> tuple[str, str]:
    """A 200 KB text of one-word lines, and the same lines shuffled: the worst shape known
    for the diff (issue 12: 6-9 s and 11 MB a view before diffs were bounded)."""
    lines, total = [], 0
    while total < size - 10:
        line = f"w{rng.randrange(100_000)}"
        lines.append(line)
        total += len(line) + 1
    old = "\n".join(lines)
    rng.shuffle(lines)
    return old, "\n".join(lines)
