"""`lapnet worker` and the supervision of child processes that `lapnet serve` relies on."""

from __future__ import annotations

import sys
import time

import pytest

from lapnet.cli import main
from lapnet.runtime.processes import Child, Supervisor


@pytest.mark.django_db  # the command's system checks read the database
def test_the_worker_refuses_a_task_backend_without_workers(capsys: pytest.CaptureFixture[str]) -> None:
    # the test settings use the immediate backend: tasks run as they are queued
    with pytest.raises(SystemExit) as exit_:
        main(["worker"])
    assert exit_.value.code == 2
    assert "ImmediateBackend has no worker to run here" in capsys.readouterr().err


def test_a_child_that_dies_is_started_again_and_all_stop_on_request() -> None:
    dying = Child("dies", [sys.executable, "-c", "raise SystemExit(3)"])
    sleeping = Child("sleeps", [sys.executable, "-c", "import time; time.sleep(60)"])
    supervisor = Supervisor([dying, sleeping], poll_seconds=0.05)
    supervisor.start()
    first_pid = dying.pid
    try:
        deadline = time.monotonic() + 20
        while dying.pid == first_pid and time.monotonic() < deadline:
            time.sleep(0.05)
        assert dying.pid != first_pid, "the dead child was not started again"
    finally:
        supervisor.stop(timeout=10)
    assert sleeping.exit_status() == -15  # stopped with SIGTERM
    assert dying.exit_status() is not None


def test_a_child_that_ignores_sigterm_is_killed_after_the_timeout() -> None:
    stubborn = Child(
        "stubborn",
        [
            sys.executable,
            "-c",
            "import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); print(flush=True); time.sleep(60)",
        ],
    )
    stubborn.start()
    time.sleep(1.0)  # let it install its handler
    started = time.monotonic()
    assert stubborn.stop(timeout=1.0) == -9
    assert time.monotonic() - started < 10


@pytest.mark.django_db  # the command's system checks read the database
def test_the_worker_sets_up_its_process_for_analysis_before_it_takes_tasks(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from lapnet.runtime.management.commands import worker as command

    calls: list[str] = []
    monkeypatch.setattr(command, "database_backend_in_use", lambda: True)
    monkeypatch.setattr(command, "celery_backend_in_use", lambda: False)
    monkeypatch.setattr(command, "prepare_process", lambda: calls.append("prepare_process"))
    monkeypatch.setattr(command, "run_worker", lambda *args, **kwargs: calls.append("run_worker"))
    assert main(["worker", "--batch"]) == 0
    assert calls == ["prepare_process", "run_worker"]
