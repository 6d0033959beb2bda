"""One harness for races: the same work in several threads at once, each on its own
database connection, held in lockstep so that every thread has read before any writes.

- `lockstep(monkeypatch, module, name)` patches `module.name` so that each thread's first
  call waits for the others (before the call, or with `after=True` once it has returned);
  a redo after a lost race goes straight on.
- `in_threads(app, work, count)` runs `work(index)` in `count` threads, each in its own app
  context and session, and returns what each returned (in order) or fails the test with
  whatever they raised.
- `same_post_at_once(app, monkeypatch, path, data, ...)` sends one POST from `count`
  signed-in browsers at the same moment and returns their responses' status codes.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from typing import Any

from core.extensions import db
from tests.conftest import PASSWORD

TIMEOUT = 20  # seconds a thread waits for the others (a broken barrier lets it go on)


def lockstep(monkeypatch, module, name: str, count: int = 2, *,
             after: bool = False) -> threading.Barrier:
    """Make the first call of `module.name` in each thread wait for the other threads."""
    original = getattr(module, name)
    barrier = threading.Barrier(count, timeout=TIMEOUT)
    waited: set[int] = set()

    def together(*args, **kwargs):
        first = threading.get_ident() not in waited
        waited.add(threading.get_ident())
        if first and not after:
            with contextlib.suppress(threading.BrokenBarrierError):
                barrier.wait()
        result = original(*args, **kwargs)
        if first and after:
            with contextlib.suppress(threading.BrokenBarrierError):
                barrier.wait()
        return result

    monkeypatch.setattr(module, name, together)
    return barrier


def in_threads(app, work: Callable[[int], Any], count: int = 2,
               barrier: threading.Barrier | None = None, *,
               app_context: bool = True) -> list[Any]:
    """Run work(0) ... work(count - 1) at once, each in its own app context and session
    (or, with app_context=False, in none: a test client's request makes its own)."""
    results: list[Any] = [None] * count
    errors: list[BaseException] = []

    def run(index: int) -> None:
        with app.app_context() if app_context else contextlib.nullcontext():
            try:
                results[index] = work(index)
            except Exception as error:  # noqa: BLE001 - reported below
                errors.append(error)
                if barrier is not None:
                    barrier.abort()
            finally:
                if app_context:
                    db.session.remove()

    threads = [threading.Thread(target=run, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(TIMEOUT + 10)
    assert not errors, errors
    return results


def same_post_at_once(app, monkeypatch, path: str, data: dict, *, module=None,
                      name: str = "", login: str = "otto", count: int = 2) -> list[int]:
    """POST the same form from `count` browsers signed in as `login`, at the same moment.
    With `module` and `name`, each request waits in that service for the others, so that
    all of them have read before any of them writes."""
    barrier = lockstep(monkeypatch, module, name, count) if module is not None else None
    clients = [app.test_client() for _ in range(count)]
    tokens = []
    for client in clients:
        client.login(login, PASSWORD)
        tokens.append(client.csrf_token())

    def send(index: int) -> int:
        response = clients[index].post(path, data={**data, "csrf_token": tokens[index]})
        response.close()
        return response.status_code

    return in_threads(app, send, count, barrier, app_context=False)
