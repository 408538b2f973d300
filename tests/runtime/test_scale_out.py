"""The scale-out mode for real: PostgreSQL, tasks carried by Celery over Redis, `lapnet worker`.

Evidence imported by one process is analysed by a Celery worker in another, through the machine's
Redis (127.0.0.1:6379, keys under a prefix of this run's own) and PostgreSQL (a scratch database):
no task row ever touches the database queue.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.runtime.test_serve import (
    STEP_TIMEOUT,
    Database,
    Output,
    import_and_wait_for_the_analysis,
    lapnet,
    lapnet_env,
)

REDIS_URL = os.environ.get("LAPNET_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")

pytestmark = pytest.mark.skipif(
    not os.environ.get("LAPNET_TEST_DATABASE_URL"),
    reason="the scale-out mode is PostgreSQL + Redis: scripts/test runs this in its PostgreSQL pass",
)


def redis_client():  # type: ignore[no-untyped-def]
    import redis

    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=5)
    try:
        client.ping()
    except redis.RedisError as error:
        if os.environ.get("CI"):
            pytest.fail(f"Redis at {REDIS_URL} is not reachable: {error}")
        pytest.skip(f"Redis at {REDIS_URL} is not reachable: {error}")
    return client


def query(database: Database, statement: str) -> list[tuple[object, ...]]:
    import psycopg

    with psycopg.connect(database.url, connect_timeout=10) as connection:
        return [tuple(row) for row in connection.execute(statement).fetchall()]  # type: ignore[arg-type]


@pytest.fixture
def celery_worker(tmp_path: Path) -> Iterator[tuple[Output, dict[str, str], Database]]:
    client = redis_client()
    prefix = f"lapnet-test-{uuid.uuid4().hex[:12]}:"
    database = Database(tmp_path / "data")
    database.create()
    env = lapnet_env(tmp_path / "data", database)
    env.update(
        LAPNET_TASK_BACKEND="django_tasks_celery.CeleryBackend",
        LAPNET_REDIS_URL=REDIS_URL,
        LAPNET_REDIS_KEY_PREFIX=prefix,
    )
    process = None
    try:
        migrated = lapnet(env, "manage", "migrate", "--no-input", "-v", "0")
        assert migrated.returncode == 0, migrated.stderr
        process = subprocess.Popen(
            [sys.executable, "-m", "lapnet.cli", "worker", "--processes", "2", "-v", "2"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        output = Output(process)
        deadline = time.monotonic() + STEP_TIMEOUT
        while "ready." not in output.text:  # Celery's "celery@host ready." once it consumes
            assert process.poll() is None, f"lapnet worker exited early:\n{output.text}"
            assert time.monotonic() < deadline, f"the Celery worker did not start:\n{output.text}"
            time.sleep(0.5)
        yield output, env, database
    finally:
        if process is not None and process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=30)
        database.drop()
        with contextlib.suppress(Exception):
            keys = list(client.scan_iter(match=f"{prefix}*", count=1000))
            if keys:
                client.delete(*keys)


def test_evidence_imported_on_one_node_is_analysed_by_a_celery_worker_over_redis(
    celery_worker: tuple[Output, dict[str, str], Database],
) -> None:
    output, env, database = celery_worker
    import_and_wait_for_the_analysis(env, database, output)
    # the task travelled through Redis: the database queue never saw it
    assert query(database, "SELECT count(*) FROM django_tasks_database_dbtaskresult") == [(0,)]
    assert "lapnet.evidence.tasks.analyse_evidence" in output.text
