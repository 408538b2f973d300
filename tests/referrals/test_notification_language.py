"""Each workflow mail is written in its recipient point of contact's language: alice reads French,
charlie German when his contact says so, the Dutch coordinator (no translated language) English."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core import mail

from lapnet.evidence.models import Evidence
from lapnet.referrals import actions
from tests.personas import Personas
from tests.referrals.support import Network, sent_referral

pytestmark = pytest.mark.django_db


def mails_to(address: str) -> list[Any]:
    return [message for message in mail.outbox if address in message.to]


def test_the_receiving_side_reads_the_new_referral_each_in_its_language(
    network: Network, report: Evidence, django_capture_on_commit_callbacks: Any
) -> None:
    network.charlie_contact.languages = ["de", "en"]
    network.charlie_contact.save()
    with django_capture_on_commit_callbacks(execute=True):
        sent_referral(network, [report])
    (german,) = mails_to("charlie@acm.example")
    (english,) = mails_to(network.nora.email)
    assert german is not english
    assert "hat Ihnen einen Fall übermittelt" in german.subject, german.subject
    assert "referred a case to you" in english.subject


def test_the_sender_reads_the_answer_in_french(
    personas: Personas, network: Network, report: Evidence, django_capture_on_commit_callbacks: Any
) -> None:
    referral = sent_referral(network, [report])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        actions.do_acknowledge(personas.charlie, referral)
        actions.do_post_message(personas.charlie, referral, "Received, thank you.")
    acknowledged, message = mails_to("alice@dgccrf.example")
    assert "accusé réception" in acknowledged.subject, acknowledged.subject
    assert "Nouveau message de" in message.subject


def test_a_reminder_is_in_the_receivers_language(
    network: Network, report: Evidence, django_capture_on_commit_callbacks: Any
) -> None:
    network.charlie_contact.languages = ["es"]
    network.charlie_contact.save()
    referral = sent_referral(network, [report], request_type="request_for_information")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        actions.do_send_due_reminders(referral.sent_at + timedelta(days=6))
    (reminder,) = mails_to("charlie@acm.example")
    assert reminder.subject.endswith(
        f"Recordatorio: el acuse de recibo de {referral.reference} vence el "
        f"{referral.acknowledgement_due:%Y-%m-%d}"
    )
