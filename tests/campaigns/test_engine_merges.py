"""A report that links two campaigns merges them, unless an analyst kept them apart; analysts'
decisions hold when reports are analysed and clustered again."""

from __future__ import annotations

import pytest

from lapnet.campaigns import engine
from lapnet.campaigns.actions import do_split_campaign
from lapnet.campaigns.models import Campaign, CampaignMember, KeepApart
from lapnet.evidence.actions import analyse
from tests.campaigns.engine_support import PARCEL_EN, campaign_of, email, submit
from tests.personas import Personas

pytestmark = pytest.mark.django_db(transaction=True)


def _parcel(number: int, **extra: str) -> bytes:
    fields = {
        "dropbox": "depot@parcel-fees.icu",
        "phone": "+44 161 496 0123",
        "url": "https://pay.parcel-fees.icu/{ticket}",
        "ip": "9.9.9.10",
    } | extra
    return email(template=PARCEL_EN, subject="Delivery failed: {ticket}", number=number, **fields)


def test_a_report_bridging_two_campaigns_merges_them(personas: Personas) -> None:
    lottery = submit(personas.alice, email(number=1))
    parcel = submit(personas.alice, _parcel(2))
    assert campaign_of(lottery) != campaign_of(parcel)
    # the lottery's drop box and the parcel operation's phone number in one message
    bridge = submit(personas.alice, _parcel(3, dropbox="claims.agent@prize-desk.top"))
    survivor = campaign_of(bridge)
    assert campaign_of(lottery) == campaign_of(parcel) == survivor
    merged = Campaign.objects.exclude(pk=survivor).get()
    assert merged.merged_into_id == survivor
    assert merged.size == 0
    assert Campaign.objects.get(pk=survivor).size == 3


def test_campaigns_kept_apart_are_not_merged_and_the_bridge_joins_the_best_one(personas: Personas) -> None:
    lottery = [submit(personas.alice, email(number=number)) for number in (1, 2)]
    moved = do_split_campaign(
        personas.alice, Campaign.objects.get(pk=campaign_of(lottery[0])), [lottery[1].pk]
    )
    assert KeepApart.objects.filter(first_id=campaign_of(lottery[0]), second_id=moved.pk).exists()
    third = submit(personas.alice, email(number=3))  # like both
    assert campaign_of(lottery[0]) != campaign_of(lottery[1])
    assert campaign_of(third) in {campaign_of(lottery[0]), campaign_of(lottery[1])}
    assert Campaign.objects.filter(merged_into__isnull=False).count() == 0


def test_pinned_reports_keep_their_campaign_when_analysed_and_clustered_again(personas: Personas) -> None:
    reports = [submit(personas.alice, email(number=number)) for number in (1, 2, 3)]
    origin = Campaign.objects.get(pk=campaign_of(reports[0]))
    moved = do_split_campaign(personas.alice, origin, [reports[2].pk], name="Second wave")
    for report in reports:
        analyse(report.pk, force=True)
        engine.cluster_report(report.pk)
    assert campaign_of(reports[2]) == moved.pk
    assert campaign_of(reports[0]) == campaign_of(reports[1]) == origin.pk
    assert CampaignMember.objects.get(evidence=reports[2]).pinned
    moved.refresh_from_db()
    assert moved.name == "Second wave"
    assert moved.name_set_by_analyst
    assert {Campaign.objects.get(pk=origin.pk).size, moved.size} == {2, 1}


def test_clustering_a_report_again_changes_nothing(personas: Personas) -> None:
    reports = [submit(personas.alice, email(number=number)) for number in (1, 2)]
    before = list(CampaignMember.objects.order_by("evidence_id").values_list("evidence_id", "campaign_id"))
    for report in reports:
        engine.cluster_report(report.pk)
    after = list(CampaignMember.objects.order_by("evidence_id").values_list("evidence_id", "campaign_id"))
    assert before == after
    assert Campaign.objects.get(pk=before[0][1]).size == 2
