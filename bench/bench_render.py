"""Render time against input size for the worst Markdown shapes we know (issue 12).

Each shape is rendered at growing sizes by a render worker (core.render_pool, the path
every member's text takes), with a generous budget (--seconds, default 6) so that the
growth shows; a shape is not tried at larger sizes once it is refused. The baseline is
ordinary article Markdown of the same size, rendered in the same run: the ratio is shape
time / baseline time. Then every shape at its largest size goes through `render()` as a
request does (the default 2.5 s budget): each must finish or be refused within 3 s.

    .venv/bin/python bench/bench_render.py [--sizes 10000,50000,200000] [--seconds 6]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from core import render_pool  # noqa: E402
from core.markup import MAX_CHARS, render  # noqa: E402
from core.render_pool import RenderRefused  # noqa: E402

ORDINARY = """## Running a seed library

Our branch started a *seed library* in 2019 with [the county extension office](https://example.org/extension)
and a grant of **$1,200**. See [[Community gardens]] for the garden side.

- Catalogue seeds as kits, one packet each; loan period 6 months.
- Ask borrowers to return seeds from their harvest (*optional*).
- Label with the variety, year and grower: `Tomato - Brandywine - 2023 - M. Diaz`.

| What | Cost | Notes |
|:-----|-----:|-------|
| Card catalogue | $150 | second-hand |
| Envelopes | $60 | coin envelopes, 1,000 |

> Patrons told us it was the first time the library had felt like a garden.

"""

SHAPES = {
    "[ flood": "[",
    "*_[ flood": "*_[",
    "[[ flood": "[[",
    "<a  flood": "<a ",
    "## h lines (one block)": "## h\n",
    "identical headings": "## same\n\n",
    "nested [ ... ]": None,  # half "[", half "]"
    "[a]( flood": "[a](",
    "setext headings": "a\n---\n",
}


def shape(name: str, size: int) -> str:
    if SHAPES[name] is None:
        return "[" * (size // 2) + "]" * (size - size // 2)
    unit = SHAPES[name]
    return (unit * (size // len(unit) + 1))[:size]


def ordinary(size: int) -> str:
    return (ORDINARY * (size // len(ORDINARY) + 1))[:size]


def timed(text: str, seconds: float) -> float | None:
    """Seconds to render `text` by a ready worker, or None if refused."""
    render_pool.pool().render("ready?", 30)  # waits for a replacement still starting
    start = time.perf_counter()
    try:
        render_pool.pool().render(text, seconds)
    except RenderRefused:
        return None
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,25000,50000,100000,200000")
    parser.add_argument("--seconds", type=float, default=6.0)
    args = parser.parse_args()
    sizes = [min(int(size), MAX_CHARS) for size in args.sizes.split(",")]
    print(f"load average {os.getloadavg()[0]:.1f}; budget {args.seconds:g} s per render; "
          f"times in seconds (ratio to ordinary Markdown of the same size)")
    timed("warm up", 30)
    baseline = {size: min(timed(ordinary(size), 30) for _ in range(3)) for size in sizes}
    print(f"{'shape':26}" + "".join(f"{size:>17,}" for size in sizes))
    print(f"{'ordinary Markdown':26}" + "".join(f"{baseline[s]:>17.3f}" for s in sizes))
    for name in SHAPES:
        cells, refused = [], False
        for size in sizes:
            took = None if refused else timed(shape(name, size), args.seconds)
            if took is None:
                cells.append(f"{'(not tried)' if refused else f'> {args.seconds:g} refused':>17}")
                refused = True
            else:
                cells.append(f"{took:>8.3f} ({took / baseline[size]:>5.1f}x)")
        print(f"{name:26}" + "".join(cells), flush=True)

    largest = sizes[-1]
    print(f"\nAs a request renders ({render_pool.DEFAULT_SECONDS:g} s budget), "
          f"{largest:,} characters of each shape:")
    for name in SHAPES:
        text = shape(name, largest)
        render_pool.pool().render("ready?", 30)
        start = time.perf_counter()
        try:
            render(text)
            verdict = "rendered"
        except RenderRefused:
            verdict = "refused"
        took = time.perf_counter() - start
        print(f"  {name:26} {took:6.2f} s  {verdict}{'' if took < 3 else '  OVER 3 s'}",
              flush=True)
    render_pool.shutdown()


if __name__ == "__main__":
    main()
