"""Wiki benchmarks: article views against a Flask+Jinja baseline, and saving a large edit.

    .venv/bin/python bench/bench_wiki.py [--seconds 10] [--workers 2]

1. Article view throughput: gunicorn (sync workers) on 127.0.0.1 serves the real app
   with the demo articles; wrk requests an article page and, from the same server in
   the same run, a baseline page rendering a Jinja template of the same size. The
   ratio is the figure (target: at least 0.70).
2. Save latency: an article of 10,000 words with 200 revisions gets further edits
   through the real service (merge check, attribution, rendering, links); median and
   p95 are printed (target: under 300 ms).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WORDS = ("library community practice service reader collection catalogue makerspace "
         "literacy programme budget volunteer partnership evidence outcome digital "
         "preservation archive school public academic special training workshop "
         "loan device inclusion outreach marketing survey staff patron").split()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, timeout: float = 30) -> None:
    import urllib.request

    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"server did not answer at {url}")


def wrk(url: str, seconds: int) -> float:
    output = subprocess.run(["wrk", "-t2", "-c8", f"-d{seconds}s", "--latency", url],
                            capture_output=True, text=True, timeout=seconds + 30,
                            check=True).stdout
    match = re.search(r"Requests/sec:\s+([\d.]+)", output)
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    if non2xx:
        raise RuntimeError(f"{url}: {non2xx.group(1)} error responses")
    return float(match.group(1))


def prepare_site(workdir: Path) -> dict:
    os.environ.update({"DATABASE_URL": f"sqlite:///{workdir / 'bench.db'}",
                       "SECRET_KEY": "bench", "SEARCH_INDEX_DIR": str(workdir / "index"),
                       "RATELIMIT_DISABLED": "1"})
    from app import create_app
    from core.extensions import db

    app = create_app()
    with app.app_context():
        db.create_all()
        runner = app.test_cli_runner()
        result = runner.invoke(args=["demo", "load"])
        assert result.exit_code == 0, result.output
        from wiki.models import Article

        article = max(db.session.query(Article), key=lambda a: a.current_revision.size)
        slug, size = article.slug, article.current_revision.size
        html = app.test_client().get(f"/wiki/{slug}").get_data(as_text=True)
    body = re.search(r"<body>(.*)</body>", html, re.S).group(1)
    (workdir / "baseline.html").write_text(body)
    return {"slug": slug, "markdown_chars": size, "page_bytes": len(html.encode())}


@contextlib.contextmanager
def serving(workdir: Path, workers: int):
    """The bench app (bench/wiki_app.py) on gunicorn's sync workers, on a free port, with
    the baseline page read from workdir/baseline.html: yields its base URL once the
    baseline answers, and stops the server after."""
    port = free_port()
    env = dict(os.environ, BENCH_BASELINE_HTML=str(workdir / "baseline.html"))
    server = subprocess.Popen(
        [str(ROOT / ".venv/bin/gunicorn"), "--chdir", str(ROOT), "-w", str(workers),
         "-k", "sync", "-b", f"127.0.0.1:{port}", "--log-level", "warning",
         "bench.wiki_app:create_bench_app()"], env=env)
    try:
        base = f"http://127.0.0.1:{port}"
        wait_for(f"{base}/_bench/baseline")
        yield base
    finally:
        server.terminate()
        server.wait(10)


def bench_views(seconds: int, workers: int) -> None:
    if not shutil.which("wrk"):
        print("wrk is not installed (apt-get install wrk): view benchmark skipped")
        return
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        site = prepare_site(workdir)
        with serving(workdir, workers) as base:
            article_url = f"{base}/wiki/{site['slug']}"
            wait_for(article_url)
            wrk(article_url, 2)  # warm up both
            wrk(f"{base}/_bench/baseline", 2)
            baseline = wrk(f"{base}/_bench/baseline", seconds)
            article = wrk(article_url, seconds)
    print(f"article view: /wiki/{site['slug']} ({site['markdown_chars']:,} chars of Markdown, "
          f"{site['page_bytes']:,} bytes of HTML), {workers} sync workers, wrk -t2 -c8 "
          f"-d{seconds}s")
    print(f"  baseline Flask+Jinja page of the same size: {baseline:8.1f} requests/s")
    print(f"  article view:                              {article:8.1f} requests/s")
    print(f"  ratio: {article / baseline:.2f} (target >= 0.70)")


def bench_save(revisions: int = 200, words: int = 10_000, samples: int = 20) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        os.environ.update({"DATABASE_URL": f"sqlite:///{Path(tmp) / 'save.db'}",
                           "SECRET_KEY": "bench", "SEARCH_INDEX_DIR": str(Path(tmp) / "ix")})
        from app import create_app
        from core import accounts
        from core.extensions import db
        from wiki import reading, saving

        app = create_app({"PASSWORD_HASH_METHOD": "scrypt:1024:8:1"})
        rng = random.Random(7)
        with app.app_context():
            db.create_all()
            users = [accounts.register(f"writer{n}", f"w{n}@example.org", "a long passphrase",)
                     for n in range(12)]
            paragraphs = []
            while sum(len(p.split()) for p in paragraphs) < words:
                if len(paragraphs) % 8 == 0:
                    paragraphs.append(f"## Section {len(paragraphs) // 8 + 1}")
                paragraphs.append(" ".join(rng.choice(WORDS) for _ in range(rng.randint(40, 90)))
                                  + f" See [[Topic {rng.randint(1, 40)}]].")
            article = saving.create_article(users[0], title="A very long practice guide",
                                            body="\n\n".join(paragraphs)).article
            db.session.commit()

            def one_edit(author):
                current = article.current_revision
                parts = current.body.split("\n\n")
                index = rng.randrange(len(parts))
                if parts[index].startswith("##"):
                    index = (index + 1) % len(parts)
                words_here = parts[index].split()
                words_here.insert(rng.randrange(len(words_here)), rng.choice(WORDS))
                parts[index] = " ".join(words_here)
                started = time.perf_counter()
                saving.save_edit(article, author, title=article.title, body="\n\n".join(parts),
                                 summary="small edit", base_revision=current.number)
                db.session.commit()
                return time.perf_counter() - started

            build_started = time.perf_counter()
            for number in range(revisions - 1):
                one_edit(users[number % len(users)])
            build = time.perf_counter() - build_started
            timings = sorted(one_edit(users[n % len(users)]) * 1000 for n in range(samples))
            stale = article.current_revision.number
            parts = article.current_revision.body.split("\n\n")
            parts[3] += " concurrent addition"
            saving.save_edit(article, users[1], title=article.title,
                             body="\n\n".join(parts), base_revision=stale)
            db.session.commit()
            merge_started = time.perf_counter()
            other = reading.get_revision(article, stale).body.split("\n\n")
            other[-1] += " my late change"
            saving.save_edit(article, users[2], title=article.title,
                             body="\n\n".join(other), base_revision=stale)
            db.session.commit()
            merge_ms = (time.perf_counter() - merge_started) * 1000
            total_words = len(article.current_revision.body.split())
    p95 = timings[int(len(timings) * 0.95) - 1]
    print(f"save: article of {total_words:,} words with {article.revision_count} revisions "
          f"(building {revisions} revisions took {build:.1f} s)")
    print(f"  edit saved: median {statistics.median(timings):.0f} ms, p95 {p95:.0f} ms, "
          f"max {timings[-1]:.0f} ms over {samples} saves (target < 300 ms)")
    print(f"  edit merged with a concurrent one: {merge_ms:.0f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--skip-views", action="store_true")
    parser.add_argument("--skip-save", action="store_true")
    args = parser.parse_args()
    if not args.skip_views:
        bench_views(args.seconds, args.workers)
    if not args.skip_save:
        bench_save()


if __name__ == "__main__":
    main()
