"""The bar: from imported real evidence to a drafted, sent, acknowledged, declined and re-sent,
accepted, outcome-reported referral between two organisations in different countries (alice's French
agency to charlie's Dutch one), through the pages, with the audit trail checked."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from lapnet.exchange.proforma import ProForma
from lapnet.referrals.models import Referral, ReferralEvent, ReferralStatus
from lapnet.sharing.models import AuditEvent
from tests.personas import Personas
from tests.referrals.support import PHISHING_NL, dutch_side, login, submit_corpus

pytestmark = [pytest.mark.django_db, pytest.mark.corpora]


def post(client: Client, url: str, data: dict[str, Any] | None = None, capture: Any = None) -> Any:
    with capture(execute=True):
        response = client.post(url, data or {})
    assert response.status_code == 302, response.content[:2000]
    return response


def state(referral: Referral) -> str:
    referral.refresh_from_db()
    return referral.status


def test_a_phishing_report_is_referred_from_france_to_the_netherlands_declined_resent_and_fined(
    personas: Personas, django_capture_on_commit_callbacks: Any
) -> None:
    capture = django_capture_on_commit_callbacks
    network = dutch_side(personas)
    evidence = submit_corpus(personas.alice, PHISHING_NL, capture=capture)
    assert evidence.category == "phishing"
    assert evidence.origin_ip == "185.98.145.214" and evidence.origin_country == "NL"

    alice = login(Client(), personas.alice)
    charlie = login(Client(), personas.charlie)

    # drafted from the evidence page's "Refer" button: the routing names the Netherlands
    page = alice.get(reverse("evidence:detail", args=[evidence.pk]))
    assert reverse("referrals:draft").encode() in page.content
    form = alice.get(reverse("referrals:draft"), {"evidence": evidence.pk})
    assert form.status_code == 200
    assert b'data-country="NL"' in form.content
    response = post(
        alice,
        reverse("referrals:draft"),
        {
            "evidence": evidence.pk,
            "title": "Trust Wallet phishing sent from a Dutch host",
            "requested_organisation": personas.acm.pk,
            "request_type": "request_for_enforcement_action",
            "urgency": "urgent",
            "request_language": "en",
            "reply_language": "en",
            "tlp": "amber",
            "legal_basis": "network_mou",
            "laws_infringed": "Code de la consommation, art. L121-1",
            "summary_of_facts": "A phishing campaign against wallet holders.",
            "measures": ["take_down", "preserve_logs"],
            "do_not_forward": "on",
        },
        capture,
    )
    referral = Referral.objects.get()
    assert response["Location"] == reverse("referrals:detail", args=[referral.pk])
    assert referral.status == ReferralStatus.DRAFT
    assert referral.copy_to == network.rdi  # the Dutch national coordinator, in copy
    technical = referral.pro_forma["technical"]
    assert technical["origin_ips"][0]["ip"] == "185.98.145.214"
    assert technical["origin_ips"][0]["trust_anchors"]
    assert referral.pro_forma["evidence"]["items"][0]["sha256"] == evidence.blob_id
    assert referral.pro_forma["legal_framing"]["laws_infringed"] == ["Code de la consommation, art. L121-1"]
    ProForma.from_dict(referral.pro_forma)  # a valid pro forma of the exchange context
    # the receiver sees nothing of a draft
    assert charlie.get(reverse("referrals:detail", args=[referral.pk])).status_code == 404

    mail.outbox.clear()
    post(alice, reverse("referrals:send", args=[referral.pk]), capture=capture)
    assert state(referral) == ReferralStatus.SENT
    assert referral.approved_by == personas.alice
    assert {"charlie@acm.example", network.nora.email} <= set(mail.outbox[-1].to)

    step = lambda event: reverse("referrals:step", args=[referral.pk, event])  # noqa: E731
    post(charlie, step("acknowledge"), capture=capture)
    assert state(referral) == ReferralStatus.ACKNOWLEDGED
    post(
        charlie, step("decline"), {"reason": "insufficient_evidence", "message": "One report only."}, capture
    )
    assert state(referral) == ReferralStatus.DECLINED
    assert referral.pro_forma["response"]["decision"] == "declined"
    assert "alice@dgccrf.example" in mail.outbox[-1].to

    # revised (reopened as a draft, edited) and re-sent
    post(alice, step("revise"), capture=capture)
    assert state(referral) == ReferralStatus.DRAFT
    assert charlie.get(reverse("referrals:detail", args=[referral.pk])).status_code == 200
    post(
        alice,
        reverse("referrals:post-message", args=[referral.pk]),
        {"text": "We now have 40 complaints; see the revised facts."},
        capture,
    )
    post(alice, reverse("referrals:send", args=[referral.pk]), capture=capture)
    assert state(referral) == ReferralStatus.SENT and referral.times_sent == 2

    post(charlie, step("accept"), {"message": "We take it."}, capture)
    assert state(referral) == ReferralStatus.ACCEPTED
    post(charlie, step("start_work"), capture=capture)
    post(charlie, step("report_outcome"), {"outcome": "fine", "message": "EUR 50,000 on the host."}, capture)
    assert state(referral) == ReferralStatus.OUTCOME_REPORTED
    assert referral.pro_forma["response"]["outcome"] == "fine"
    assert referral.pro_forma["response"]["decision"] == "accepted"
    post(alice, step("close"), capture=capture)
    assert state(referral) == ReferralStatus.CLOSED

    kinds = list(ReferralEvent.objects.filter(referral=referral).values_list("kind", flat=True))
    assert kinds == [
        "create",
        "send",
        "acknowledge",
        "decline",
        "revise",
        "send",
        "accept",
        "start_work",
        "report_outcome",
        "close",
    ]
    decline = ReferralEvent.objects.get(referral=referral, kind="decline")
    assert (decline.actor, decline.reason, decline.text) == (
        personas.charlie,
        "insufficient_evidence",
        "One report only.",
    )
    audit = AuditEvent.objects.filter(object_type="referrals.referral", object_id=str(referral.pk))
    decided = list(audit.filter(action="decide").order_by("at", "id").values_list("detail", flat=True))
    assert [(entry["from"], entry["to"]) for entry in decided] == [
        ("draft", "sent"),
        ("sent", "acknowledged"),
        ("acknowledged", "declined"),
        ("declined", "draft"),
        ("draft", "sent"),
        ("sent", "accepted"),
        ("accepted", "in_progress"),
        ("in_progress", "outcome_reported"),
        ("outcome_reported", "closed"),
    ]
    actors = set(audit.filter(action="decide").values_list("actor__username", flat=True))
    assert actors == {"alice", "charlie"}
    assert audit.filter(action="create", actor=personas.alice).exists()
    assert AuditEvent.objects.filter(object_type="referrals.referralmessage", actor=personas.alice).exists()

    # charlie reads the referral's evidence through the referral (it is AMBER, ACM is no partner)
    assert charlie.get(reverse("evidence:detail", args=[evidence.pk])).status_code == 404
    seen = charlie.get(reverse("referrals:evidence", args=[referral.pk, evidence.pk]))
    assert seen.status_code == 200 and b"185.98.145.214" in seen.content
