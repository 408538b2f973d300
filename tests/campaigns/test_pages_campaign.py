"""The campaign page: what it shows of a campaign whose reports the user may see."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from lapnet.sharing.models import AuditAction, AuditEvent
from lapnet.sharing.tlp import TLP
from tests.campaigns.support import PARCEL, PHARMA, campaign_of, client_for, report
from tests.members.test_pages_csp import assert_csp_clean
from tests.personas import Personas

pytestmark = pytest.mark.django_db


@pytest.fixture
def lottery(personas: Personas) -> object:
    reports = [report(personas.alice, TLP.GREEN, n) for n in range(4)]
    reports.append(report(personas.charlie, TLP.GREEN, 4))
    return campaign_of(*reports)


def test_it_shows_the_summary_of_the_visible_reports(personas: Personas, lottery: object) -> None:
    page = client_for(personas.alice).get(reverse("campaigns:detail", args=[lottery.pk]))
    assert page.status_code == 200
    body = page.content.decode()
    assert lottery.name and lottery.name in body
    assert "5 reports you may see" in body
    assert "lottery_or_prize" in body
    assert "DGCCRF (FR) — 4" in body and "ACM (NL) — 1" in body
    assert "claims-desk@lotto-claims.example" in body  # a top indicator
    assert_csp_clean(page)


def test_it_lists_jurisdictions_with_their_reasons(personas: Personas, lottery: object) -> None:
    body = client_for(personas.alice).get(reverse("campaigns:detail", args=[lottery.pk])).content.decode()
    row = re.search(r'<tr class="jurisdiction" data-country="GB">.*?</tr>', body, re.DOTALL)
    assert row, body
    assert "origin_ip" in row.group(0) or "phone" in row.group(0)


def test_it_charts_the_reports_over_time(personas: Personas, lottery: object) -> None:
    body = client_for(personas.alice).get(reverse("campaigns:detail", args=[lottery.pk])).content.decode()
    svg = re.search(r'<svg class="volume-chart".*?</svg>', body, re.DOTALL)
    assert svg
    bars = re.findall(r'<rect class="bar"[^>]*height="([\d.]+)"', svg.group(0))
    assert bars and max(float(h) for h in bars) > 0
    assert ": 5</title>" in svg.group(0)  # all five reports arrived today


def test_it_marks_the_varying_parts_of_the_common_text(personas: Personas, lottery: object) -> None:
    body = client_for(personas.alice).get(reverse("campaigns:detail", args=[lottery.pk])).content.decode()
    template = re.search(r'<p class="template">(.*?)</p>', body, re.DOTALL)
    assert template
    text = template.group(1)
    assert "Congratulations! Your e-mail address has won" in text
    slots = re.findall(r'<mark class="slot"[^>]*>(.*?)</mark>', text)
    assert any("GBP" not in slot and "," in slot for slot in slots)  # the amount varies
    assert "Dear" in text and "<mark" in text.split("Dear", 1)[1][:40]  # so does the name


def test_sample_reports_link_to_their_evidence_pages(personas: Personas, lottery: object) -> None:
    body = client_for(personas.alice).get(reverse("campaigns:detail", args=[lottery.pk])).content.decode()
    for member in lottery.members.all():
        assert reverse("evidence:detail", args=[member.evidence_id]) in body
    assert "First report of the campaign" in body and "Near-duplicate content" in body


def test_viewing_a_campaign_is_audited(personas: Personas, lottery: object) -> None:
    client_for(personas.bob).get(reverse("campaigns:detail", args=[lottery.pk]))
    event = AuditEvent.objects.filter(action=AuditAction.VIEW, object_type="campaigns.campaign").get()
    assert event.actor == personas.bob and event.object_id == str(lottery.pk)


def test_correlated_campaigns_sharing_an_indicator_are_linked(personas: Personas, lottery: object) -> None:
    # another operation sent from the lottery's sender address (a From address links no reports in
    # the engine: it is forged at will; here it is a lead for the analyst)
    parcel = campaign_of(
        *(
            report(personas.alice, TLP.GREEN, n, template=PARCEL, sender="winner@prize-office.example")
            for n in range(2)
        )
    )
    unrelated = campaign_of(report(personas.alice, TLP.GREEN, 7, template=PHARMA))
    assert len({lottery.pk, parcel.pk, unrelated.pk}) == 3
    body = client_for(personas.alice).get(reverse("campaigns:detail", args=[lottery.pk])).content.decode()
    correlated = re.search(r'<ul class="correlated">(.*?)</ul>', body, re.DOTALL).group(1)
    assert f'data-id="{parcel.pk}"' in correlated
    assert "winner@prize-office.example" in correlated
    assert f'data-id="{unrelated.pk}"' not in correlated


def test_the_evidence_page_links_to_its_campaign(personas: Personas, lottery: object) -> None:
    member = lottery.members.first()
    body = (
        client_for(personas.alice).get(reverse("evidence:detail", args=[member.evidence_id])).content.decode()
    )
    assert f'href="{reverse("campaigns:detail", args=[lottery.pk])}"' in body
