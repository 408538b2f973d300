"""Uploaded evidence is never served with a type a browser would render or run: the raw bytes come as
an opaque download, not sniffed, sandboxed; the evidence page shows them as escaped text."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from lapnet.evidence import actions as evidence_actions
from lapnet.evidence.models import Channel, Evidence
from lapnet.sharing.models import AuditAction, AuditEvent
from lapnet.sharing.tlp import TLP
from tests.personas import Personas

pytestmark = pytest.mark.django_db

HOSTILE = (
    b"From: prize@lottery.example\r\nSubject: You won\r\nContent-Type: text/html\r\n\r\n"
    b"<html><body><script>alert(document.cookie)</script><img src=x onerror=alert(1)></body></html>\r\n"
)


def submit(personas: Personas) -> Evidence:
    return evidence_actions.submit_evidence(
        data=HOSTILE,
        organisation=personas.dgccrf,
        submitted_by=personas.alice,
        channel=Channel.WEB,
        tlp=TLP.AMBER,
    ).evidence


def test_the_raw_bytes_are_an_opaque_sandboxed_download(personas: Personas, client: Client) -> None:
    evidence = submit(personas)
    client.force_login(personas.alice)
    response = client.get(reverse("evidence:raw", args=[evidence.pk]))
    assert response.status_code == 200
    assert response.content == HOSTILE, "byte for byte"
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    csp = response["Content-Security-Policy"]
    assert "sandbox" in csp and "default-src 'none'" in csp


def test_the_download_is_audited_as_an_export(personas: Personas, client: Client) -> None:
    evidence = submit(personas)
    client.force_login(personas.alice)
    client.get(reverse("evidence:raw", args=[evidence.pk]))
    event = AuditEvent.objects.get(action=AuditAction.EXPORT, object_id=str(evidence.pk))
    assert event.actor == personas.alice


def test_the_evidence_page_shows_the_markup_as_text(personas: Personas, client: Client) -> None:
    evidence = submit(personas)
    client.force_login(personas.alice)
    page = client.get(reverse("evidence:detail", args=[evidence.pk]))
    assert b"&lt;script&gt;alert(document.cookie)&lt;/script&gt;" in page.content
    assert b"<script>alert" not in page.content
    assert b"onerror=alert" not in page.content.replace(b"&lt;img src=x onerror=alert(1)&gt;", b"")


def test_nobody_outside_the_marking_downloads_it(personas: Personas, client: Client) -> None:
    evidence = submit(personas)
    client.force_login(personas.charlie)
    assert client.get(reverse("evidence:raw", args=[evidence.pk])).status_code == 404
