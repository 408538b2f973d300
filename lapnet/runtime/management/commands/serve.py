"""``lapnet serve``: the site and a task worker together (see lapnet/runtime/server.py)."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from lapnet.runtime.server import ServeError, ServeOptions, serve
from lapnet.runtime.worker import QUEUES


class Command(BaseCommand):
    help = (
        "Run the web site (waitress) and, in a child process, a task worker; Ctrl-C or SIGTERM stops both. "
        "Migrates the database and collects static files first. Binding another address than loopback "
        "needs LAPNET_ALLOWED_HOSTS (and, behind a TLS proxy, LAPNET_BEHIND_PROXY=1)."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
        parser.add_argument(
            "--port", type=int, default=8000, help="port to listen on (default: 8000; 0: any free)"
        )
        parser.add_argument("--threads", type=int, default=8, help="request threads (default: 8)")
        parser.add_argument(
            "--no-worker", action="store_true", help="run no task worker (run `lapnet worker` elsewhere)"
        )
        parser.add_argument(
            "--no-migrate",
            action="store_true",
            help="do not migrate on start (several web nodes: run `lapnet manage migrate` once per release)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            self._serve(options)
        except ServeError as error:
            raise CommandError(str(error), returncode=2) from None

    def _serve(self, options: dict[str, Any]) -> None:
        serve(
            ServeOptions(
                host=options["host"],
                port=options["port"],
                threads=options["threads"],
                worker=not options["no_worker"],
                migrate=not options["no_migrate"],
                queues=QUEUES,
                verbosity=options["verbosity"],
            ),
            self.stdout,  # type: ignore[arg-type]
        )
