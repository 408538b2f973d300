"""Under the production settings (read in a fresh process from a production environment) the session
and CSRF cookies are Secure, the session cookie is HttpOnly, both are SameSite, HTTPS is enforced."""

from __future__ import annotations

import json
import secrets
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from tests.personas import Personas

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
NAMES = [
    "DEBUG",
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "SESSION_COOKIE_SAMESITE",
    "SESSION_COOKIE_AGE",
    "SESSION_EXPIRE_AT_BROWSER_CLOSE",
    "CSRF_COOKIE_SECURE",
    "CSRF_COOKIE_HTTPONLY",
    "CSRF_COOKIE_SAMESITE",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "X_FRAME_OPTIONS",
]


def production_environment(data_dir: Path) -> dict[str, str]:
    return {
        "PATH": "/usr/bin:/bin",
        "PYTHONPATH": str(ROOT),
        "DJANGO_SETTINGS_MODULE": "lapnet.settings",
        "LAPNET_DEBUG": "0",
        "LAPNET_HTTPS": "1",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "LAPNET_DATA_DIR": str(data_dir),
    }


@pytest.fixture(scope="module")
def production(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    script = (
        "import json, django; django.setup(); from django.conf import settings; "
        f"print(json.dumps({{n: getattr(settings, n) for n in {NAMES!r}}}))"
    )
    env = production_environment(tmp_path_factory.mktemp("production"))
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, cwd=ROOT, capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_production_settings_harden_cookies_and_transport(production: dict[str, Any]) -> None:
    assert production["DEBUG"] is False
    assert production["SESSION_COOKIE_SECURE"] is True
    assert production["SESSION_COOKIE_HTTPONLY"] is True
    assert production["SESSION_COOKIE_SAMESITE"] in ("Lax", "Strict")
    assert production["SESSION_EXPIRE_AT_BROWSER_CLOSE"] is True
    assert production["SESSION_COOKIE_AGE"] <= 12 * 3600
    assert production["CSRF_COOKIE_SECURE"] is True
    assert production["CSRF_COOKIE_SAMESITE"] in ("Lax", "Strict")
    assert production["SECURE_SSL_REDIRECT"] is True
    assert production["SECURE_HSTS_SECONDS"] >= 31536000
    assert production["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert production["SECURE_CONTENT_TYPE_NOSNIFF"] is True
    assert production["X_FRAME_OPTIONS"] == "DENY"


def test_the_cookies_a_browser_gets_carry_those_flags(
    production: dict[str, Any], personas: Personas, settings: Any
) -> None:
    for name, value in production.items():
        if name != "DEBUG":
            setattr(settings, name, value)
    client = Client(enforce_csrf_checks=True)
    assert client.get(reverse("accounts:login")).status_code == 301, "plain HTTP is redirected to HTTPS"
    page = client.get(reverse("accounts:login"), secure=True)
    csrf = page.cookies["csrftoken"]
    assert csrf["secure"] is True
    assert csrf["samesite"] == production["CSRF_COOKIE_SAMESITE"]
    assert page["Strict-Transport-Security"].startswith("max-age=")
    response = client.post(
        reverse("accounts:login"),
        {"username": "alice", "password": "correct horse battery staple", "csrfmiddlewaretoken": csrf.value},
        secure=True,
        headers={"referer": "https://testserver/accounts/login/"},
    )
    assert response.status_code == 302
    session = response.cookies["sessionid"]
    assert session["secure"] is True
    assert session["httponly"] is True
    assert session["samesite"] == production["SESSION_COOKIE_SAMESITE"]
    assert not session["max-age"], "ends with the browser"
