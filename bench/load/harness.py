"""What the load and fault runs share: a fresh site, a gunicorn to serve it, cleanup.

A *site* is a fresh database (SQLite file or a PostgreSQL database of its own, never
the test suite's), migrated with `flask db upgrade`, filled with `flask demo load`,
plus load-test members created through the app's own account service (seed.py), and
a search index built for it. Everything runs on 127.0.0.1 and is bounded in time:
every process started here is in its own process group and is stopped in a
`finally`, with SIGKILL after a grace period.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import socket
import subprocess
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
BIN = ROOT / ".venv" / "bin"
PYTHON = str(BIN / "python")
HERE = Path(__file__).resolve().parent
PG_ADMIN_URL = os.environ.get("LOAD_PG_ADMIN", "postgresql://postgres@127.0.0.1:5432/postgres")
PG_DATABASE = os.environ.get("LOAD_PG_DATABASE", "commonplace_load")
MEMBER_PASSWORD = "load test passphrase 2026"  # noqa: S105 - throwaway accounts
DEFAULT_OUT = Path(tempfile.gettempdir()) / "commonplace-proof"


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def pg_cluster() -> tuple[str, str]:
    versions = sorted(os.listdir("/etc/postgresql"))
    return versions[-1], "main"


def pg_ctl(action: str, timeout: float = 60) -> subprocess.CompletedProcess:
    version, cluster = pg_cluster()
    return subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", version, cluster,
                           action], capture_output=True, text=True, timeout=timeout)


def pg_available(timeout: float = 2) -> bool:
    try:
        socket.create_connection(("127.0.0.1", 5432), timeout).close()
        return True
    except OSError:
        return False


def wait_for_pg(timeout: float = 60) -> None:
    import psycopg

    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            with psycopg.connect(PG_ADMIN_URL, connect_timeout=2) as conn:
                conn.execute("SELECT 1")
                return
        except psycopg.Error:
            time.sleep(0.5)
    raise RuntimeError("PostgreSQL did not come back")


def recreate_pg_database(name: str = PG_DATABASE) -> str:
    """A database of our own (dropped and created afresh), not the suite's `test`."""
    import psycopg
    from psycopg import sql

    wait_for_pg()
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
            sql.Identifier(name)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"


# ---------------------------------------------------------------- the site


@dataclass
class Site:
    database: str            # "sqlite" or "postgres"
    url: str                 # SQLAlchemy URL
    workdir: Path
    index_dir: Path
    env: dict = field(default_factory=dict)
    facts: dict = field(default_factory=dict)   # written by seed.py

    def flask(self, *args: str, timeout: float = 300, check: bool = True,
              stdin: str | None = None) -> subprocess.CompletedProcess:
        result = subprocess.run([str(BIN / "flask"), *args], cwd=ROOT, env=self.env,
                                capture_output=True, text=True, timeout=timeout, input=stdin)
        if check and result.returncode != 0:
            raise RuntimeError(f"flask {' '.join(args)} exited {result.returncode}:\n"
                               f"{result.stdout}\n{result.stderr}")
        return result

    def save(self) -> None:
        (self.workdir / "site.json").write_text(json.dumps({
            "database": self.database, "url": self.url, "workdir": str(self.workdir),
            "index_dir": str(self.index_dir), "env": self.env, "facts": self.facts},
            indent=1))

    @classmethod
    def load(cls, path: Path) -> Site:
        data = json.loads(Path(path).read_text())
        return cls(data["database"], data["url"], Path(data["workdir"]),
                   Path(data["index_dir"]), data["env"], data["facts"])


def site_env(url: str, index_dir: Path, workdir: Path) -> dict:
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("DATABASE_URL", "SEARCH_", "RATELIMIT_", "TEST_DATABASE"))}
    env.update({
        "FLASK_APP": "app",
        "DATABASE_URL": url,
        "SECRET_KEY": "load-test-secret",
        "SEARCH_INDEX_DIR": str(index_dir),
        "SEARCH_DRAIN": "thread",
        # The per-member posting limits (5 answers per 10 minutes for accounts less than a
        # day old) would turn this into a test of the limiter; they are off for the run.
        "RATELIMIT_DISABLED": "1",
        "PYTHONUNBUFFERED": "1",
        "LOAD_WORKDIR": str(workdir),
    })
    return env


def prepare_site(database: str, workdir: Path, members: int = 40,
                 index_dir: Path | None = None) -> Site:
    """Migrate, load the demo, create members, build the index; facts go in site.json."""
    workdir.mkdir(parents=True, exist_ok=True)
    if database == "sqlite":
        url = f"sqlite:///{workdir / 'site.db'}"
    elif database == "postgres":
        url = recreate_pg_database()
    else:
        raise ValueError(database)
    index_dir = index_dir or workdir / "search-index"
    site = Site(database, url, workdir, index_dir, site_env(url, index_dir, workdir))
    started = time.time()
    site.flask("db", "upgrade")
    site.flask("demo", "load")
    result = subprocess.run([PYTHON, str(HERE / "seed.py"), "--members", str(members),
                             "--out", str(workdir / "facts.json")], cwd=ROOT, env=site.env,
                            capture_output=True, text=True, timeout=300)
    if result.returncode != 0:
        raise RuntimeError(f"seed.py failed:\n{result.stdout}\n{result.stderr}")
    site.facts = json.loads((workdir / "facts.json").read_text())
    site.flask("search", "rebuild")
    check = site.flask("search", "check", check=False)
    if check.returncode != 0:
        raise RuntimeError(f"the fresh site's index is not clean:\n{check.stdout}")
    site.save()
    log(f"site ready on {database} in {time.time() - started:.1f} s: "
        f"{len(site.facts['members'])} members, {len(site.facts['articles'])} articles, "
        f"{len(site.facts['questions'])} questions")
    return site


# ---------------------------------------------------------------- gunicorn


class Gunicorn:
    """gunicorn (sync workers) on 127.0.0.1, in its own process group; always stopped."""

    def __init__(self, site: Site, workers: int = 4, port: int | None = None,
                 log_path: Path | None = None, env: dict | None = None, timeout: int = 30):
        self.site = site
        self.workers = workers
        self.port = port or free_port()
        self.log_path = log_path or site.workdir / "gunicorn.log"
        self.env = env or site.env
        self.timeout = timeout
        self.process: subprocess.Popen | None = None
        self._log = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> Gunicorn:
        self._log = open(self.log_path, "a")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            [str(BIN / "gunicorn"), "--chdir", str(ROOT), "-w", str(self.workers), "-k", "sync",
             "-b", f"127.0.0.1:{self.port}", "--timeout", str(self.timeout),
             "--graceful-timeout", "10", "--log-level", "info", "app:create_app()"],
            cwd=ROOT, env=self.env, stdout=self._log, stderr=subprocess.STDOUT,
            start_new_session=True)
        self.wait_ready()
        return self

    def wait_ready(self, timeout: float = 60) -> None:
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited {self.process.returncode}; see "
                                   f"{self.log_path}")
            try:
                with urllib.request.urlopen(f"{self.base}/wiki/", timeout=5) as response:
                    if response.status == 200 and len(self.worker_pids()) >= self.workers:
                        return
            except OSError:
                pass
            time.sleep(0.3)
        raise RuntimeError(f"gunicorn did not answer on {self.base}")

    def worker_pids(self) -> list[int]:
        if self.process is None:
            return []
        try:
            out = subprocess.run(["pgrep", "-P", str(self.process.pid)], capture_output=True,
                                 text=True, timeout=10).stdout
        except subprocess.TimeoutExpired:
            return []
        return [int(pid) for pid in out.split()]

    def stop(self) -> None:
        if self.process is None:
            return
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(10)
        # Workers orphaned by a SIGKILLed master would still be in the group.
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.process.pid, signal.SIGKILL)
        if self._log:
            self._log.close()
        self.process = None

    def __enter__(self) -> Gunicorn:
        return self.start()

    def __exit__(self, *_exc) -> None:
        self.stop()


# ---------------------------------------------------------------- a read-only mount


class TmpfsMount:
    """A small tmpfs that can be remounted read-only: root ignores file modes, not EROFS."""

    def __init__(self, path: Path, size: str = "256m"):
        self.path = path
        self.size = size
        self.mounted = False

    def mount(self) -> TmpfsMount:
        self.path.mkdir(parents=True, exist_ok=True)
        subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={self.size}", "tmpfs",
                        str(self.path)], check=True, timeout=30)
        self.mounted = True
        return self

    def read_only(self, flag: bool, patience: float = 30) -> None:
        """Remount; 'busy' (a drainer has the index lock file open for writing) is retried."""
        deadline = time.time() + patience
        while True:
            result = subprocess.run(["mount", "-o", "remount," + ("ro" if flag else "rw"),
                                     str(self.path)], capture_output=True, text=True,
                                    timeout=30)
            if result.returncode == 0:
                return
            if time.time() > deadline:
                raise RuntimeError(f"remount {'ro' if flag else 'rw'} {self.path}: "
                                   f"{result.stderr.strip()}")
            time.sleep(0.05)

    def unmount(self) -> None:
        if self.mounted:
            result = subprocess.run(["umount", str(self.path)], capture_output=True, timeout=30)
            if result.returncode != 0:
                subprocess.run(["umount", "-l", str(self.path)], timeout=30)
            self.mounted = False


# ---------------------------------------------------------------- helpers for the runs


def outbox_count(site: Site) -> int | None:
    """Rows waiting in the search outbox, read straight from the database (None: down)."""
    try:
        if site.database == "sqlite":
            import sqlite3

            with contextlib.closing(sqlite3.connect(site.url.removeprefix("sqlite:///"),
                                                    timeout=5)) as conn:
                return conn.execute("SELECT count(*) FROM search_outbox").fetchone()[0]
        import psycopg

        with psycopg.connect(site.url.replace("postgresql+psycopg", "postgresql"),
                             connect_timeout=2) as conn:
            return conn.execute("SELECT count(*) FROM search_outbox").fetchone()[0]
    except Exception:  # noqa: BLE001 - a probe: the database may be down on purpose
        return None


def tracebacks(log_path: Path) -> list[dict]:
    """Error records in the gunicorn log that carry a Python traceback, grouped.

    Each group: how many times it happened, the first request it happened on, and the
    traceback condensed to the frames outside SQLAlchemy and psycopg internals.
    """
    if not log_path.exists():
        return []
    blocks, current = [], None
    for line in log_path.read_text(errors="replace").splitlines():
        # A new log record: Flask's and gunicorn's formats, or the search drainer's
        # messages (its logger has no handler under gunicorn: bare text).
        if line.startswith(("[", "search drain failed", "search index not writable")):
            if current:
                blocks.append(current)
            current = [line] if ("ERROR" in line or "CRITICAL" in line
                                 or line.startswith("search drain failed")) else None
        elif current is not None:
            current.append(line)
    if current:
        blocks.append(current)
    groups: dict[tuple, dict] = {}
    for block in blocks:
        sections = _sections(block)
        if not sections:
            continue
        final = condense(sections[-1])
        own = [line.strip() for line in final if line.strip().startswith('File "')
               and "/work/" in line and "/.venv/" not in line]
        errors = [line for line in final if re.match(r"[\w.]+(Error|Exception|Exit|Interrupt)"
                                                     r"\b.*", line)]
        kind = errors[-1].split(":", 1)[0] if errors else "?"
        group = groups.setdefault((tuple(own), kind), {
            "count": 0, "first": block[0][:200], "exception": errors[-1][:300] if errors else "",
            "traceback": "\n".join(final), "raised_first_in": {},
            "background": block[0].startswith("search drain failed")})
        group["count"] += 1
        first_own = next(([line.strip() for line in section
                           if line.strip().startswith('File "') and "/work/" in line
                           and "/.venv/" not in line] for section in sections
                          if any("/work/" in line and "/.venv/" not in line
                                 for line in section if line.strip().startswith('File "'))),
                         [])
        where = first_own[-1] if first_own else "(library code)"
        group["raised_first_in"][where] = group["raised_first_in"].get(where, 0) + 1
    return sorted(groups.values(), key=lambda group: -group["count"])


def _sections(block: list[str]) -> list[list[str]]:
    """A chained traceback's parts, each from its 'Traceback (' line to its exception."""
    sections: list[list[str]] = []
    for line in block:
        if line.startswith("Traceback ("):
            sections.append([line])
        elif sections and not line.startswith(("The above exception", "During handling")):
            sections[-1].append(line)
    return sections


def condense(block: list[str]) -> list[str]:
    keep, skip_code = [], False
    for line in block:
        stripped = line.strip()
        if stripped.startswith('File "'):
            skip_code = "/site-packages/sqlalchemy/" in line or "/site-packages/psycopg/" in \
                line or "<sqlalchemy generated" in line
            if not skip_code:
                keep.append(line)
        elif line.startswith("    ") or not stripped or set(stripped) <= {"^", "~"}:
            if not skip_code and stripped and not set(stripped) <= {"^", "~"}:
                keep.append(line)
        else:
            keep.append(line)
    return keep


def install_signal_handlers() -> None:
    """SIGTERM/SIGHUP raise SystemExit, so `finally` blocks stop what we started."""
    def stop(signum, _frame):
        raise SystemExit(128 + signum)

    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, stop)

