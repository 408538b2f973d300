"""`lapnet serve` as an operator runs it: a real process on a free loopback port, production settings
over plain http, its own database (SQLite in a fresh data folder, or a scratch PostgreSQL database when
the suite runs on PostgreSQL), the database task backend and its worker child; stopped with SIGTERM.
Every wait is bounded."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import sqlite3
import stat
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from lapnet.analysis.analyze import AnalysisConfig, analyze_item
from lapnet.analysis.sources import Item
from lapnet.analysis.types import Source

FIXTURE = Path(__file__).parents[1] / "analysis" / "fixtures" / "crlf_lottery.eml"
START_TIMEOUT = 120  # a cold start migrates a new database; CI machines are small and busy
STEP_TIMEOUT = 120


def expected_category() -> str:
    """What the analysis core says of the fixture, for a French reporter (the served organisation)."""
    item = Item(Source(str(FIXTURE), None), FIXTURE.read_bytes())
    [result] = analyze_item(item, AnalysisConfig(reporter_country="FR"))
    return str(result.category)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Database:
    """The served installation's own database: how to name it to lapnet, and how to read it back."""

    def __init__(self, data_dir: Path) -> None:
        self.server_url = os.environ.get("LAPNET_TEST_DATABASE_URL", "")
        if self.server_url:
            self.name = f"lapnet_serve_{uuid.uuid4().hex[:12]}"
            self.url = self.server_url.rsplit("/", 1)[0] + "/" + self.name
        else:
            self.name = str(data_dir / "lapnet.sqlite3")
            self.url = f"sqlite:///{self.name}"

    def create(self) -> None:
        if self.server_url:
            self._admin(f'CREATE DATABASE "{self.name}"')

    def drop(self) -> None:
        if self.server_url:
            self._admin(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')

    def evidence(self) -> list[tuple[str, str]]:
        query = "SELECT status, category FROM evidence_evidence ORDER BY id"
        if self.server_url:
            import psycopg

            with psycopg.connect(self.url, connect_timeout=10) as connection:
                return [tuple(row) for row in connection.execute(query).fetchall()]  # type: ignore[misc]
        with contextlib.closing(sqlite3.connect(self.name, timeout=30)) as connection:
            return list(connection.execute(query).fetchall())

    def _admin(self, statement: str) -> None:
        import psycopg

        admin_url = self.server_url.rsplit("/", 1)[0] + "/postgres"
        with psycopg.connect(admin_url, autocommit=True, connect_timeout=10) as connection:
            connection.execute(statement)  # type: ignore[arg-type]


class Output:
    """Collects a process's output on a thread, so its pipe never fills."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self.lines: list[str] = []
        assert process.stdout is not None
        self._thread = threading.Thread(target=self._read, args=(process.stdout,), daemon=True)
        self._thread.start()

    def _read(self, stream: object) -> None:
        for line in stream:  # type: ignore[attr-defined]
            self.lines.append(line)

    @property
    def text(self) -> str:
        return "".join(self.lines)


def lapnet_env(data_dir: Path, database: Database) -> dict[str, str]:
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in {"DJANGO_SETTINGS_MODULE", "SECRET_KEY", "SECRET_KEY_FILE", "LAPNET_TEST_DATABASE_URL"}
        and not name.startswith("LAPNET_")
    }
    env.update(
        LAPNET_DATA_DIR=str(data_dir),
        LAPNET_DEBUG="0",
        LAPNET_HTTPS="0",
        LAPNET_TASK_BACKEND="django_tasks_db.DatabaseBackend",
        DATABASE_URL=database.url,
        PYTHONUNBUFFERED="1",
    )
    return env


def lapnet(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "lapnet.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=STEP_TIMEOUT,
        check=False,
    )


def get(url: str) -> tuple[int, dict[str, str], str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # loopback only
            headers = {name.lower(): value for name, value in response.headers.items()}
            cookies = "; ".join(response.headers.get_all("Set-Cookie") or [])
            return (
                response.status,
                {**headers, "set-cookie": cookies},
                response.read().decode("utf-8", "replace"),
            )
    except urllib.error.HTTPError as error:
        return error.code, {}, ""


def import_and_wait_for_the_analysis(env: dict[str, str], database: Database, output: Output) -> None:
    """``lapnet import`` (another process) submits the fixture for a new organisation; a worker
    somewhere analyses it: wait for that, and check the result."""
    created = lapnet(
        env,
        "manage",
        "shell",
        "-c",
        "from lapnet.members.models import Organisation; "
        "Organisation.objects.create(name='Test Agency', slug='test-agency', type='enforcement', country='FR')",
    )
    assert created.returncode == 0, created.stderr
    imported = lapnet(env, "import", str(FIXTURE), "--org", "test-agency", "--tlp", "green")
    assert imported.returncode == 0, imported.stderr
    assert "1 queued for analysis" in imported.stdout
    deadline = time.monotonic() + STEP_TIMEOUT
    while [status for status, _ in database.evidence()] in ([], ["pending"], ["running"]):
        assert time.monotonic() < deadline, f"not analysed: {database.evidence()}\n{output.text}"
        time.sleep(0.5)
    assert database.evidence() == [("done", expected_category())], output.text


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[subprocess.Popen[str], Output, str, dict[str, str], Database]]:
    data_dir = tmp_path / "data"
    database = Database(data_dir)
    database.create()
    env = lapnet_env(data_dir, database)
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "lapnet.cli", "serve", "--port", str(port), "--threads", "2"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # our own signals only; cleaned up as a group
    )
    output = Output(process)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            assert process.poll() is None, f"lapnet serve exited early:\n{output.text}"
            assert time.monotonic() < deadline, (
                f"lapnet serve did not answer within {START_TIMEOUT} s:\n{output.text}"
            )
            with contextlib.suppress(OSError):
                if get(base + "/healthz")[0] == 200:
                    break
            time.sleep(0.5)
        yield process, output, base, env, database
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=30)
        database.drop()


def test_it_serves_the_site_runs_queued_analysis_in_its_worker_and_stops_on_sigterm(
    served: tuple[subprocess.Popen[str], Output, str, dict[str, str], Database],
) -> None:
    process, output, base, env, database = served
    data_dir = Path(env["LAPNET_DATA_DIR"])

    # a key was made for this installation, readable by its owner only
    key = data_dir / "secret_key"
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert f"is serving {base}/" in output.text

    # the log-in page, its static files (WhiteNoise, collected into the data folder), cookies over http
    status, headers, body = get(base + "/accounts/login/")
    assert status == 200 and 'name="username"' in body
    assert "csrftoken=" in headers["set-cookie"] and "secure" not in headers["set-cookie"].lower()
    assert get(base + "/static/css/lapnet.css")[0] == 200
    assert (data_dir / "static" / "css" / "lapnet.css").is_file()

    # evidence imported by another command is analysed by serve's worker
    import_and_wait_for_the_analysis(env, database, output)

    # SIGTERM stops the server and its worker
    worker = re.search(r"task worker: pid (\d+)", output.text)
    assert worker is not None, output.text
    worker_pid = int(worker.group(1))
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=60) == 0, output.text
    with pytest.raises(ProcessLookupError):
        os.kill(worker_pid, 0)
    assert "lapnet: stopping" in output.text
