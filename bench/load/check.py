"""After a run: prove that nothing the server acknowledged was lost, and that nothing broke.

    .venv/bin/python bench/load/check.py RUN_DIR

RUN_DIR holds site.json (the database and index the run used), records.jsonl (every
request the virtual users sent, with its outcome) and, for fault runs, scenario.json
(the windows in which 503s or dropped connections were expected). Run it with the
site's gunicorn stopped. It reads the database directly (SQL, not the app's models)
and proves:

1. every acknowledged write is stored: an edit's marker (302 to the article) is in the
   article's current text (markers are only ever added, so the final text must hold
   every acknowledged one); an answer (302 to #answer-N) is answer N, on its question,
   with its marker; a vote (200 JSON) is the member's vote on that answer (the last
   acknowledged value, unless a later unanswered vote may have replaced it);
2. every unacknowledged edit is explained: a conflict page was shown (then its marker
   must be in no revision at all: a conflict saves nothing) or an error was recorded
   (a 5xx, a dropped connection: then either is fine); a refused write (a form error)
   saved nothing;
   and the articles' text from before the run is all still there, once and in order,
   with each note at most once (merges neither drop nor duplicate anyone's words);
3. every revision chain is whole: numbers 1..n with no gap, revision_count = n, the
   current revision is number n of the same article, every revision's article exists,
   no revision lacks its text or HTML;
4. derived counters moved only with the run's writes: answer_count and score, against
   the baseline seed.py recorded;
5. `flask search drain` completes, leaves the outbox empty, and `flask search check`
   then exits 0;
6. no 5xx (outside the windows a fault scenario declares, and then only the friendly
   503), no 500 ever, and no page carried active markup from hostile input.

Prints a report and exits 1 if anything failed.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import Site, tracebacks  # noqa: E402
from loadgen import read_records  # noqa: E402

SAMPLE = 10


class Report:
    def __init__(self):
        self.failures: list[str] = []
        self.figures: dict = {}
        self.notes: list[str] = []

    def fail(self, text: str, items: list | None = None) -> None:
        if items:
            shown = "; ".join(str(item) for item in items[:SAMPLE])
            more = f" (and {len(items) - SAMPLE} more)" if len(items) > SAMPLE else ""
            text = f"{text}: {len(items)}: {shown}{more}"
        self.failures.append(text)

    def as_dict(self) -> dict:
        return {"ok": not self.failures, "failures": self.failures, "figures": self.figures,
                "notes": self.notes}


def _engine(site: Site):
    from sqlalchemy import create_engine

    return create_engine(site.url)


# ---------------------------------------------------------------- revision chains

def check_chains(conn, report: Report) -> None:
    from sqlalchemy import text

    articles = conn.execute(text(
        "SELECT id, slug, title, revision_count, current_revision_id FROM articles")).all()
    revisions = conn.execute(text(
        "SELECT id, article_id, number, title, body IS NULL OR html IS NULL AS empty "
        "FROM revisions")).all()
    by_article: dict[int, list] = defaultdict(list)
    for row in revisions:
        by_article[row.article_id].append(row)
    article_ids = {row.id for row in articles}
    orphans = [f"revision {row.id} of missing article {row.article_id}" for row in revisions
               if row.article_id not in article_ids]
    broken, empty = [], [f"revision {row.id}" for row in revisions if row.empty]
    for article in articles:
        rows = sorted(by_article.get(article.id, []), key=lambda row: row.number)
        numbers = [row.number for row in rows]
        n = len(numbers)
        if numbers != list(range(1, n + 1)):
            missing = sorted(set(range(1, max(numbers, default=0) + 1)) - set(numbers))
            broken.append(f"{article.slug}: numbers not 1..{n} (missing {missing[:5]}, "
                          f"duplicates {n - len(set(numbers))})")
        if article.revision_count != n:
            broken.append(f"{article.slug}: revision_count {article.revision_count} but {n} "
                          "revisions")
        current = next((row for row in rows if row.id == article.current_revision_id), None)
        if current is None:
            broken.append(f"{article.slug}: current revision {article.current_revision_id} "
                          "is not one of its revisions")
        elif current.number != n:
            broken.append(f"{article.slug}: current revision is number {current.number}, "
                          f"the last is {n}")
        elif current.title != article.title:
            broken.append(f"{article.slug}: title differs from the current revision's")
    report.figures["articles"] = len(articles)
    report.figures["revisions"] = len(revisions)
    if orphans:
        report.fail("revisions whose article does not exist", orphans)
    if broken:
        report.fail("broken revision chains", broken)
    if empty:
        report.fail("half-written revisions (no text or no HTML)", empty)


# ---------------------------------------------------------------- edits

def check_edits(conn, records: list[dict], report: Report, run_id: str,
                facts_bodies: dict[str, str]) -> None:
    from sqlalchemy import text

    saves = [row for row in records if row["kind"] == "edit_save"]
    pattern = re.compile(rf"lm{run_id}u\d\de\d{{5}}")
    slugs = sorted({row["slug"] for row in saves})
    current_markers: dict[str, set[str]] = {}
    current_bodies: dict[str, str] = {}
    saved_markers: dict[str, dict[str, int]] = {}   # slug -> marker -> first revision
    for slug in slugs:
        article = conn.execute(text("SELECT id, current_revision_id FROM articles "
                                    "WHERE slug = :slug"), {"slug": slug}).one()
        seen: dict[str, int] = {}
        for number, rev_id, body in conn.execute(text(
                "SELECT number, id, body FROM revisions WHERE article_id = :id "
                "ORDER BY number"), {"id": article.id}):
            for marker in pattern.findall(body or ""):
                seen.setdefault(marker, number)
            if rev_id == article.current_revision_id:
                current_markers[slug] = set(pattern.findall(body or ""))
                current_bodies[slug] = body or ""
        saved_markers[slug] = seen
    lost, lost_but_in_history, saved_despite, unexplained = [], [], [], []
    outcomes: dict[str, int] = defaultdict(int)
    error_saved = 0
    for row in saves:
        outcomes[row["outcome"]] += 1
        marker, slug = row["marker"], row["slug"]
        in_current = marker in current_markers.get(slug, set())
        first = saved_markers.get(slug, {}).get(marker)
        if row["outcome"] == "ack":
            if not in_current:
                if first is not None:
                    lost_but_in_history.append(f"{marker} on {slug} (saved in revision {first}, "
                                               "gone from the current text)")
                else:
                    lost.append(f"{marker} on {slug} (acknowledged at t={row['t']}s, in no "
                                "revision)")
        elif row["outcome"] in ("conflict", "busy", "refused"):
            if first is not None:
                saved_despite.append(f"{marker} on {slug}: {row['outcome']} shown, yet saved "
                                     f"in revision {first}")
        elif row["outcome"] == "error":
            error_saved += first is not None
        else:
            unexplained.append(f"{marker}: outcome {row['outcome']}")
    # The text that was there before the run is all still there, once, in order.
    note = re.compile(rf"^Load note lm{run_id}u\d\de\d{{5}}: .*$")
    original_text_changed, duplicated = [], []
    for slug, body in current_bodies.items():
        before = [line.strip() for line in facts_bodies.get(slug, "").splitlines()
                  if line.strip()]
        after = [line.strip() for line in body.splitlines()
                 if line.strip() and not note.match(line.strip())]
        if facts_bodies.get(slug) is not None and before != after:
            first = next((i for i, (a, b) in enumerate(zip(before, after, strict=False))
                          if a != b), min(len(before), len(after)))
            original_text_changed.append(
                f"{slug}: line {first + 1} was {before[first:first + 1]}, is "
                f"{after[first:first + 1]} ({len(before)} lines before, {len(after)} after)")
        counts: dict[str, int] = defaultdict(int)
        for marker in pattern.findall(body):
            counts[marker] += 1
        duplicated += [f"{marker} x{count} on {slug}" for marker, count in counts.items()
                       if count > 1]
    sent = {row["marker"] for row in saves}
    strays = sorted(marker for slug in slugs for marker in saved_markers[slug]
                    if marker not in sent)
    report.figures["edits"] = {"sent": len(saves), **outcomes,
                               "errors_that_were_saved": error_saved,
                               "lost": len(lost) + len(lost_but_in_history)}
    refused = [f"{row['marker']}: {row.get('status')} {row.get('shown', '')}"[:200]
               for row in saves if row["outcome"] == "refused"]
    if refused:
        report.notes.append(f"{len(refused)} edits refused with a form error, e.g. "
                            f"{refused[0]}")
    for label, items in (("acknowledged edits lost", lost),
                         ("acknowledged edits removed from the current text",
                          lost_but_in_history),
                         ("edits saved although a conflict or error page said not",
                          saved_despite),
                         ("edits with no recorded outcome", unexplained),
                         ("markers in the database that no user sent", strays),
                         ("articles whose text from before the run changed",
                          original_text_changed),
                         ("notes duplicated in an article's text", duplicated)):
        if items:
            report.fail(label, items)


# ---------------------------------------------------------------- answers

def check_answers(conn, records: list[dict], report: Report, run_id: str) -> None:
    from sqlalchemy import text

    sent = [row for row in records if row["kind"] == "answer"]
    rows = conn.execute(text("SELECT id, question_id, body, hidden FROM answers "
                             "WHERE body LIKE :prefix"),
                        {"prefix": f"Load answer lm{run_id}%"}).all()
    pattern = re.compile(rf"lm{run_id}u\d\da\d{{5}}")
    stored: dict[str, list] = defaultdict(list)
    for row in rows:
        match = pattern.search(row.body)
        if match:
            stored[match.group(0)].append(row)
    lost, wrong, saved_despite, duplicates = [], [], [], []
    outcomes: dict[str, int] = defaultdict(int)
    for row in sent:
        outcomes[row["outcome"]] += 1
        found = stored.get(row["marker"], [])
        if len(found) > 1:
            duplicates.append(f"{row['marker']}: answers {[a.id for a in found]}")
        if row["outcome"] == "ack":
            match = [a for a in found if a.id == row["answer_id"]]
            if not match:
                lost.append(f"{row['marker']} (answer {row['answer_id']} acknowledged at "
                            f"t={row['t']}s)")
            elif match[0].question_id != row["question_id"] or match[0].hidden:
                wrong.append(f"answer {row['answer_id']}: question {match[0].question_id}, "
                             f"hidden {match[0].hidden}")
        elif row["outcome"] == "refused" and found:
            saved_despite.append(f"{row['marker']}: {row.get('status')} shown, yet saved as "
                                 f"answer {found[0].id}")
    report.figures["answers"] = {"sent": len(sent), **outcomes, "lost": len(lost)}
    refused = [f"{row.get('status')} {row.get('shown', '')}"[:160] for row in sent
               if row["outcome"] == "refused"]
    if refused:
        report.notes.append(f"{len(refused)} answers refused with a message, e.g. "
                            f"{refused[0]}")
    for label, items in (("acknowledged answers lost", lost),
                         ("acknowledged answers stored wrongly", wrong),
                         ("answers saved although refused", saved_despite),
                         ("answers stored twice", duplicates)):
        if items:
            report.fail(label, items)


# ---------------------------------------------------------------- votes

def check_votes(conn, records: list[dict], report: Report, members: list[dict]) -> None:
    from sqlalchemy import text

    sent = [row for row in records if row["kind"] == "vote"]
    ids = [member["id"] for member in members]
    stored = {(row.user_id, row.target_id): row.value for row in conn.execute(text(
        "SELECT user_id, target_id, value FROM votes WHERE target_type = 'answer'")).all()
        if row.user_id in set(ids)}
    possible: dict[tuple[int, int], set[int]] = {}
    outcomes: dict[str, int] = defaultdict(int)
    for row in sent:  # records are in time order; each member votes one at a time
        outcomes[row["outcome"]] += 1
        key = (row["user_id"], row["answer_id"])
        states = possible.setdefault(key, {0})
        if row["outcome"] == "ack":
            possible[key] = {row["value"]}
        elif row["outcome"] == "error":
            states.add(row["value"])
    lost = [f"{user}->answer {answer}: stored {stored.get((user, answer), 0)}, expected one "
            f"of {sorted(states)}" for (user, answer), states in possible.items()
            if stored.get((user, answer), 0) not in states]
    strays = [f"{key}" for key in stored if key not in possible]
    report.figures["votes"] = {"sent": len(sent), **outcomes, "lost": len(lost)}
    if lost:
        report.fail("acknowledged votes not stored as sent", lost)
    if strays:
        report.fail("votes stored that no user sent", strays)


# ---------------------------------------------------------------- counters

def check_counters(conn, report: Report, facts: dict) -> None:
    from sqlalchemy import text

    answer_counts = dict(conn.execute(text(
        "SELECT question_id, count(*) FROM answers GROUP BY question_id")).all())
    drift = []
    for question_id, count in conn.execute(text("SELECT id, answer_count FROM questions")):
        offset = facts["answer_count_offset"].get(str(question_id), 0)
        actual = answer_counts.get(question_id, 0)
        if count - actual != offset:
            drift.append(f"question {question_id}: answer_count {count}, {actual} answers "
                         f"(offset before the run {offset})")
    sums = dict(conn.execute(text(
        "SELECT target_id, sum(value) FROM votes WHERE target_type = 'answer' "
        "GROUP BY target_id")).all())
    score_drift = []
    for answer_id, score in conn.execute(text("SELECT id, score FROM answers")):
        offset = facts["score_offset"].get(str(answer_id), 0)
        total = int(sums.get(answer_id) or 0)
        if score - total != offset:
            score_drift.append(f"answer {answer_id}: score {score}, votes sum to {total}")
    report.figures["counter_drift"] = {"answer_count": len(drift), "score": len(score_drift)}
    if drift:
        report.fail("questions whose answer_count no longer counts their answers", drift)
    if score_drift:
        report.fail("answers whose score is not the sum of their votes", score_drift)


# ---------------------------------------------------------------- search

def check_search(site: Site, report: Report) -> None:
    from harness import outbox_count

    before = outbox_count(site)
    drain = site.flask("search", "drain", "--timeout", "30", check=False, timeout=600)
    after = outbox_count(site)
    check = site.flask("search", "check", check=False, timeout=600)
    report.figures["search"] = {
        "outbox_before_drain": before, "drain_exit": drain.returncode,
        "drain": drain.stdout.strip().splitlines()[-1:] or [drain.stderr.strip()[-300:]],
        "outbox_after_drain": after, "check_exit": check.returncode,
        "check": check.stdout.strip().splitlines()[-3:]}
    if drain.returncode != 0:
        report.fail(f"`flask search drain` exited {drain.returncode}: "
                    f"{(drain.stdout + drain.stderr).strip()[-400:]}")
    if after:
        report.fail(f"{after} rows still in the outbox after the drain")
    if check.returncode != 0:
        report.fail(f"`flask search check` exited {check.returncode}: "
                    f"{(check.stdout + check.stderr).strip()[-600:]}")


# ---------------------------------------------------------------- responses

def check_responses(records: list[dict], report: Report, scenario: dict, log: Path) -> None:
    windows = scenario.get("windows_503", [])
    drops_allowed = scenario.get("dropped_connections_allowed", False)
    drop_windows = scenario.get("windows_dropped", [])

    def inside(t: float, spans: list) -> bool:
        return any(start <= t <= end for start, end in spans)

    five = [row for row in records if (row["status"] or 0) >= 500]
    server_errors = [row for row in five if row["status"] == 500]
    unexpected = [row for row in five if row["status"] != 503 or not row.get("friendly")
                  or not inside(row["t"], windows)]
    dropped = [row for row in records if row["status"] is None]
    unexpected_drops = [] if drops_allowed else [row for row in dropped
                                                 if not inside(row["t"], drop_windows)]
    unsafe = [row for row in records if row.get("unsafe_markup")]
    report.figures["responses"] = {
        "requests": len(records), "5xx": len(five), "500": len(server_errors),
        "503_friendly": sum(1 for row in five if row["status"] == 503 and row.get("friendly")),
        "5xx_unexpected": len(unexpected), "no_response": len(dropped),
        "unsafe_markup_pages": len(unsafe)}

    def show(row):
        return (f"{row['method']} {row['path']} -> {row['status'] or row.get('error')} "
                f"at t={row['t']}s ({row.get('body_title', '')})")

    if unexpected:
        report.fail("5xx responses other than the friendly 503 inside a declared fault window",
                    [show(row) for row in unexpected])
    if unexpected_drops:
        report.fail("requests that got no response", [show(row) for row in unexpected_drops])
    if unsafe:
        report.fail("pages carrying active markup", [f"{row['path']}: {row['unsafe_markup'][0]}"
                                                     for row in unsafe])
    if server_errors:
        report.figures["tracebacks"] = tracebacks(log)


# ---------------------------------------------------------------- all of it

def check_run(run_dir: Path, search: bool = True) -> dict:
    site = Site.load(run_dir / "site.json")
    records = read_records(run_dir / "records.jsonl")
    scenario_path = run_dir / "scenario.json"
    scenario = json.loads(scenario_path.read_text()) if scenario_path.exists() else {}
    report = Report()
    markers = [row["marker"] for row in records if row.get("marker")]
    run_id = re.match(r"lm([0-9a-f]+)u", markers[0]).group(1) if markers else "none"
    engine = _engine(site)
    try:
        with engine.connect() as conn:
            check_chains(conn, report)
            check_edits(conn, records, report, run_id, site.facts.get("hot_bodies", {}))
            check_answers(conn, records, report, run_id)
            check_votes(conn, records, report, site.facts["members"])
            check_counters(conn, report, site.facts)
    finally:
        engine.dispose()
    check_responses(records, report, scenario, run_dir / "gunicorn.log")
    if search:
        check_search(site, report)
    figures = report.figures
    figures["lost_writes"] = sum(figures.get(kind, {}).get("lost", 0)
                                 for kind in ("edits", "answers", "votes"))
    figures["conflicts_shown"] = figures.get("edits", {}).get("conflict", 0)
    result = report.as_dict()
    (run_dir / "check.json").write_text(json.dumps(result, indent=1))
    return result


def print_report(result: dict) -> None:
    figures = result["figures"]
    print(f"articles {figures.get('articles')}, revisions {figures.get('revisions')}")
    for kind in ("edits", "answers", "votes", "counter_drift", "responses", "search"):
        if kind in figures:
            print(f"{kind}: {json.dumps(figures[kind], ensure_ascii=False)}")
    print(f"lost writes: {figures['lost_writes']}; conflict pages shown: "
          f"{figures['conflicts_shown']}")
    for note in result["notes"]:
        print(f"note: {note}")
    for group in figures.get("tracebacks", []):
        what = "background (search drainer), no response affected" if group.get("background") \
            else "request errors"
        print(f"-- {group['count']} x {what}; first: {group['first']}")
        print(f"   raised first in: {json.dumps(group['raised_first_in'])}")
        if not group.get("background"):
            print(group["traceback"])
    if result["ok"]:
        print("CHECK PASSED")
    else:
        for failure in result["failures"]:
            print(f"FAIL: {failure}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("run_dir", type=Path)
    parser.add_argument("--no-search", action="store_true",
                        help="skip `flask search drain` and `flask search check`")
    args = parser.parse_args()
    result = check_run(args.run_dir, search=not args.no_search)
    print_report(result)
    sys.exit(0 if result["ok"] else 1)


if __name__ == "__main__":
    main()
