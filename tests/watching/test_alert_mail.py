"""Alert mail: one digest per user with every alert not mailed yet, recorded on each alert (sent, or
why not); a mail server failure is recorded and retried with the next delivery, then given up."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail

from lapnet.evidence.models import Evidence
from lapnet.sharing.tlp import TLP
from lapnet.watching import actions
from lapnet.watching.actions import MAX_MAIL_ATTEMPTS, do_deliver_alert_mail, do_watch_indicator
from lapnet.watching.models import Alert, MailState
from tests.personas import Personas
from tests.watching.support import DROPBOX, report

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def digest_delay(monkeypatch: pytest.MonkeyPatch) -> None:
    """Alerts are raised but their delivery has not run yet (the task waits ``DIGEST_DELAY``)."""
    monkeypatch.setattr(actions, "enqueue_alert_mail", lambda user_id: None)


@pytest.mark.usefixtures("digest_delay")
def test_alerts_not_mailed_yet_go_out_together_in_one_digest(personas: Personas) -> None:
    do_watch_indicator(personas.alice, "email", DROPBOX)
    first = report(personas.charlie, TLP.GREEN, 1)
    second = report(personas.charlie, TLP.GREEN, 2)
    mail.outbox.clear()
    assert do_deliver_alert_mail(personas.alice.pk) == 2
    (sent,) = mail.outbox
    assert "2 new reports" in sent.subject
    assert f"/evidence/{first.pk}/" in sent.body
    assert f"/evidence/{second.pk}/" in sent.body
    assert set(Alert.objects.values_list("mail_state", flat=True)) == {MailState.SENT}
    assert do_deliver_alert_mail(personas.alice.pk) == 0, "nothing is mailed twice"


def test_a_failing_mail_server_is_recorded_and_retried_then_given_up(
    personas: Personas, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: Any, **kwargs: Any) -> None:
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr(actions, "send_mail", refuse)
    do_watch_indicator(personas.alice, "email", DROPBOX)
    report(personas.charlie, TLP.GREEN)
    alert = Alert.objects.get()
    assert (alert.mail_state, alert.mail_attempts, alert.sent_at) == (MailState.PENDING, 1, None)
    assert "mail server down" in alert.mail_error
    for _ in range(MAX_MAIL_ATTEMPTS - 1):
        do_deliver_alert_mail(personas.alice.pk)
    alert.refresh_from_db()
    assert (alert.mail_state, alert.mail_attempts) == (MailState.FAILED, MAX_MAIL_ATTEMPTS)
    assert alert.read_at is None, "the alert itself stays in lapnet"


def test_a_user_without_an_address_is_not_mailed_and_it_is_recorded(personas: Personas) -> None:
    mail.outbox.clear()
    personas.alice.email = ""
    personas.alice.save()
    do_watch_indicator(personas.alice, "email", DROPBOX)
    report(personas.charlie, TLP.GREEN)
    alert = Alert.objects.get()
    assert alert.mail_state == MailState.SKIPPED
    assert mail.outbox == []


@pytest.mark.usefixtures("digest_delay")
def test_a_report_that_became_invisible_before_delivery_is_not_mailed(personas: Personas) -> None:
    do_watch_indicator(personas.alice, "email", DROPBOX)
    evidence = report(personas.charlie, TLP.GREEN)
    Evidence.objects.filter(pk=evidence.pk).update(tlp=TLP.AMBER)  # re-marked before the mail left
    mail.outbox.clear()
    assert do_deliver_alert_mail(personas.alice.pk) == 0
    alert = Alert.objects.get()
    assert alert.mail_state == MailState.SKIPPED
    assert mail.outbox == []
