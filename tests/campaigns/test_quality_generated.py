"""On generated campaigns with ground truth, the clustering reaches a pairwise F1 of at least 0.95."""

from __future__ import annotations

import pytest

from lapnet.analysis.types import Kind
from lapnet.campaigns.models import CampaignMember
from lapnet.clustering.quality import pairwise_scores
from tests.campaigns.engine_support import submit
from tests.personas import Personas

pytestmark = pytest.mark.django_db(transaction=True)


def test_generated_campaigns_are_found_with_an_f1_of_at_least_0_95(personas: Personas) -> None:
    from lapnet.generator.generate import iter_reports

    ids, truth = [], []
    for report in iter_reports(campaigns=12, reports=240, seed=11):
        evidence = submit(personas.alice, report.data, kind=Kind.SMS if report.channel == "sms" else None)
        ids.append(evidence.pk)
        truth.append(report.campaign_id)
    found = dict(CampaignMember.objects.values_list("evidence_id", "campaign_id"))
    scores = pairwise_scores(truth, [found[evidence_id] for evidence_id in ids])
    assert scores.precision >= 0.95, scores
    assert scores.recall >= 0.95, scores
    assert scores.f1 >= 0.95, scores
    assert scores.adjusted_rand >= 0.9, scores
