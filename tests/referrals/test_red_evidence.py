"""TLP:RED evidence does not go to an organisation in another country without an explicit override,
and the override is written to the audit log."""

from __future__ import annotations

from typing import Any

import pytest

from lapnet.members.models import Role
from lapnet.referrals import actions
from lapnet.referrals.models import ReferralEvidence
from lapnet.sharing.models import AuditEvent
from lapnet.sharing.tlp import TLP
from tests.personas import Personas, make_organisation, make_user
from tests.referrals.support import Network, submit_lottery

pytestmark = pytest.mark.django_db


@pytest.fixture
def red(personas: Personas, django_capture_on_commit_callbacks: Any) -> Any:
    return submit_lottery(personas.alice, TLP.RED, django_capture_on_commit_callbacks, salt="red")


def test_red_evidence_is_refused_for_a_foreign_organisation_without_override(
    personas: Personas, network: Network, red: Any
) -> None:
    with pytest.raises(actions.ReferralError, match="TLP:RED"):
        actions.do_draft_referral(
            personas.alice,
            title="RED abroad",
            evidence=[red],
            fields={"requested_organisation": personas.acm},
        )
    assert not ReferralEvidence.objects.exists()


def test_an_override_needs_a_reason(personas: Personas, network: Network, red: Any) -> None:
    with pytest.raises(actions.ReferralError, match="needs a reason"):
        actions.do_draft_referral(
            personas.alice,
            title="RED abroad",
            evidence=[red],
            fields={"requested_organisation": personas.acm},
            override_red=True,
        )


def test_the_override_is_stored_and_audited(personas: Personas, network: Network, red: Any) -> None:
    referral = actions.do_draft_referral(
        personas.alice,
        title="RED abroad",
        evidence=[red],
        fields={"requested_organisation": personas.acm},
        override_red=True,
        override_reason="Imminent harm to Dutch consumers; the reporter agreed.",
    )
    link = ReferralEvidence.objects.get(referral=referral)
    assert link.red_override and link.red_override_reason.startswith("Imminent harm")
    entry = AuditEvent.objects.get(action="decide", object_id=str(referral.pk), detail__override_red=True)
    assert entry.actor == personas.alice
    assert entry.detail["evidence"] == red.pk
    assert "Imminent harm" in entry.summary
    actions.do_send_referral(personas.alice, referral)


def test_red_evidence_attached_before_a_foreign_recipient_was_chosen_needs_the_override_to_be_sent(
    personas: Personas, network: Network, red: Any
) -> None:
    referral = actions.do_draft_referral(personas.alice, title="RED, no recipient yet", evidence=[red])
    with pytest.raises(actions.ReferralError, match="TLP:RED"):
        actions.do_update_draft(personas.alice, referral, {"requested_organisation": personas.acm})
    referral = actions.do_update_draft(
        personas.alice,
        referral,
        {"requested_organisation": personas.acm},
        override_red=True,
        override_reason="Agreed with the reporter.",
    )
    assert AuditEvent.objects.filter(action="decide", detail__override_red=True).count() == 1
    actions.do_send_referral(personas.alice, referral)


def test_red_evidence_may_go_to_an_organisation_of_the_same_country(personas: Personas, red: Any) -> None:
    cnil = make_organisation(
        "Commission nationale de l'informatique et des libertés", "cnil", "enforcement", "FR"
    )
    make_user("camille", cnil, Role.ANALYST)
    referral = actions.do_draft_referral(
        personas.alice, title="RED at home", evidence=[red], fields={"requested_organisation": cnil}
    )
    actions.do_send_referral(personas.alice, referral)
    assert not ReferralEvidence.objects.get(referral=referral).red_override


def test_nobody_attaches_evidence_they_may_not_see(personas: Personas, network: Network, red: Any) -> None:
    with pytest.raises(actions.ReferralError, match="cannot be attached"):
        actions.do_draft_referral(
            personas.bob, title="Not mine", evidence=[red], fields={"requested_organisation": personas.acm}
        )
