"""Copies of one template join one campaign; another template starts another."""

from __future__ import annotations

import pytest

from lapnet.campaigns.actions import do_split_campaign
from lapnet.campaigns.engine import _from_int64s
from lapnet.campaigns.models import BandBucket, Campaign, CampaignMember, LinkKind, ReportSignature
from lapnet.clustering import BANDS
from tests.campaigns.engine_support import PARCEL_EN, campaign_of, email, submit
from tests.personas import Personas

pytestmark = pytest.mark.django_db(transaction=True)


def test_near_duplicates_with_different_names_and_numbers_join_one_campaign(personas: Personas) -> None:
    first = submit(personas.alice, email(number=1, recipient=("Jane Doe", "jane.doe@victim-mail.test")))
    second = submit(
        personas.bob, email(number=2, recipient=("Paul Martin", "p.martin@other-isp.test"), ip="5.6.7.8")
    )
    assert campaign_of(first) == campaign_of(second)
    member = CampaignMember.objects.get(evidence=second)
    links = {reason["link"] for reason in member.reasons}
    assert LinkKind.CONTENT in links
    campaign = Campaign.objects.get(pk=campaign_of(first))
    assert campaign.size == 2
    assert campaign.name == "prize-desk.top"
    assert campaign.category == "lottery_or_prize"


def test_a_different_template_with_different_beneficiaries_starts_its_own_campaign(
    personas: Personas,
) -> None:
    lottery = submit(personas.alice, email(number=1))
    parcel = submit(
        personas.alice,
        email(
            template=PARCEL_EN,
            subject="Delivery failed: parcel {ticket}",
            number=3,
            dropbox="depot@parcel-fees.icu",
            phone="+44 161 496 0123",
            url="https://pay.parcel-fees.icu/{ticket}",
            ip="9.9.9.10",
        ),
    )
    assert campaign_of(lottery) != campaign_of(parcel)
    assert CampaignMember.objects.get(evidence=parcel).reasons == [{"link": LinkKind.FIRST}]


def test_the_same_template_sent_by_another_operation_is_another_campaign(personas: Personas) -> None:
    ours = submit(personas.alice, email(number=1))
    theirs = submit(
        personas.alice,
        email(
            number=2,
            dropbox="payout@lucky-draws.cyou",
            phone="+44 113 496 0555",
            url="https://lucky-draws.cyou/claim?id={ticket}",
            ip="9.9.9.10",
        ),
    )
    assert campaign_of(ours) != campaign_of(theirs)


def test_a_close_copy_is_represented_by_the_indexed_report_and_later_copies_still_join(
    personas: Personas,
) -> None:
    first = submit(personas.alice, email(number=1))
    second = submit(personas.bob, email(number=2, ip="5.6.7.8"))
    assert BandBucket.objects.filter(evidence_id=first.pk).count() == BANDS
    # masked, the copy is the same text: the first report stands for it in the bucket index
    assert not BandBucket.objects.filter(evidence_id=second.pk).exists()
    assert ReportSignature.objects.get(evidence_id=second.pk).bands == b""
    third = submit(personas.alice, email(number=3, ip="7.7.7.7"))
    assert campaign_of(first) == campaign_of(second) == campaign_of(third)
    assert Campaign.objects.get(pk=campaign_of(first)).size == 3


def test_reports_moved_by_a_split_are_indexed_for_their_new_campaign(personas: Personas) -> None:
    reports = [submit(personas.alice, email(number=number)) for number in (1, 2)]
    assert not BandBucket.objects.filter(evidence_id=reports[1].pk).exists()
    moved = do_split_campaign(
        personas.alice, Campaign.objects.get(pk=campaign_of(reports[0])), [reports[1].pk]
    )
    rows = set(BandBucket.objects.filter(evidence_id=reports[1].pk).values_list("bucket", flat=True))
    assert len(rows) == BANDS
    assert set(_from_int64s(ReportSignature.objects.get(evidence_id=reports[1].pk).bands)) == rows
    assert campaign_of(reports[1]) == moved.pk
