"""`flask jobs worker` (the consumer: the production process beside the web server) and
`flask jobs run NAME` (one job, here and now)."""

from __future__ import annotations

import logging

import click
from flask import current_app
from flask.cli import AppGroup

jobs_cli = AppGroup("jobs", help="Background jobs (mail, digests).")


@jobs_cli.command("worker")
@click.option("--workers", default=2, show_default=True, help="Threads running jobs.")
@click.option("--no-periodic", is_flag=True, help="Do not run the periodic jobs here "
              "(when another consumer runs them).")
def worker(workers: int, no_periodic: bool) -> None:
    """Run the job consumer until stopped (Ctrl-C or SIGTERM)."""
    from jobs import huey_of

    logging.basicConfig(level=logging.INFO,
                        format="%(asctime)s %(name)s %(levelname)s %(message)s")
    huey = huey_of()
    consumer = huey.create_consumer(workers=workers, worker_type="thread",
                                    periodic=not no_periodic, check_worker_health=True)
    startup = current_app.extensions["jobs"].get("startup")
    if startup is not None:
        startup.call_local()
    click.echo(f"Job consumer: {', '.join(sorted(current_app.extensions['jobs']))}")
    consumer.run()


@jobs_cli.command("run")
@click.argument("name")
def run(name: str) -> None:
    """Run the job NAME once, in this process."""
    from jobs import run_now

    if name not in current_app.extensions["jobs"]:
        raise click.ClickException(
            f"No job {name!r}; jobs: {', '.join(sorted(current_app.extensions['jobs']))}")
    result = run_now(name)
    if result is not None:
        click.echo(result)
