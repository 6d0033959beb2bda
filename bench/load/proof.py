"""`make proof`: load on SQLite and PostgreSQL, a read-only index, and the fault runs.

    .venv/bin/python bench/load/proof.py [--seconds 120] [--fault-seconds 60]
        [--users 32] [--workers 4] [--only NAME,NAME] [--out DIR]

Runs, one after another, each in a process of its own with a time limit:

  load-sqlite         bench/load/run.py --db sqlite            (--seconds, default 120)
  load-postgres       bench/load/run.py --db postgres          (--seconds)
  readonly-index      bench/load/run.py --db sqlite --readonly-index (--fault-seconds)
  kill-sqlite         bench/faults/kill_workers.py --db sqlite (--fault-seconds)
  kill-postgres       bench/faults/kill_workers.py --db postgres (--fault-seconds)
  pg-restart          bench/faults/pg_restart.py               (--fault-seconds)

Each run checks itself (bench/load/check.py); this prints one table over all of them
and ends with the verdict: zero lost writes and zero unexpected 5xx, or each failure.
For a quick run: --seconds 20 --fault-seconds 20. Exits 1 on any failure.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import DEFAULT_OUT, PYTHON, ROOT, install_signal_handlers, log, pg_available  # noqa: E402,E501
from loadgen import format_table  # noqa: E402

LOAD = ROOT / "bench" / "load"
FAULTS = ROOT / "bench" / "faults"


def steps(args) -> tuple[list[tuple[str, list[str], float, bool]], list[str]]:
    """The runs, each (name, command, seconds of load, needs PostgreSQL), and the options
    they all take."""
    common = ["--users", str(args.users), "--workers", str(args.workers), "--out",
              str(args.out)]
    s, f = str(args.seconds), str(args.fault_seconds)
    return [
        ("load-sqlite", [str(LOAD / "run.py"), "--db", "sqlite", "--seconds", s], args.seconds,
         False),
        ("load-postgres", [str(LOAD / "run.py"), "--db", "postgres", "--seconds", s],
         args.seconds, True),
        ("readonly-index", [str(LOAD / "run.py"), "--db", "sqlite", "--readonly-index",
                            "--seconds", f], args.fault_seconds, False),
        ("kill-sqlite", [str(FAULTS / "kill_workers.py"), "--db", "sqlite", "--seconds", f],
         args.fault_seconds, False),
        ("kill-postgres", [str(FAULTS / "kill_workers.py"), "--db", "postgres", "--seconds",
                           f], args.fault_seconds, True),
        ("pg-restart", [str(FAULTS / "pg_restart.py"), "--seconds", f], args.fault_seconds,
         True),
    ], common


def run_step(name: str, command: list[str], seconds: float, out: Path) -> int:
    """Run one step, its output to the console and to OUT/NAME.log; bounded in time."""
    limit = seconds + 900  # setup, gunicorn start, the check, and slack on a busy machine
    process = subprocess.Popen([PYTHON, *command], cwd=ROOT, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True, start_new_session=True)

    def signal_group(signum: int) -> None:
        if process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signum)

    # SIGTERM first: the step's finally blocks stop its gunicorn and unmount; then SIGKILL.
    timers = [threading.Timer(limit, signal_group, (signal.SIGTERM,)),
              threading.Timer(limit + 90, signal_group, (signal.SIGKILL,))]
    for timer in timers:
        timer.daemon = True
        timer.start()
    try:
        with open(out / f"{name}.log", "w") as handle:
            for line in process.stdout:
                sys.stdout.write(line)
                sys.stdout.flush()
                handle.write(line)
        rc = process.wait()
    finally:
        for timer in timers:
            timer.cancel()
        signal_group(signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(60)
        signal_group(signal.SIGKILL)
    if rc in (-signal.SIGTERM, -signal.SIGKILL, 128 + signal.SIGTERM):
        log(f"{name}: stopped at its {limit:.0f} s limit")
    return rc


def row(name: str, summary: dict | None, rc: int) -> dict:
    if summary is None:
        return {"name": name, "missing": True, "rc": rc}
    load = summary.get("load", {})
    figures = summary.get("check", {}).get("figures", {})
    responses = figures.get("responses", {})
    return {
        "name": name, "database": summary["database"], "rc": rc, "ok": summary["ok"],
        "requests": load.get("requests"), "per_second": load.get("per_second"),
        "p50": load.get("p50"), "p95": load.get("p95"), "p99": load.get("p99"),
        "5xx": responses.get("5xx"), "500": responses.get("500"),
        "5xx_unexpected": responses.get("5xx_unexpected",
                                        responses.get("5xx_outside_fault_windows")),
        "no_response": responses.get("no_response"),
        "lost": figures.get("lost_writes"), "conflicts": figures.get("conflicts_shown"),
        "acked": sum(figures.get(kind, {}).get("ack", 0) for kind in
                     ("edits", "answers", "votes")),
        "failures": summary.get("check", {}).get("failures", []),
        "extra_failures": extra_failures(summary),
    }


def extra_failures(summary: dict) -> list[str]:
    found = []
    fault = summary.get("fault_figures") or {}
    if fault.get("error"):
        found.append(f"the fault itself failed: {fault['error']}")
    if fault.get("ok") is False:
        found.append("fault expectations not met: " + json.dumps(
            {key: fault.get(key) for key in ("during", "after", "500s", "problem",
                                             "anonymous_reader_during") if key in fault}))
    readonly = summary.get("readonly")
    if readonly and not readonly.get("ok"):
        found.append(f"read-only index expectations not met: {json.dumps(readonly)}")
    if summary.get("workers_at_end") != summary.get("workers"):
        found.append(f"{summary.get('workers_at_end')} workers alive at the end, not "
                     f"{summary.get('workers')}")
    found += [note for note in summary.get("notes", [])
              if "crashed" in note or "could not sign in" in note]
    return found


def print_tables(rows: list[dict], summaries: dict[str, dict]) -> str:
    lines = []
    header = (f"{'run':<15} {'db':<8} {'requests':>8} {'req/s':>6} {'p50':>7} {'p95':>7} "
              f"{'p99':>7} {'5xx':>5} {'500':>4} {'no resp':>7} {'acked':>6} {'lost':>5} "
              f"{'conflicts':>9}  verdict")
    lines += ["latency in ms over all requests; per-kind tables follow", header,
              "-" * len(header)]
    for r in rows:
        if r.get("missing"):
            lines.append(f"{r['name']:<15} (no summary: exit {r['rc']})")
            continue
        lines.append(
            f"{r['name']:<15} {r['database']:<8} {r['requests']:>8} {r['per_second']:>6.1f} "
            f"{r['p50']:>7.0f} {r['p95']:>7.0f} {r['p99']:>7.0f} {r['5xx']:>5} {r['500']:>4} "
            f"{r['no_response']:>7} {r['acked']:>6} {r['lost']:>5} {r['conflicts']:>9}  "
            f"{'PASS' if r['ok'] else 'FAIL'}")
    for name, summary in summaries.items():
        if summary and "load" in summary:
            lines += ["", f"{name} ({summary['database']}, {summary['users']} users, "
                      f"{summary['workers']} workers, {summary['seconds']} s, {summary['date']})",
                      format_table(summary["load"])]
    text = "\n".join(lines)
    print(text)
    return text


def main() -> None:
    install_signal_handlers()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=120, help="each load run")
    parser.add_argument("--fault-seconds", type=float, default=60,
                        help="the read-only index and each fault run")
    parser.add_argument("--users", type=int, default=32)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--only", help="comma-separated step names")
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--summarise", type=Path, metavar="DIR",
                        help="print the summary of an earlier proof's output; run nothing")
    args = parser.parse_args()
    if args.summarise:
        summaries = {}
        rows = []
        for name, *_ in steps(argparse.Namespace(**{**vars(args), "out": args.summarise}))[0]:
            path = args.summarise / name / "summary.json"
            if path.exists():
                summaries[name] = json.loads(path.read_text())
                rows.append(row(name, summaries[name], 0))
        sys.exit(verdict(rows, summaries, [], args.summarise, started=None))
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    args.out = args.out or DEFAULT_OUT / f"proof-{stamp}"
    args.out.mkdir(parents=True, exist_ok=True)
    plan, common = steps(args)
    if args.only:
        wanted = set(args.only.split(","))
        unknown = wanted - {name for name, *_ in plan}
        if unknown:
            parser.error(f"unknown steps: {', '.join(sorted(unknown))}")
        plan = [step for step in plan if step[0] in wanted]
    started = time.time()
    log(f"proof: {len(plan)} runs, output in {args.out}")
    rows, summaries, skipped = [], {}, []
    for name, command, seconds, needs_pg in plan:
        if needs_pg and not pg_available():
            log(f"{name}: PostgreSQL does not answer on 127.0.0.1:5432; skipped")
            skipped.append(name)
            continue
        log(f"== {name}")
        rc = run_step(name, [*command, *common, "--name", name], seconds, args.out)
        path = args.out / name / "summary.json"
        summary = json.loads(path.read_text()) if path.exists() else None
        summaries[name] = summary
        rows.append(row(name, summary, rc))
    sys.exit(verdict(rows, summaries, skipped, args.out, started))


def verdict(rows: list[dict], summaries: dict, skipped: list[str], out: Path,
            started: float | None) -> int:
    took = f"{time.time() - started:.0f} s, " if started else ""
    print()
    print(f"== proof summary ({datetime.datetime.now():%Y-%m-%d %H:%M}, {took}"
          f"{os.cpu_count()} cores, output in {out})")
    text = print_tables(rows, summaries)
    lost = sum(r.get("lost") or 0 for r in rows)
    unexpected = sum(r.get("5xx_unexpected") or 0 for r in rows)
    failures = [f"{r['name']}: {failure}" for r in rows
                for failure in r.get("failures", []) + r.get("extra_failures", [])]
    failures += [f"{r['name']}: no summary (exit {r['rc']})" for r in rows if r.get("missing")]
    failures += [f"{name}: skipped (PostgreSQL not reachable)" for name in skipped]
    lines = [f"lost writes: {lost}",
             f"unexpected 5xx (any but the friendly 503 within a fault window): {unexpected}",
             f"500 responses: {sum(r.get('500') or 0 for r in rows)}"]
    print()
    print("; ".join(lines))
    for failure in failures:
        print(f"FAIL {failure[:1500]}")
    print("PROOF PASSED" if not failures else f"PROOF FAILED ({len(failures)} failures)")
    (out / "proof-summary.txt").write_text(
        text + "\n\n" + "; ".join(lines) + "\n" + "\n".join(failures) + "\n")
    (out / "proof-summary.json").write_text(json.dumps(
        {"rows": rows, "failures": failures, "skipped": skipped}, indent=1))
    return 0 if not failures else 1


if __name__ == "__main__":
    main()
