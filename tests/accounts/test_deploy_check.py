"""``manage.py check --deploy`` is clean under a production environment, and production refuses to
start without a secret from the environment."""

from __future__ import annotations

import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def production_environment(data_dir: Path, **extra: str) -> dict[str, str]:
    env = {
        "PATH": "/usr/bin:/bin",
        "PYTHONPATH": str(ROOT),
        "DJANGO_SETTINGS_MODULE": "lapnet.settings",
        "LAPNET_DEBUG": "0",
        "LAPNET_HTTPS": "1",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "LAPNET_DATA_DIR": str(data_dir),
    }
    env.update(extra)
    return env


def test_the_deployment_checks_pass_with_production_settings(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
        check=False,
        env=production_environment(tmp_path),
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_production_refuses_to_start_without_a_secret_key(tmp_path: Path) -> None:
    env = production_environment(tmp_path)
    del env["SECRET_KEY"]
    done = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        check=False,
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode != 0
    assert "SECRET_KEY" in done.stderr


def test_the_secret_key_may_come_from_a_file(tmp_path: Path) -> None:
    key_file = tmp_path / "secret_key"
    key_file.write_text(secrets.token_urlsafe(64) + "\n", encoding="utf-8")
    env = production_environment(tmp_path, SECRET_KEY_FILE=str(key_file))
    del env["SECRET_KEY"]
    script = "import django; django.setup(); from django.conf import settings; print(settings.SECRET_KEY)"
    done = subprocess.run(
        [sys.executable, "-c", script], check=False, env=env, cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == key_file.read_text(encoding="utf-8").strip()
