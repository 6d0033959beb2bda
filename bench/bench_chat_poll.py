"""A live chat under load: 30 members replying while 100 polls a second ask for new
replies, on gunicorn's sync workers (the deployment the polling design is for).

    .venv/bin/python bench/bench_chat_poll.py [--seconds 30] [--workers 4] [--postgres]

A fresh site (SQLite by default, or a PostgreSQL database of its own with --postgres) is
migrated with `flask db upgrade`; 31 members and a live chat with its first prompt out
are made through the app's own services. Then, for `--seconds`:

- 30 repliers, each signed in through /login, post a reply every 1 to 3 seconds (the
  form's POST, as a browser without JavaScript would; the redirect is not followed);
- pollers ask `/chats/<id>/replies?after=<last seen>` 100 times a second in all, each
  keeping its own `last`, as the page's script does.

Printed: polls and replies sent, their status codes (any 5xx is a failure), poll latency
p50 / p95 / p99 and the share of 204s, reply latency p50 / p95, and whether every reply
that was answered 302 is in the database and was seen by the pollers (none lost). Posting
limits are off for the run (RATELIMIT_DISABLED), as in bench/load/.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.load.harness import (  # noqa: E402
    PYTHON,
    ROOT,
    Gunicorn,
    Site,
    log,
    recreate_pg_database,
    site_env,
)

REPLIERS = 30
PASSWORD = "chat bench passphrase 2026"  # noqa: S105 - throwaway accounts
CSRF_RE = re.compile(r'<meta name="csrf-token" content="([^"]+)"')


def seed(out: str) -> None:
    """Run inside the site's environment: members and a live chat, facts to `out`."""
    from datetime import timedelta

    from app import create_app
    from chats import live
    from chats.models import Chat, Prompt
    from core import accounts
    from core.extensions import db
    from core.timeutil import utcnow

    app = create_app()
    with app.app_context():
        host = accounts.register("chathost", "chathost@example.org", PASSWORD, role="editor")
        names = []
        for number in range(REPLIERS):
            name = f"replier{number}"
            accounts.register(name, f"{name}@example.org", PASSWORD)
            names.append(name)
        start = utcnow() - timedelta(minutes=1)
        chat = Chat(title="Bench chat", short_name="benchchat", time_zone="UTC",
                    starts_at=start, ends_at=start + timedelta(hours=2), host_id=host.id)
        chat.prompts.append(Prompt(number=1, body="Anything?", html="<p>Anything?</p>"))
        db.session.add(chat)
        db.session.flush()
        live.release_next(host, chat)
        db.session.commit()
        Path(out).write_text(json.dumps({"chat": chat.id, "prompt": chat.prompts[0].id,
                                         "members": names}))


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


class Run:
    def __init__(self, base: str, facts: dict, seconds: float, poll_rate: float) -> None:
        self.base, self.facts, self.seconds, self.poll_rate = base, facts, seconds, poll_rate
        self.lock = threading.Lock()
        self.poll_ms: list[float] = []
        self.reply_ms: list[float] = []
        self.statuses: dict[str, dict[int, int]] = {"poll": {}, "reply": {}, "login": {}}
        self.posted: set[str] = set()
        self.seen: set[int] = set()
        self.errors: list[str] = []
        self.stop_at = 0.0

    def count(self, kind: str, status: int) -> None:
        with self.lock:
            self.statuses[kind][status] = self.statuses[kind].get(status, 0) + 1

    def replier(self, name: str, number: int) -> None:
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar),
                                             NoRedirect())
        try:
            with opener.open(f"{self.base}/login", timeout=30) as page:
                token = CSRF_RE.search(page.read().decode()).group(1)
            data = urllib.parse.urlencode({"login": name, "password": PASSWORD,
                                           "csrf_token": token}).encode()
            try:
                opener.open(f"{self.base}/login", data, timeout=30)
            except urllib.error.HTTPError as answer:
                self.count("login", answer.code)
            with opener.open(f"{self.base}/chats/{self.facts['chat']}", timeout=30) as page:
                token = CSRF_RE.search(page.read().decode()).group(1)
        except Exception as error:  # noqa: BLE001 - reported, the run goes on
            self.errors.append(f"{name}: sign-in failed: {error}")
            return
        sequence = 0
        pace = 1.0 + (number % 5) * 0.5  # 1 to 3 seconds between replies
        while time.time() < self.stop_at:
            sequence += 1
            marker = f"{name}-{sequence}"
            data = urllib.parse.urlencode({
                "body": f"Reply {marker}: we lend sewing machines too.",
                "prompt_id": self.facts["prompt"], "csrf_token": token}).encode()
            started = time.perf_counter()
            status = 0
            try:
                opener.open(f"{self.base}/chats/{self.facts['chat']}/reply", data, timeout=30)
                status = 200
            except urllib.error.HTTPError as answer:
                status = answer.code
            except OSError as error:
                self.errors.append(f"{marker}: {error}")
            elapsed = (time.perf_counter() - started) * 1000
            self.count("reply", status)
            with self.lock:
                self.reply_ms.append(elapsed)
                if status == 302:
                    self.posted.add(marker)
            time.sleep(pace)

    def poller(self, interval: float) -> None:
        last = 0
        url = f"{self.base}/chats/{self.facts['chat']}/replies?after="
        opener = urllib.request.build_opener()
        next_at = time.time()
        # Two seconds past the last reply: the replies posted at the end are seen too.
        while time.time() < self.stop_at + 2:
            started = time.perf_counter()
            try:
                with opener.open(url + str(last), timeout=30) as answer:
                    status = answer.status
                    body = answer.read()
                if status == 200:
                    data = json.loads(body)
                    last = max(last, data["last"])
                    with self.lock:
                        self.seen.update(item["id"] for item in data["replies"])
            except urllib.error.HTTPError as answer:
                status = answer.code
            except OSError as error:
                status = 0
                self.errors.append(f"poll: {error}")
            with self.lock:
                self.poll_ms.append((time.perf_counter() - started) * 1000)
            self.count("poll", status)
            next_at += interval
            time.sleep(max(0.0, next_at - time.time()))

    def go(self, pollers: int = 20) -> None:
        self.stop_at = time.time() + self.seconds + 3  # sign-ins take the first seconds
        threads = [threading.Thread(target=self.replier, args=(name, number), daemon=True)
                   for number, name in enumerate(self.facts["members"])]
        interval = pollers / self.poll_rate
        threads += [threading.Thread(target=self.poller, args=(interval,), daemon=True)
                    for _ in range(pollers)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(self.seconds + 60)


def stored_markers(site: Site, chat_id: int) -> set[str]:
    code = ("import json,sys\nfrom app import create_app\nfrom core.extensions import db\n"
            "from chats.models import Reply\napp = create_app()\nwith app.app_context():\n"
            f"    bodies = db.session.scalars(db.select(Reply.body).where(Reply.chat_id == "
            f"{int(chat_id)}))\n"
            "    print(json.dumps([b.split(':')[0].removeprefix('Reply ') for b in bodies]))\n")
    result = subprocess.run([PYTHON, "-c", code], cwd=ROOT, env=site.env, capture_output=True,
                            text=True, timeout=120, check=True)
    return set(json.loads(result.stdout.strip().splitlines()[-1]))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--polls", type=float, default=100, help="polls per second in all")
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--seed", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.seed:
        seed(args.seed)
        return 0
    workdir = Path(tempfile.mkdtemp(prefix="chat-poll-bench-"))
    url = recreate_pg_database("commonplace_chat_bench") if args.postgres \
        else f"sqlite:///{workdir / 'site.db'}"
    site = Site("postgres" if args.postgres else "sqlite", url, workdir,
                workdir / "search-index", site_env(url, workdir / "search-index", workdir))
    site.env["JOBS_DATABASE"] = str(workdir / "jobs.db")
    site.env["MAIL_DIR"] = str(workdir / "mail")
    log(f"migrating a fresh {site.database} site in {workdir}")
    site.flask("db", "upgrade")
    subprocess.run([PYTHON, __file__, "--seed", str(workdir / "facts.json")], cwd=ROOT,
                   env=site.env, check=True, timeout=300)
    facts = json.loads((workdir / "facts.json").read_text())
    load = os.getloadavg()[0]
    with Gunicorn(site, workers=args.workers) as server:
        log(f"gunicorn, {args.workers} sync workers on {server.base}; {REPLIERS} repliers, "
            f"{args.polls:g} polls/s for {args.seconds:g} s (load average {load:.1f})")
        run = Run(server.base, facts, args.seconds, args.polls)
        run.go()
    stored = stored_markers(site, facts["chat"])
    lost = run.posted - stored
    polls = sum(run.statuses["poll"].values())
    five = {kind: sum(n for code, n in codes.items() if code >= 500 or code == 0)
            for kind, codes in run.statuses.items()}
    print(json.dumps({kind: dict(sorted(codes.items())) for kind, codes in
                      run.statuses.items()}))
    print(f"polls: {polls} ({polls / (args.seconds + 3):.0f}/s), "
          f"204: {run.statuses['poll'].get(204, 0) / max(polls, 1):.0%}, "
          f"p50 {percentile(run.poll_ms, .5):.1f} ms, p95 {percentile(run.poll_ms, .95):.1f} "
          f"ms, p99 {percentile(run.poll_ms, .99):.1f} ms, mean "
          f"{statistics.fmean(run.poll_ms) if run.poll_ms else 0:.1f} ms")
    print(f"replies: {len(run.posted)} answered 302, p50 {percentile(run.reply_ms, .5):.1f} "
          f"ms, p95 {percentile(run.reply_ms, .95):.1f} ms; stored {len(stored)}; lost "
          f"{len(lost)}; seen by the pollers {len(run.seen)}")
    print(f"5xx or no answer: polls {five['poll']}, replies {five['reply']}; "
          f"load average at the end {os.getloadavg()[0]:.1f}")
    for error in run.errors[:10]:
        print("error:", error)
    ok = not lost and not any(five.values()) and len(run.seen) >= len(stored)
    print("OK" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
