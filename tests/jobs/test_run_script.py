"""`make run` is one command: `bin/run` starts the web server and the job consumer, and
Ctrl-C stops both.

Ctrl-C in a terminal is SIGINT to the whole foreground process group: the script is
started in a group of its own and the group gets SIGINT, as from a terminal. SQLite only:
the script does not depend on the database (the PostgreSQL run deselects it)."""

from __future__ import annotations

import os
import signal
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

from tests.conftest import make_app, wall_limit
from tests.mail.conftest import free_port

ROOT = Path(__file__).resolve().parents[2]


def in_group(group: int) -> list[int]:
    """The live processes of a process group (from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == group and fields[0] != "Z":
            found.append(int(entry.name))
    return found


def answers(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/static/css/site.css",
                                    timeout=1) as response:
            return response.status == 200
    except (TimeoutError, urllib.error.URLError, ConnectionError):
        return False


def test_ctrl_c_stops_the_web_server_and_the_consumer(tmp_path):
    make_app(tmp_path, None)  # a database with the schema, which the consumer sweeps
    port = free_port()
    env = {key: value for key, value in os.environ.items()
           if key not in ("REDIS_URL", "MAIL_URL", "TEST_DATABASE_URL")}
    env.update(FLASK=str(ROOT / ".venv" / "bin" / "flask"), FLASK_APP="app", PORT=str(port),
               DATABASE_URL=f"sqlite:///{tmp_path / 'test.db'}", SECRET_KEY="test",
               JOBS_DATABASE=str(tmp_path / "jobs.db"), MAIL_DIR=str(tmp_path / "mail"),
               SEARCH_INDEX_DIR=str(tmp_path / "index"), SEARCH_DRAIN="off",
               RENDER_POOL="inline")
    log = tmp_path / "run.log"
    with log.open("wb") as output:
        script = subprocess.Popen([str(ROOT / "bin" / "run")], cwd=ROOT, env=env,
                                  stdout=output, stderr=subprocess.STDOUT,
                                  start_new_session=True)  # its own group, as a terminal's job
    group = script.pid
    try:
        deadline = time.monotonic() + wall_limit(20)
        while not (answers(port) and "Job consumer:" in log.read_text()):
            assert script.poll() is None, log.read_text()
            assert time.monotonic() < deadline, f"not both up: {log.read_text()}"
            time.sleep(0.1)
        assert len(in_group(group)) >= 3  # the script, the consumer, the web server
        os.killpg(group, signal.SIGINT)  # Ctrl-C
        script.wait(timeout=wall_limit(8))
        deadline = time.monotonic() + wall_limit(3)
        while [pid for pid in in_group(group) if pid != group] \
                and time.monotonic() < deadline:
            time.sleep(0.1)
        assert in_group(group) == [], log.read_text()
        assert not answers(port)
    finally:
        if in_group(group):
            os.killpg(group, signal.SIGKILL)
        script.wait(timeout=5)
