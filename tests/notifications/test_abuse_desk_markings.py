"""TLP decides which member is told about which report, and the desk's own limit holds."""

from __future__ import annotations

import pytest
from django.core import mail

from lapnet.notifications.models import AbuseNotification, NotificationState
from lapnet.notifications.tasks import queue_abuse_notifications, send_abuse_notifications
from lapnet.sharing.models import SharingGroup
from lapnet.sharing.tlp import TLP
from tests.notifications.support import register_desk, submit
from tests.personas import Personas, create_personas

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def people() -> Personas:
    return create_personas()


def notification_after(people: Personas, tlp: TLP) -> AbuseNotification:
    evidence = submit(people.alice, tlp=tlp)
    queue_abuse_notifications.enqueue(evidence.pk)
    send_abuse_notifications.enqueue()
    return AbuseNotification.objects.get(evidence=evidence)


@pytest.mark.parametrize("tlp", [TLP.RED, TLP.AMBER_STRICT])
def test_reports_for_the_owner_only_are_withheld_with_the_reason(people: Personas, tlp: TLP) -> None:
    register_desk(people.mailco, max_tlp=TLP.RED)
    row = notification_after(people, tlp)
    assert row.state == NotificationState.WITHHELD
    assert "not shared beyond the owner" in row.reason
    assert mail.outbox == []


def test_amber_is_withheld_from_a_member_outside_the_owners_sharing_groups(people: Personas) -> None:
    register_desk(people.mailco, max_tlp=TLP.AMBER)
    row = notification_after(people, TLP.AMBER)
    assert row.state == NotificationState.WITHHELD
    assert "sharing partner" in row.reason


def test_amber_reaches_a_sharing_partner_with_the_headers_only(people: Personas) -> None:
    group = SharingGroup.objects.create(name="Lottery task force", owner=people.dgccrf)
    group.members.add(people.mailco)
    register_desk(people.mailco, max_tlp=TLP.AMBER)
    row = notification_after(people, TLP.AMBER)
    assert row.state == NotificationState.SENT
    sent = mail.outbox[0].message().as_bytes()
    assert b"text/rfc822-headers" in sent
    assert b"payout.agent@mailbox.example" in sent  # a header the enclosure keeps
    assert b"claim your prize" not in sent.lower()  # the body stays home


def test_a_desk_that_accepts_only_clear_does_not_get_green(people: Personas) -> None:
    register_desk(people.mailco, max_tlp=TLP.CLEAR)
    row = notification_after(people, TLP.GREEN)
    assert row.state == NotificationState.WITHHELD
    assert "narrowest marking this member may receive" in row.reason
