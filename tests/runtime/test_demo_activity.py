"""`lapnet demo` shows the network at work: campaigns over the last months, alerts raised by watches
that were waiting, industry abuse desks with notifications queued, referrals between agencies."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from lapnet.campaigns.models import Campaign, CampaignMember
from lapnet.notifications.models import AbuseDesk, AbuseNotification, NotificationState
from lapnet.referrals.models import Referral
from lapnet.sharing.models import AuditEvent
from lapnet.watching.models import Alert

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_demo_network_is_at_work() -> None:
    out = StringIO()
    call_command(
        "demo", "--no-corpora", "--password", "demo-password-for-tests", stdout=out, stderr=StringIO()
    )
    text = out.getvalue()

    # campaigns formed by the engine, dated like their reports (spread over the last three months)
    campaigns = Campaign.objects.filter(merged_into=None, size__gte=3)
    assert campaigns.count() >= 8
    oldest = timezone.now() - timedelta(days=95)
    assert all(campaign.first_seen and campaign.first_seen >= oldest for campaign in campaigns)
    assert any(
        campaign.last_seen
        and campaign.first_seen
        and campaign.last_seen - campaign.first_seen > timedelta(days=14)
        for campaign in campaigns
    )
    member = CampaignMember.objects.select_related("evidence").first()
    assert member is not None and member.seen_at == member.evidence.received_at
    assert {"email", "sms"} <= set(CampaignMember.objects.values_list("channel", flat=True))

    # Claire's watches were waiting: the lottery line and the parcel domain raised alerts
    assert Alert.objects.filter(user__username="claire").count() >= 2

    # two abuse desks, and reports from their networks queued for the worker's next batch
    assert AbuseDesk.objects.count() == 2
    assert AbuseNotification.objects.filter(state=NotificationState.QUEUED).exists()

    # a referral sent, acknowledged and accepted, another as a draft; all of it audited
    states = set(Referral.objects.values_list("status", flat=True))
    assert "accepted" in states and "draft" in states
    assert AuditEvent.objects.filter(channel="demo", object_type__startswith="referrals.").exists()
    assert "referrals: 2" in text
