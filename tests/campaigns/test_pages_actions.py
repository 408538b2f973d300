"""The analyst's forms on the campaign page: each calls its action, which the audit log records, and
what an analyst decided survives the next report and a re-analysis."""

from __future__ import annotations

import pytest
from django.urls import reverse

from lapnet.campaigns import engine
from lapnet.campaigns.models import Campaign, CampaignMember, CampaignNote, CampaignStatus, KeepApart
from lapnet.evidence import actions as evidence_actions
from lapnet.members.models import Role
from lapnet.sharing.models import AuditAction, AuditEvent
from lapnet.sharing.tlp import TLP
from tests.campaigns.support import PARCEL, campaign_of, client_for, report
from tests.members.test_pages_csp import assert_csp_clean
from tests.personas import Personas, make_user

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


@pytest.fixture
def lottery(personas: Personas) -> Campaign:
    return campaign_of(*(report(personas.alice, TLP.GREEN, n) for n in range(4)))


def audited(action: AuditAction, campaign: Campaign) -> AuditEvent:
    return AuditEvent.objects.filter(
        action=action, object_type="campaigns.campaign", object_id=str(campaign.pk)
    ).get()


def test_an_analyst_sees_the_forms_and_a_contributor_does_not(personas: Personas, lottery: Campaign) -> None:
    url = reverse("campaigns:detail", args=[lottery.pk])
    page = client_for(personas.bob).get(url)
    assert reverse("campaigns:rename", args=[lottery.pk]) in page.content.decode()
    assert_csp_clean(page)
    viewer = make_user("victor", personas.dgccrf, Role.VIEWER)
    assert reverse("campaigns:rename", args=[lottery.pk]) not in client_for(viewer).get(url).content.decode()


def test_renaming_is_audited_and_kept_when_reports_arrive(personas: Personas, lottery: Campaign) -> None:
    response = client_for(personas.alice).post(
        reverse("campaigns:rename", args=[lottery.pk]), {"name": "UK lottery claims desk"}
    )
    assert response.status_code == 302
    lottery.refresh_from_db()
    assert lottery.name == "UK lottery claims desk" and lottery.name_set_by_analyst
    assert audited(AuditAction.CHANGE, lottery).actor == personas.alice
    later = report(personas.bob, TLP.GREEN, 5)
    assert campaign_of(later) == lottery
    lottery.refresh_from_db()
    assert lottery.name == "UK lottery claims desk"


def test_renaming_through_htmx_returns_the_new_header(personas: Personas, lottery: Campaign) -> None:
    response = client_for(personas.alice).post(
        reverse("campaigns:rename", args=[lottery.pk]), {"name": "Claims desk"}, headers=HTMX
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert body.startswith('<div id="campaign-header">') and "Claims desk" in body


def test_an_empty_name_is_refused(personas: Personas, lottery: Campaign) -> None:
    response = client_for(personas.alice).post(
        reverse("campaigns:rename", args=[lottery.pk]), {"name": "   "}, headers=HTMX
    )
    assert response.status_code == 400
    assert not AuditEvent.objects.filter(action=AuditAction.CHANGE).exists()


def test_marking_is_audited(personas: Personas, lottery: Campaign) -> None:
    response = client_for(personas.carol).post(
        reverse("campaigns:mark", args=[lottery.pk]), {"status": CampaignStatus.CONFIRMED}, headers=HTMX
    )
    assert response.status_code == 200 and "Confirmed by an analyst" in response.content.decode()
    lottery.refresh_from_db()
    assert lottery.status == CampaignStatus.CONFIRMED
    assert audited(AuditAction.DECIDE, lottery).actor == personas.carol


def test_a_viewer_may_not_act(personas: Personas, lottery: Campaign) -> None:
    viewer = make_user("victor", personas.dgccrf, Role.VIEWER)
    response = client_for(viewer).post(
        reverse("campaigns:mark", args=[lottery.pk]), {"status": CampaignStatus.CLOSED}
    )
    assert response.status_code == 403
    lottery.refresh_from_db()
    assert lottery.status == CampaignStatus.ACTIVE


def test_a_user_who_cannot_see_the_campaign_gets_404(personas: Personas, lottery: Campaign) -> None:
    secret = campaign_of(report(personas.charlie, TLP.AMBER_STRICT, 1, template=PARCEL))
    response = client_for(personas.alice).post(
        reverse("campaigns:rename", args=[secret.pk]), {"name": "Mine now"}
    )
    assert response.status_code == 404
    response = client_for(personas.alice).post(
        reverse("campaigns:merge", args=[lottery.pk]), {"others": str(secret.pk)}
    )
    assert response.status_code == 400
    assert f"no campaign {secret.pk} that you may see" in response.content.decode()
    secret.refresh_from_db()
    assert secret.merged_into_id is None


def test_annotating_adds_a_marked_note_and_returns_the_notes(personas: Personas, lottery: Campaign) -> None:
    response = client_for(personas.alice).post(
        reverse("campaigns:annotate", args=[lottery.pk]),
        {"text": "Same drop box as case 2026-114", "tlp": TLP.AMBER},
        headers=HTMX,
    )
    assert response.status_code == 200
    assert "Same drop box as case 2026-114" in response.content.decode()
    note = CampaignNote.objects.get()
    assert (note.tlp, note.organisation, note.submitted_by) == (TLP.AMBER, personas.dgccrf, personas.alice)
    assert AuditEvent.objects.filter(action=AuditAction.CREATE, object_type="campaigns.campaignnote").exists()


def test_merging_moves_the_reports_and_the_old_address_forwards(
    personas: Personas, lottery: Campaign
) -> None:
    parcel = campaign_of(report(personas.alice, TLP.GREEN, 1, template=PARCEL))
    client = client_for(personas.alice)
    response = client.post(reverse("campaigns:merge", args=[lottery.pk]), {"others": f"#{parcel.pk}"})
    assert response.status_code == 302 and response["Location"] == reverse(
        "campaigns:detail", args=[lottery.pk]
    )
    assert CampaignMember.objects.filter(campaign=lottery).count() == 5
    assert client.get(reverse("campaigns:detail", args=[parcel.pk]))["Location"] == response["Location"]
    assert audited(AuditAction.CHANGE, lottery).detail["merged"] == [parcel.pk]


def test_splitting_moves_ticked_reports_to_a_new_campaign_that_stays_apart(
    personas: Personas, lottery: Campaign
) -> None:
    moved = list(lottery.members.order_by("evidence_id").values_list("evidence_id", flat=True)[:2])
    response = client_for(personas.alice).post(
        reverse("campaigns:split", args=[lottery.pk]),
        {"evidence": [str(pk) for pk in moved], "new_name": "Second wave"},
    )
    assert response.status_code == 302
    new = Campaign.objects.get(name="Second wave")
    assert response["Location"] == reverse("campaigns:detail", args=[new.pk])
    assert sorted(new.members.values_list("evidence_id", flat=True)) == moved
    assert KeepApart.objects.filter(first=min(lottery, new, key=lambda c: c.pk)).exists()
    assert audited(AuditAction.CHANGE, lottery).detail["evidence"] == moved
    # a re-analysis and re-clustering of a moved report leaves it where the analyst put it
    evidence_actions.analyse(moved[0], force=True)
    engine.cluster_report(moved[0])
    assert CampaignMember.objects.get(evidence_id=moved[0]).campaign_id == new.pk


def test_a_split_cannot_take_reports_the_user_may_not_see(personas: Personas, lottery: Campaign) -> None:
    hidden = report(personas.charlie, TLP.AMBER, 6)
    assert campaign_of(hidden) == lottery
    response = client_for(personas.alice).post(
        reverse("campaigns:split", args=[lottery.pk]), {"evidence": str(hidden.pk)}
    )
    assert response.status_code == 403
    assert CampaignMember.objects.get(evidence=hidden).campaign_id == lottery.pk
