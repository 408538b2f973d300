"""Deadlines (acknowledgement, 30 days for information, 6 months for enforcement, configurable),
one reminder per deadline whatever the number of runs, overdue referrals flagged."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from io import StringIO
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from lapnet.evidence.models import Evidence
from lapnet.referrals import actions, queries
from lapnet.referrals.deadlines import DeadlinePolicy, add_months, deadlines_for
from lapnet.referrals.models import Referral
from lapnet.referrals.tasks import send_due_reminders
from tests.personas import Personas
from tests.referrals.support import Network, login, sent_referral

SENT = datetime(2025, 8, 31, 9, 0, tzinfo=UTC)


def test_an_information_request_is_answered_within_30_days() -> None:
    due = deadlines_for("request_for_information", SENT, DeadlinePolicy())
    assert due.reply_due == SENT + timedelta(days=30)
    assert due.acknowledgement_due == SENT + timedelta(days=7)


def test_an_enforcement_request_is_answered_within_6_calendar_months() -> None:
    due = deadlines_for("request_for_enforcement_action", SENT, DeadlinePolicy())
    assert due.reply_due == datetime(2026, 2, 28, 9, 0, tzinfo=UTC)  # 31 August + 6 months
    assert (
        deadlines_for("request_for_investigative_assistance", SENT, DeadlinePolicy()).reply_due
        == due.reply_due
    )


def test_alerts_ask_for_no_reply() -> None:
    assert deadlines_for("alert", SENT, DeadlinePolicy()).reply_due is None
    assert deadlines_for("for_information_only", SENT, DeadlinePolicy()).reply_due is None


def test_months_roll_over_the_year() -> None:
    assert add_months(datetime(2025, 11, 15, tzinfo=UTC), 3) == datetime(2026, 2, 15, tzinfo=UTC)


needs_db = pytest.mark.django_db


@needs_db
@override_settings(LAPNET_REFERRAL_INFORMATION_REPLY_DAYS=10, LAPNET_REFERRAL_ACKNOWLEDGEMENT_DAYS=2)
def test_the_deadlines_come_from_settings(network: Network, report: Evidence) -> None:
    referral = sent_referral(network, [report], request_type="request_for_information")
    assert referral.acknowledgement_due == referral.sent_at + timedelta(days=2)
    assert referral.reply_due == referral.sent_at + timedelta(days=10)


@needs_db
@override_settings(LAPNET_REFERRAL_INFORMATION_REPLY_DAYS="thirty")
def test_a_bad_setting_fails_loudly(network: Network, report: Evidence) -> None:
    with pytest.raises(ValueError, match="LAPNET_REFERRAL_INFORMATION_REPLY_DAYS"):
        sent_referral(network, [report])


@needs_db
def test_one_reminder_per_deadline_however_often_the_task_runs(
    network: Network, report: Evidence, django_capture_on_commit_callbacks: Any
) -> None:
    referral = sent_referral(network, [report], request_type="request_for_information")
    mail.outbox.clear()
    later = referral.sent_at + timedelta(days=6)  # within 3 days of the acknowledgement deadline
    with django_capture_on_commit_callbacks(execute=True):
        assert actions.do_send_due_reminders(later) == 1
        assert actions.do_send_due_reminders(later) == 0
    assert len(mail.outbox) == 1 and "acknowledgement" in mail.outbox[0].subject
    assert "charlie@acm.example" in mail.outbox[0].to
    much_later = referral.sent_at + timedelta(days=29)
    with django_capture_on_commit_callbacks(execute=True):
        assert actions.do_send_due_reminders(much_later) == 1  # the reply's, once
        assert actions.do_send_due_reminders(much_later) == 0
    assert "reply" in mail.outbox[-1].subject


@needs_db
def test_no_reminder_once_the_receiver_answered(
    personas: Personas, network: Network, report: Evidence
) -> None:
    referral = sent_referral(network, [report], request_type="request_for_information")
    actions.do_acknowledge(personas.charlie, referral)
    actions.do_decline(personas.charlie, referral, "outside_remit")
    assert actions.do_send_due_reminders(referral.sent_at + timedelta(days=60)) == 0


@needs_db
def test_the_reminder_task_and_command_send_what_is_due(network: Network, report: Evidence) -> None:
    referral = sent_referral(network, [report])
    Referral.objects.filter(pk=referral.pk).update(acknowledgement_due=timezone.now() - timedelta(days=1))
    assert send_due_reminders.enqueue().return_value == 1
    out = StringIO()
    call_command("referral_reminders", "--now", stdout=out)
    assert "0 reminder(s) sent" in out.getvalue()
    call_command("referral_reminders", stdout=out)
    assert "queued" in out.getvalue()


@needs_db
def test_overdue_referrals_are_flagged_in_the_inbox(
    personas: Personas, network: Network, report: Evidence
) -> None:
    referral = sent_referral(network, [report])
    assert not queries.overdue().exists()
    Referral.objects.filter(pk=referral.pk).update(acknowledgement_due=timezone.now() - timedelta(hours=1))
    assert list(queries.overdue()) == [referral]
    assert queries.is_overdue(Referral.objects.get(pk=referral.pk))
    page = login(Client(), personas.charlie).get(reverse("referrals:inbox"), {"box": "overdue"})
    assert f'data-pk="{referral.pk}"'.encode() in page.content and b"overdue" in page.content
    actions.do_acknowledge(personas.charlie, referral)
    assert not queries.overdue().exists()  # the reply is not due for 6 months


@needs_db
def test_waiting_for_the_senders_information_is_not_the_receivers_delay(
    personas: Personas, network: Network, report: Evidence
) -> None:
    referral = sent_referral(network, [report], request_type="request_for_information")
    actions.do_request_more_information(personas.charlie, referral, "The full headers, please.")
    Referral.objects.filter(pk=referral.pk).update(reply_due=timezone.now() - timedelta(days=1))
    assert not queries.overdue().exists()


@needs_db
def test_resending_restarts_the_clock_and_the_reminders(
    personas: Personas, network: Network, report: Evidence
) -> None:
    referral = sent_referral(network, [report])
    Referral.objects.filter(pk=referral.pk).update(acknowledgement_reminded_at=timezone.now())
    actions.do_decline(personas.charlie, referral, "insufficient_evidence")
    resent = actions.do_revise_and_resend(personas.alice, referral, message="More reports attached.")
    assert resent.times_sent == 2 and resent.acknowledgement_reminded_at is None
    assert resent.acknowledgement_due > resent.first_sent_at
