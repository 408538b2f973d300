"""Every page carries Django's Content-Security-Policy: scripts only from this site or with the page's
nonce, no 'unsafe-inline' anywhere; the sign-in pages need nothing more (no inline script, style or
event handler: the QR code is an SVG drawn with attributes, not styles)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.urls import reverse

from tests.accounts.support import force_login_with_second_factor
from tests.personas import Personas

pytestmark = pytest.mark.django_db

TEMPLATES = Path(django_settings.BASE_DIR) / "templates" / "accounts"
INLINE = {
    "a style element": re.compile(r"<style", re.IGNORECASE),
    "a style attribute": re.compile(r"\sstyle\s*=", re.IGNORECASE),
    "an inline script": re.compile(r"<script(?![^>]*\ssrc=)[^>]*>", re.IGNORECASE),
    "an event handler attribute": re.compile(r"\son[a-z]+\s*=", re.IGNORECASE),
    "a javascript: address": re.compile(r"javascript:", re.IGNORECASE),
}


def policy(response: object) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {d.split()[0]: d.split()[1:] for d in (p.strip() for p in header.split(";")) if d}


def assert_strict_policy_with_the_pages_nonce(response: object) -> None:
    assert response.status_code == 200
    directives = policy(response)
    header = response["Content-Security-Policy"]
    assert "'unsafe-inline'" not in header and "'unsafe-eval'" not in header
    nonces = [v for v in directives["script-src"] if v.startswith("'nonce-")]
    assert len(nonces) == 1
    nonce = nonces[0][len("'nonce-") : -1]
    assert f'nonce="{nonce}"'.encode() in response.content, "the page's script carries the header's nonce"
    assert directives["style-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    for name, pattern in INLINE.items():
        assert not pattern.search(response.content.decode()), f"the page has {name}"


def test_the_log_in_page_has_a_strict_policy_with_a_nonce(client: Client) -> None:
    assert_strict_policy_with_the_pages_nonce(client.get(reverse("accounts:login")))


def test_the_nonce_is_new_on_every_response(client: Client) -> None:
    first = policy(client.get(reverse("accounts:login")))["script-src"]
    second = policy(client.get(reverse("accounts:login")))["script-src"]
    assert first != second


def test_the_enrolment_page_with_its_qr_code_has_a_strict_policy(personas: Personas, client: Client) -> None:
    client.force_login(personas.alice)
    response = client.get(reverse("accounts:two-factor"))
    assert b"<svg" in response.content
    assert_strict_policy_with_the_pages_nonce(response)


@pytest.mark.parametrize(
    "page", ["home", "accounts:two-factor", "accounts:tokens", "accounts:people", "accounts:audit-log"]
)
def test_signed_in_pages_have_a_strict_policy(personas: Personas, client: Client, page: str) -> None:
    force_login_with_second_factor(client, personas.erin)
    assert_strict_policy_with_the_pages_nonce(client.get(reverse(page)))


@pytest.mark.parametrize("template", sorted(TEMPLATES.glob("*.html")), ids=lambda p: p.name)
def test_the_sign_in_templates_need_no_inline_code(template: Path) -> None:
    text = template.read_text(encoding="utf-8")
    for name, pattern in INLINE.items():
        assert not pattern.search(text), f"{template.name} has {name}"
