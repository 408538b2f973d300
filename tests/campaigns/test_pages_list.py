"""The list of campaigns: filters, sorting, and a bounded number of queries."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from lapnet.campaigns.models import Campaign, CampaignMember
from lapnet.evidence.models import Evidence
from lapnet.sharing.tlp import TLP
from tests.campaigns.support import PARCEL, PHARMA, campaign_of, client_for, report
from tests.members.test_pages_csp import assert_csp_clean
from tests.personas import Personas

pytestmark = pytest.mark.django_db


def backdate(campaign: Campaign, days: int) -> None:
    """Move a campaign's reports ``days`` into the past (the clock of a test is today)."""
    when = timezone.now() - timedelta(days=days)
    CampaignMember.objects.filter(campaign=campaign).update(seen_at=when)
    Evidence.objects.filter(campaign_membership__campaign=campaign).update(received_at=when)


@pytest.fixture
def three(personas: Personas) -> dict[str, Campaign]:
    lottery = campaign_of(*(report(personas.alice, TLP.GREEN, n) for n in range(3)))
    parcel = campaign_of(report(personas.charlie, TLP.GREEN, 1, template=PARCEL))
    pharma = campaign_of(*(report(personas.bob, TLP.AMBER, n, template=PHARMA) for n in range(2)))
    backdate(parcel, 40)
    backdate(pharma, 10)
    return {"lottery": lottery, "parcel": parcel, "pharma": pharma}


def listed(personas: Personas, query: str = "") -> list[int]:
    body = client_for(personas.alice).get(reverse("campaigns:list") + query).content.decode()
    return [int(pk) for pk in re.findall(r'<tr class="campaign" data-id="(\d+)"', body)]


def test_it_lists_the_latest_campaigns_first(personas: Personas, three: dict[str, Campaign]) -> None:
    assert listed(personas) == [three["lottery"].pk, three["pharma"].pk, three["parcel"].pk]


def test_it_sorts_by_size_and_by_name(personas: Personas, three: dict[str, Campaign]) -> None:
    assert listed(personas, "?sort=size") == [three["lottery"].pk, three["pharma"].pk, three["parcel"].pk]
    by_name = sorted(three.values(), key=lambda c: (c.name, c.pk))
    assert listed(personas, "?sort=name") == [c.pk for c in by_name]


def test_it_filters_by_category_country_channel_period_and_size(
    personas: Personas, three: dict[str, Campaign]
) -> None:
    lottery, parcel, pharma = three["lottery"], three["parcel"], three["pharma"]
    assert listed(personas, f"?category={lottery.category}") == [lottery.pk]
    assert listed(personas, "?country=NL") == [parcel.pk]
    assert listed(personas, "?channel=email") == [lottery.pk, pharma.pk, parcel.pk]
    since = (timezone.now() - timedelta(days=20)).date().isoformat()
    assert listed(personas, f"?since={since}") == [lottery.pk, pharma.pk]
    until = (timezone.now() - timedelta(days=5)).date().isoformat()
    assert listed(personas, f"?since={since}&until={until}") == [pharma.pk]
    assert listed(personas, "?min_size=2") == [lottery.pk, pharma.pk]
    assert listed(personas, "?origin_country=GB&min_size=3") == [lottery.pk]


def test_an_unknown_filter_value_filters_nothing(personas: Personas, three: dict[str, Campaign]) -> None:
    assert len(listed(personas, "?country=ZZ&sort=bogus&min_size=x")) == 3


def test_htmx_gets_the_results_only(personas: Personas, three: dict[str, Campaign]) -> None:
    response = client_for(personas.alice).get(
        reverse("campaigns:list") + "?country=NL", headers={"HX-Request": "true"}
    )
    body = response.content.decode()
    assert body.startswith('<div id="campaign-results">') and "<html" not in body
    assert f'data-id="{three["parcel"].pk}"' in body


def test_the_list_page_is_free_of_inline_code(personas: Personas, three: dict[str, Campaign]) -> None:
    assert_csp_clean(client_for(personas.alice).get(reverse("campaigns:list")))


def queries_of(client: object, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200  # type: ignore[attr-defined]
    return len(captured)


def test_the_list_and_the_page_take_as_many_queries_however_large(personas: Personas) -> None:
    small = campaign_of(report(personas.alice, TLP.GREEN, 0, template=PARCEL))
    client = client_for(personas.alice)
    list_url, small_url = reverse("campaigns:list"), reverse("campaigns:detail", args=[small.pk])
    client.get(list_url)  # the session is warm
    list_before, page_small = queries_of(client, list_url), queries_of(client, small_url)
    large = campaign_of(
        *(report(personas.alice, TLP.GREEN, n) for n in range(8)), report(personas.bob, TLP.GREEN, 9)
    )
    for n in range(3):
        campaign_of(report(personas.alice, TLP.GREEN, n, template=PHARMA, phone=f"+1 202 555 01{n}0"))
    assert queries_of(client, list_url) == list_before
    assert queries_of(client, reverse("campaigns:detail", args=[large.pk])) == page_small
    # sign-in (3), the sharing partners (2), then the page's own: filters, count, rows, breakdown ...,
    # and whether the user watches the campaign (the watch button)
    assert list_before <= 11 and page_small <= 16
