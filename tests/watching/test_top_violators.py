"""Top violators: for a period, the campaigns and beneficiaries with the most reports, counted over
what the user may count and listing only what the user may see; values that are everywhere are left
out; the page costs a fixed number of queries.

charlie (Dutch regulator) reports; alice (French agency) reads the lists. The Dutch regulator's
AMBER reports count for alice only once it shares its numbers; its AMBER+STRICT and RED never do.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from lapnet.campaigns.models import Campaign
from lapnet.evidence.models import Evidence
from lapnet.sharing.tlp import TLP
from lapnet.watching.reports import Period, Scope, top_beneficiaries, top_campaigns
from tests.members.support import login
from tests.personas import Personas
from tests.watching.support import LOTTERY, PARCEL, campaign_of, report

pytestmark = pytest.mark.django_db

SHOWN = "shown@drop.example"  # GREEN reports: visible to alice
COUNTED_ONLY = "counted@drop.example"  # only AMBER reports: counted (when shared), never listed


def submit(
    personas: Personas,
    tlp: TLP,
    n: int,
    dropbox: str,
    *,
    template: str = LOTTERY,
    ago: timedelta | None = None,
) -> Evidence:
    return report(personas.charlie, tlp, n, dropbox=dropbox, template=template, ago=ago, match=False)


def week(personas: Personas) -> dict[str, Campaign]:
    green = [submit(personas, TLP.GREEN, n, SHOWN) for n in range(2)]
    amber = [submit(personas, TLP.AMBER, 10 + n, SHOWN) for n in range(3)]
    amber_only = [submit(personas, TLP.AMBER, 20 + n, COUNTED_ONLY) for n in range(4)]
    never = [
        submit(personas, TLP.AMBER_STRICT, 30, SHOWN),
        submit(personas, TLP.RED, 31, SHOWN),
    ]
    return {
        "lottery": campaign_of("Lottery", green + amber + never),
        "hidden": campaign_of("Hidden", amber_only),
    }


def beneficiaries(personas: Personas, user_name: str = "alice") -> dict[tuple[str, str], tuple[int, int]]:
    scope = Scope.of(getattr(personas, user_name))
    period = Period.last(7, timezone.now() + timedelta(seconds=1))
    return {(b.type, b.value): (b.reports, b.organisations) for b in top_beneficiaries(scope, period)}


def campaigns(personas: Personas, user_name: str = "alice") -> dict[str, int]:
    scope = Scope.of(getattr(personas, user_name))
    period = Period.last(7, timezone.now() + timedelta(seconds=1))
    return {c.campaign.name: c.reports for c in top_campaigns(scope, period)}


def test_only_countable_reports_are_counted_and_only_visible_ones_listed(personas: Personas) -> None:
    week(personas)
    found = beneficiaries(personas)
    assert found[("email", SHOWN)] == (2, 1), "GREEN only: AMBER, AMBER+STRICT and RED are not countable"
    assert ("email", COUNTED_ONLY) not in found
    assert campaigns(personas) == {"Lottery": 2}


def test_amber_numbers_count_once_the_owner_shares_them_but_are_never_listed_alone(
    personas: Personas,
) -> None:
    personas.acm.share_counts = True
    personas.acm.save()
    week(personas)
    found = beneficiaries(personas)
    assert found[("email", SHOWN)] == (5, 1), "GREEN and AMBER; never AMBER+STRICT or RED"
    assert ("email", COUNTED_ONLY) not in found, "counted, but none of its reports is visible"
    assert campaigns(personas) == {"Lottery": 5}


def test_the_owner_counts_everything_it_may_see(personas: Personas) -> None:
    week(personas)
    assert beneficiaries(personas, "charlie")[("email", SHOWN)] == (7, 1)
    assert campaigns(personas, "charlie") == {"Lottery": 7, "Hidden": 4}


def test_a_contributor_of_another_organisation_counts_nothing(personas: Personas) -> None:
    week(personas)
    assert beneficiaries(personas, "dave") == {}
    assert campaigns(personas, "dave") == {}


def test_the_most_reported_come_first_and_everywhere_values_are_left_out(personas: Personas) -> None:
    for n in range(3):
        submit(personas, TLP.GREEN, n, "fees@parcel-fee.example", template=PARCEL)
    submit(personas, TLP.GREEN, 9, "claims@lotto.example")
    found = list(beneficiaries(personas))
    assert found.index(("email", "fees@parcel-fee.example")) < found.index(("email", "claims@lotto.example"))
    assert ("domain", "parcel-fee.example") in found
    assert ("phone", "+442079460958") in found
    domains = {value for kind, value in found if kind == "domain"}
    assert not domains & {"gmail.com", "www.gmail.com", "bit.ly"}, "webmail and shorteners are everywhere"


def test_reports_outside_the_period_are_not_counted(personas: Personas) -> None:
    submit(personas, TLP.GREEN, 1, SHOWN)
    submit(personas, TLP.GREEN, 2, SHOWN, ago=timedelta(days=20))
    assert beneficiaries(personas)[("email", SHOWN)] == (1, 1)
    scope = Scope.of(personas.alice)
    month = top_beneficiaries(scope, Period.last(30, timezone.now() + timedelta(seconds=1)))
    assert {(b.value, b.reports) for b in month if b.type == "email"} >= {(SHOWN, 2)}


def test_the_page_shows_both_lists_for_a_chosen_period_in_a_fixed_number_of_queries(
    personas: Personas, django_assert_num_queries: object
) -> None:
    client = Client()
    login(client, personas.alice)
    week(personas)
    client.get(reverse("watching:top-violators"))
    with django_assert_num_queries(QUERIES):  # type: ignore[operator]
        page = client.get(reverse("watching:top-violators"), {"period": "7"})
    html = page.content.decode()
    assert page.status_code == 200
    assert SHOWN in html
    assert COUNTED_ONLY not in html
    assert "Lottery" in html
    assert "Hidden" not in html
    for n in range(5):
        submit(personas, TLP.GREEN, 40 + n, f"more-{n}@drop.example")
    with django_assert_num_queries(QUERIES):  # type: ignore[operator]
        client.get(reverse("watching:top-violators"), {"period": "7"})
    today = timezone.now().date().isoformat()
    custom = client.get(reverse("watching:top-violators"), {"period": "custom", "start": today, "end": today})
    assert SHOWN in custom.content.decode()


# session, user, second-factor device; the sharing partners twice (count and visibility filters);
# campaigns: the aggregate, the visible ones, their rows; beneficiaries: the aggregate, the visible
# values; the user's watches (the buttons); the user's organisation (navigation)
QUERIES = 12
