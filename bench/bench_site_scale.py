"""Site scale: every kind of page at 1,000 and at 100,000 articles, against the framework.

    .venv/bin/python bench/bench_site_scale.py [--sizes 1000,100000] [--seconds 3]
        [--workers 2] [--plans] [--postgres URL] [--workdir DIR --reuse] [--json OUT]

For each size: a fresh database gets the schema from the migrations (`flask db upgrade`,
so the real indexes are measured), then a whole site of realistic shape is bulk-loaded
(bench/site_builder.py: members, articles with revisions, tags, sectors, questions,
answers, votes, comments, workgroups, collections, features). gunicorn (sync workers,
127.0.0.1) serves the real app plus the baseline page of bench/wiki_app.py (a Flask+Jinja
page of the same size as an article page, no database); wrk (-t2 -c8) requests each page
for a few seconds after six requests have warmed it. The baseline is measured before and after
the pages and its mean is the yardstick: the ratio per page is its requests/s over the
baseline's, from the same server in the same run. Peak RSS (VmHWM) of each worker is read
from /proc after the run.

--plans (at each size) requests each list page once in-process, times its SQL and
asks the database for each statement's plan (EXPLAIN QUERY PLAN on SQLite, EXPLAIN on
PostgreSQL), flagging full scans of big tables, sorts in temporary B-trees and slow
statements.

--postgres URL runs on PostgreSQL instead: the database named in the URL (for example
commonplace_bench, never the suite's `test`) is dropped and created for each size.

Every step is bounded in time and every process group it starts is ended in `finally`.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PYTHON = str(ROOT / ".venv/bin/python")
BIN = ROOT / ".venv/bin"

PAGES = [  # (label, path); {names} come from the site's facts
    ("home", "/"),
    ("articles by title", "/wiki/"),
    ("articles by last update", "/wiki/?sort=updated"),
    ("articles with a tag", "/wiki/?tag={tag}"),
    ("articles of a sector", "/wiki/?sector=school"),
    ("articles, deep page", "/wiki/?page={deep_page}"),
    ("tags", "/wiki/tags/"),
    ("article", "/wiki/{article_slug}"),
    ("article history", "/wiki/{history_slug}/history"),
    ("recent changes", "/wiki/recent"),
    ("articles due for a check", "/wiki/?status=due"),
    ("a sector's page", "/sectors/school"),
    ("partnerships board", "/partners/"),
    ("questions", "/questions/"),
    ("questions, unanswered", "/questions/?tab=unanswered"),
    ("question", "{question_path}"),
    ("solutions", "/solutions/"),
    ("workgroups", "/workgroups/"),
    ("collections", "/collections/"),
    ("member profile, active", "/users/{profile_active}"),
    ("member profile, most active", "/users/{profile}"),
]
BIG_TABLES = {"articles", "revisions", "article_tags", "article_authors", "article_links",
              "article_sectors", "article_slugs", "questions", "answers", "votes", "comments",
              "post_revisions", "watches", "question_tags", "users", "review_marks"}
SLOW_MS = 20
WARM_UP = 6  # requests before each page's measurement


# ---------------------------------------------------------------- processes, bounded


def run_bounded(command: list[str], timeout: float, env: dict | None = None) -> str:
    """Run a command in its own process group; kill the group if it outlives `timeout`."""
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True, start_new_session=True)
    try:
        output, _ = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        raise RuntimeError(f"{' '.join(command[:3])}... took over {timeout:.0f} s") from None
    finally:
        _kill_group(process)
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(command[:3])}... failed:\n{output[-3000:]}")
    return output


def _kill_group(process: subprocess.Popen, grace: float = 10) -> None:
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(grace)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(5)
    except ProcessLookupError:
        pass


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str, timeout: float = 60) -> tuple[int, int, float]:
    """(status, bytes, seconds) of one GET."""
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=timeout) as response:
        body = response.read()
        return response.status, len(body), time.perf_counter() - started


def drain(base: str) -> None:
    """Wait until the workers have answered what wrk left queued (a slow page's requests
    outlive wrk's run), so that the next figure measures only its own page."""
    for _ in range(2):  # one request per worker
        fetch(f"{base}/_bench/baseline", timeout=300)


def wait_for(url: str, timeout: float = 60) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            if fetch(url, 5)[0] == 200:
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"the server did not answer at {url} within {timeout:.0f} s")


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * UNITS[unit]


def wrk(url: str, seconds: int) -> dict:
    output = run_bounded(["wrk", "-t2", "-c8", f"-d{seconds}s", "--timeout", "30s",
                          "--latency", url], timeout=seconds + 60)
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    if non2xx:
        raise RuntimeError(f"{url}: {non2xx.group(1)} error responses")
    latency = dict(re.findall(r"^\s*(50|99)%\s+(\S+)\s*$", output, re.M))
    if len(latency) < 2:
        raise RuntimeError(f"{url}: no latency distribution in wrk's output:\n{output}")
    timeouts = re.search(r"timeout (\d+)", output)
    return {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
            "p50_ms": _ms(latency["50"]), "p99_ms": _ms(latency["99"]),
            "requests": int(re.search(r"(\d+) requests in", output).group(1)),
            "timeouts": int(timeouts.group(1)) if timeouts else 0}


def worker_memory(master: int) -> dict:
    """Peak and current RSS (MB) of the gunicorn master and each of its workers."""
    def status(pid: int) -> dict:
        fields = dict(line.split(":", 1) for line in
                      Path(f"/proc/{pid}/status").read_text().splitlines() if ":" in line)
        return {"peak_mb": round(int(fields["VmHWM"].split()[0]) / 1024, 1),
                "rss_mb": round(int(fields["VmRSS"].split()[0]) / 1024, 1)}

    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    return {"master": status(master), "workers": [status(int(pid)) for pid in children]}


def load_average() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


# ---------------------------------------------------------------- one size


def database_url(args, size: int, sitedir: Path) -> str:
    if args.postgres:
        return args.postgres
    return f"sqlite:///{sitedir / 'site.db'}"


def fresh_postgres(url: str) -> None:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    target = make_url(url)
    if target.database in (None, "", "test", "postgres"):
        raise SystemExit(f"refusing to drop the database {target.database!r}: "
                         "use a database of its own, e.g. commonplace_bench")
    admin = create_engine(target.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{target.database}" '
                                    "WITH (FORCE)"))
            connection.execute(text(f'CREATE DATABASE "{target.database}"'))
    finally:
        admin.dispose()


def build(args, size: int, sitedir: Path, env: dict) -> dict:
    facts_file = sitedir / "facts.json"
    if args.reuse and facts_file.exists():
        run_bounded([str(BIN / "flask"), "db", "upgrade"], timeout=600, env=env)
        return json.loads(facts_file.read_text())
    if sitedir.exists():
        shutil.rmtree(sitedir)
    sitedir.mkdir(parents=True)
    if args.postgres:
        fresh_postgres(env["DATABASE_URL"])
    started = time.perf_counter()
    run_bounded([str(BIN / "flask"), "db", "upgrade"], timeout=180, env=env)
    schema = time.perf_counter() - started
    run_bounded([PYTHON, str(ROOT / "bench/site_builder.py"), "--url", env["DATABASE_URL"],
                 "--articles", str(size), "--index-dir", env["SEARCH_INDEX_DIR"],
                 "--facts", str(facts_file), "--baseline", str(sitedir / "baseline.html")],
                timeout=120 + size * 0.01, env=env)
    facts = json.loads(facts_file.read_text())
    facts["schema_seconds"] = round(schema, 1)
    facts["total_build_seconds"] = round(time.perf_counter() - started, 1)
    facts_file.write_text(json.dumps(facts, indent=1))
    return facts


def page_paths(facts: dict) -> list[tuple[str, str]]:
    values = dict(facts)
    values["deep_page"] = max(1, math.ceil(facts["visible_articles"] / 25) * 9 // 10)
    values["tag"] = quote(facts["tag"])
    return [(label, path.format(**values)) for label, path in PAGES]


def measure(args, size: int, workdir: Path) -> dict:
    sitedir = workdir / f"site-{size}"
    env = dict(os.environ, FLASK_APP="app", RATELIMIT_DISABLED="1",
               SECRET_KEY="bench",  # noqa: S106 - a throwaway site
               DATABASE_URL=database_url(args, size, sitedir),
               SEARCH_INDEX_DIR=str(sitedir / "index"),
               BENCH_BASELINE_HTML=str(sitedir / "baseline.html"))
    print(f"\n== {size:,} articles: building the site (load average {load_average()})",
          flush=True)
    facts = build(args, size, sitedir, env)
    print(f"   built in {facts.get('total_build_seconds', '?')} s (rows written in "
          f"{facts['load_seconds']} s, {facts['database_bytes'] / 1e6:,.0f} MB); "
          f"{facts['search']}", flush=True)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [str(BIN / "gunicorn"), "--chdir", str(ROOT), "-w", str(args.workers), "-k", "sync",
         "-b", f"127.0.0.1:{port}", "--timeout", "120", "--log-level", "warning",
         "bench.wiki_app:create_bench_app()"], env=env, start_new_session=True)
    pages = {}
    try:
        wait_for(f"{base}/_bench/baseline")
        status, _size, _seconds = fetch(f"{base}/search?q=makerspace")
        assert status == 200, "the search page did not answer"
        wrk(f"{base}/_bench/baseline", 1)
        drain(base)
        before = wrk(f"{base}/_bench/baseline", args.seconds)
        for label, path in page_paths(facts):
            status, length, first = fetch(base + path, timeout=120)
            assert status == 200, f"{path}: {status}"
            for _ in range(WARM_UP):  # both workers' caches (page fragments, SQLite pages)
                fetch(base + path, timeout=120)
            figures = wrk(base + path, args.seconds)
            drain(base)
            figures.update(path=path, bytes=length, first_ms=round(first * 1000, 1))
            pages[label] = figures
            print(f"   {label:<26} {figures['rps']:8.1f} req/s  p50 {figures['p50_ms']:7.1f} ms"
                  f"  p99 {figures['p99_ms']:7.1f} ms  {length / 1024:5.1f} KB  {path}",
                  flush=True)
        after = wrk(f"{base}/_bench/baseline", args.seconds)
        memory = worker_memory(server.pid)
    finally:
        _kill_group(server)
    baseline = (before["rps"] + after["rps"]) / 2
    for figures in pages.values():
        figures["ratio"] = round(figures["rps"] / baseline, 3)
    print(f"   baseline Flask+Jinja page ({facts['baseline_page_bytes'] / 1024:.1f} KB): "
          f"{before['rps']:.0f} req/s before the pages, {after['rps']:.0f} after "
          f"(p99 {before['p99_ms']:.1f} / {after['p99_ms']:.1f} ms)")
    print("   peak RSS per worker (VmHWM): "
          + ", ".join(f"{w['peak_mb']:.0f} MB" for w in memory["workers"])
          + f"; master {memory['master']['peak_mb']:.0f} MB")
    plans = None
    if args.plans:
        plans = json.loads(run_bounded(
            [PYTHON, __file__, "plans", "--facts", str(sitedir / "facts.json")],
            timeout=600, env=env).splitlines()[-1])
    return {"size": size, "facts": facts, "baseline": {"before": before, "after": after,
                                                       "rps": baseline},
            "pages": pages, "memory": memory, "plans": plans, "load_average": load_average()}


# ---------------------------------------------------------------- query plans


def plans_main(facts_file: str) -> None:
    """In-process: each list page's statements, their time and their plans (one JSON line)."""
    from sqlalchemy import event

    from app import create_app
    from core.extensions import db

    facts = json.loads(Path(facts_file).read_text())
    app = create_app({"SEARCH_DRAIN": "off", "RATELIMIT_ENABLED": False})
    postgres = app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql")
    client = app.test_client()
    report = {}
    with app.app_context():
        engine = db.engine
        statements: list[dict] = []

        def before(conn, cursor, statement, parameters, context, executemany):
            conn.info["started"] = time.perf_counter()

        def after(conn, cursor, statement, parameters, context, executemany):
            if not executemany:
                statements.append({"sql": statement, "params": parameters,
                                   "ms": (time.perf_counter() - conn.info["started"]) * 1000})

        for label, path in page_paths(facts):
            client.get(path)  # warm caches
            statements.clear()
            event.listen(engine, "before_cursor_execute", before)
            event.listen(engine, "after_cursor_execute", after)
            try:
                started = time.perf_counter()
                response = client.get(path)
                total = (time.perf_counter() - started) * 1000
            finally:
                event.remove(engine, "before_cursor_execute", before)
                event.remove(engine, "after_cursor_execute", after)
            assert response.status_code == 200, path
            flagged = []
            with engine.connect() as connection:
                for item in statements:
                    if not item["sql"].lstrip().upper().startswith("SELECT"):
                        continue
                    prefix = "EXPLAIN " if postgres else "EXPLAIN QUERY PLAN "
                    rows = connection.exec_driver_sql(prefix + item["sql"],
                                                      item["params"]).fetchall()
                    plan = [row[0] if postgres else row[-1] for row in rows]
                    problems = [line.strip() for line in plan
                                if _bad_step(line, postgres, item["ms"])]
                    if problems or item["ms"] > SLOW_MS:
                        flagged.append({"ms": round(item["ms"], 1),
                                        "sql": " ".join(item["sql"].split())[:300],
                                        "problems": problems})
            report[label] = {"path": path, "queries": len(statements),
                             "sql_ms": round(sum(item["ms"] for item in statements), 1),
                             "request_ms": round(total, 1), "flagged": flagged}
    print(json.dumps(report))


def _bad_step(line: str, postgres: bool, ms: float) -> bool:
    """A full scan of a big table, or a sort of many rows (SQLite's plans do not say how
    many: a sort in a temporary B-tree counts when its statement took 2 ms or more)."""
    if postgres:
        scan = re.search(r"Seq Scan on (\w+)", line)
        sort = re.search(r"(?:->|^)\s*Sort .*rows=(\d+)", line)
        return bool(scan and scan.group(1) in BIG_TABLES) or bool(
            sort and int(sort.group(1)) > 1000)
    if "USE TEMP B-TREE" in line:
        return ms >= 2
    match = re.match(r"\s*SCAN (\w+)(?: AS \w+)?$", line.strip())
    return bool(match and match.group(1) in BIG_TABLES)


def print_plans(plans: dict, size: int) -> None:
    print(f"\n   pages at {size:,} articles, in-process: queries, SQL time, flagged plans")
    for label, page in plans.items():
        print(f"   {label:<26} {page['queries']:3d} queries  SQL {page['sql_ms']:7.1f} ms"
              f"  request {page['request_ms']:7.1f} ms")
        for item in page["flagged"]:
            print(f"      {item['ms']:7.1f} ms {'; '.join(item['problems']) or 'slow'}: "
                  f"{item['sql'][:160]}")


# ---------------------------------------------------------------- the comparison


def print_comparison(results: list[dict]) -> None:
    small, large = results[0], results[-1]
    print(f"\n== pages at {small['size']:,} and {large['size']:,} articles: requests/s, ratio to "
          "the baseline page from the same run, p50 / p99 latency")
    head = "   {:<26} {:>18} {:>6} {:>16}   {:>18} {:>6} {:>16}   {:>6}"
    print(head.format("page", f"{small['size']:,}: req/s", "ratio", "p50 / p99 ms",
                      f"{large['size']:,}: req/s", "ratio", "p50 / p99 ms", "change"))
    rows = [("baseline (Flask+Jinja)", small["baseline"], large["baseline"])]
    for label in small["pages"]:
        rows.append((label, small["pages"][label], large["pages"].get(label)))
    for label, a, b in rows:
        def cell(figures, baseline):
            if figures is None:
                return "", "", ""
            if "before" in figures:
                before, after = figures["before"], figures["after"]
                return (f"{figures['rps']:.0f}", "1.00",
                        f"{(before['p50_ms'] + after['p50_ms']) / 2:.1f} / "
                        f"{(before['p99_ms'] + after['p99_ms']) / 2:.1f}")
            return (f"{figures['rps']:.0f}", f"{figures['ratio']:.2f}",
                    f"{figures['p50_ms']:.1f} / {figures['p99_ms']:.1f}")

        change = f"{b['ratio'] / a['ratio']:.2f}x" if b and "ratio" in a else ""
        print(head.format(label, *cell(a, small), *cell(b, large), change))
    print("   change: the ratio at the larger size over the ratio at the smaller")
    for result in results:
        workers = result["memory"]["workers"]
        print(f"   peak RSS per worker at {result['size']:,} articles: "
              + ", ".join(f"{w['peak_mb']:.0f} MB" for w in workers))


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "plans":
        parser = argparse.ArgumentParser()
        parser.add_argument("plans")
        parser.add_argument("--facts", required=True)
        plans_main(parser.parse_args().facts)
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,100000",
                        type=lambda text: [int(size) for size in text.split(",")])
    parser.add_argument("--seconds", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--plans", action="store_true")
    parser.add_argument("--postgres", help="e.g. postgresql+psycopg://postgres@127.0.0.1:5432/"
                                           "commonplace_bench")
    parser.add_argument("--workdir", help="keep the sites here (default: a temporary directory)")
    parser.add_argument("--reuse", action="store_true",
                        help="reuse sites built earlier in --workdir (migrations still run)")
    parser.add_argument("--json", help="write every figure to this file")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        print("wrk is not installed (apt-get install wrk): site scale benchmark skipped")
        return
    if args.reuse and args.postgres:
        parser.error("--reuse works with SQLite sites only")
    started = time.perf_counter()
    print(f"site scale: {args.workers} sync gunicorn workers, wrk -t2 -c8, {args.seconds:g} s "
          f"per page after {WARM_UP} requests; {'PostgreSQL' if args.postgres else 'SQLite'}; "
          f"load average {load_average()}")
    with tempfile.TemporaryDirectory(prefix="site-scale-") as tmp:
        workdir = Path(args.workdir or tmp)
        results = [measure(args, size, workdir) for size in args.sizes]
    if len(results) > 1:
        print_comparison(results)
    for result in results:
        if result["plans"]:
            print_plans(result["plans"], result["size"])
    if len(results) > 1 and all(result["plans"] for result in results):
        small, large = results[0], results[-1]
        print(f"\n== in-process request time (ms) and SQL time (ms), one request each, at "
              f"{small['size']:,} and {large['size']:,} articles")
        for label, page in small["plans"].items():
            other = large["plans"][label]
            print(f"   {label:<28} {page['request_ms']:7.1f} {page['sql_ms']:7.1f}   "
                  f"{other['request_ms']:7.1f} {other['sql_ms']:7.1f}   "
                  f"queries {page['queries']} / {other['queries']}")
    print(f"\nsite scale benchmark: {time.perf_counter() - started:.0f} s in all; load average "
          f"{load_average()}")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1, default=str))


if __name__ == "__main__":
    main()
