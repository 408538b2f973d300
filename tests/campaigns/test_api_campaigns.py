"""GET /api/campaigns and /api/campaigns/{id}: the same visibility as the pages."""

from __future__ import annotations

import pytest
from django.test import Client

from lapnet.accounts.models import ApiToken
from lapnet.campaigns import actions
from lapnet.campaigns.models import Campaign
from lapnet.members.models import User
from lapnet.sharing.models import AuditAction, AuditEvent
from lapnet.sharing.tlp import TLP
from tests.campaigns.support import PARCEL, campaign_of, report
from tests.personas import Personas

pytestmark = pytest.mark.django_db


def get(user: User, url: str) -> object:
    _, secret = ApiToken.issue(user, "test")
    return Client().get(url, headers={"authorization": f"Bearer {secret}"})


@pytest.fixture
def lottery(personas: Personas) -> Campaign:
    personas.acm.share_counts = True
    personas.acm.save()
    mine = [report(personas.alice, TLP.GREEN, n) for n in range(3)]
    theirs = [report(personas.charlie, TLP.AMBER, 5), report(personas.charlie, TLP.RED, 6)]
    return campaign_of(*mine, *theirs)


def test_the_list_counts_only_what_the_user_may_see_or_count(personas: Personas, lottery: Campaign) -> None:
    response = get(personas.alice, "/api/campaigns")
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 1
    [campaign] = data["campaigns"]
    assert (campaign["id"], campaign["reports"], campaign["more_reports"]) == (lottery.pk, 3, 1)
    assert campaign["countries"] == ["FR"]
    assert get(personas.charlie, "/api/campaigns").json()["campaigns"][0]["reports"] == 5


def test_the_list_filters_like_the_page(personas: Personas, lottery: Campaign) -> None:
    parcel = campaign_of(report(personas.charlie, TLP.GREEN, 1, template=PARCEL))
    ids = [c["id"] for c in get(personas.alice, "/api/campaigns?sort=name").json()["campaigns"]]
    assert sorted(ids) == sorted([lottery.pk, parcel.pk])
    from_nl = get(personas.alice, "/api/campaigns?country=nl").json()["campaigns"]
    assert [c["id"] for c in from_nl] == [parcel.pk]
    large = get(personas.alice, "/api/campaigns?min_size=2").json()["campaigns"]
    assert [c["id"] for c in large] == [lottery.pk]


def test_the_detail_is_built_from_visible_reports(personas: Personas, lottery: Campaign) -> None:
    response = get(personas.alice, f"/api/campaigns/{lottery.pk}")
    assert response.status_code == 200
    data = response.json()
    assert (data["reports"], data["more_reports"]) == (3, 1)
    assert list(data["organisations"]) == ["DGCCRF (FR)"]
    assert len(data["evidence"]) == 3
    assert any(segment["varying"] for segment in data["template"])
    assert any(i["value"] == "claims-desk@lotto-claims.example" for i in data["indicators"])
    assert AuditEvent.objects.filter(
        action=AuditAction.VIEW, channel="api", object_id=str(lottery.pk)
    ).exists()


def test_a_campaign_without_a_visible_report_is_404(personas: Personas, lottery: Campaign) -> None:
    secret = campaign_of(report(personas.charlie, TLP.AMBER_STRICT, 1, template=PARCEL))
    assert get(personas.alice, f"/api/campaigns/{secret.pk}").status_code == 404
    assert get(personas.dave, f"/api/campaigns/{lottery.pk}").status_code == 404
    assert get(personas.dave, "/api/campaigns").json() == {"count": 0, "campaigns": []}


def test_a_merged_campaign_answers_with_the_survivor(personas: Personas, lottery: Campaign) -> None:
    parcel = campaign_of(report(personas.alice, TLP.GREEN, 1, template=PARCEL))
    actions.do_merge_campaigns(personas.alice, lottery, [parcel])
    assert get(personas.bob, f"/api/campaigns/{parcel.pk}").json()["id"] == lottery.pk


def test_the_api_needs_a_token(lottery: Campaign) -> None:
    assert Client().get("/api/campaigns").status_code == 401
