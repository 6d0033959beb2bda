"""Fault: SIGKILL gunicorn workers in the middle of saves and of search-index drains.

    .venv/bin/python bench/faults/kill_workers.py --db sqlite|postgres [--seconds 60]
        [--interval 5] [--users 32] [--workers 4]

While the load of bench/load/run.py runs, every --interval seconds one worker is
killed with SIGKILL (gunicorn's master replaces it). The victim is chosen in turn by:

  save    a worker inside a write transaction. SQLite: the process holding the WAL
          write lock (a POSIX lock on byte 120 of site.db-shm, read from /proc/locks).
          PostgreSQL: a backend with a transaction id (it has written) whose client
          port belongs to a worker (pg_stat_activity, then `ss -tnp`); one writing
          revisions or articles is preferred;
  drain   the worker holding the Whoosh index write lock (the flock on
          commonplace_WRITELOCK, from /proc/locks): a drain is in progress;
  random  any worker.

A targeted victim is looked for for up to 3 s; if none is found the kill goes to a
random worker and counts as a miss. Afterwards check.py proves that no revision is
half-written (chains whole, every revision's article exists, the current revision
consistent), that no acknowledged write and no outbox row was lost (the next
`flask search drain` completes and `flask search check` is clean), and that the only
failed requests are the ones the killed worker was serving (dropped connections
within 2 s of a kill; no 5xx at all).
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from itertools import cycle
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "load"))

from harness import install_signal_handlers, log  # noqa: E402
from run import Fault, parser_with_common, print_summary, run_scenario  # noqa: E402

SEARCH_LOCK = "commonplace_WRITELOCK"
SQLITE_WRITE_LOCK_BYTE = "120"  # WAL_WRITE_LOCK: the first byte-range lock on the -shm file


def proc_locks() -> list[list[str]]:
    with open("/proc/locks") as handle:
        return [line.split() for line in handle if "->" not in line]


def inode(path: Path) -> int | None:
    try:
        return os.stat(path).st_ino
    except OSError:
        return None


class KillWorkers(Fault):
    name = "kill-workers"

    def __init__(self, site, server, generator, interval: float = 5.0, first: float = 4.0,
                 budget: float = 3.0):
        super().__init__(site, server, generator)
        self.interval, self.first, self.budget = interval, first, budget
        self.kills: list[dict] = []
        self._pg = None

    # finding a victim
    def _lock_holder(self, path: Path, kind: str, start: str | None, workers: set[int]
                     ) -> int | None:
        node = inode(path)
        if node is None:
            return None
        for fields in proc_locks():
            # "12: FLOCK  ADVISORY  WRITE 4242 fe:00:2180721 0 EOF"
            if len(fields) < 8 or fields[1] != kind or fields[3] != "WRITE":
                continue
            if int(fields[5].rsplit(":", 1)[1]) != node:
                continue
            if start is not None and fields[6] != start:
                continue
            pid = int(fields[4])
            if pid in workers:
                return pid
        return None

    def _pg_writer(self, workers: set[int]) -> tuple[int, str] | None:
        import psycopg

        if self._pg is None:
            self._pg = psycopg.connect(self.site.url.replace("postgresql+psycopg",
                                                             "postgresql"), autocommit=True)
        rows = self._pg.execute(
            "SELECT client_port, left(query, 90) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid() "
            "AND backend_xid IS NOT NULL AND client_port IS NOT NULL").fetchall()
        rows.sort(key=lambda row: not re.search(r"revisions|articles", row[1] or ""))
        for port, query in rows:
            out = subprocess.run(["ss", "-tnpH", "state", "established", f"( sport = :{port} )"],
                                 capture_output=True, text=True, timeout=5).stdout
            for pid in re.findall(r"pid=(\d+)", out):
                if int(pid) in workers:
                    return int(pid), query
        return None

    def find(self, strategy: str) -> tuple[int | None, str]:
        deadline = time.time() + self.budget
        while time.time() < deadline and not self._stop.is_set():
            workers = set(self.server.worker_pids())
            if not workers:
                time.sleep(0.05)
                continue
            if strategy == "random":
                return sorted(workers)[int(time.time() * 1000) % len(workers)], "any worker"
            if strategy == "drain":
                pid = self._lock_holder(self.site.index_dir / SEARCH_LOCK, "FLOCK", None,
                                        workers)
                if pid:
                    return pid, "holding the search index write lock"
            elif strategy == "save":
                if self.site.database == "sqlite":
                    shm = Path(self.site.url.removeprefix("sqlite:///") + "-shm")
                    pid = self._lock_holder(shm, "POSIX", SQLITE_WRITE_LOCK_BYTE, workers)
                    if pid:
                        return pid, "holding the SQLite write lock"
                else:
                    found = self._pg_writer(workers)
                    if found:
                        return found[0], f"in a write transaction: {found[1]}"
            time.sleep(0.002)
        return None, "no target found"

    def run(self) -> None:
        self.gen.started.wait()  # members sign in first; the clock starts after
        self._stop.wait(self.first)
        strategies = cycle(["save", "drain", "random"])
        while not self._stop.is_set() and not self.gen.stopping():
            strategy = next(strategies)
            pid, detail = self.find(strategy)
            hit = pid is not None
            if pid is None:
                pid, _ = self.find("random")
            if pid is None:
                continue
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                continue
            self.kills.append({"t": self.now(), "pid": pid, "strategy": strategy, "hit": hit,
                               "detail": detail})
            self._stop.wait(self.interval)

    def cleanup(self) -> None:
        if self._pg is not None:
            self._pg.close()
            self._pg = None
        # gunicorn replaces killed workers; give it time to be whole before the end.
        deadline = time.time() + 30
        while time.time() < deadline and self.server.process is not None and \
                len(self.server.worker_pids()) < self.server.workers:
            time.sleep(0.2)

    def scenario(self) -> dict:
        return {"windows_dropped": [[kill["t"] - 0.5, kill["t"] + 2.0] for kill in self.kills]}

    def figures(self) -> dict:
        by_strategy: dict[str, dict[str, int]] = {}
        for kill in self.kills:
            row = by_strategy.setdefault(kill["strategy"], {"kills": 0, "on_target": 0})
            row["kills"] += 1
            row["on_target"] += kill["hit"]
        return {"kills": len(self.kills), "by_strategy": by_strategy,
                "examples": [kill for kill in self.kills if kill["hit"]][:6]}


def main() -> None:
    install_signal_handlers()
    parser = parser_with_common(__doc__.splitlines()[0])
    parser.add_argument("--interval", type=float, default=5.0,
                        help="seconds between kills")
    parser.set_defaults(seconds=60)
    args = parser.parse_args()
    name = args.name or f"kill-workers-{args.db}"
    log(f"{name}: SIGKILL a worker every {args.interval} s")
    summary = run_scenario(name, args.db, seconds=args.seconds, users=args.users,
                           workers=args.workers, out_root=args.out, think=args.think,
                           fault_class=KillWorkers, fault_options={"interval": args.interval})
    print_summary(summary)
    sys.exit(0 if summary["ok"] else 1)


if __name__ == "__main__":
    main()
