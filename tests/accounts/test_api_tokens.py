"""API tokens: each user creates their own on the tokens page (the secret is shown once, only its
SHA-256 is kept), the REST API accepts them as ``Authorization: Bearer``, and a revoked or expired
token is refused. Issuing and revoking are audited."""

from __future__ import annotations

import hashlib
import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from lapnet.accounts.models import TOKEN_PREFIX, ApiToken
from lapnet.evidence import actions as evidence_actions
from lapnet.evidence.models import Channel, Evidence
from lapnet.sharing.models import AuditAction, AuditEvent
from lapnet.sharing.tlp import TLP
from tests.personas import Personas

pytestmark = pytest.mark.django_db

SECRET = re.compile(rb"<code class=\"mono\">(" + TOKEN_PREFIX.encode() + rb"[A-Za-z0-9_-]+)</code>")


def submit(personas: Personas) -> Evidence:
    return evidence_actions.submit_evidence(
        data=b"From: prize@lottery.example\r\nSubject: You won\r\n\r\nClaim now\r\n",
        organisation=personas.dgccrf,
        submitted_by=personas.alice,
        channel=Channel.WEB,
        tlp=TLP.AMBER,
    ).evidence


def create_token(client: Client, name: str = "importer", lifetime: str = "90") -> str:
    response = client.post(reverse("accounts:tokens"), {"name": name, "lifetime": lifetime})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    return SECRET.findall(response.content)[0].decode()


def api_get(path: str, secret: str) -> object:
    return Client().get(path, headers={"authorization": f"Bearer {secret}"})


def test_the_secret_is_shown_once_and_only_its_hash_is_kept(personas: Personas, client: Client) -> None:
    client.force_login(personas.alice)
    secret = create_token(client)
    token = ApiToken.objects.get()
    assert token.user == personas.alice
    assert token.digest == hashlib.sha256(secret.encode()).hexdigest()
    listing = client.get(reverse("accounts:tokens"))
    assert b"importer" in listing.content
    assert secret.encode() not in listing.content


def test_the_token_opens_the_api_as_its_user(personas: Personas, client: Client) -> None:
    evidence = submit(personas)
    client.force_login(personas.alice)
    secret = create_token(client)
    response = api_get(f"/api/evidence/{evidence.pk}", secret)
    assert response.status_code == 200
    assert response.json()["id"] == evidence.pk
    assert ApiToken.objects.get().last_used_at is not None
    assert AuditEvent.objects.filter(action=AuditAction.VIEW, channel="api", actor=personas.alice).exists()


def test_the_api_sees_what_the_tokens_user_sees(personas: Personas, client: Client) -> None:
    evidence = submit(personas)
    client.force_login(personas.charlie)
    assert api_get(f"/api/evidence/{evidence.pk}", create_token(client)).status_code == 404


def test_a_revoked_token_is_refused(personas: Personas, client: Client) -> None:
    evidence = submit(personas)
    client.force_login(personas.alice)
    secret = create_token(client)
    token = ApiToken.objects.get()
    assert client.post(reverse("accounts:revoke-token", args=[token.pk])).status_code == 302
    assert api_get(f"/api/evidence/{evidence.pk}", secret).status_code == 401
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_an_expired_token_is_refused(personas: Personas) -> None:
    evidence = submit(personas)
    _token, secret = ApiToken.issue(personas.alice, "old", expires_at=timezone.now() - timedelta(seconds=1))
    assert api_get(f"/api/evidence/{evidence.pk}", secret).status_code == 401


def test_an_unknown_token_is_refused(personas: Personas) -> None:
    evidence = submit(personas)
    assert api_get(f"/api/evidence/{evidence.pk}", TOKEN_PREFIX + "made-up").status_code == 401


def test_the_lifetime_chosen_sets_the_expiry(personas: Personas, client: Client) -> None:
    client.force_login(personas.alice)
    create_token(client, "short", "30")
    create_token(client, "forever", "never")
    short = ApiToken.objects.get(name="short")
    assert timedelta(days=29) < short.expires_at - timezone.now() <= timedelta(days=30)
    assert ApiToken.objects.get(name="forever").expires_at is None


def test_nobody_revokes_someone_elses_token(personas: Personas, client: Client) -> None:
    token, _secret = ApiToken.issue(personas.alice, "alice's")
    client.force_login(personas.bob)
    assert client.post(reverse("accounts:revoke-token", args=[token.pk])).status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_issuing_and_revoking_are_audited(personas: Personas, client: Client) -> None:
    client.force_login(personas.alice)
    create_token(client)
    token = ApiToken.objects.get()
    client.post(reverse("accounts:revoke-token", args=[token.pk]))
    events = AuditEvent.objects.filter(object_type="accounts.apitoken", object_id=str(token.pk)).order_by(
        "id"
    )
    assert [e.detail["event"] for e in events] == ["api_token_issued", "api_token_revoked"]
    assert all(e.actor == personas.alice for e in events)
