"""Periodic work: deadline reminders, batched abuse notifications, anything that runs on a clock.

``django.tasks`` queues work but has no clock. Every task worker (``lapnet worker``, and the worker
child of ``lapnet serve``) runs a :class:`Clock` thread that, every ``tick`` seconds, queues the jobs
that are due. A job is due when its period has passed since it was last queued; the claim is one
conditional UPDATE on :class:`~lapnet.runtime.models.PeriodicRun`, so with several workers exactly one
queues it, and a worker that was down simply queues it at its next tick. The jobs themselves are
ordinary tasks that must be idempotent (a reminder is sent once per deadline, a notification once
per report), since a crash between the claim and the work makes the next period redo it.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django.tasks import Task

log = logging.getLogger(__name__)

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class PeriodicJob:
    name: str
    task: str  # dotted path of a django.tasks task that takes no arguments
    every: timedelta

    def load(self) -> Task[[], object]:
        module, _, attribute = self.task.rpartition(".")
        loaded: Task[[], object] = getattr(import_module(module), attribute)
        return loaded


JOBS: dict[str, PeriodicJob] = {}


def register(job: PeriodicJob) -> None:
    """Add a job to the clock (an app's ``ready()`` calls this for its own periodic tasks)."""
    JOBS[job.name] = job


def claim(job: PeriodicJob, now: datetime) -> bool:
    """True for exactly one caller per period: the one whose UPDATE moved ``last_enqueued_at``."""
    from lapnet.runtime.models import PeriodicRun

    PeriodicRun.objects.get_or_create(name=job.name, defaults={"last_enqueued_at": EPOCH})
    return bool(
        PeriodicRun.objects.filter(name=job.name, last_enqueued_at__lte=now - job.every).update(
            last_enqueued_at=now
        )
    )


def enqueue_due(now: datetime | None = None, jobs: tuple[PeriodicJob, ...] | None = None) -> list[str]:
    """Queue every job whose period has passed; return their names."""
    from django.utils import timezone

    moment = now or timezone.now()
    queued = []
    for job in tuple(JOBS.values()) if jobs is None else jobs:
        if claim(job, moment):
            job.load().enqueue()
            queued.append(job.name)
    return queued


class Clock(threading.Thread):
    """Calls :func:`enqueue_due` every ``tick`` seconds until stopped; never dies of an error."""

    def __init__(self, tick: float = 30.0) -> None:
        super().__init__(name="lapnet-clock", daemon=True)
        self.tick = tick
        self.stopped = threading.Event()

    def run(self) -> None:
        from django.db import close_old_connections, connection

        while not self.stopped.is_set():
            try:
                close_old_connections()
                for name in enqueue_due():
                    log.info("queued periodic job %s", name)
            except Exception:
                log.exception("the periodic clock failed; trying again in %s s", self.tick)
            finally:
                connection.close()
            self.stopped.wait(self.tick)

    def stop(self) -> None:
        self.stopped.set()
