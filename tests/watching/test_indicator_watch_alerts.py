"""An indicator watch raises an alert, in lapnet and by mail, for each new report carrying the
indicator that the watcher may see, and for no other.

alice (French agency, analyst) watches the lottery's drop box; charlie (Dutch regulator) and bob
(alice's team mate) report. Transactional: the mail goes out through the task queued on commit.
"""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import override_settings

from lapnet.sharing.models import AuditEvent, SharingGroup
from lapnet.sharing.tlp import TLP
from lapnet.watching.actions import do_watch_indicator
from lapnet.watching.models import Alert, MailState
from lapnet.watching.tasks import match_report
from tests.personas import Personas
from tests.watching.support import DROPBOX, report

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("mailbox"),
]


@pytest.fixture
def mailbox() -> None:
    mail.outbox.clear()


@override_settings(LAPNET_BASE_URL="https://lapnet.example.org")
def test_it_fires_when_an_outsider_submits_a_green_report_and_mails_a_link(personas: Personas) -> None:
    do_watch_indicator(personas.alice, "email", DROPBOX)
    evidence = report(personas.charlie, TLP.GREEN)
    (alert,) = Alert.objects.filter(user=personas.alice)
    assert alert.evidence_id == evidence.pk
    assert alert.reason == f"email {DROPBOX}"
    assert alert.read_at is None
    (sent,) = mail.outbox
    assert sent.to == ["alice@dgccrf.example"]
    assert f"https://lapnet.example.org/evidence/{evidence.pk}/" in sent.body
    assert DROPBOX in sent.body, "the watcher's own words for what matched"
    assert "You have won" not in sent.subject + sent.body, "no report content leaves lapnet by mail"
    alert.refresh_from_db()
    assert alert.mail_state == MailState.SENT
    assert alert.sent_at is not None


def test_the_watch_is_matched_on_the_value_normalised_as_the_search_page_does(personas: Personas) -> None:
    watch = do_watch_indicator(personas.alice, "phone", " +44 20 7946 0958 ")
    assert watch.value == "+442079460958"
    report(personas.charlie, TLP.GREEN)
    assert Alert.objects.filter(user=personas.alice).count() == 1


@pytest.mark.parametrize("tlp", [TLP.RED, TLP.AMBER_STRICT, TLP.AMBER])
def test_it_does_not_fire_for_a_report_of_another_organisation_the_watcher_may_not_see(
    personas: Personas, tlp: TLP
) -> None:
    do_watch_indicator(personas.alice, "email", DROPBOX)
    report(personas.charlie, tlp)
    assert not Alert.objects.filter(user=personas.alice).exists()
    assert mail.outbox == []


def test_amber_fires_once_a_sharing_group_opens_it_but_amber_strict_never(personas: Personas) -> None:
    group = SharingGroup.objects.create(name="Benelux-France", owner=personas.acm)
    group.members.add(personas.dgccrf)
    do_watch_indicator(personas.alice, "email", DROPBOX)
    amber = report(personas.charlie, TLP.AMBER, 1)
    report(personas.charlie, TLP.AMBER_STRICT, 2)
    assert list(Alert.objects.filter(user=personas.alice).values_list("evidence_id", flat=True)) == [amber.pk]


def test_a_team_mates_amber_strict_report_fires_but_not_his_red_one(personas: Personas) -> None:
    do_watch_indicator(personas.alice, "email", DROPBOX)
    strict = report(personas.bob, TLP.AMBER_STRICT, 1)
    report(personas.bob, TLP.RED, 2)
    assert list(Alert.objects.filter(user=personas.alice).values_list("evidence_id", flat=True)) == [
        strict.pk
    ]


def test_a_contributor_is_alerted_only_of_its_own_organisations_reports(personas: Personas) -> None:
    do_watch_indicator(personas.dave, "email", DROPBOX)
    report(personas.charlie, TLP.GREEN)
    assert not Alert.objects.filter(user=personas.dave).exists()


def test_it_does_not_alert_the_watcher_of_her_own_report(personas: Personas) -> None:
    do_watch_indicator(personas.alice, "email", DROPBOX)
    report(personas.alice, TLP.GREEN)
    assert not Alert.objects.exists()


def test_other_types_and_values_do_not_fire(personas: Personas) -> None:
    do_watch_indicator(personas.alice, "domain", DROPBOX)  # the address, watched as a domain
    do_watch_indicator(personas.alice, "email", "someone-else@lotto-claims.example")
    report(personas.charlie, TLP.GREEN)
    assert not Alert.objects.exists()


def test_several_watchers_each_get_their_own_alert_and_mail(personas: Personas) -> None:
    do_watch_indicator(personas.alice, "email", DROPBOX)
    do_watch_indicator(personas.erin, "phone", "+44 20 7946 0958")
    report(personas.charlie, TLP.GREEN)
    assert sorted(Alert.objects.values_list("user__username", "kind")) == [
        ("alice", "indicator"),
        ("erin", "indicator"),
    ]
    assert sorted(address for sent in mail.outbox for address in sent.to) == [
        "alice@dgccrf.example",
        "erin@secretariat.example",
    ]


def test_watching_is_audited_and_watching_twice_keeps_one_watch(personas: Personas) -> None:
    first = do_watch_indicator(personas.alice, "email", DROPBOX)
    again = do_watch_indicator(personas.alice, "email", f"  {DROPBOX} ")
    assert first.pk == again.pk
    events = AuditEvent.objects.filter(object_type="watching.watch", object_id=str(first.pk))
    assert [event.summary for event in events] == [f"started watching email {DROPBOX}"]


def test_the_pipelines_task_raises_the_alerts(personas: Personas) -> None:
    do_watch_indicator(personas.alice, "email", DROPBOX)
    evidence = report(personas.charlie, TLP.GREEN, match=False)
    match_report.enqueue(evidence.pk)
    assert list(Alert.objects.values_list("evidence_id", flat=True)) == [evidence.pk]
    assert len(mail.outbox) == 1
