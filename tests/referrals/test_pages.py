"""The inbox (received, sent, copied, overdue, by state; htmx filters), the draft form with its
routing proposals, the message thread, and the refer button."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from lapnet.evidence.models import Evidence
from lapnet.referrals import actions
from lapnet.referrals.models import Referral, ReferralMessage
from tests.personas import Personas
from tests.referrals.support import Network, login, sent_referral

pytestmark = pytest.mark.django_db


@pytest.fixture
def referral(network: Network, report: Evidence) -> Referral:
    return sent_referral(network, [report])


def rows(content: bytes) -> int:
    return content.count(b'class="referral')


def test_each_side_finds_the_referral_in_its_own_box(
    personas: Personas, network: Network, referral: Referral
) -> None:
    url = reverse("referrals:inbox")
    alice, charlie, nora = (
        login(Client(), user) for user in (personas.alice, personas.charlie, network.nora)
    )
    assert rows(alice.get(url, {"box": "sent"}).content) == 1
    assert rows(alice.get(url, {"box": "received"}).content) == 0
    assert rows(charlie.get(url).content) == 1  # received is the default box
    assert rows(nora.get(url, {"box": "copied"}).content) == 1


def test_a_sender_with_nothing_received_lands_on_what_it_sent(
    personas: Personas, network: Network, referral: Referral
) -> None:
    response = login(Client(), personas.alice).get(reverse("referrals:inbox"))
    assert rows(response.content) == 1
    assert response.context["box"] == "sent"


def test_the_inbox_filters_by_state_with_htmx(personas: Personas, referral: Referral) -> None:
    client = login(Client(), personas.charlie)
    url = reverse("referrals:inbox")
    partial = client.get(url, {"status": "sent"}, headers={"HX-Request": "true"})
    assert partial.status_code == 200 and b"<html" not in partial.content
    assert rows(partial.content) == 1
    assert rows(client.get(url, {"status": "accepted"}, headers={"HX-Request": "true"}).content) == 0


def test_the_draft_form_shows_the_routing_proposals(
    personas: Personas, network: Network, report: Evidence
) -> None:
    page = login(Client(), personas.alice).get(reverse("referrals:draft"), {"evidence": report.pk})
    assert page.status_code == 200
    assert b'data-country="GB"' in page.content and b"no-competent-member" in page.content


def test_the_draft_form_offers_only_evidence_the_user_may_see(personas: Personas, report: Evidence) -> None:
    response = login(Client(), personas.charlie).get(reverse("referrals:draft"), {"evidence": report.pk})
    assert response.status_code == 302  # nothing visible to refer: back to the evidence list


def test_contributors_cannot_draft(personas: Personas, report: Evidence) -> None:
    assert login(Client(), personas.dave).get(reverse("referrals:draft")).status_code == 403


def test_a_draft_is_edited_through_its_form(personas: Personas, network: Network, report: Evidence) -> None:
    draft = actions.do_draft_referral(personas.alice, title="First title", evidence=[report])
    client = login(Client(), personas.alice)
    assert client.get(reverse("referrals:edit", args=[draft.pk])).status_code == 200
    data = {
        "title": "Second title",
        "requested_organisation": personas.acm.pk,
        "request_type": "request_for_information",
        "urgency": "routine",
        "request_language": "fr",
        "reply_language": "en",
        "tlp": "amber",
        "legal_basis": "eu_regulation_2017_2394",
        "summary_of_facts": "Prize notifications.",
    }
    assert client.post(reverse("referrals:edit", args=[draft.pk]), data).status_code == 302
    draft.refresh_from_db()
    assert draft.title == "Second title" and draft.requested_organisation == personas.acm
    assert draft.copy_to == network.rdi
    assert draft.pro_forma["legal_framing"]["legal_basis"] == "eu_regulation_2017_2394"
    assert draft.pro_forma["technical"]["origin_ips"]  # the pre-filled identifiers are kept


def test_the_two_sides_write_in_the_thread_and_the_coordinator_reads_it(
    personas: Personas, network: Network, referral: Referral
) -> None:
    url = reverse("referrals:post-message", args=[referral.pk])
    charlie = login(Client(), personas.charlie)
    response = charlie.post(url, {"text": "Can you share the full headers?"}, headers={"HX-Request": "true"})
    assert response.status_code == 200 and b"Can you share the full headers?" in response.content
    login(Client(), personas.alice).post(url, {"text": "Attached to the referral."})
    assert ReferralMessage.objects.filter(referral=referral).count() == 2
    page = login(Client(), network.nora).get(reverse("referrals:detail", args=[referral.pk]))
    assert b"Attached to the referral." in page.content and b'name="text"' not in page.content


def test_the_evidence_page_has_a_refer_button_for_analysts(personas: Personas, report: Evidence) -> None:
    page = login(Client(), personas.alice).get(reverse("evidence:detail", args=[report.pk]))
    assert f'action="{reverse("referrals:draft")}"'.encode() in page.content


def test_the_navigation_links_to_the_referrals(personas: Personas) -> None:
    page = login(Client(), personas.bob).get(reverse("evidence:list"))
    assert reverse("referrals:inbox").encode() in page.content
