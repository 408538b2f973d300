"""Analysts rename, merge, split, annotate and mark campaigns; every action is audited; outsiders are
refused."""

from __future__ import annotations

import pytest

from lapnet.campaigns.actions import (
    CampaignActionError,
    CampaignPermissionError,
    do_annotate_campaign,
    do_mark_campaign,
    do_merge_campaigns,
    do_rename_campaign,
    do_split_campaign,
)
from lapnet.campaigns.models import Campaign, CampaignMember, CampaignNote, CampaignStatus, KeepApart
from lapnet.sharing.models import AuditEvent
from lapnet.sharing.tlp import TLP
from tests.campaigns.engine_support import PARCEL_EN, campaign_of, email, submit
from tests.personas import Personas

pytestmark = pytest.mark.django_db(transaction=True)


def _two_campaigns(personas: Personas) -> tuple[Campaign, Campaign]:
    first = submit(personas.alice, email(number=1))
    second = submit(
        personas.alice,
        email(
            template=PARCEL_EN,
            number=2,
            dropbox="d@parcel.icu",
            phone="+44 161 496 0123",
            url="https://parcel.icu/p",
            ip="9.9.9.9",
        ),
    )
    return Campaign.objects.get(pk=campaign_of(first)), Campaign.objects.get(pk=campaign_of(second))


def _audited(campaign_or_note: object, action: str) -> bool:
    return AuditEvent.objects.filter(
        object_id=str(campaign_or_note.pk), action=action, actor__username="alice"
    ).exists()  # type: ignore[attr-defined]


def test_each_analyst_action_is_applied_and_audited(personas: Personas) -> None:
    first, second = _two_campaigns(personas)
    renamed = do_rename_campaign(personas.alice, first, "  Euro lottery  claims ")
    assert renamed.name == "Euro lottery claims" and renamed.name_set_by_analyst
    assert _audited(first, "change")
    note = do_annotate_campaign(personas.alice, first, "Drop box reported to the provider", tlp=TLP.GREEN)
    assert CampaignNote.objects.get().tlp == TLP.GREEN
    assert _audited(note, "create")
    marked = do_mark_campaign(personas.alice, first, CampaignStatus.CONFIRMED)
    assert marked.status == CampaignStatus.CONFIRMED
    assert _audited(first, "decide")
    merged = do_merge_campaigns(personas.alice, first, [second])
    assert merged.size == 2
    assert Campaign.objects.get(pk=second.pk).merged_into_id == first.pk
    assert set(CampaignMember.objects.values_list("campaign_id", flat=True)) == {first.pk}
    assert AuditEvent.objects.filter(object_id=str(first.pk), summary__startswith="merged").exists()


def test_a_split_moves_reports_pins_them_and_keeps_the_campaigns_apart(personas: Personas) -> None:
    reports = [submit(personas.alice, email(number=number)) for number in (1, 2, 3)]
    campaign = Campaign.objects.get(pk=campaign_of(reports[0]))
    moved = do_split_campaign(personas.alice, campaign, [reports[1].pk, reports[2].pk])
    assert moved.size == 2 and moved.created_by == personas.alice
    assert Campaign.objects.get(pk=campaign.pk).size == 1
    assert all(member.pinned for member in CampaignMember.objects.filter(campaign=moved))
    assert KeepApart.objects.filter(first_id=campaign.pk, second_id=moved.pk).exists()
    assert AuditEvent.objects.filter(
        object_id=str(campaign.pk), summary__startswith="moved 2 reports"
    ).exists()
    back = do_split_campaign(personas.alice, moved, [reports[2].pk], into=campaign)
    assert back.pk == campaign.pk and campaign_of(reports[2]) == campaign.pk


def test_outsiders_and_readers_who_cannot_see_the_reports_are_refused(personas: Personas) -> None:
    first, second = _two_campaigns(personas)  # AMBER reports of alice's organisation
    for user in (personas.charlie, personas.dave):
        with pytest.raises(CampaignPermissionError):
            do_rename_campaign(user, first, "mine now")
        with pytest.raises(CampaignPermissionError):
            do_merge_campaigns(user, first, [second])
        with pytest.raises(CampaignPermissionError):
            do_annotate_campaign(user, first, "note")
        with pytest.raises(CampaignPermissionError):
            do_mark_campaign(user, first, CampaignStatus.CLOSED)
    assert Campaign.objects.get(pk=first.pk).name != "mine now"
    assert not CampaignNote.objects.exists()


def test_an_analyst_may_move_only_reports_they_can_see(personas: Personas) -> None:
    mine = submit(personas.alice, email(number=1), tlp=TLP.GREEN)
    theirs = submit(personas.charlie, email(number=2), tlp=TLP.AMBER_STRICT)
    campaign = Campaign.objects.get(pk=campaign_of(mine))
    assert campaign_of(theirs) == campaign.pk
    with pytest.raises(CampaignPermissionError):
        do_split_campaign(personas.alice, campaign, [theirs.pk])
    assert campaign_of(theirs) == campaign.pk


def test_nonsense_requests_are_refused_with_a_reason(personas: Personas) -> None:
    first, _second = _two_campaigns(personas)
    with pytest.raises(CampaignActionError):
        do_merge_campaigns(personas.alice, first, [first])
    with pytest.raises(CampaignActionError):
        do_rename_campaign(personas.alice, first, "   ")
    with pytest.raises(CampaignActionError):
        do_split_campaign(personas.alice, first, [])
