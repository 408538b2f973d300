"""The draft form covers the whole pro forma the analyst writes: targets, evidence sources, permitted
uses and other agencies involved, kept when the draft is edited again."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from lapnet.evidence.models import Evidence
from lapnet.referrals.models import Referral
from tests.personas import Personas
from tests.referrals.support import Network, login

pytestmark = pytest.mark.django_db

FORM = {
    "title": "Lottery scam sent from the UK",
    "request_type": "request_for_information",
    "urgency": "routine",
    "request_language": "en",
    "reply_language": "en",
    "tlp": "amber",
    "legal_basis": "network_mou",
    "targets": "company | Lucky Draw Ltd | luckydraw.example, +44 20 7946 0000 | gb\nJohn Doe",
    "evidence_sources": ["spam_trap", "user_complaint"],
    "permitted_uses": "Intelligence only\nNot for court without asking",
    "other_agencies_involved": "Action Fraud (GB)",
    "do_not_forward": "on",
}


def test_the_draft_form_writes_targets_sources_uses_and_other_agencies(
    personas: Personas, network: Network, report: Evidence, django_capture_on_commit_callbacks: Any
) -> None:
    alice = login(Client(), personas.alice)
    data = {**FORM, "evidence": report.pk, "requested_organisation": personas.acm.pk}
    with django_capture_on_commit_callbacks(execute=True):
        response = alice.post(reverse("referrals:draft"), data)
    assert response.status_code == 302, response.content[:1000]
    pro_forma = Referral.objects.get().pro_forma
    assert pro_forma["subject"]["targets"] == [
        {
            "kind": "company",
            "name": "Lucky Draw Ltd",
            "identifiers": ["luckydraw.example", "+44 20 7946 0000"],
            "country": "GB",
        },
        {"kind": "company", "name": "John Doe", "identifiers": [], "country": ""},
    ]
    assert pro_forma["evidence"]["sources"] == ["spam_trap", "user_complaint"]
    assert pro_forma["evidence"]["chain_of_custody"]  # the routing's pre-filled notes are kept
    assert pro_forma["handling"]["permitted_uses"] == ["Intelligence only", "Not for court without asking"]
    assert pro_forma["measures"]["other_agencies_involved"] == ["Action Fraud (GB)"]


def test_the_edit_form_shows_them_again(
    personas: Personas, network: Network, report: Evidence, django_capture_on_commit_callbacks: Any
) -> None:
    alice = login(Client(), personas.alice)
    with django_capture_on_commit_callbacks(execute=True):
        alice.post(
            reverse("referrals:draft"),
            {**FORM, "evidence": report.pk, "requested_organisation": personas.acm.pk},
        )
    referral = Referral.objects.get()
    page = alice.get(reverse("referrals:edit", args=[referral.pk]))
    assert b"company | Lucky Draw Ltd | luckydraw.example, +44 20 7946 0000 | GB" in page.content
    assert b"Action Fraud (GB)" in page.content and b"Not for court without asking" in page.content
    assert b'value="spam_trap" id="id_evidence_sources_0" checked' in page.content


def test_a_target_of_an_unknown_kind_is_refused_with_its_line(
    personas: Personas, network: Network, report: Evidence
) -> None:
    data = {
        **FORM,
        "targets": "villain | Dr No",
        "evidence": report.pk,
        "requested_organisation": personas.acm.pk,
    }
    response = login(Client(), personas.alice).post(reverse("referrals:draft"), data)
    assert response.status_code == 400 and b"ligne 1" in response.content  # alice reads French
    assert not Referral.objects.exists()


def test_the_new_fields_are_labelled_in_french(
    personas: Personas, network: Network, report: Evidence
) -> None:
    page = login(Client(), personas.alice).get(reverse("referrals:draft"), {"evidence": report.pk})
    for label in ("Personnes visées", "Piège à spam", "Usages autorisés", "Autres autorités impliquées"):
        assert label.encode() in page.content, label
