"""A campaign watch raises an alert for each new report the watcher may see that joins the campaign,
or a campaign merged with it."""

from __future__ import annotations

import pytest
from django.core import mail

from lapnet.campaigns.models import Campaign
from lapnet.sharing.tlp import TLP
from lapnet.watching.actions import do_watch_campaign, match_new_report
from lapnet.watching.models import Alert
from tests.personas import Personas
from tests.watching.support import LOTTERY, PARCEL, add_member, campaign_of, report

pytestmark = pytest.mark.django_db(transaction=True)


def clustered(personas: Personas, campaign: Campaign, tlp: TLP, n: int, template: str = LOTTERY) -> int:
    """charlie reports; the report is placed in ``campaign``; then it is matched."""
    evidence = report(
        personas.charlie, tlp, n, dropbox=f"desk-{n}@elsewhere.example", template=template, match=False
    )
    add_member(campaign, evidence)
    match_new_report(evidence.pk)
    return evidence.pk


def test_a_campaign_watch_fires_when_the_engine_clusters_a_new_report_into_the_campaign(
    personas: Personas,
) -> None:
    mail.outbox.clear()
    first = report(personas.alice, TLP.GREEN, 1, cluster=True, match=False)
    campaign = first.campaign_membership.campaign
    do_watch_campaign(personas.alice, campaign)
    joined = report(personas.charlie, TLP.GREEN, 2, cluster=True)
    assert joined.campaign_membership.campaign_id == campaign.pk, "the engine saw one operation"
    (alert,) = Alert.objects.filter(user=personas.alice)
    assert alert.evidence_id == joined.pk
    assert f"/evidence/{joined.pk}/" in mail.outbox[0].body


def test_a_campaign_watch_fires_when_a_new_report_joins_the_campaign(personas: Personas) -> None:
    mail.outbox.clear()
    campaign = campaign_of("Lottery claims", [report(personas.alice, TLP.GREEN, match=False)])
    watch = do_watch_campaign(personas.alice, campaign)
    joined = clustered(personas, campaign, TLP.GREEN, 1)
    (alert,) = Alert.objects.filter(user=personas.alice)
    assert (alert.evidence_id, alert.watch_id, alert.reason) == (joined, watch.pk, f"campaign {campaign.pk}")
    (sent,) = mail.outbox
    assert f"/evidence/{joined}/" in sent.body
    assert "Lottery claims" not in sent.body, "the mail names the campaign by number only"


def test_it_does_not_fire_for_a_report_of_the_campaign_the_watcher_may_not_see(personas: Personas) -> None:
    campaign = campaign_of("Lottery claims", [report(personas.alice, TLP.GREEN, match=False)])
    do_watch_campaign(personas.alice, campaign)
    clustered(personas, campaign, TLP.AMBER, 1)
    clustered(personas, campaign, TLP.RED, 2)
    assert not Alert.objects.exists()


def test_it_follows_merges_both_ways(personas: Personas) -> None:
    old = campaign_of("Lottery (first cluster)", [report(personas.alice, TLP.GREEN, 1, match=False)])
    survivor = campaign_of("Lottery", [report(personas.alice, TLP.GREEN, 2, match=False)])
    do_watch_campaign(personas.alice, old)
    Campaign.objects.filter(pk=old.pk).update(merged_into=survivor)
    into_survivor = clustered(personas, survivor, TLP.GREEN, 3)
    assert list(Alert.objects.values_list("evidence_id", flat=True)) == [into_survivor]


def test_watching_a_merged_campaign_watches_the_one_the_merge_kept(personas: Personas) -> None:
    old = campaign_of("Lottery (first cluster)", [report(personas.alice, TLP.GREEN, 1, match=False)])
    survivor = campaign_of("Lottery", [report(personas.alice, TLP.GREEN, 2, match=False)])
    Campaign.objects.filter(pk=old.pk).update(merged_into=survivor)
    old.refresh_from_db()
    assert do_watch_campaign(personas.alice, old).campaign_id == survivor.pk


def test_reports_outside_the_campaign_do_not_fire(personas: Personas) -> None:
    campaign = campaign_of("Lottery claims", [report(personas.alice, TLP.GREEN, match=False)])
    parcel = report(
        personas.bob, TLP.GREEN, 5, template=PARCEL, dropbox="fees@parcel-fee.example", match=False
    )
    other = campaign_of("Parcel fees", [parcel])
    do_watch_campaign(personas.alice, campaign)
    clustered(personas, other, TLP.GREEN, 1, template=PARCEL)
    assert not Alert.objects.exists()
