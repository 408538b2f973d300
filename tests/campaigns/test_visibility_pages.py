"""A campaign shown to a user is built only from the reports that user may see; reports of other
organisations are counted only where the owner's marking allows it, and never described.

One operation reported by two agencies: alice (French agency) reported two copies as TLP:GREEN;
charlie (Dutch regulator, which shares its AMBER counts) reported three more, as AMBER, AMBER+STRICT
and RED, with a Dutch phone number in them that alice's copies do not carry.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.urls import reverse

from lapnet.campaigns import access, actions, queries
from lapnet.campaigns.models import Campaign
from lapnet.sharing.tlp import TLP
from tests.campaigns.support import PARCEL, PHARMA, campaign_of, client_for, report
from tests.personas import Personas

pytestmark = pytest.mark.django_db

DUTCH_PHONE = "+31 20 794 0000"


@dataclass
class World:
    campaign: Campaign
    alice_ids: list[int]
    charlie_ids: list[int]


@pytest.fixture
def world(personas: Personas) -> World:
    personas.acm.share_counts = True
    personas.acm.save()
    mine = [report(personas.alice, TLP.GREEN, n) for n in range(2)]
    theirs = [
        report(personas.charlie, tlp, n, phone=DUTCH_PHONE)
        for n, tlp in ((5, TLP.AMBER), (6, TLP.AMBER_STRICT), (7, TLP.RED))
    ]
    campaign = campaign_of(*mine, *theirs)
    return World(campaign, [e.pk for e in mine], [e.pk for e in theirs])


# visible reports and counted-only reports of the campaign, per user
EXPECTED = {
    "alice": (2, 1),  # her GREEN; charlie's AMBER counted (ACM shares counts), never STRICT or RED
    "bob": (2, 1),
    "carol": (2, 1),
    "charlie": (5, 0),  # all of his own (RED: he submitted it) and alice's GREEN
    "erin": (2, 1),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_user_sees_and_counts_what_the_markings_allow(
    personas: Personas, world: World, name: str
) -> None:
    user = getattr(personas, name)
    shown, counted = EXPECTED[name]
    campaign = access.access_campaign(user, world.campaign.pk)
    assert (campaign.visible_size, campaign.countable_size - campaign.visible_size) == (shown, counted)
    [row] = queries.list_rows(user, list(queries.campaign_list(user)))
    assert (row.size, row.more) == (shown, counted)
    page = client_for(user).get(reverse("campaigns:detail", args=[world.campaign.pk]))
    body = page.content.decode()
    assert f"{shown} reports you may see" in body
    if counted:
        assert f"{counted} more report from other organisations" in body
    else:
        assert "more report" not in body


def test_other_organisations_hidden_reports_are_not_described(personas: Personas, world: World) -> None:
    body = (
        client_for(personas.alice).get(reverse("campaigns:detail", args=[world.campaign.pk])).content.decode()
    )
    assert "ACM" not in body and "Autoriteit" not in body, "the owner of hidden reports is not named"
    assert "NL — " not in body and "(NL)" not in body, "nor their country"
    assert "+31207940000" not in body, "nor their indicators"
    assert 'data-country="NL"' not in body, "nor the jurisdictions only they point to"
    assert "Claire" not in body and "Hugo" not in body, "nor their text"
    for pk in world.charlie_ids:
        assert reverse("evidence:detail", args=[pk]) not in body
    for pk in world.alice_ids:
        assert reverse("evidence:detail", args=[pk]) in body


def test_the_owner_sees_its_own_reports_described(personas: Personas, world: World) -> None:
    body = (
        client_for(personas.charlie)
        .get(reverse("campaigns:detail", args=[world.campaign.pk]))
        .content.decode()
    )
    assert "ACM (NL) — 3" in body and "DGCCRF (FR) — 2" in body
    assert "+31207940000" in body
    assert 'data-country="NL"' in body


def test_a_user_who_may_see_no_report_gets_404(personas: Personas, world: World) -> None:
    strict_only = campaign_of(report(personas.charlie, TLP.AMBER_STRICT, 8, template=PARCEL))
    assert (
        client_for(personas.alice).get(reverse("campaigns:detail", args=[strict_only.pk])).status_code == 404
    )
    assert (
        client_for(personas.charlie).get(reverse("campaigns:detail", args=[strict_only.pk])).status_code
        == 200
    )
    # dave (a contributor of a third organisation) sees none of the first campaign's reports either
    assert (
        client_for(personas.dave).get(reverse("campaigns:detail", args=[world.campaign.pk])).status_code
        == 404
    )
    assert client_for(personas.dave).get(reverse("campaigns:detail", args=[999_999])).status_code == 404


def test_a_countable_report_alone_does_not_open_a_campaign(personas: Personas) -> None:
    personas.acm.share_counts = True
    personas.acm.save()
    amber = campaign_of(report(personas.charlie, TLP.AMBER, 1, template=PARCEL))
    assert client_for(personas.alice).get(reverse("campaigns:detail", args=[amber.pk])).status_code == 404
    assert amber not in access.campaigns_visible_to(personas.alice)


def test_the_list_shows_only_campaigns_with_a_visible_report(personas: Personas, world: World) -> None:
    hidden = campaign_of(report(personas.charlie, TLP.RED, 9, template=PHARMA))
    body = client_for(personas.bob).get(reverse("campaigns:list")).content.decode()
    assert f'data-id="{world.campaign.pk}"' in body
    assert f'data-id="{hidden.pk}"' not in body and hidden.name not in body
    assert (
        client_for(personas.dave).get(reverse("campaigns:list")).content.decode().count('class="campaign"')
        == 0
    )


def test_notes_are_shown_as_their_marking_allows(personas: Personas, world: World) -> None:
    actions.do_annotate_campaign(personas.alice, world.campaign, "Paid via a French mule", tlp=TLP.AMBER)
    actions.do_annotate_campaign(personas.alice, world.campaign, "Public warning issued", tlp=TLP.CLEAR)
    bob = client_for(personas.bob).get(reverse("campaigns:detail", args=[world.campaign.pk])).content.decode()
    charlie = (
        client_for(personas.charlie)
        .get(reverse("campaigns:detail", args=[world.campaign.pk]))
        .content.decode()
    )
    assert "Paid via a French mule" in bob and "Public warning issued" in bob
    assert "Paid via a French mule" not in charlie and "Public warning issued" in charlie


def test_correlated_campaigns_are_listed_only_when_visible(personas: Personas, world: World) -> None:
    # another operation from the lottery's sender address, reported by charlie as AMBER+STRICT
    other = campaign_of(
        report(personas.charlie, TLP.AMBER_STRICT, 1, template=PARCEL, sender="winner@prize-office.example")
    )
    assert other != world.campaign
    url = reverse("campaigns:detail", args=[world.campaign.pk])
    assert f'data-id="{other.pk}"' in client_for(personas.charlie).get(url).content.decode()
    assert f'data-id="{other.pk}"' not in client_for(personas.alice).get(url).content.decode()


def test_a_merged_campaign_forwards_to_the_survivor_when_visible(personas: Personas, world: World) -> None:
    parcel = campaign_of(report(personas.alice, TLP.GREEN, 1, template=PARCEL))
    actions.do_merge_campaigns(personas.alice, world.campaign, [parcel])
    response = client_for(personas.bob).get(reverse("campaigns:detail", args=[parcel.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("campaigns:detail", args=[world.campaign.pk])
    assert client_for(personas.dave).get(reverse("campaigns:detail", args=[parcel.pk])).status_code == 404
    assert parcel not in access.campaigns_visible_to(personas.bob)


def test_the_name_shown_comes_from_visible_reports_unless_an_analyst_chose_it(
    personas: Personas, world: World
) -> None:
    # the engine names a campaign from all its reports: that name may come from hidden ones
    Campaign.objects.filter(pk=world.campaign.pk).update(name="hidden-only.example")
    client = client_for(personas.alice)
    page = client.get(reverse("campaigns:detail", args=[world.campaign.pk])).content.decode()
    listing = client.get(reverse("campaigns:list")).content.decode()
    assert "hidden-only.example" not in page and "hidden-only.example" not in listing
    assert "lotto-claims.example" in page.split("</h1>")[0]
    actions.do_rename_campaign(personas.charlie, world.campaign, "Dutch-French lottery")
    assert "Dutch-French lottery" in client.get(reverse("campaigns:list")).content.decode()
