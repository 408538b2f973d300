"""A link key's first campaign and first content group live in its frequency row; KeyCampaign and
KeyGroup hold only the further ones, and are read only for keys that have them."""

from __future__ import annotations

import pytest

from lapnet.campaigns.actions import do_split_campaign
from lapnet.campaigns.models import Campaign, KeyCampaign, KeyFrequency, KeyGroup
from lapnet.clustering.links import key_of
from tests.campaigns.engine_support import PARCEL_EN, campaign_of, email, submit
from tests.personas import Personas

pytestmark = pytest.mark.django_db(transaction=True)

DROPBOX = key_of("dropbox", "claims.agent@prize-desk.top")


def test_keys_of_one_campaign_need_no_key_campaign_or_group_rows(personas: Personas) -> None:
    first, second = (submit(personas.alice, email(number=number)) for number in (1, 2))
    assert campaign_of(first) == campaign_of(second)
    frequency = KeyFrequency.objects.get(key=DROPBOX)
    assert frequency.campaign_id == campaign_of(first)
    assert frequency.evidence_id == first.pk
    assert frequency.content_group == first.pk  # the first report of the template
    assert (frequency.reports, frequency.groups, frequency.shared) == (2, 1, False)
    assert not KeyCampaign.objects.exists()
    assert not KeyGroup.objects.exists()


def test_a_key_moved_to_a_second_campaign_is_shared_and_leads_there(personas: Personas) -> None:
    reports = [submit(personas.alice, email(number=number)) for number in (1, 2, 3)]
    campaign = Campaign.objects.get(pk=campaign_of(reports[0]))
    moved = do_split_campaign(personas.alice, campaign, [reports[1].pk, reports[2].pk])
    frequency = KeyFrequency.objects.get(key=DROPBOX)
    assert frequency.shared and frequency.campaign_id == campaign.pk
    assert KeyCampaign.objects.filter(key=DROPBOX, campaign_id=moved.pk).exists()
    # another template, the same drop box: both campaigns are linked (kept apart, so no merge) and it
    # joins the larger, the one the split made, which only KeyCampaign names
    other = submit(
        personas.alice, email(template=PARCEL_EN, number=4, url="https://parcel.icu/p", ip="9.9.9.9")
    )
    assert campaign_of(other) == moved.pk
    assert Campaign.objects.get(pk=campaign.pk).merged_into_id is None


def test_a_second_template_with_a_key_is_counted_in_key_group(personas: Personas) -> None:
    first = submit(personas.alice, email(number=1))
    # another template whose other beneficiaries are its own: the drop box's second group
    other = submit(
        personas.alice,
        email(
            template=PARCEL_EN, number=2, url="https://parcel.icu/p", phone="+44 161 496 0123", ip="9.9.9.9"
        ),
    )
    assert campaign_of(first) == campaign_of(other)  # the drop box joins them
    frequency = KeyFrequency.objects.get(key=DROPBOX)
    assert frequency.content_group == first.pk
    groups = set(KeyGroup.objects.filter(key=DROPBOX).values_list("content_group", flat=True))
    assert frequency.groups == 2
    assert groups == {other.pk}
