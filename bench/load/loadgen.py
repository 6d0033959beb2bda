"""The load generator: virtual members that read, search, edit, answer and vote.

Written with the standard library (threads, urllib, http.cookiejar), not locust:

- locust would add some twenty packages (gevent, which monkey-patches, requests,
  urllib3, pyzmq...) to the .venv the app and everyone's test runs share, and it is
  not in the project's dependencies;
- the proof needs every write's exact outcome, on the client's side: whether the
  server acknowledged it (a 302 not followed, and where it points), the unique marker
  it carried, the conflict page it showed. Plain urllib with a handler that does not
  follow redirects gives that with nothing in between.

Each virtual user is a thread with its own cookie jar, signed in as its own member.
It fetches the CSRF token from the page it acts on (the form's hidden csrf_token,
or the page's <meta name="csrf-token">), as a browser would. Every request is
recorded (kind, status, latency, start time, and for writes the marker, the outcome
and the server's acknowledgement) and the records are written as JSON lines for
check.py. Closed loop: a user sends its next request when the last one is answered
(no think time unless --think is given), so 32 users keep 32 requests in flight.
"""

from __future__ import annotations

import contextlib
import html
import http.client
import json
import math
import random
import re
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from html.parser import HTMLParser
from http.cookiejar import CookieJar
from pathlib import Path

CONFLICT_TEXT = "overlaps with someone else"
DEGRADED_TEXT = "Search is briefly unavailable"
BEHIND_TEXT = "Search is catching up"  # results shown, with a note that changes wait
UNAVAILABLE_TEXT = "Briefly unavailable"   # the 503 page's title
XSS_DATA = Path(__file__).resolve().parents[3] / "shared" / "data" / "xss" / \
    "xss_vectors_combined.json"

# What a virtual user does on each turn, by weight (an edit, an answer and a vote each
# first read the page they act on).
MIX = {"article": 25, "question": 20, "search": 15, "edit": 20, "answer": 10, "vote": 10}

HOSTILE_QUERIES = ['"unbalanced quote', "(((", "AND OR NOT", "*", "title:", "tag:[a TO",
                   "Bibliothèque 図書館 библиотека", "x" * 600, "%00\x00null", "a? b* c~2",
                   "<script>alert(1)</script>", "' OR 1=1 --", "\\", "^", "NOT", "\u202e\u200b"]

SENTENCES = [
    "We tried this at our branch and the evening sessions filled first.",
    "Our volunteers found the checklist useful when the desk was busy.",
    "Numbers from the last survey back this up, especially for new readers.",
    "The budget line for this came from a small community grant.",
    "A note for school libraries: book the room a term ahead.",
]

# A cheap first look; a page that matches is then parsed (see unsafe_markup).
UNSAFE = [re.compile(r"<script(?![^>]*\bsrc=\"/static/)[^>]*>", re.I),
          re.compile(r"<[a-zA-Z][^<>]*\son[a-z]+\s*=", re.I),
          re.compile(r"<(?:iframe|object|embed|frame|base|meta[^>]*refresh)\b", re.I),
          re.compile(r"(?:href|src|action|data)\s*=\s*[\"']?\s*(?:javascript|vbscript|data):",
                     re.I)]


def hostile_payloads() -> list[str]:
    try:
        return [item["payload"] for item in json.loads(XSS_DATA.read_text())]
    except (OSError, ValueError):
        return ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
                "[x](javascript:alert(1))", "<a href=\"javascript:alert(1)\">x</a>"]


class _ActiveMarkup(HTMLParser):
    """Elements a browser would act on: a script that is not the site's own, an on*
    handler, a javascript: URL, an embedded frame or object, a meta refresh."""

    URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "data", "srcdoc"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = [(name.lower(), (value or "").strip()) for name, value in attrs]
        values = dict(attrs)
        active = (
            (tag == "script" and not values.get("src", "").startswith("/static/"))
            or tag in ("iframe", "object", "embed", "frame", "base")
            or (tag == "meta" and values.get("http-equiv", "").lower() == "refresh")
            or any(name.startswith("on") for name, _ in attrs)
            or any(name in self.URL_ATTRS and re.sub(r"[\s\x00-\x1f]", "", value).lower()
                   .startswith(("javascript:", "vbscript:", "data:text/html"))
                   for name, value in attrs))
        if active:
            self.found.append(self.get_starttag_text() or tag)

    handle_startendtag = handle_starttag


def unsafe_markup(page: str) -> list[str]:
    """Active markup in a page (parsed as a browser would, so that escaped text inside an
    attribute value, such as the search box holding the query, is not mistaken for it)."""
    if not any(pattern.search(page) for pattern in UNSAFE):  # cheap: most pages stop here
        return []
    parser = _ActiveMarkup()
    parser.feed(page)
    parser.close()
    return [text[:200] for text in parser.found]


class NoRedirect(urllib.request.HTTPRedirectHandler):
    """A 302 is the acknowledgement we record, not something to follow."""

    def redirect_request(self, *_args, **_kwargs):
        return None


@dataclass
class Response:
    status: int | None
    body: str
    location: str
    ms: float
    error: str = ""
    content_type: str = ""


class Client:
    def __init__(self, base: str, timeout: float):
        self.base = base
        self.timeout = timeout
        self.jar = CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar),
                                                  NoRedirect)

    def request(self, method: str, path: str, data: dict | list | None = None,
                headers: dict | None = None) -> Response:
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        request = urllib.request.Request(self.base + path, data=body, method=method,
                                         headers={"User-Agent": "commonplace-load/1",
                                                  **(headers or {})})
        started = time.perf_counter()
        try:
            with self.opener.open(request, timeout=self.timeout) as response:
                text = response.read().decode("utf-8", "replace")
                return Response(response.status, text, response.headers.get("Location", ""),
                                (time.perf_counter() - started) * 1000,
                                content_type=response.headers.get("Content-Type", ""))
        except urllib.error.HTTPError as error:
            text = ""
            with contextlib.suppress(OSError, http.client.HTTPException):
                text = error.read().decode("utf-8", "replace")
            headers = error.headers or {}
            return Response(error.code, text, headers.get("Location", ""),
                            (time.perf_counter() - started) * 1000,
                            content_type=headers.get("Content-Type", ""))
        except (OSError, http.client.HTTPException, ValueError) as error:
            reason = getattr(error, "reason", error)
            return Response(None, "", "", (time.perf_counter() - started) * 1000,
                            error=f"{type(error).__name__}: {reason}"[:200])


# ---------------------------------------------------------------- parsing pages

def csrf_from(page: str, form_action: str | None = None) -> str | None:
    if form_action:
        form = form_html(page, form_action)
        if form:
            match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', form)
            if match:
                return match.group(1)
    match = re.search(r'<meta name="csrf-token" content="([^"]+)"', page)
    return match.group(1) if match else None


def form_html(page: str, action: str) -> str | None:
    start = page.find(f'action="{action}"')
    if start < 0:
        return None
    end = page.find("</form>", start)
    return page[start:end if end > 0 else None]


def edit_fields(page: str, action: str) -> dict | None:
    """The edit form's fields, as a browser would send them."""
    form = form_html(page, action)
    if form is None:
        return None
    fields: dict[str, list[str]] = {}
    for match in re.finditer(r"<input\b([^>]*)>", form):
        attrs = dict((key.lower(), html.unescape(value or "")) for key, value in
                     re.findall(r'([\w-]+)(?:="([^"]*)")?', match.group(1)))
        name, kind = attrs.get("name"), attrs.get("type", "text")
        if not name or kind in ("submit", "button"):
            continue
        if kind == "checkbox" and "checked" not in attrs:
            continue
        fields.setdefault(name, []).append(attrs.get("value", ""))
    body = re.search(r'<textarea[^>]*\bname="body"[^>]*>(.*?)</textarea>', form, re.S)
    if body is None:
        return None
    # As a browser reads it: line breaks normalised to LF, then the one newline right
    # after <textarea> dropped (WTForms writes "\r\n" there).
    text = html.unescape(body.group(1)).replace("\r\n", "\n").replace("\r", "\n")
    fields["body"] = [text[1:] if text.startswith("\n") else text]
    return fields


# ---------------------------------------------------------------- a virtual member

class VirtualUser(threading.Thread):
    def __init__(self, number: int, member: dict, password: str, generator: LoadGenerator):
        super().__init__(name=f"vu-{number:02d}", daemon=True)
        self.number = number
        self.member = member
        self.password = password
        self.gen = generator
        self.rng = random.Random(generator.seed * 1000 + number)
        self.client = Client(generator.base, generator.timeout)
        self.records: list[dict] = []
        self.seq = 0
        self.my_answers: set[int] = set()
        self.last_votes: list[int] = []

    # recording
    def record(self, kind: str, method: str, path: str, response: Response, **extra) -> dict:
        row = {"kind": kind, "method": method, "path": path[:200], "status": response.status,
               "ms": round(response.ms, 2), "t": round(time.time() - self.gen.t0, 3),
               "user": self.member["username"], "user_id": self.member["id"]}
        if response.error:
            row["error"] = response.error
        if response.status and response.status >= 500:
            row["full_path"] = path
            row["body_title"] = _title(response.body)
            row["friendly"] = UNAVAILABLE_TEXT in response.body
        row.update(extra)
        self.records.append(row)
        return row

    def marker(self, what: str) -> str:
        self.seq += 1
        return f"lm{self.gen.run_id}u{self.number:02d}{what}{self.seq:05d}"

    def get(self, kind: str, path: str, **extra) -> tuple[Response, dict]:
        response = self.client.request("GET", path)
        row = self.record(kind, "GET", path, response, **extra)
        if response.status == 200 and kind in ("article", "question", "search") and \
                self.gen.check_markup:
            unsafe = unsafe_markup(response.body)
            if unsafe:
                row["unsafe_markup"] = unsafe[:3]
        return response, row

    # sign in
    def sign_in(self) -> bool:
        for attempt in range(8):
            if self.gen.stopping():
                return False
            page, _ = self.get("login_form", "/login", sign_in=True)
            token = csrf_from(page.body, "/login") if page.status == 200 else None
            if token:
                response = self.client.request("POST", "/login", {
                    "csrf_token": token, "login": self.member["username"],
                    "password": self.password})
                self.record("login", "POST", "/login", response, sign_in=True)
                if response.status == 302 and "/login" not in response.location:
                    return True
            time.sleep(min(5.0, 0.5 * 2 ** attempt))
        return False

    # the turns
    def read_article(self) -> None:
        facts = self.gen.facts
        slug = self.rng.choice(facts["hot_articles"] if self.rng.random() < 0.5
                               else [a["slug"] for a in facts["articles"]])
        self.get("article", f"/wiki/{slug}")

    def read_question(self, open_only: bool = False) -> tuple[dict, Response]:
        questions = self.gen.open_questions if open_only else self.gen.facts["questions"]
        question = self.rng.choice(questions)
        response, _ = self.get("question", question["path"])
        if response.status == 200:
            ids = [int(n) for n in re.findall(r'action="/answers/(\d+)/vote"', response.body)]
            self.last_votes = [n for n in ids if n not in self.my_answers]
        return question, response

    def search(self) -> None:
        facts = self.gen.facts
        if self.rng.random() < 0.15:
            text = self.rng.choice(HOSTILE_QUERIES + self.rng.sample(self.gen.payloads, 3))
        else:
            text = self.rng.choice(facts["search_terms"])
        params = {"q": text}
        roll = self.rng.random()
        if roll < 0.15:
            params["type"] = self.rng.choice(["article", "question", "solution"])
        elif roll < 0.25:
            params["page"] = "2"
        response, row = self.get("search", "/search?" + urllib.parse.urlencode(params))
        if response.status == 200:
            row["outcome"] = "degraded" if DEGRADED_TEXT in response.body else \
                "behind" if BEHIND_TEXT in response.body else "results"

    def edit(self) -> None:
        slug = self.rng.choice(self.gen.facts["hot_articles"])
        action = f"/wiki/{slug}/edit"
        page, _ = self.get("edit_form", action)
        if page.status != 200:
            return
        fields = edit_fields(page.body, action)
        if fields is None:
            self.gen.note(f"{self.name}: no edit form in {action} ({page.status})")
            return
        marker = self.marker("e")
        paragraphs = fields["body"][0].split("\n\n")
        note = f"Load note {marker}: {self.rng.choice(SENTENCES)}"
        # Half append at the end (concurrent appends conflict), half insert at a random
        # paragraph boundary (concurrent inserts elsewhere merge).
        where = len(paragraphs) if self.rng.random() < 0.5 else \
            self.rng.randint(1, max(1, len(paragraphs)))
        paragraphs.insert(where, note)
        fields["body"] = ["\n\n".join(paragraphs)]
        fields["summary"] = [f"load test {marker}"]
        fields["save"] = ["1"]
        base = fields.get("base_revision", [""])[0]
        response = self.client.request("POST", action, fields)
        if response.status == 302 and response.location.rstrip("/").endswith(f"/wiki/{slug}"):
            outcome = "ack"
        elif response.status == 200 and CONFLICT_TEXT in response.body:
            outcome = "conflict"
        elif response.status == 409:  # lost every retry: the form comes back with the text
            outcome = "busy"
        elif response.status is None or response.status >= 500:
            outcome = "error"
        else:
            outcome = "refused"
        extra = {"marker": marker, "slug": slug, "base": base, "outcome": outcome}
        if outcome == "refused":
            extra["shown"] = _errors_shown(response.body) or _title(response.body)
            extra["location"] = response.location
        self.record("edit_save", "POST", action, response, **extra)

    def answer(self) -> None:
        question, page = self.read_question(open_only=True)
        if page.status != 200:
            return
        action = f"/questions/{question['id']}/answers"
        token = csrf_from(page.body, action)
        if not token:
            self.gen.note(f"{self.name}: no answer form on {question['path']}")
            return
        marker = self.marker("a")
        body = f"Load answer {marker}. {self.rng.choice(SENTENCES)}"
        hostile = self.rng.random() < 0.2
        if hostile:
            body += "\n\n" + self.rng.choice(self.gen.payloads)
        response = self.client.request("POST", action, {"csrf_token": token, "body": body})
        match = re.search(r"#answer-(\d+)$", response.location or "")
        if response.status == 302 and match:
            outcome, answer_id = "ack", int(match.group(1))
            self.my_answers.add(answer_id)
        else:
            answer_id = None
            outcome = "error" if response.status is None or response.status >= 500 \
                else "refused"
        extra = {"marker": marker, "question_id": question["id"], "outcome": outcome,
                 "answer_id": answer_id, "hostile": hostile}
        if outcome == "refused":
            extra["shown"] = _errors_shown(response.body) or _title(response.body)
        self.record("answer", "POST", action, response, **extra)

    def vote(self) -> None:
        _, page = self.read_question()
        token = csrf_from(page.body) if page.status == 200 else None
        if not token or not self.last_votes:
            return
        answer_id = self.rng.choice(self.last_votes)
        value = self.rng.choice([1, 1, -1, 0])
        path = f"/answers/{answer_id}/vote"
        response = self.client.request("POST", path, {"csrf_token": token, "value": str(value)},
                                       headers={"Accept": "application/json"})
        outcome = "error" if response.status is None or response.status >= 500 else "refused"
        if response.status == 200 and "json" in response.content_type:
            with contextlib.suppress(ValueError):
                if "score" in json.loads(response.body):
                    outcome = "ack"
        extra = {"answer_id": answer_id, "value": value, "outcome": outcome}
        if outcome == "refused":
            extra["shown"] = response.body[:200]
        self.record("vote", "POST", path, response, **extra)

    def run(self) -> None:
        try:
            signed_in = self.sign_in()
            self.gen.ready(self)
            if not signed_in:
                self.gen.note(f"{self.name}: could not sign in")
                return
            self.gen.started.wait()
            turns = {"article": self.read_article, "question": self.read_question,
                     "search": self.search, "edit": self.edit, "answer": self.answer,
                     "vote": self.vote}
            kinds, weights = list(self.gen.mix), list(self.gen.mix.values())
            while not self.gen.stopping():
                turn = self.rng.choices(kinds, weights)[0]
                turns[turn]()
                if self.gen.think:
                    time.sleep(self.rng.uniform(0, 2 * self.gen.think))
        except Exception as error:  # noqa: BLE001 - a crashed user is reported, not hidden
            self.gen.note(f"{self.name} crashed: {error!r}")


def _title(page: str) -> str:
    match = re.search(r"<title>(.*?)</title>", page or "", re.S)
    return html.unescape(match.group(1)).strip()[:120] if match else (page or "")[:120]


def _errors_shown(page: str) -> str:
    """The messages a form showed: field errors and alerts, as text."""
    errors = re.findall(r'<p class="field-error"[^>]*>(.*?)</p>', page or "", re.S)
    errors += re.findall(r'role="alert"[^>]*>(.*?)</(?:div|p)>', page or "", re.S)
    texts = (" ".join(html.unescape(re.sub(r"<[^>]+>", " ", error)).split())
             for error in errors)
    return " | ".join(text.removeprefix("Error: ") for text in texts if text)[:300]


# ---------------------------------------------------------------- the generator

class LoadGenerator:
    def __init__(self, base: str, facts: dict, users: int = 32, seconds: float = 120,
                 think: float = 0.0, timeout: float = 60.0, seed: int = 1,
                 mix: dict | None = None, check_markup: bool = True):
        self.base = base
        self.facts = facts
        self.users = users
        self.seconds = seconds
        self.think = think
        self.timeout = timeout
        self.seed = seed
        self.mix = mix or MIX
        self.check_markup = check_markup
        self.run_id = f"{random.Random().getrandbits(24):06x}"
        self.open_questions = [q for q in facts["questions"] if q["open"]]
        self.payloads = hostile_payloads()
        self.notes: list[str] = []
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self.started = threading.Event()   # set when every member is signed in
        self._ready = 0
        self.t0 = time.time()
        self.deadline = self.t0 + seconds
        self.started_at = self.ended_at = 0.0

    def note(self, text: str) -> None:
        with self._lock:
            self.notes.append(text)

    def stopping(self) -> bool:
        return self._stop.is_set() or time.time() >= self.deadline

    def stop(self) -> None:
        self._stop.set()

    def ready(self, _user: VirtualUser) -> None:
        with self._lock:
            self._ready += 1

    def extend(self, seconds_from_now: float) -> None:
        """Keep the load going at least this long from now (a fault needs an 'after')."""
        self.deadline = max(self.deadline, time.time() + seconds_from_now)

    def run(self) -> list[dict]:
        """Sign every member in (not timed), then run the timed load for `seconds`."""
        members = self.facts["members"]
        if len(members) < self.users:
            raise ValueError(f"{self.users} users need {self.users} members; "
                             f"the site has {len(members)}")
        self.t0 = time.time()
        self.deadline = self.t0 + 10_000
        threads = [VirtualUser(n + 1, members[n], self.facts["password"], self)
                   for n in range(self.users)]
        for thread in threads:
            thread.start()
        try:
            limit = time.time() + 180
            while self._ready < self.users and time.time() < limit:
                time.sleep(0.05)
            sign_in_t0 = self.t0
            self.t0 = self.started_at = time.time()
            self.deadline = self.t0 + self.seconds
            self.started.set()
            while any(thread.is_alive() for thread in threads) and \
                    time.time() < self.deadline + self.timeout + 5:
                for thread in threads:
                    thread.join(0.5)
        finally:
            self.stop()
            self.started.set()
        stuck = [thread.name for thread in threads if thread.is_alive()]
        if stuck:
            self.note(f"users still waiting on a response at the end: {', '.join(stuck)}")
        self.ended_at = time.time()
        records = []
        for thread in threads:
            for row in list(thread.records):
                if row.get("sign_in"):  # timed against the sign-in phase's start
                    row["t"] = round(row["t"] + sign_in_t0 - self.t0, 3)
                records.append(row)
        records.sort(key=lambda row: row["t"])
        return records


# ---------------------------------------------------------------- figures

def percentile(values: list[float], fraction: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)  # nearest rank
    return ordered[max(0, min(len(ordered), math.ceil(fraction * len(ordered))) - 1)]


KIND_ORDER = ["article", "question", "search", "edit_form", "edit_save", "answer", "vote",
              "login_form", "login"]


def summarise(records: list[dict], seconds: float) -> dict:
    """Per kind of request: count, rate, latency percentiles, statuses. Signing in comes
    before the timed load: it has its latencies but no rate, and is not in the totals."""
    kinds: dict[str, dict] = {}
    for kind in sorted({row["kind"] for row in records},
                       key=lambda k: KIND_ORDER.index(k) if k in KIND_ORDER else 99):
        rows = [row for row in records if row["kind"] == kind]
        answered = [row["ms"] for row in rows if row["status"] is not None]
        statuses: dict[str, int] = {}
        for row in rows:
            key = str(row["status"]) if row["status"] is not None else "no response"
            statuses[key] = statuses.get(key, 0) + 1
        timed = not all(row.get("sign_in") for row in rows)
        kinds[kind] = {
            "requests": len(rows),
            "per_second": round(len(rows) / seconds, 2) if timed else None,
            "p50": round(percentile(answered, 0.50), 1),
            "p95": round(percentile(answered, 0.95), 1),
            "p99": round(percentile(answered, 0.99), 1),
            "statuses": statuses,
            "5xx": sum(1 for row in rows if (row["status"] or 0) >= 500),
            "no_response": sum(1 for row in rows if row["status"] is None),
        }
    outcomes: dict[str, dict[str, int]] = {}
    for row in records:
        if "outcome" in row:
            bucket = outcomes.setdefault(row["kind"], {})
            bucket[row["outcome"]] = bucket.get(row["outcome"], 0) + 1
    timed_rows = [row for row in records if not row.get("sign_in")]
    all_ms = [row["ms"] for row in timed_rows if row["status"] is not None]
    return {
        "seconds": round(seconds, 1), "requests": len(timed_rows),
        "per_second": round(len(timed_rows) / seconds, 2) if seconds else 0,
        "p50": round(percentile(all_ms, 0.5), 1), "p95": round(percentile(all_ms, 0.95), 1),
        "p99": round(percentile(all_ms, 0.99), 1),
        "5xx": sum(1 for row in records if (row["status"] or 0) >= 500),
        "500": sum(1 for row in records if row["status"] == 500),
        "no_response": sum(1 for row in records if row["status"] is None),
        "sign_in_requests": len(records) - len(timed_rows),
        "unsafe_markup_pages": sum(1 for row in records if row.get("unsafe_markup")),
        "kinds": kinds, "outcomes": outcomes,
    }


def format_table(summary: dict) -> str:
    lines = [f"{'kind':<11} {'requests':>8} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8} "
             f"{'p99 ms':>8} {'5xx':>5} {'no resp':>7}  statuses"]
    for kind, row in summary["kinds"].items():
        statuses = " ".join(f"{key}:{value}" for key, value in sorted(row["statuses"].items()))
        rate = f"{row['per_second']:>7.1f}" if row["per_second"] is not None else f"{'-':>7}"
        lines.append(f"{kind:<11} {row['requests']:>8} {rate} "
                     f"{row['p50']:>8.1f} {row['p95']:>8.1f} {row['p99']:>8.1f} "
                     f"{row['5xx']:>5} {row['no_response']:>7}  {statuses}")
    lines.append(f"{'all timed':<11} {summary['requests']:>8} {summary['per_second']:>7.1f} "
                 f"{summary['p50']:>8.1f} {summary['p95']:>8.1f} {summary['p99']:>8.1f} "
                 f"{summary['5xx']:>5} {summary['no_response']:>7}  (sign-in before the "
                 "clock: login_form, login)")
    return "\n".join(lines)


def write_records(records: list[dict], path: Path) -> None:
    with open(path, "w") as handle:
        for row in records:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")


def read_records(path: Path) -> list[dict]:
    with open(path) as handle:
        return [json.loads(line) for line in handle if line.strip()]
