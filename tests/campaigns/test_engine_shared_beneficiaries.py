"""A shared drop box or phone number joins reports across languages and channels."""

from __future__ import annotations

import pytest

from lapnet.analysis.types import Kind
from lapnet.campaigns.models import CampaignMember, LinkKind
from tests.campaigns.engine_support import LOTTERY_FR, PARCEL_EN, campaign_of, email, sms, submit
from tests.personas import Personas

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_shared_drop_box_joins_reports_in_two_languages(personas: Personas) -> None:
    english = submit(
        personas.alice, email(number=1, url="https://one.prize-desk.top/x", phone="+44 20 7946 0001")
    )
    french = submit(
        personas.charlie,
        email(
            template=LOTTERY_FR,
            subject="Avis de gain : {ref}",
            number=2,
            url="https://gains-loterie.top/f",
            phone="+33 1 99 00 12 34",
            ip="9.9.9.10",
        ),
    )
    assert campaign_of(english) == campaign_of(french)
    reasons = CampaignMember.objects.get(evidence=french).reasons
    assert {
        "link": LinkKind.BENEFICIARY,
        "evidence": english.pk,
        "kind": "dropbox",
        "value": "claims.agent@prize-desk.top",
    } in reasons


def test_an_email_and_an_sms_with_the_same_phone_number_join(personas: Personas) -> None:
    letter = submit(personas.alice, email(number=1))
    text = submit(
        personas.charlie,
        sms("Congratulations! Your number won 750,000 EUR. Call +44 20 7946 0958 now to claim your prize."),
        kind=Kind.SMS,
    )
    assert text.kind == "sms"
    assert campaign_of(letter) == campaign_of(text)
    member = CampaignMember.objects.get(evidence=text)
    assert member.channel == "sms"
    assert any(reason.get("kind") == "phone" for reason in member.reasons)


def test_a_report_sharing_only_a_sending_network_does_not_join(personas: Personas) -> None:
    lottery = submit(personas.alice, email(number=1, ip="81.2.69.160"))
    parcel = submit(
        personas.alice,
        email(
            template=PARCEL_EN,
            number=3,
            dropbox="depot@parcel-fees.icu",
            phone="+44 161 496 0123",
            url="https://pay.parcel-fees.icu/{ticket}",
            ip="81.2.69.161",
        ),
    )
    assert campaign_of(lottery) != campaign_of(parcel)
