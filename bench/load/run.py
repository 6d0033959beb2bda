"""One load run: a fresh site, gunicorn with 4 workers on 127.0.0.1, 32 members, checked.

    .venv/bin/python bench/load/run.py --db sqlite|postgres [--seconds 120] [--users 32]
        [--workers 4] [--think 0] [--readonly-index] [--out DIR]

The mix (see loadgen.py): article pages, question pages, searches (some hostile),
edits to the same three articles from every member at once (each inserts a unique
marker paragraph through the real edit form), answers (some carrying XSS payloads)
and votes. Rate limits are off for the run (RATELIMIT_DISABLED=1): the per-member
posting limit would otherwise refuse most answers and measure the limiter.

--readonly-index puts the Whoosh index on a tmpfs that is remounted read-only for the
whole load (root ignores file modes, not a read-only mount): pages and writes must keep
working, search must answer without a 5xx, changes wait in the outbox; then the mount
is made writable again and the app's drainers must catch up on their own. A second,
one-worker gunicorn pointed at a read-only directory holding no index shows how search
degrades when it cannot open an index at all.

After the run (gunicorn stopped): check.py. Prints the figures and the check, writes
summary.json in the run directory, exits 1 on any failure.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import json
import os
import resource
import shlex
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from check import check_run, print_report  # noqa: E402
from harness import (  # noqa: E402
    DEFAULT_OUT,
    Gunicorn,
    Site,
    TmpfsMount,
    install_signal_handlers,
    log,
    outbox_count,
    prepare_site,
)
from loadgen import DEGRADED_TEXT, LoadGenerator, format_table, summarise, write_records  # noqa: E402,E501


class Fault:
    """Something done to the site while the load runs (see bench/faults/)."""

    name = "none"

    def __init__(self, site: Site, server: Gunicorn, generator: LoadGenerator):
        self.site, self.server, self.gen = site, server, generator
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.error: str | None = None

    def now(self) -> float:
        return round(time.time() - self.gen.t0, 3)

    def start(self) -> None:
        self._thread = threading.Thread(target=self._guarded, name=f"fault-{self.name}",
                                        daemon=True)
        self._thread.start()

    def _guarded(self) -> None:
        try:
            self.run()
        except Exception as error:  # noqa: BLE001 - reported in the summary
            self.error = repr(error)
            log(f"fault {self.name} failed: {error!r}")

    def run(self) -> None:
        raise NotImplementedError

    def stop(self) -> None:
        self._stop.set()
        if self._thread:
            self._thread.join(120)
        self.cleanup()

    def cleanup(self) -> None:
        """Undo the fault whatever happened (e.g. start PostgreSQL again)."""

    def scenario(self) -> dict:
        """What check.py may accept: windows (seconds since the load began) of 503s and of
        dropped connections."""
        return {}

    def figures(self) -> dict:
        return {}

    def analyse(self, records: list[dict]) -> dict:
        """Figures from the requests, once the load is over."""
        return {}


class OutboxProbe(threading.Thread):
    def __init__(self, site: Site, generator: LoadGenerator, every: float = 1.0):
        super().__init__(name="outbox-probe", daemon=True)
        self.site, self.gen, self.every = site, generator, every
        self.samples: list[tuple[float, int | None]] = []
        self.halt = threading.Event()

    def run(self) -> None:
        while not self.halt.wait(self.every):
            self.samples.append((round(time.time() - self.gen.t0, 1), outbox_count(self.site)))


def probe_missing_index(site: Site, mount: TmpfsMount) -> dict:
    """A one-worker gunicorn whose index directory is on the read-only mount and empty."""
    env = dict(site.env, SEARCH_INDEX_DIR=str(mount.path / "no-index-here"))
    server = Gunicorn(site, workers=1, env=env, log_path=site.workdir / "gunicorn-noindex.log")
    result = {}
    try:
        server.start()
        for label, path in (("search", "/search?q=library"),
                            ("suggest", "/search/suggest?q=lib"),
                            ("article", f"/wiki/{site.facts['hot_articles'][0]}")):
            try:
                with urllib.request.urlopen(server.base + path, timeout=30) as response:
                    body = response.read().decode()
                    status = response.status
            except urllib.error.HTTPError as error:
                body, status = error.read().decode(errors="replace"), error.code
            result[label] = {"status": status,
                             "message_shown": DEGRADED_TEXT in body if label == "search"
                             else None}
    finally:
        server.stop()
    return result


def run_scenario(name: str, database: str, *, seconds: float, users: int = 32,
                 workers: int = 4, out_root: Path = DEFAULT_OUT, think: float = 0.0,
                 readonly_index: bool = False, fault_class: type[Fault] | None = None,
                 members: int = 40, fault_options: dict | None = None) -> dict:
    run_dir = out_root / name
    if run_dir.exists():
        import shutil

        shutil.rmtree(run_dir)
    run_dir.mkdir(parents=True)
    mount = TmpfsMount(run_dir / "index-mount") if readonly_index else None
    summary: dict = {"name": name, "database": database, "users": users, "workers": workers,
                     "seconds": seconds, "think": think, "readonly_index": readonly_index,
                     "fault": fault_class.name if fault_class else None,
                     "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
                     "command": " ".join(shlex.quote(arg) for arg in sys.argv),
                     "run_dir": str(run_dir)}
    server = fault = probe = None
    records: list[dict] = []
    try:
        try:
            if mount:
                mount.mount()
            site = prepare_site(database, run_dir, members,
                                index_dir=mount.path / "index" if mount else None)
            children_before = _cpu(resource.RUSAGE_CHILDREN)
            server = Gunicorn(site, workers=workers).start()
            log(f"{name}: gunicorn {server.base} (pid {server.process.pid}, workers "
                f"{server.worker_pids()}), {users} users for {seconds} s")
            generator = LoadGenerator(server.base, site.facts, users=users, seconds=seconds,
                                      think=think)
            probe = OutboxProbe(site, generator)
            if fault_class:
                fault = fault_class(site, server, generator, **(fault_options or {}))
            if mount:
                mount.read_only(True)
                log("search index mount is read-only")
            probe.start()
            if fault:
                fault.start()  # it waits for its moment, measured from the load's start
            summary["loadavg_before"] = [round(x, 2) for x in os.getloadavg()]
            self_before = _cpu(resource.RUSAGE_SELF)
            records = generator.run()
            summary["cpu_seconds"] = {"load_generator": round(_cpu(resource.RUSAGE_SELF)
                                                              - self_before, 1)}
            summary["loadavg_after"] = [round(x, 2) for x in os.getloadavg()]
            if fault:
                fault.stop()
            timed = generator.deadline - generator.started_at  # a fault may have extended it
            summary["seconds_timed"] = round(timed, 1)
            summary["load"] = summarise(records, timed)
            summary["notes"] = generator.notes
            if mount:
                summary["readonly"] = readonly_phase(site, mount, server, probe, records)
            summary["workers_at_end"] = len(server.worker_pids())
        finally:
            if fault:
                with contextlib.suppress(Exception):
                    fault.stop()
            if probe:
                probe.halt.set()
            if server:
                server.stop()
                if "cpu_seconds" in summary:  # the master and every worker, reaped by now
                    summary["cpu_seconds"]["gunicorn"] = round(
                        _cpu(resource.RUSAGE_CHILDREN) - children_before, 1)
            if mount and mount.mounted:
                with contextlib.suppress(Exception):
                    mount.read_only(False)
        write_records(records, run_dir / "records.jsonl")
        (run_dir / "scenario.json").write_text(json.dumps(fault.scenario() if fault else {}))
        if fault:
            summary["fault_figures"] = {**fault.figures(), **fault.analyse(records),
                                        "error": fault.error}
        summary["outbox_max"] = max((n for _, n in probe.samples if n is not None),
                                    default=0)
        log(f"{name}: load done, {len(records)} requests; checking")
        summary["check"] = check_run(run_dir)
    finally:
        if mount:
            mount.unmount()
    summary["ok"] = bool(summary["check"]["ok"] and not (fault and fault.error)
                         and summary.get("workers_at_end") == workers
                         and summary.get("fault_figures", {}).get("ok", True)
                         and summary.get("readonly", {}).get("ok", True)
                         and not any("crashed" in note or "could not sign in" in note
                                 for note in summary.get("notes", [])))
    (run_dir / "summary.json").write_text(json.dumps(summary, indent=1, ensure_ascii=False))
    return summary


def _cpu(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def readonly_phase(site: Site, mount: TmpfsMount, server: Gunicorn, probe: OutboxProbe,
                   records: list[dict]) -> dict:
    """Still read-only: probe an index-less server; then writable again: the app catches up."""
    searches = [row for row in records if row["kind"] == "search"]
    during = max((n for _, n in probe.samples if n is not None), default=0)
    result = {"searches": len(searches),
              "search_results": sum(1 for row in searches if row.get("outcome") == "results"),
              "search_degraded": sum(1 for row in searches if row.get("outcome") == "degraded"),
              "search_behind_note": sum(1 for row in searches
                                        if row.get("outcome") == "behind"),
              "search_5xx": sum(1 for row in searches if (row["status"] or 0) >= 500),
              "outbox_max_while_read_only": during,
              "outbox_at_end_of_load": outbox_count(site)}
    result["no_index_probe"] = probe_missing_index(site, mount)
    mount.read_only(False)
    log("search index mount is writable again; waiting for the app's drainers")
    started = time.time()
    remaining = outbox_count(site)
    while time.time() - started < 90:
        with contextlib.suppress(OSError):  # a request wakes idle workers' drainers
            urllib.request.urlopen(f"{server.base}/wiki/", timeout=10).read()
        remaining = outbox_count(site)
        if remaining == 0:
            break
        time.sleep(0.5)
    result["outbox_after_writable"] = remaining
    result["caught_up_seconds"] = round(time.time() - started, 1) if remaining == 0 else None
    noindex = result["no_index_probe"]
    result["ok"] = bool(
        result["search_5xx"] == 0 and during > 0 and remaining == 0
        and noindex.get("search", {}).get("status") == 200
        and noindex.get("search", {}).get("message_shown")
        and noindex.get("article", {}).get("status") == 200
        and noindex.get("suggest", {}).get("status") == 200)
    return result


def print_summary(summary: dict) -> None:
    print()
    print(f"== {summary['name']}: {summary['database']}, {summary['users']} users, "
          f"{summary['workers']} workers, {summary['seconds']} s ({summary['date']})")
    if "load" in summary:
        print(format_table(summary["load"]))
        outcomes = summary["load"]["outcomes"]
        print("write outcomes: " + "; ".join(
            f"{kind} " + ", ".join(f"{k} {v}" for k, v in sorted(values.items()))
            for kind, values in outcomes.items()))
    for note in summary.get("notes", [])[:10]:
        print(f"note: {note}")
    if summary.get("readonly"):
        print(f"read-only index: {json.dumps(summary['readonly'])}")
    if summary.get("fault_figures"):
        print(f"fault: {json.dumps(summary['fault_figures'])}")
    print(f"load average (1, 5, 15 min) before {summary.get('loadavg_before')}, after "
          f"{summary.get('loadavg_after')} on {os.cpu_count()} cores")
    print(f"CPU seconds used during the run: {summary.get('cpu_seconds')} (wall "
          f"{summary['seconds']} s)")
    print(f"workers alive at the end: {summary.get('workers_at_end')}; "
          f"outbox peak during the run: {summary.get('outbox_max')}")
    if "check" in summary:
        print_report(summary["check"])
    print(f"RESULT {summary['name']}: {'PASS' if summary['ok'] else 'FAIL'}")


def parser_with_common(description: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--seconds", type=float, default=120)
    parser.add_argument("--users", type=int, default=32)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--think", type=float, default=0.0,
                        help="mean think time between a user's requests, seconds")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT,
                        help=f"where run directories go (default {DEFAULT_OUT})")
    parser.add_argument("--name", help="run directory name (default from the options)")
    return parser


def main() -> None:
    install_signal_handlers()
    parser = parser_with_common(__doc__.splitlines()[0])
    parser.add_argument("--readonly-index", action="store_true")
    args = parser.parse_args()
    name = args.name or f"load-{args.db}" + ("-readonly-index" if args.readonly_index else "")
    summary = run_scenario(name, args.db, seconds=args.seconds, users=args.users,
                           workers=args.workers, out_root=args.out, think=args.think,
                           readonly_index=args.readonly_index)
    print_summary(summary)
    sys.exit(0 if summary["ok"] else 1)


if __name__ == "__main__":
    main()
