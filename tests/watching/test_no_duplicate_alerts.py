"""Matching is idempotent: analysing a report again, or matching it twice, raises no second alert and
sends no second mail; and a forced re-analysis of old evidence alerts nobody who started watching
after it arrived."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail

from lapnet.evidence.actions import analyse
from lapnet.sharing.tlp import TLP
from lapnet.watching.actions import do_save_search, do_watch_indicator, match_new_report
from lapnet.watching.models import Alert
from tests.personas import Personas
from tests.watching.support import DROPBOX, report

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_re_analysis_raises_no_second_alert_and_no_second_mail(personas: Personas) -> None:
    mail.outbox.clear()
    do_watch_indicator(personas.alice, "email", DROPBOX)
    evidence = report(personas.charlie, TLP.GREEN)
    analyse(evidence.pk, force=True)
    assert match_new_report(evidence.pk) == []
    assert match_new_report(evidence.pk) == []
    assert Alert.objects.count() == 1
    assert len(mail.outbox) == 1


def test_two_watches_matching_one_report_raise_two_alerts_and_one_mail(personas: Personas) -> None:
    mail.outbox.clear()
    do_watch_indicator(personas.alice, "email", DROPBOX)
    do_save_search(personas.alice, "lotto-claims.example", "lottery domain")
    evidence = report(personas.charlie, TLP.GREEN)
    assert sorted(Alert.objects.values_list("kind", flat=True)) == ["indicator", "search"]
    (sent,) = mail.outbox
    assert sent.body.count(f"/evidence/{evidence.pk}/") == 1, "one entry per report, with both reasons"
    assert "lottery domain" in sent.body


def test_reports_that_arrived_before_the_watch_raise_nothing_when_analysed_again(personas: Personas) -> None:
    evidence = report(personas.charlie, TLP.GREEN, ago=timedelta(days=3))
    do_watch_indicator(personas.alice, "email", DROPBOX)
    analyse(evidence.pk, force=True)
    assert match_new_report(evidence.pk) == []
    assert not Alert.objects.exists()
