"""Evidence intake through the web: stored raw first, analysed by the task, indicators indexed."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from lapnet.evidence import store
from lapnet.evidence.models import AnalysisStatus, Evidence, IndicatorSighting
from lapnet.members.models import User
from lapnet.sharing.models import AuditEvent
from tests.personas import Personas

LOTTERY = Path(__file__).parents[1] / "analysis" / "fixtures" / "crlf_lottery.eml"


def login(client: Client, username: str) -> None:
    client.force_login(User.objects.get(username=username))


# analysis is queued when the intake transaction commits: these tests let transactions commit
pytestmark = pytest.mark.django_db(transaction=True)


def test_an_uploaded_message_is_stored_byte_for_byte_and_analysed(personas: Personas, client: Client) -> None:
    login(client, "alice")
    data = LOTTERY.read_bytes()
    with LOTTERY.open("rb") as handle:
        response = client.post(reverse("evidence:upload"), {"files": handle, "tlp": "amber"})
    evidence = Evidence.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "evidence:detail", args=[evidence.pk]
    )
    assert evidence.blob_id == hashlib.sha256(data).hexdigest()
    assert store.get(evidence.blob_id) == data
    assert evidence.status == AnalysisStatus.DONE
    assert evidence.category == "lottery_or_prize"
    assert evidence.origin_ip == "81.2.69.160"
    values = set(IndicatorSighting.objects.values_list("type", "value"))
    assert ("phone", "+442079460958") in values
    assert ("email", "payout.agent@mailbox.example") in values
    assert AuditEvent.objects.filter(action="create", object_id=str(evidence.pk)).exists()
    page = client.get(reverse("evidence:detail", args=[evidence.pk]))
    assert page.status_code == 200
    assert b"81.2.69.160" in page.content and b"lottery_or_prize" in page.content


def test_a_second_upload_of_the_same_bytes_is_another_sighting_not_another_copy(
    personas: Personas, client: Client
) -> None:
    for username in ("alice", "charlie"):
        login(client, username)
        with LOTTERY.open("rb") as handle:
            client.post(reverse("evidence:upload"), {"files": handle, "tlp": "green"})
    first, second = Evidence.objects.order_by("pk")
    assert first.blob_id == second.blob_id
    assert (first.is_duplicate, second.is_duplicate) == (False, True)


def test_correlation_counts_reports_members_and_countries(personas: Personas, client: Client) -> None:
    for username in ("alice", "charlie"):
        login(client, username)
        with LOTTERY.open("rb") as handle:
            client.post(reverse("evidence:upload"), {"files": handle, "tlp": "green"})
    login(client, "bob")
    response = client.get(reverse("evidence:search"), {"q": "+44 20 7946 0958"})
    assert response.status_code == 200
    correlation = response.context["correlations"][0]
    assert (correlation.reports, correlation.organisations, correlation.countries) == (2, 2, 2)
    assert len(correlation.visible_evidence) == 2


def test_amber_evidence_of_another_organisation_is_neither_shown_nor_counted(
    personas: Personas, client: Client
) -> None:
    login(client, "alice")
    with LOTTERY.open("rb") as handle:
        client.post(reverse("evidence:upload"), {"files": handle, "tlp": "amber"})
    evidence = Evidence.objects.get()
    login(client, "charlie")
    assert client.get(reverse("evidence:detail", args=[evidence.pk])).status_code == 404
    assert (
        client.get(reverse("evidence:search"), {"q": "payout.agent@mailbox.example"}).context["correlations"]
        == []
    )
    login(client, "bob")
    assert client.get(reverse("evidence:detail", args=[evidence.pk])).status_code == 200
