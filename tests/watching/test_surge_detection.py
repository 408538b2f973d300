"""Surge detection over the database: a beneficiary and a campaign whose reports of the last week
jump against their own eight weeks before are flagged, with their baseline; steady ones are not;
only what the user may count is counted and only what it may see is listed."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from lapnet.evidence.models import Evidence
from lapnet.sharing.tlp import TLP
from lapnet.watching.reports import Scope, beneficiary_surges, campaign_surges
from tests.members.support import login
from tests.personas import Personas
from tests.watching.support import LOTTERY, PARCEL, campaign_of, report

pytestmark = pytest.mark.django_db

SURGING = "surging@drop.example"
STEADY = "fees@parcel-fee.example"


def submit(
    personas: Personas, n: int, dropbox: str, days_ago: float, tlp: TLP = TLP.GREEN, template: str = LOTTERY
) -> Evidence:
    ago = timedelta(days=days_ago)
    return report(personas.charlie, tlp, n, dropbox=dropbox, template=template, ago=ago, match=False)


def history(personas: Personas) -> None:
    """STEADY: three parcel reports a week for eight weeks, five this week. SURGING: one lottery report
    eight weeks ago, six this week. Each in its own campaign."""
    steady, surging = [], []
    for week in range(1, 9):
        for k in range(3):
            steady.append(submit(personas, 100 + week * 10 + k, STEADY, 7 * week + 1 + k, template=PARCEL))
    for k in range(5):
        steady.append(submit(personas, 200 + k, STEADY, 1 + k * 0.5, template=PARCEL))
    surging.append(submit(personas, 300, SURGING, 7 * 8 + 2))
    for k in range(6):
        surging.append(submit(personas, 310 + k, SURGING, 0.5 + k * 0.5))
    campaign_of("Parcel fees", steady)
    campaign_of("Lottery", surging)


def test_a_jump_is_flagged_with_its_baseline_and_steady_volume_is_not(personas: Personas) -> None:
    history(personas)
    scope = Scope.of(personas.alice)
    now = timezone.now()
    found = {(s.type, s.value): s.assessment for s in beneficiary_surges(scope, now)}
    assert ("email", STEADY) not in found
    assert ("domain", "parcel-fee.example") not in found
    surge = found[("email", SURGING)]
    assert surge.recent == 6
    assert surge.weekly == (0, 0, 0, 0, 0, 0, 0, 1)
    assert [s.campaign.name for s in campaign_surges(scope, now)] == ["Lottery"]


def test_reports_the_user_may_not_count_do_not_make_a_surge(personas: Personas) -> None:
    for k in range(6):
        submit(personas, 400 + k, SURGING, 1 + k * 0.5, tlp=TLP.AMBER)
    assert beneficiary_surges(Scope.of(personas.alice), timezone.now()) == []
    owner_sees = {(s.type, s.value) for s in beneficiary_surges(Scope.of(personas.charlie), timezone.now())}
    assert ("email", SURGING) in owner_sees


def test_the_page_shows_surges_with_their_baseline(
    personas: Personas, django_assert_num_queries: object
) -> None:
    history(personas)
    client = Client()
    login(client, personas.alice)
    client.get(reverse("watching:list-surges"))
    with django_assert_num_queries(QUERIES):  # type: ignore[operator]
        page = client.get(reverse("watching:list-surges"))
    html = page.content.decode()
    assert SURGING in html
    assert STEADY not in html
    assert "0 0 0 0 0 0 0 1" in html, "the baseline weeks, newest first"


# session, user, second-factor device; the sharing partners twice; campaigns: recent counts, baseline
# weeks, visible ones, their rows; beneficiaries: recent counts, baseline weeks, visible values;
# the user's watches (buttons); the user's organisation (navigation)
QUERIES = 14
