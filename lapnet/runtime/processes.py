"""Child processes that ``lapnet serve`` and ``lapnet worker --processes N`` keep running.

Each child runs in its own process group, so a terminal's Ctrl-C reaches only the parent, which then
stops every child with one SIGTERM: a task worker finishes the task in hand and exits (a second signal
would abort it). A child that dies unexpectedly is started again after a pause that grows from one
second to thirty while it keeps dying (back to one once it has run for a minute). A child also
watches its parent (``watch_parent``): if the parent is killed outright (SIGKILL, out of memory), the
child stops itself instead of running on as an orphan.
"""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import threading
import time
from collections.abc import Sequence

log = logging.getLogger("lapnet.runtime")

RESTART_PAUSE_FIRST = 1.0
RESTART_PAUSE_MAX = 30.0
STOP_TIMEOUT = 30.0
STABLE_SECONDS = 60.0


class Child:
    """One supervised child process: start, see whether it runs, stop it gently then firmly."""

    def __init__(self, name: str, argv: Sequence[str]) -> None:
        self.name = name
        self.argv = list(argv)
        self.process: subprocess.Popen[bytes] | None = None
        self.started_at = 0.0

    def start(self) -> None:
        self.process = subprocess.Popen(self.argv, process_group=0)
        self.started_at = time.monotonic()

    @property
    def pid(self) -> int | None:
        return self.process.pid if self.process is not None else None

    def exit_status(self) -> int | None:
        """None while running (or never started), else its exit status."""
        return self.process.poll() if self.process is not None else None

    def stop(self, timeout: float = STOP_TIMEOUT) -> int | None:
        if self.process is None or self.process.poll() is not None:
            return self.process.returncode if self.process is not None else None
        self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            log.warning("%s (pid %s) did not stop within %.0f s: killing it", self.name, self.pid, timeout)
            self.process.kill()
            return self.process.wait()


class Supervisor:
    """Starts children, restarts the ones that die, stops them all on request."""

    def __init__(self, children: Sequence[Child], poll_seconds: float = 0.5) -> None:
        self.children = list(children)
        self.poll_seconds = poll_seconds
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        for child in self.children:
            child.start()
        self._thread = threading.Thread(target=self._watch, name="lapnet-supervisor", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = STOP_TIMEOUT) -> None:
        self._stopping.set()
        if self._thread is not None:
            self._thread.join(timeout=self.poll_seconds * 4)
        for child in self.children:
            if child.process is not None and child.process.poll() is None:
                child.process.send_signal(signal.SIGTERM)  # all at once, then wait for each
        for child in self.children:
            child.stop(timeout)

    def _watch(self) -> None:
        pauses = {child.name: RESTART_PAUSE_FIRST for child in self.children}
        restart_at: dict[str, float] = {}
        while not self._stopping.wait(self.poll_seconds):
            for child in self.children:
                status = child.exit_status()
                if status is None:
                    continue
                due = restart_at.get(child.name)
                if due is None:
                    if time.monotonic() - child.started_at > STABLE_SECONDS:
                        pauses[child.name] = RESTART_PAUSE_FIRST  # it had been running well
                    log.warning(
                        "%s (pid %s) exited with status %s: starting it again in %.0f s",
                        child.name,
                        child.pid,
                        status,
                        pauses[child.name],
                    )
                    restart_at[child.name] = time.monotonic() + pauses[child.name]
                elif time.monotonic() >= due and not self._stopping.is_set():
                    del restart_at[child.name]
                    pauses[child.name] = min(pauses[child.name] * 2, RESTART_PAUSE_MAX)
                    child.start()


def watch_parent(parent_pid: int, poll_seconds: float = 1.0) -> threading.Thread:
    """Send ourselves SIGTERM once ``parent_pid`` is no longer our parent (it died; we were adopted)."""

    def watch() -> None:
        while os.getppid() == parent_pid:
            time.sleep(poll_seconds)
        log.warning("the parent process %s is gone: stopping", parent_pid)
        os.kill(os.getpid(), signal.SIGTERM)

    thread = threading.Thread(target=watch, name="lapnet-parent-watch", daemon=True)
    thread.start()
    return thread
