"""Reports about an industry member's networks and domains reach its abuse desk as ARF or X-ARF."""

from __future__ import annotations

import email
import email.policy
import json

import pytest
from django.core import mail
from django.test import override_settings

from lapnet.analysis.analyze import analyze_bytes
from lapnet.analysis.reports.xarf import validate_v4
from lapnet.analysis.types import Kind
from lapnet.evidence.actions import analyse
from lapnet.notifications.models import AbuseNotification, NotificationFormat, NotificationState
from lapnet.notifications.tasks import queue_abuse_notifications, send_abuse_notifications
from lapnet.runtime.periodic import JOBS
from tests.notifications.support import LOTTERY_WITH_PORT, register_desk, submit
from tests.personas import Personas, create_personas

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def people() -> Personas:
    return create_personas()


def sent_bytes(index: int = 0) -> bytes:
    return mail.outbox[index].message().as_bytes()


def test_a_report_from_a_members_network_reaches_its_abuse_desk_as_arf(people: Personas) -> None:
    register_desk(people.mailco)
    evidence = submit(people.alice)
    queue_abuse_notifications.enqueue(evidence.pk)
    assert send_abuse_notifications.enqueue().return_value == 1

    assert mail.outbox[0].to == ["abuse@mailco.example"]
    (result,) = analyze_bytes(sent_bytes())
    assert result.kind is Kind.ARF
    assert result.report is not None and result.report.valid
    fields = {name.lower(): value for name, value in result.report.fields}
    assert fields["feedback-type"] == "abuse"
    assert fields["source-ip"] == "81.2.69.160"
    row = AbuseNotification.objects.get(evidence=evidence)
    assert row.state == NotificationState.SENT
    assert row.matched == "origin 81.2.69.160 in 81.2.69.0/24"
    assert row.message_id and row.message_id in sent_bytes().decode()


def test_the_recipients_address_is_redacted_in_the_enclosed_message(people: Personas) -> None:
    register_desk(people.mailco)
    queue_abuse_notifications.enqueue(submit(people.alice).pk)
    send_abuse_notifications.enqueue()
    assert b"victim@example.net" not in sent_bytes()


def test_a_registered_domain_is_matched_when_the_network_is_not(people: Personas) -> None:
    register_desk(people.mailco, network=None, domain="lottery-winner.example")
    evidence = submit(people.alice)
    queue_abuse_notifications.enqueue(evidence.pk)
    row = AbuseNotification.objects.get(evidence=evidence)
    assert row.matched.startswith("domain ") and row.matched.endswith("under lottery-winner.example")


def test_a_report_about_nobodys_network_notifies_nobody(people: Personas) -> None:
    register_desk(people.mailco, network="192.0.2.0/24")
    queue_abuse_notifications.enqueue(submit(people.alice).pk)
    assert not AbuseNotification.objects.exists()
    assert send_abuse_notifications.enqueue().return_value == 0
    assert mail.outbox == []


@override_settings(DEFAULT_FROM_EMAIL="abuse-reports@lapnet.example")
def test_an_xarf_desk_gets_a_report_that_validates_against_the_schema(people: Personas) -> None:
    register_desk(people.mailco, format=NotificationFormat.XARF)
    evidence = submit(people.alice, LOTTERY_WITH_PORT)
    queue_abuse_notifications.enqueue(evidence.pk)
    send_abuse_notifications.enqueue()

    message = email.message_from_bytes(sent_bytes(), policy=email.policy.default)
    (attachment,) = [part for part in message.walk() if part.get_content_type() == "application/json"]
    document = json.loads(attachment.get_payload(decode=True))
    assert validate_v4(document) == []
    assert document["source_identifier"] == "81.2.69.160"
    assert document["source_port"] == 41234
    (result,) = analyze_bytes(sent_bytes())
    assert result.kind is Kind.XARF
    assert result.report is not None and result.report.valid
    row = AbuseNotification.objects.get(evidence=evidence)
    assert (row.state, row.format, row.reason) == (NotificationState.SENT, NotificationFormat.XARF, "")


@override_settings(DEFAULT_FROM_EMAIL="abuse-reports@lapnet.example")
def test_without_the_client_port_an_xarf_desk_gets_arf_and_is_told_why(people: Personas) -> None:
    register_desk(people.mailco, format=NotificationFormat.XARF)
    evidence = submit(people.alice)  # Postfix wrote no port
    queue_abuse_notifications.enqueue(evidence.pk)
    send_abuse_notifications.enqueue()
    (result,) = analyze_bytes(sent_bytes())
    assert result.kind is Kind.ARF
    row = AbuseNotification.objects.get(evidence=evidence)
    assert row.format == NotificationFormat.ARF
    assert row.reason.startswith("sent as ARF: X-ARF needs")


def test_a_report_is_notified_once_however_often_it_is_analysed(people: Personas) -> None:
    register_desk(people.mailco)
    evidence = submit(people.alice)
    queue_abuse_notifications.enqueue(evidence.pk)
    send_abuse_notifications.enqueue()
    analyse(evidence.pk, force=True)
    queue_abuse_notifications.enqueue(evidence.pk)
    send_abuse_notifications.enqueue()
    assert len(mail.outbox) == 1
    assert AbuseNotification.objects.count() == 1


def test_a_digest_desk_gets_one_email_per_batch(people: Personas) -> None:
    register_desk(people.mailco, digest=True)
    first = submit(people.alice)
    second = submit(people.charlie, LOTTERY_WITH_PORT)
    for evidence in (first, second):
        queue_abuse_notifications.enqueue(evidence.pk)
    assert send_abuse_notifications.enqueue().return_value == 2
    assert len(mail.outbox) == 1
    message = email.message_from_bytes(sent_bytes(), policy=email.policy.compat32)
    assert message.get_content_type() == "multipart/digest"
    reports = [part for part in message.get_payload() if part.get_content_type() == "message/rfc822"]
    assert len(reports) == 2


@override_settings(
    MAILERS={
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            # the discard port: nothing listens, the connection is refused
            "OPTIONS": {"host": "127.0.0.1", "port": 9, "timeout": 2},
        }
    }
)
def test_a_refused_connection_leaves_the_notification_for_the_next_batch(people: Personas) -> None:
    register_desk(people.mailco)
    evidence = submit(people.alice)
    queue_abuse_notifications.enqueue(evidence.pk)
    assert send_abuse_notifications.enqueue().return_value == 0
    row = AbuseNotification.objects.get(evidence=evidence)
    assert row.state == NotificationState.FAILED
    assert row.attempts == 1
    assert "refused" in row.reason.lower() or "errno" in row.reason.lower()


def test_a_failed_notification_is_sent_by_the_next_batch(people: Personas) -> None:
    register_desk(people.mailco)
    evidence = submit(people.alice)
    queue_abuse_notifications.enqueue(evidence.pk)
    AbuseNotification.objects.filter(evidence=evidence).update(
        state=NotificationState.FAILED, attempts=1, reason="ConnectionRefusedError(111)"
    )
    assert send_abuse_notifications.enqueue().return_value == 1
    row = AbuseNotification.objects.get(evidence=evidence)
    assert (row.state, row.attempts, row.reason) == (NotificationState.SENT, 2, "")


def test_sending_runs_on_the_periodic_clock() -> None:
    job = JOBS["abuse-notifications"]
    assert job.load() is send_abuse_notifications


def test_an_analysed_report_queues_its_notification_without_being_asked(people: Personas) -> None:
    register_desk(people.mailco)
    evidence = submit(people.alice)  # intake -> analysis -> clustering and notifications, by the tasks
    row = AbuseNotification.objects.get(evidence=evidence)
    assert row.state == NotificationState.QUEUED
    assert send_abuse_notifications.enqueue().return_value == 1
