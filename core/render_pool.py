"""Rendering member text under a time budget, in worker processes that can be killed.

Every render of member text (articles, questions, answers, comments, previews) goes
through `render()`: text over core.markup.MAX_CHARS is refused at once; the rest is sent
to a small pool of worker processes (`python -m core.render_worker`, started on first
use, one pool per web process). A render that has not answered within RENDER_SECONDS is
refused with a message that keeps the member's text (RenderRefused is a ValidationFailed
on the `body` field), and its worker is killed (SIGKILL: a stuck regular expression
ignores anything gentler) and replaced. A worker is a fresh interpreter started with
fork-and-exec, so no lock, connection or thread of the web process is shared with it;
a pool inherited through fork (gunicorn's preload) is forgotten by the child, which
starts its own. Workers exit when the web process's end of their pipe closes.

Configuration: RENDER_POOL ("process", the default, or "inline": render in the calling
thread with no budget, for scripts that render trusted text), RENDER_SECONDS (2.5) and
RENDER_WORKERS (2).
"""

from __future__ import annotations

import atexit
import contextlib
import copy
import json
import logging
import os
import select
import struct
import subprocess
import sys
import threading
import time
from collections import OrderedDict
from pathlib import Path

from core.errors import ValidationFailed
from core.markup import MAX_CHARS, Rendered

log = logging.getLogger(__name__)

DEFAULT_SECONDS = 2.5
DEFAULT_WORKERS = 2
START_SECONDS = 30.0  # a worker's interpreter start and imports; not part of the budget
_HEADER = struct.Struct(">I")
_ROOT = str(Path(__file__).resolve().parents[1])


class RenderRefused(ValidationFailed):
    """The text was not rendered (too long, too slow, or the renderer failed); nothing
    was saved, and the form comes back with the member's text."""

    def __init__(self, message: str, field: str = "body"):
        super().__init__(message, field)


def too_long(length: int) -> RenderRefused:
    return RenderRefused(f"Keep the text under {MAX_CHARS:,} characters; it is {length:,}. "
                         "Nothing was saved; your text is kept below.")


def too_slow(seconds: float) -> RenderRefused:
    return RenderRefused(
        f"This text takes too long to format (over {seconds:g} seconds), so it was not "
        "saved or previewed. Your text is kept below: look for very long runs of brackets, "
        "tags that never close or thousands of headings, shorten them and try again.")


def too_busy() -> RenderRefused:
    return RenderRefused("The site is busy formatting other texts. Nothing was saved; your "
                         "text is kept below. Please send it again in a moment.")


def failed() -> RenderRefused:
    return RenderRefused("This text could not be formatted, so it was not saved or "
                         "previewed. Your text is kept below; please tell the editors.")


def _settings() -> tuple[str, float, int]:
    from flask import current_app, has_app_context

    config = current_app.config if has_app_context() else {}
    return (config.get("RENDER_POOL", "process"),
            float(config.get("RENDER_SECONDS", DEFAULT_SECONDS)),
            int(config.get("RENDER_WORKERS", DEFAULT_WORKERS)))


# The last few texts rendered by this process: one save renders its text twice (the
# new-member link check, then the revision), and this makes the second render free.
RECENT = 8
_recent: OrderedDict[str, Rendered] = OrderedDict()
_recent_lock = threading.Lock()


def render(text: str) -> Rendered:
    if len(text) > MAX_CHARS:
        raise too_long(len(text))
    mode, seconds, workers = _settings()
    if mode == "inline":
        from core.markup import render_now

        return render_now(text)
    with _recent_lock:
        rendered = _recent.get(text)
        if rendered is not None:
            _recent.move_to_end(text)
    if rendered is None:
        rendered = pool(workers).render(text, seconds)
        with _recent_lock:
            _recent[text] = rendered
            while len(_recent) > RECENT:
                _recent.popitem(last=False)
    return copy.deepcopy(rendered)


# ---------------------------------------------------------------- the workers

class _Gone(Exception):
    """The worker did not answer in time, or died."""


def _read_exact(fd: int, size: int, deadline: float) -> bytes:
    chunks, wanted = [], size
    while wanted:
        remaining = deadline - time.monotonic()
        if remaining <= 0 or not select.select([fd], [], [], remaining)[0]:
            raise _Gone("timeout")
        chunk = os.read(fd, min(wanted, 1 << 20))
        if not chunk:
            raise _Gone("closed")
        chunks.append(chunk)
        wanted -= len(chunk)
    return b"".join(chunks)


def _read_frame(fd: int, deadline: float) -> bytes:
    (size,) = _HEADER.unpack(_read_exact(fd, _HEADER.size, deadline))
    return _read_exact(fd, size, deadline) if size else b""


class Worker:
    """One `python -m core.render_worker` process and its two pipes."""

    def __init__(self):
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [_ROOT, env.get("PYTHONPATH")]))
        self.process = subprocess.Popen(  # noqa: S603 - our own module, no shell
            [sys.executable, "-m", "core.render_worker"], stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, env=env, close_fds=True, start_new_session=True)
        self.ready = False

    def wait_ready(self) -> None:
        if not self.ready:
            _read_frame(self.process.stdout.fileno(), time.monotonic() + START_SECONDS)
            self.ready = True

    def render(self, text: str, deadline: float) -> Rendered:
        data = text.encode("utf-8", "surrogatepass")
        try:
            self.process.stdin.write(_HEADER.pack(len(data)) + data)
            self.process.stdin.flush()
        except OSError as error:
            raise _Gone("closed") from error
        answer = json.loads(_read_frame(self.process.stdout.fileno(), deadline))
        if "error" in answer:
            raise RuntimeError(answer["error"])
        return Rendered(**answer)

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        self.close()

    def close(self) -> None:
        for stream in (self.process.stdin, self.process.stdout):
            with contextlib.suppress(OSError):  # a broken pipe to a dead worker
                stream.close()


class RenderPool:
    """Up to `size` workers, each rendering one text at a time."""

    def __init__(self, size: int):
        self.size = max(1, size)
        self.pid = os.getpid()
        self.idle: list[Worker] = []
        self.running = 0  # workers that exist, idle, busy or starting
        self.starting = 0  # workers started in place of killed ones, not ready yet
        self.lock = threading.Condition()
        self.closed = False

    def _take(self, deadline: float) -> Worker:
        """An idle worker, or a new one; waiting for one to be free until `deadline`, or
        longer while a replacement is starting (the pool is not busy, only starting)."""
        started = time.monotonic() + START_SECONDS
        with self.lock:
            while not self.idle and self.running >= self.size:
                limit = max(deadline, started) if self.starting else deadline
                remaining = limit - time.monotonic()
                if remaining <= 0 or self.closed:
                    raise too_busy()
                self.lock.wait(remaining)
            if self.idle:
                return self.idle.pop()
            self.running += 1
        worker = None
        try:
            worker = Worker()
            worker.wait_ready()
        except (OSError, _Gone):
            self._drop(worker)
            log.exception("a render worker did not start")
            raise failed() from None
        except BaseException:
            self._drop(worker)
            raise
        return worker

    def _give(self, worker: Worker) -> None:
        with self.lock:
            if self.closed:
                worker.kill()
                self.running -= 1
            else:
                self.idle.append(worker)
            self.lock.notify_all()

    def _drop(self, worker: Worker | None) -> None:
        if worker is not None:
            worker.kill()
        with self.lock:
            self.running -= 1
            self.lock.notify()

    def _replace(self) -> None:
        """Start a worker in place of a killed one, so the next render need not wait."""
        with self.lock:
            if self.closed or self.running >= self.size:
                return
            self.running += 1
            self.starting += 1
        worker = None
        try:
            worker = Worker()
            worker.wait_ready()
        except (OSError, _Gone):
            if worker is not None:
                worker.kill()
            worker = None
        with self.lock:
            self.starting -= 1
            if worker is None:
                self.running -= 1
                self.lock.notify_all()
                return
        self._give(worker)

    def render(self, text: str, seconds: float) -> Rendered:
        for attempt in (1, 2):
            worker = self._take(time.monotonic() + seconds)
            try:
                result = worker.render(text, time.monotonic() + seconds)
            except _Gone as gone:
                self._drop(worker)
                threading.Thread(target=self._replace, name="render-worker-start",
                                 daemon=True).start()
                if gone.args[0] == "timeout":
                    log.warning("render refused after %.1f s (%d characters); worker killed",
                                seconds, len(text))
                    raise too_slow(seconds) from None
                if attempt == 1:  # it had died (killed from outside?): once more, afresh
                    continue
                log.error("render workers died twice on %d characters", len(text))
                raise failed() from None
            except Exception:
                self._drop(worker)
                log.exception("the render worker failed on %d characters", len(text))
                raise failed() from None
            except BaseException:  # the request itself is ending: the answer is never read
                self._drop(worker)
                raise
            self._give(worker)
            return result
        raise AssertionError("unreachable")  # pragma: no cover

    def shutdown(self) -> None:
        with self.lock:
            self.closed = True
            idle, self.idle = self.idle, []
            self.running -= len(idle)
            self.lock.notify_all()
        for worker in idle:
            worker.kill()

    def forget(self) -> None:
        """In a forked child: the workers are the parent's; close our copies of the pipes."""
        for worker in self.idle:
            worker.close()
        self.idle = []


_pool: RenderPool | None = None
_pool_lock = threading.Lock()


def pool(size: int = DEFAULT_WORKERS) -> RenderPool:
    global _pool
    with _pool_lock:
        if _pool is None or _pool.pid != os.getpid():
            _pool = RenderPool(size)
        return _pool


def shutdown() -> None:
    """Stop this process's workers (at exit, and for tests that want a fresh pool)."""
    global _pool
    with _pool_lock:
        current, _pool = _pool, None
    if current is not None and current.pid == os.getpid():
        current.shutdown()


def _after_fork_in_child() -> None:
    global _pool, _pool_lock, _recent_lock
    _pool_lock, _recent_lock = threading.Lock(), threading.Lock()  # held by a thread gone
    if _pool is not None:
        _pool.forget()
    _pool = None


atexit.register(shutdown)
os.register_at_fork(after_in_child=_after_fork_in_child)
