"""The periodic clock queues each due job once per period, however many workers tick."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.tasks import task

from lapnet.runtime.models import PeriodicRun
from lapnet.runtime.periodic import Clock, PeriodicJob, enqueue_due

RUNS: list[str] = []


@task()
def count_a_run() -> None:
    RUNS.append("ran")


JOB = PeriodicJob("test-job", f"{__name__}.count_a_run", timedelta(minutes=5))
NOON = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _fresh_runs() -> None:
    RUNS.clear()


@pytest.mark.django_db
def test_a_job_runs_at_its_first_tick() -> None:
    assert enqueue_due(NOON, (JOB,)) == ["test-job"]
    assert RUNS == ["ran"]
    assert PeriodicRun.objects.get(name="test-job").last_enqueued_at == NOON


@pytest.mark.django_db
def test_it_waits_for_the_period_to_pass() -> None:
    enqueue_due(NOON, (JOB,))
    assert enqueue_due(NOON + timedelta(minutes=4, seconds=59), (JOB,)) == []
    assert enqueue_due(NOON + timedelta(minutes=5), (JOB,)) == ["test-job"]
    assert RUNS == ["ran", "ran"]


@pytest.mark.django_db
def test_a_second_worker_ticking_at_the_same_moment_queues_nothing() -> None:
    assert enqueue_due(NOON, (JOB,)) == ["test-job"]
    assert enqueue_due(NOON, (JOB,)) == []
    assert RUNS == ["ran"]


@pytest.mark.django_db
def test_a_worker_that_was_down_catches_up_with_one_run_not_many() -> None:
    enqueue_due(NOON, (JOB,))
    assert enqueue_due(NOON + timedelta(days=2), (JOB,)) == ["test-job"]
    assert RUNS == ["ran", "ran"]


def test_the_clock_thread_stops_when_asked() -> None:
    clock = Clock(tick=3600)
    clock.stopped.set()  # stop before the first tick: run() returns at once, touching no database
    clock.run()
    assert not clock.is_alive()
    started = Clock(tick=3600)
    started.stop()
    started.start()
    started.join(timeout=5)
    assert not started.is_alive()


def test_the_apps_put_their_periodic_jobs_on_the_clock() -> None:
    from django.tasks import Task

    from lapnet.runtime.periodic import JOBS

    assert {"referral-reminders", "abuse-notifications"} <= set(JOBS)
    for job in JOBS.values():
        assert isinstance(job.load(), Task)
