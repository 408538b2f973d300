"""A referral and its evidence are visible to the two organisations and the copied coordinator, and
to nobody else; the receiver sees the attached evidence through the referral only."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from lapnet.evidence.models import Evidence
from lapnet.members.models import Role
from lapnet.referrals import access, actions
from lapnet.referrals.models import Referral
from tests.personas import Personas, make_user
from tests.referrals.support import Network, login, sent_referral

pytestmark = pytest.mark.django_db


@pytest.fixture
def referral(network: Network, report: Evidence) -> Referral:
    return sent_referral(network, [report])


def pages(referral: Referral, evidence: Evidence) -> list[str]:
    return [
        reverse("referrals:detail", args=[referral.pk]),
        reverse("referrals:evidence", args=[referral.pk, evidence.pk]),
        reverse("referrals:evidence-raw", args=[referral.pk, evidence.pk]),
        reverse("referrals:pro-forma-json", args=[referral.pk]),
    ]


@pytest.mark.parametrize("username", ["alice", "bob", "carol", "charlie", "nora"])
def test_the_two_organisations_and_the_copied_coordinator_see_the_referral_and_its_evidence(
    personas: Personas, network: Network, referral: Referral, report: Evidence, username: str
) -> None:
    user = network.nora if username == "nora" else getattr(personas, username)
    client = login(Client(), user)
    for url in pages(referral, report):
        assert client.get(url).status_code == 200, url
    assert referral in access.visible_to(user)


@pytest.mark.parametrize("username", ["dave", "erin", "outsider"])
def test_everyone_else_gets_404(
    personas: Personas, network: Network, referral: Referral, report: Evidence, username: str
) -> None:
    user = (
        make_user("olga", personas.mailco, Role.ANALYST)
        if username == "outsider"
        else getattr(personas, username)
    )
    client = login(Client(), user)
    for url in pages(referral, report):
        assert client.get(url).status_code == 404, url
    assert not access.visible_to(user).exists()


def test_the_receiver_sees_the_evidence_through_the_referral_and_not_otherwise(
    personas: Personas, referral: Referral, report: Evidence
) -> None:
    charlie = login(Client(), personas.charlie)
    assert charlie.get(reverse("evidence:detail", args=[report.pk])).status_code == 404
    assert charlie.get(reverse("evidence:raw", args=[report.pk])).status_code == 404
    assert charlie.get(reverse("referrals:evidence", args=[referral.pk, report.pk])).status_code == 200


def test_evidence_not_attached_is_not_visible_through_the_referral(
    personas: Personas, referral: Referral, django_capture_on_commit_callbacks: object
) -> None:
    from tests.referrals.support import submit_lottery

    other = submit_lottery(personas.alice, capture=django_capture_on_commit_callbacks, salt="other")
    charlie = login(Client(), personas.charlie)
    assert charlie.get(reverse("referrals:evidence", args=[referral.pk, other.pk])).status_code == 404


def test_a_draft_is_seen_by_the_requesting_organisation_only(
    personas: Personas, network: Network, report: Evidence
) -> None:
    draft = actions.do_draft_referral(
        personas.alice, title="Draft", evidence=[report], fields={"requested_organisation": personas.acm}
    )
    assert login(Client(), personas.bob).get(reverse("referrals:detail", args=[draft.pk])).status_code == 200
    for user in (personas.charlie, network.nora):
        assert login(Client(), user).get(reverse("referrals:detail", args=[draft.pk])).status_code == 404


def test_readers_of_a_side_see_but_do_not_act(personas: Personas, referral: Referral) -> None:
    viewer = make_user("victor", personas.acm, Role.VIEWER)
    client = login(Client(), viewer)
    assert client.get(reverse("referrals:detail", args=[referral.pk])).status_code == 200
    response = client.post(reverse("referrals:step", args=[referral.pk, "acknowledge"]))
    assert response.status_code == 403
    referral.refresh_from_db()
    assert referral.status == "sent"


def test_the_copied_coordinator_reads_but_does_not_act_or_write(network: Network, referral: Referral) -> None:
    client = login(Client(), network.nora)
    assert client.post(reverse("referrals:step", args=[referral.pk, "accept"])).status_code == 403
    with pytest.raises(actions.ReferralError):
        actions.do_post_message(network.nora, referral, "May I?")


def test_contributors_see_no_referrals_even_their_own_organisations(
    personas: Personas, referral: Referral
) -> None:
    contributor = make_user("connie", personas.dgccrf, Role.CONTRIBUTOR)
    assert not access.visible_to(contributor).exists()
