"""The pipeline raises alerts by itself: intake, analysis, clustering, then the watches, with no call
of the matching action from the outside."""

from __future__ import annotations

import pytest
from django.core import mail

from lapnet.campaigns.models import CampaignMember
from lapnet.evidence.actions import submit_evidence
from lapnet.evidence.models import Channel
from lapnet.sharing.tlp import TLP
from lapnet.watching.actions import do_watch_campaign, do_watch_indicator
from lapnet.watching.models import Alert
from tests.personas import Personas
from tests.watching.support import message

pytestmark = pytest.mark.django_db(transaction=True)


def submitted(personas: Personas, n: int) -> int:
    assert personas.charlie.organisation is not None
    return submit_evidence(
        data=message(n),
        organisation=personas.charlie.organisation,
        submitted_by=personas.charlie,
        channel=Channel.API,
        tlp=TLP.GREEN,
        source_name=f"report-{n}.eml",
    ).evidence.pk


def test_an_indicator_watch_fires_from_the_intake_alone(personas: Personas) -> None:
    do_watch_indicator(personas.alice, "email", "claims-desk@lotto-claims.example")
    evidence_id = submitted(personas, 1)
    (alert,) = Alert.objects.filter(user=personas.alice)
    assert alert.evidence_id == evidence_id
    assert any(f"/evidence/{evidence_id}/" in sent.body for sent in mail.outbox)


def test_a_campaign_watch_fires_when_the_pipeline_clusters_a_report_into_the_campaign(
    personas: Personas,
) -> None:
    first = submitted(personas, 1)
    campaign = CampaignMember.objects.get(evidence_id=first).campaign
    do_watch_campaign(personas.alice, campaign)
    second = submitted(personas, 2)
    assert CampaignMember.objects.get(evidence_id=second).campaign_id == campaign.pk
    assert list(Alert.objects.filter(user=personas.alice).values_list("evidence_id", flat=True)) == [second]
