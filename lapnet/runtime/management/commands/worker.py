"""``lapnet worker``: task workers without the web site (for more analysis capacity, or other machines)."""

from __future__ import annotations

import signal
import threading
from argparse import SUPPRESS, ArgumentParser, ArgumentTypeError
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from lapnet.analysis.runner import prepare_process
from lapnet.runtime.processes import Child, Supervisor, watch_parent
from lapnet.runtime.worker import (
    QUEUES,
    backend_path,
    celery_backend_in_use,
    database_backend_in_use,
    run_celery_worker,
    run_worker,
    worker_argv,
)


def _queues(text: str) -> list[str]:
    queues = [name.strip() for name in text.split(",") if name.strip()]
    if not queues:
        raise ArgumentTypeError("name at least one queue")
    return queues


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise ArgumentTypeError("must be at least 1")
    return value


class Command(BaseCommand):
    help = (
        "Run task workers (the analysis of submitted evidence) until Ctrl-C or SIGTERM. Workers claim "
        "queued tasks from the database, so several can run at once, here or on other machines."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--queues",
            type=_queues,
            default=list(QUEUES),
            help="queues to work on (default: default,analysis)",
        )
        parser.add_argument(
            "--processes", type=_positive, default=1, help="worker processes to run side by side (default: 1)"
        )
        parser.add_argument(
            "--interval", type=float, default=1.0, help="seconds to wait when the queue is empty (default: 1)"
        )
        parser.add_argument("--batch", action="store_true", help="run what is queued, then exit")
        parser.add_argument(
            "--requeue-pending",
            action="store_true",
            help="first queue the analysis again for evidence left pending (once per deployment, not per worker)",
        )
        parser.add_argument("--parent-pid", type=int, help=SUPPRESS)  # set by `lapnet serve` for its child

    def handle(self, *args: Any, **options: Any) -> None:
        celery = celery_backend_in_use()
        if not (celery or database_backend_in_use()):
            raise CommandError(
                f"the task backend {backend_path()} has no worker to run here: the immediate backend runs tasks "
                "as they are queued (docs/architecture.md, Runtime)",
                returncode=2,
            )
        if celery and options["batch"]:
            raise CommandError(
                "--batch drains the database queue; Celery workers run until stopped", returncode=2
            )
        if options["requeue_pending"]:
            from lapnet.evidence.actions import requeue_pending

            self.stdout.write(f"{requeue_pending()} evidence queued again for analysis")
        if options["parent_pid"]:
            watch_parent(options["parent_pid"])
        if celery or options["processes"] == 1 or options["batch"]:
            # this process analyses evidence, task after task (Celery's pool processes fork from it)
            prepare_process()
        if celery:  # Celery supervises its own pool of processes
            run_celery_worker(
                options["queues"], processes=options["processes"], verbosity=options["verbosity"]
            )
            return
        if options["processes"] == 1 or options["batch"]:
            run_worker(
                options["queues"],
                interval=options["interval"],
                batch=options["batch"],
                verbosity=options["verbosity"],
            )
            return
        self._supervise(options)

    def _supervise(self, options: dict[str, Any]) -> None:
        argv = worker_argv(options["queues"], interval=options["interval"], verbosity=options["verbosity"])
        children = [Child(f"worker {n + 1}", argv) for n in range(options["processes"])]
        supervisor = Supervisor(children)
        stop = threading.Event()
        for number in (signal.SIGINT, signal.SIGTERM):
            signal.signal(number, lambda *_: stop.set())
        supervisor.start()
        pids = ", ".join(str(child.pid) for child in children)
        self.stdout.write(
            f"{len(children)} workers on {','.join(options['queues'])} (pids {pids}); Ctrl-C stops them"
        )
        while not stop.wait(1.0):
            pass
        self.stdout.write("stopping the workers (each finishes its task in hand)")
        supervisor.stop()
