"""Clustering is queued when an analysis succeeds, and records the member columns of the report."""

from __future__ import annotations

import pytest

from lapnet.campaigns.models import CampaignMember, ReportSignature
from lapnet.sharing.tlp import TLP
from tests.campaigns.engine_support import email, submit
from tests.personas import Personas

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_analysed_report_is_clustered_with_its_marking_and_owner(personas: Personas) -> None:
    evidence = submit(personas.charlie, email(number=1), tlp=TLP.GREEN)
    member = CampaignMember.objects.get(evidence=evidence)
    assert (member.organisation_id, member.tlp, member.submitted_by_id) == (
        personas.acm.pk,
        TLP.GREEN,
        personas.charlie.pk,
    )
    assert (member.country, member.channel, member.category) == ("NL", "email", "lottery_or_prize")
    assert member.origin_country == evidence.origin_country
    signature = ReportSignature.objects.get(evidence=evidence)
    assert signature.minhash is not None
    assert ["dropbox", "claims.agent@prize-desk.top"] in signature.keys
    assert ["phone", "+442079460958"] in signature.keys
