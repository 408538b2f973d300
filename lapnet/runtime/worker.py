"""Task workers: the database-backed queue of the embedded default (django-tasks-db's ``db_worker``).

The evidence analysis is a ``django.tasks`` task on the ``analysis`` queue; with the database backend
(``LAPNET_TASK_BACKEND=django_tasks_db.DatabaseBackend``, the default) the queued tasks are rows that a
worker claims with a locking update, so any number of workers, on any number of machines sharing the
database, can run side by side. With the immediate backend (tests) tasks run as they are queued and
there is nothing for a worker to do. The scale-out mode (``django_tasks_celery.CeleryBackend``, tasks
carried by Celery over Redis: ``lapnet/celery.py``) runs a Celery worker instead, from the same
command.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

QUEUES = ("default", "analysis")


def backend_path() -> str:
    from django.conf import settings

    return str(settings.TASKS["default"]["BACKEND"])


def celery_backend_in_use() -> bool:
    from django.tasks import task_backends
    from django_tasks_celery import CeleryBackend

    return isinstance(task_backends["default"], CeleryBackend)


def worker_needed() -> bool:
    """Whether queued tasks wait for a ``lapnet worker`` (the immediate backend runs them at once)."""
    return database_backend_in_use() or celery_backend_in_use()


def run_celery_worker(queues: Sequence[str] = QUEUES, *, processes: int = 1, verbosity: int = 1) -> None:
    """Run a Celery worker (the scale-out mode) in this process until SIGTERM/SIGINT, with the clock.

    Celery's Django fix-up closes database connections around each task and in forked pool
    processes; the pool is ``prefork`` with one process per ``processes``."""
    from lapnet.celery import app, import_task_modules
    from lapnet.runtime.periodic import Clock

    import_task_modules()
    clock = Clock()
    clock.start()
    try:
        app.worker_main(
            [
                "worker",
                "--queues",
                ",".join(queues),
                "--concurrency",
                str(processes),
                "--loglevel",
                "INFO" if verbosity > 1 else "WARNING",
                "--without-gossip",
                "--without-mingle",
                "--hostname",
                f"lapnet-{os.getpid()}@%h",
            ]
        )
    finally:
        clock.stop()


def database_backend_in_use() -> bool:
    from django.tasks import task_backends
    from django_tasks_db.backend import DatabaseBackend

    return isinstance(task_backends["default"], DatabaseBackend)


def run_worker(
    queues: Sequence[str] = QUEUES,
    *,
    interval: float = 1.0,
    batch: bool = False,
    startup_delay: bool = True,
    verbosity: int = 1,
) -> None:
    """Run django-tasks-db's worker in this process until SIGTERM/SIGINT (or, with ``batch``, an empty queue).

    A long-running worker also runs the periodic clock (``periodic.py``), so reminders and batched
    notifications are queued wherever a worker runs; a batch run only drains what is queued."""
    from django.core.management import call_command

    from lapnet.runtime.periodic import Clock

    clock = None if batch else Clock()
    if clock is not None:
        clock.start()
    try:
        call_command(
            "db_worker",
            queue_name=",".join(queues),
            interval=interval,
            batch=batch,
            reload=False,
            startup_delay=startup_delay,
            verbosity=verbosity,
        )
    finally:
        if clock is not None:
            clock.stop()


def drain_queue(verbosity: int = 0) -> None:
    """Run every queued task now, then return (used by ``lapnet demo``)."""
    run_worker(QUEUES, interval=0, batch=True, startup_delay=False, verbosity=verbosity)


def worker_argv(queues: Sequence[str] = QUEUES, *, interval: float = 1.0, verbosity: int = 1) -> list[str]:
    """The command line of one worker child process of this process (which it watches)."""
    return [
        sys.executable,
        "-m",
        "lapnet.cli",
        "worker",
        "--queues",
        ",".join(queues),
        "--interval",
        str(interval),
        "--parent-pid",
        str(os.getpid()),
        "--verbosity",
        str(verbosity),
    ]
