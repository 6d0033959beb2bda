"""The rate limits through gunicorn behind a reverse proxy, as deployed.

gunicorn (a dependency) serves the app on a free 127.0.0.1 port. Each visitor's
requests carry X-Forwarded-For as nginx's `$proxy_add_x_forwarded_for` makes it:
whatever the client sent, then the address nginx saw. The app runs on its own SQLite
file whichever database the suite uses: what is tested is the edge, not the storage.
"""

from __future__ import annotations

import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import time
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import pytest

from core import accounts
from core.extensions import db
from tests.conftest import PASSWORD, make_app

ROOT = Path(__file__).resolve().parents[2]
CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"|'
                  r'<meta name="csrf-token" content="([^"]+)"')


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_gunicorn(tmp_path: Path, database: Path, proxy_count: int):
    port = free_port()
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}",
           "SECRET_KEY": "proxy-test-secret", "PROXY_COUNT": str(proxy_count),
           "SEARCH_INDEX_DIR": str(tmp_path / f"index-{port}"), "SEARCH_DRAIN": "off",
           "RATELIMIT_STORAGE_URI": "memory://", "SEARCH_ENGINE": "whoosh"}
    env.pop("RATELIMIT_DISABLED", None)
    log_path = tmp_path / f"gunicorn-{port}.log"
    with log_path.open("wb") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "--workers", "1", "--bind", f"127.0.0.1:{port}",
             "app:create_app()"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    return server, port, log_path


def wait_until_serving(server, port: int, log_path: Path) -> None:
    """Until the app itself answers: gunicorn's master listens at once, but its worker
    imports and builds the app first, which takes seconds on a busy machine (the first
    visitor's request must not spend its own timeout on it). A static file: it counts
    towards no limit."""
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        assert server.poll() is None, log_path.read_text()
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        try:
            connection.request("GET", "/static/css/site.css")
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        finally:
            connection.close()
        time.sleep(0.05)
    raise AssertionError(f"gunicorn did not start: {log_path.read_text()}")


@pytest.fixture(scope="module")
def ports(tmp_path_factory):
    """{proxy count: port} of two gunicorns, PROXY_COUNT=1 and 0, started together, serving
    one site with four members."""
    tmp_path = tmp_path_factory.mktemp("behind-a-proxy")
    database = tmp_path / "site.db"
    app = make_app(tmp_path, None, SQLALCHEMY_DATABASE_URI=f"sqlite:///{database}")
    with app.app_context():
        for name in ("mina", "otto", "edith", "adam"):  # hashed cheaply by make_app
            accounts.register(name, f"{name}@example.org", PASSWORD)
        db.session.commit()
        db.session.remove()
        db.engine.dispose()
    servers = {count: start_gunicorn(tmp_path, database, count) for count in (1, 0)}
    try:
        for server, port, log_path in servers.values():
            wait_until_serving(server, port, log_path)
        yield {count: port for count, (_server, port, _log) in servers.items()}
    finally:
        for server, _port, _log in servers.values():
            server.send_signal(signal.SIGINT)  # gunicorn's quick shutdown
        for server, _port, _log in servers.values():
            server.wait(10)


class Visitor:
    """A browser at `address`, reaching the site through one proxy."""

    def __init__(self, port: int, address: str):
        self.port, self.address, self.cookies = port, address, {}

    def request(self, method: str, path: str, form: dict | None = None,
                forged: str = "") -> tuple[int, str]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        headers = {"X-Forwarded-For": f"{forged}, {self.address}" if forged else self.address,
                   "X-Forwarded-Proto": "http"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            connection.request(method, path, body, headers)
            response = connection.getresponse()
            for header in response.msg.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(header).items():
                    self.cookies[name] = morsel.value
            return response.status, response.read().decode()
        finally:
            connection.close()

    def sign_in(self, login: str, password: str, forged: str = "") -> int:
        _status, page = self.request("GET", "/login")
        token = next(group for group in CSRF.search(page).groups() if group)
        return self.request("POST", "/login", {"csrf_token": token, "login": login,
                                               "password": password}, forged)[0]


def test_behind_one_proxy_one_visitors_failures_do_not_lock_out_another(ports):
    port = ports[1]
    agnes, bob = Visitor(port, "203.0.113.1"), Visitor(port, "198.51.100.2")
    for _ in range(5):
        assert agnes.sign_in("mina", "wrong guess!") == 200
    assert agnes.sign_in("mina", "wrong guess!") == 429
    # Forging X-Forwarded-For does not help: the proxy appends the real address.
    assert agnes.sign_in("mina", "wrong guess!", forged="192.0.2.99") == 429
    for name in ("otto", "edith", "adam"):  # the per-address limit: 20 failures in all
        for _ in range(5):
            assert agnes.sign_in(name, "wrong guess!") == 200
    assert agnes.sign_in("mina@example.org", PASSWORD) == 429
    assert bob.sign_in("mina", PASSWORD) == 302


def test_with_no_proxy_a_forged_forwarded_for_is_ignored(ports):
    port = ports[0]
    agnes = Visitor(port, "203.0.113.1")  # sent as a header, but there is no proxy
    for _ in range(5):
        assert agnes.sign_in("mina", "wrong guess!") == 200
    pretender = Visitor(port, "198.51.100.77")
    assert pretender.sign_in("mina", "wrong guess!") == 429
