"""Fault: stop PostgreSQL in the middle of the load, wait, start it again.

    .venv/bin/python bench/faults/pg_restart.py [--seconds 60] [--at 20] [--down 5]
        [--users 32] [--workers 4]

The load of bench/load/run.py runs on PostgreSQL. At --at seconds (default: a third of
the run) the cluster is stopped (`pg_ctlcluster --skip-systemctl-redirect V main stop`,
fast mode: open transactions are rolled back, connections cut), left down for --down
seconds, and started again. The app is not restarted. However short --seconds is, the
load goes on for --grace + 20 s after the database is back, so that recovery is seen.
A reader who is not signed in also requests an article five times a second throughout,
to compare what an anonymous visitor sees during the outage.

What must hold:
- while the database is down, requests fail cleanly: 503 with the friendly
  "Briefly unavailable" page (the app maps SQLAlchemy's OperationalError to 503);
  never a 500 (if one appears, its traceback from the gunicorn log is printed), never
  a dropped connection;
- once it is up again (plus --grace seconds for the connection pool's pre-ping to
  replace dead connections), everything succeeds again: no 5xx after the window, and
  reads, edits, answers and votes are acknowledged;
- check.py: no acknowledged write lost, chains whole, search drain and check clean.

Note: this stops the whole cluster, so any other use of it (a test suite running on
the `test` database) sees the same outage.
"""

from __future__ import annotations

import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "load"))

from harness import install_signal_handlers, log, pg_ctl, wait_for_pg  # noqa: E402
from run import Fault, parser_with_common, print_summary, run_scenario  # noqa: E402

WRITES = {"edit_save", "answer", "vote"}


class RestartPostgres(Fault):
    name = "pg-restart"

    def __init__(self, site, server, generator, at: float | None = None, down: float = 5.0,
                 grace: float = 5.0, after: float = 20.0):
        super().__init__(site, server, generator)
        self.at = at if at is not None else generator.seconds / 3
        self.down, self.grace, self.after = down, grace, after
        self.times: dict[str, float] = {}
        self.stopped = False
        self.anonymous: list[tuple[float, int | None, bool]] = []
        self._reader = threading.Thread(target=self._read_anonymously, daemon=True)

    def _read_anonymously(self) -> None:
        """A reader who is not signed in, five times a second: does *their* 503 render?"""
        url = f"{self.server.base}/wiki/{self.site.facts['hot_articles'][0]}"
        while not self._stop.is_set() and not self.gen.stopping():
            status, friendly = None, False
            try:
                with urllib.request.urlopen(url, timeout=30) as response:
                    status = response.status
            except urllib.error.HTTPError as error:
                status = error.code
                friendly = "Briefly unavailable" in error.read().decode(errors="replace")
            except OSError:
                pass
            self.anonymous.append((self.now(), status, friendly))
            time.sleep(0.2)

    def run(self) -> None:
        self.gen.started.wait()  # members sign in first; the clock starts after
        self._reader.start()
        while self.now() < self.at and not self._stop.is_set():
            time.sleep(0.05)
        if self._stop.is_set():
            return
        self.times["stop_begin"] = self.now()
        planned_end = self.gen.deadline
        self.gen.extend(600)  # hold the load open however long the stop and start take
        log("stopping PostgreSQL")
        self.stopped = True
        result = pg_ctl("stop")
        self.times["stopped"] = self.now()
        if result.returncode != 0:
            raise RuntimeError(f"pg_ctlcluster stop: {result.stdout} {result.stderr}")
        time.sleep(self.down)
        self.times["start_begin"] = self.now()
        log("starting PostgreSQL")
        result = pg_ctl("start")
        if result.returncode != 0:
            raise RuntimeError(f"pg_ctlcluster start: {result.stdout} {result.stderr}")
        wait_for_pg()
        self.stopped = False
        self.times["started"] = self.now()
        # However short the run, keep the load going a while with the database back.
        self.gen.deadline = max(planned_end, time.time() + self.grace + self.after)
        log(f"PostgreSQL is back ({self.times['started'] - self.times['stop_begin']:.1f} s "
            "after the stop began)")

    def cleanup(self) -> None:
        if self._reader.is_alive():
            self._reader.join(40)
        if self.stopped:  # whatever happened, leave the cluster running
            pg_ctl("start")
            wait_for_pg()
            self.stopped = False

    def window(self) -> tuple[float, float] | None:
        if "stop_begin" not in self.times or "started" not in self.times:
            return None
        return self.times["stop_begin"] - 0.5, self.times["started"] + self.grace

    def scenario(self) -> dict:
        window = self.window()
        return {"windows_503": [list(window)] if window else []}

    def analyse(self, records: list[dict]) -> dict:
        window = self.window()
        if window is None:
            return {"ok": False, "times": self.times,
                    "problem": "the restart did not happen within the run"}
        start, end = window
        during = [row for row in records if start <= row["t"] <= end]
        after = [row for row in records if row["t"] > end]

        def ok(row):
            return row["status"] is not None and row["status"] < 500

        def statuses(rows):
            counts: dict[str, int] = {}
            for row in rows:
                key = str(row["status"]) if row["status"] is not None else "no response"
                counts[key] = counts.get(key, 0) + 1
            return counts

        errors = [row for row in records if (row["status"] or 0) >= 500]
        last_error = max((row["t"] for row in errors), default=None)
        acknowledged_after = {kind: sum(1 for row in after if row["kind"] == kind
                                        and row.get("outcome") == "ack") for kind in WRITES}
        reads_after = sum(1 for row in after if row["kind"] in ("article", "question", "search")
                          and ok(row))
        figures = {
            "times": self.times, "down_seconds": round(self.times["started"]
                                                       - self.times["stop_begin"], 1),
            "during": {"requests": len(during), "statuses": statuses(during),
                       "friendly_503": sum(1 for row in during if row["status"] == 503
                                           and row.get("friendly"))},
            "after": {"requests": len(after), "statuses": statuses(after),
                      "reads_ok": reads_after, "writes_acknowledged": acknowledged_after},
            "last_5xx_after_start_s": round(last_error - self.times["started"], 2)
            if last_error is not None else None,
            "500s": sum(1 for row in records if row["status"] == 500),
            "anonymous_reader_during": statuses(
                [{"status": status} for t, status, _ in self.anonymous if start <= t <= end]),
            "anonymous_reader_friendly_503": sum(1 for t, status, friendly in self.anonymous
                                                 if start <= t <= end and friendly),
        }
        figures["ok"] = bool(
            figures["500s"] == 0
            and all(row["status"] == 503 and row.get("friendly") for row in errors)
            and not any((row["status"] or 0) >= 500 or row["status"] is None for row in after)
            and figures["during"]["friendly_503"] > 0
            and reads_after > 0 and all(acknowledged_after.values()))
        return figures


def main() -> None:
    install_signal_handlers()
    parser = parser_with_common(__doc__.splitlines()[0])
    parser.add_argument("--at", type=float, help="seconds into the load (default a third)")
    parser.add_argument("--down", type=float, default=5.0, help="seconds PostgreSQL stays down")
    parser.add_argument("--grace", type=float, default=5.0,
                        help="seconds after the restart in which 503s are still accepted")
    parser.set_defaults(seconds=60, db="postgres")
    args = parser.parse_args()
    if args.db != "postgres":
        parser.error("this fault needs --db postgres")
    name = args.name or "pg-restart"
    summary = run_scenario(name, "postgres", seconds=args.seconds, users=args.users,
                           workers=args.workers, out_root=args.out, think=args.think,
                           fault_class=RestartPostgres,
                           fault_options={"at": args.at, "down": args.down,
                                          "grace": args.grace})
    print_summary(summary)
    sys.exit(0 if summary["ok"] else 1)


if __name__ == "__main__":
    main()
