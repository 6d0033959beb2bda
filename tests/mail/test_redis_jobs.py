"""Jobs on Redis (REDIS_URL): a job the web side queues is run by a consumer reading Redis.

Redis answers on 127.0.0.1:6379 on every machine of ours and in CI: without it the test
is skipped here, and fails under CI=true. Its keys carry a name of its own, removed after.
"""

from __future__ import annotations

import os
import signal
import time
import uuid

import pytest

from core.extensions import db
from tests.conftest import make_app, wall_limit

REDIS_URL = "redis://127.0.0.1:6379/0"


def redis_or_skip():
    import redis

    connection = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1)
    try:
        connection.ping()
    except redis.exceptions.ConnectionError:
        if os.environ.get("CI") == "true":
            pytest.fail("Redis does not answer on 127.0.0.1:6379, and CI must test it")
        pytest.skip("Redis does not answer on 127.0.0.1:6379")
    return connection


def test_a_job_queued_by_a_request_is_run_by_a_consumer_reading_redis(app, tmp_path, pg_schema,
                                                                      member, smtp_server):
    from huey import RedisHuey

    from jobs import huey_of

    connection = redis_or_skip()
    name = f"commonplace-test-{uuid.uuid4().hex[:12]}"
    web = make_app(tmp_path, pg_schema, JOBS_BACKEND="", REDIS_URL=REDIS_URL, JOBS_NAME=name,
                   MAIL_URL=f"smtp://127.0.0.1:{smtp_server.port}",
                   SQLALCHEMY_DATABASE_URI=app.config["SQLALCHEMY_DATABASE_URI"])  # `app`'s
    web.config["SITE_URL"] = "http://127.0.0.1:5000"  # for links only (as `inbox` does)
    huey = huey_of(web)
    inbox = smtp_server.handler
    inbox.messages.clear()
    handlers = {number: signal.getsignal(number)
                for number in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)}
    consumer = None
    try:
        assert isinstance(huey, RedisHuey) and not huey.immediate
        browser = web.test_client()
        assert browser.submit("/password/reset", {"email": "mina@example.org"}).status_code == 200
        assert huey.pending_count() == 1  # in Redis, and nothing has run it
        assert connection.llen(huey.storage.queue_key) == 1
        consumer = huey.create_consumer(workers=1, worker_type="thread", periodic=False,
                                        check_worker_health=False)
        consumer.start()  # its scheduler and worker threads; it sets signal handlers
        deadline = time.monotonic() + wall_limit(10)
        while not inbox.to("mina@example.org") and time.monotonic() < deadline:
            time.sleep(0.05)
        [message] = inbox.to("mina@example.org")  # the job ran, and the mail job after it
        assert message["Subject"] == "Reset your Commonplace password"
        assert huey.pending_count() == 0
    finally:
        if consumer is not None:
            consumer.stop(graceful=True)
        for number, handler in handlers.items():
            signal.signal(number, handler)
        huey.flush()
        assert not connection.keys(f"huey.*{huey.storage.name}*")
        connection.close()
        with web.app_context():
            db.session.remove()
            db.engine.dispose()  # the consumer's connections too
