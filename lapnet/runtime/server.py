"""``lapnet serve``: the web site under waitress, with a task worker beside it in a child process.

Start-up, in order: migrate the database (unless told not to: several web nodes of one deployment
should not race to migrate), collect the static files into the data folder (WhiteNoise serves them
from there and indexes them when the application starts, so this comes first), queue the analysis
again for evidence left pending, build the WSGI application, bind the socket, start the worker child,
print where the site is. Ctrl-C or SIGTERM stops the server (requests in flight finish) and then the
worker (its task in hand finishes).
"""

from __future__ import annotations

import logging
import signal
import sys
from dataclasses import dataclass
from types import FrameType
from typing import Any, TextIO

from lapnet.runtime.processes import Child, Supervisor
from lapnet.runtime.worker import QUEUES, backend_path, worker_argv, worker_needed

log = logging.getLogger("lapnet.runtime")


@dataclass(frozen=True)
class ServeOptions:
    host: str = "127.0.0.1"
    port: int = 8000
    threads: int = 8
    worker: bool = True
    migrate: bool = True
    queues: tuple[str, ...] = QUEUES
    verbosity: int = 1


class ServeError(RuntimeError):
    """The server cannot start (the address is taken, say): said in one line, no traceback."""


def prepare(options: ServeOptions) -> int:
    """Migrate, collect static files, requeue pending evidence; returns how many were requeued."""
    from django.core.management import call_command

    from lapnet.evidence.actions import requeue_pending

    if options.migrate:
        call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    return requeue_pending()


def serve(options: ServeOptions, out: TextIO = sys.stdout) -> None:
    import waitress
    from django.conf import settings

    requeued = prepare(options)
    from lapnet.wsgi import application

    try:
        server: Any = waitress.create_server(
            application, host=options.host, port=options.port, threads=options.threads, ident="lapnet"
        )
    except OSError as error:
        raise ServeError(
            f"cannot listen on {options.host}:{options.port}: {error.strerror or error}"
        ) from None
    supervisor: Supervisor | None = None
    worker_note = "none (--no-worker)"
    if options.worker and worker_needed():
        child = Child("task worker", worker_argv(options.queues, verbosity=options.verbosity))
        supervisor = Supervisor([child])
    elif options.worker:
        worker_note = f"none needed: the task backend {backend_path()} runs tasks itself"

    previous = signal.signal(signal.SIGTERM, _exit_on_signal)
    try:
        if supervisor is not None:
            supervisor.start()
            worker_note = f"pid {supervisor.children[0].pid} (queues {','.join(options.queues)})"
        port = getattr(server, "effective_port", options.port)
        url = f"http://{_url_host(options.host)}:{port}/"
        out.write(_banner(url, settings, worker_note, requeued))
        out.flush()
        server.run()  # returns on Ctrl-C (KeyboardInterrupt) or SIGTERM (SystemExit), after in-flight requests
    finally:
        signal.signal(signal.SIGTERM, previous)
        out.write("lapnet: stopping\n")
        out.flush()
        if supervisor is not None:
            supervisor.stop()
        _close(server)


def _exit_on_signal(number: int, frame: FrameType | None) -> None:
    raise SystemExit(0)


def _close(server: Any) -> None:
    from waitress import wasyncore

    socket_map = getattr(server, "map", None) or getattr(server, "_map", None)
    if socket_map:
        wasyncore.close_all(socket_map)


def _url_host(host: str) -> str:
    if host in {"0.0.0.0", "::", ""}:  # noqa: S104 - only naming what the operator chose
        return "127.0.0.1"
    return f"[{host}]" if ":" in host else host


def _banner(url: str, settings: Any, worker_note: str, requeued: int) -> str:
    from lapnet import __version__
    from lapnet.runtime.demo.seed import logins_path

    database = settings.DATABASES["default"]
    if database["ENGINE"].endswith("sqlite3"):
        where = f"SQLite {database['NAME']}"
    else:
        where = (
            f"{database['ENGINE'].rsplit('.', 1)[-1]} {database.get('HOST') or 'local'}/{database['NAME']}"
        )
    lines = [
        f"lapnet {__version__} is serving {url}",
        f"  database:    {where}",
        f"  data folder: {settings.DATA_DIR}",
        f"  task worker: {worker_note}",
    ]
    if requeued:
        lines.append(f"  {requeued} evidence left pending were queued again for analysis")
    if settings.HTTPS and not settings.SECURE_PROXY_SSL_HEADER:
        lines.append(
            "  note: LAPNET_HTTPS is on, so browsers are sent to https:// and cookies need it: put a TLS proxy "
            "in front (LAPNET_BEHIND_PROXY=1), or set LAPNET_HTTPS=0 for plain http on this machine"
        )
    demo_logins = logins_path()
    if demo_logins.is_file():
        lines.append("")
        lines.append(demo_logins.read_text(encoding="utf-8").rstrip())
    lines.append("Press Ctrl-C to stop.")
    return "\n".join(lines) + "\n"
