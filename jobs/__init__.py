"""Background jobs: huey, one instance per app, and `flask jobs worker` (its consumer).

Why huey: it is small, maintained, has periodic tasks built in, runs on a SQLite file on a
laptop (`SqliteHuey` under `instance/`, no broker to install) and on Redis when a site has
several hosts (`REDIS_URL`), and has an immediate mode that runs a job at once in the
caller's thread, which is what the tests use (`JOBS_IMMEDIATE`).

Each app makes its own huey (tests make many apps in one process) and each part registers
its jobs on it with `register(app, name, function)`; a job runs in an app context of its
own, so with a session of its own that it commits itself (a job is an edge, like a CLI
command). Jobs must be idempotent: huey may run one again after a crash of the consumer,
and the parts' own sweeps (mail's outbox) run again whatever was left half done.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from flask import Flask, current_app


def make_huey(config: dict, instance_path: str):
    from huey import MemoryHuey, RedisHuey, SqliteHuey

    name = config.get("JOBS_NAME") or "commonplace"
    immediate = bool(config.get("JOBS_IMMEDIATE"))
    if config.get("JOBS_BACKEND") == "memory":
        # Tests: jobs are queued in this process and run only if a test says so
        # (`huey_of(app).immediate = True`, or `run_now`); the sweep finds their rows.
        return MemoryHuey(name, immediate=immediate)
    if config.get("REDIS_URL") and not immediate:
        return RedisHuey(name, url=config["REDIS_URL"])
    filename = config.get("JOBS_DATABASE") or str(Path(instance_path) / "jobs.db")
    huey = SqliteHuey(name, filename=filename, immediate=immediate)
    return huey


def init_jobs(app: Flask) -> None:
    app.extensions["huey"] = make_huey(app.config, app.instance_path)
    app.extensions["jobs"] = {}
    from jobs.cli import jobs_cli

    app.cli.add_command(jobs_cli)


def huey_of(app: Flask | None = None):
    return (app or current_app).extensions["huey"]


def register(app: Flask, name: str, function: Callable, *, every: dict | None = None,
             retries: int = 0, retry_delay: int = 0) -> None:
    """Make `function` a job of `app` named `name` (the same name in the web process and
    the consumer, which is how huey finds it). With `every` (crontab fields, e.g.
    {"minute": "*/5"}) it also runs periodically in the consumer."""
    from huey import crontab

    def run(*args, **kwargs):
        with app.app_context():
            return function(*args, **kwargs)

    run.__name__ = name
    huey = huey_of(app)
    if every is not None:
        task = huey.periodic_task(crontab(**every), name=name)(run)
    else:
        task = huey.task(name=name, retries=retries, retry_delay=retry_delay)(run)
    app.extensions["jobs"][name] = task


def enqueue(name: str, *args, delay: float | None = None, **kwargs) -> None:
    """Queue the current app's job `name` (run at once in immediate mode)."""
    task = current_app.extensions["jobs"][name]
    if delay:
        task.schedule(args=args, kwargs=kwargs, delay=delay)
    else:
        task(*args, **kwargs)


def run_now(name: str, *args, **kwargs):
    """Run the job's function here and now (the CLI, tests): not through the queue."""
    return current_app.extensions["jobs"][name].call_local(*args, **kwargs)
