"""Who may see evidence, for each role and TLP marking, through every door: the access module,
the evidence page, the REST API, correlation results and correlation counts.

alice submitted everything here (French consumer agency, analyst). The others:
bob (same agency, analyst), carol (same agency, coordinator), charlie (Dutch regulator, analyst),
dave (German mail provider, contributor), erin (secretariat).
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from lapnet.accounts.models import ApiToken
from lapnet.evidence import actions
from lapnet.evidence.access import visible_to
from lapnet.evidence.models import Channel, Evidence
from lapnet.evidence.queries import correlate
from lapnet.sharing.models import SharingGroup
from lapnet.sharing.tlp import TLP
from tests.accounts.support import force_login_with_second_factor
from tests.personas import Personas

pytestmark = pytest.mark.django_db(transaction=True)

MESSAGE = (
    b"Received: from relay.example.org (relay.example.org [81.2.69.160]) by mx.example.net with ESMTP;"
    b" Mon, 2 Nov 2026 10:00:00 +0100\n"
    b"From: winner@prize-office.example\nReply-To: claims-%s@dropbox.example\nSubject: You have won\n\n"
    b"You have won the lottery. Call +44 20 7946 0958 to claim your prize.\n"
)

# who sees alice's evidence, per marking (True: shown)
EXPECTED = {
    TLP.CLEAR: {"bob": True, "carol": True, "charlie": True, "dave": True, "erin": True},
    TLP.GREEN: {"bob": True, "carol": True, "charlie": True, "dave": False, "erin": True},
    TLP.AMBER: {"bob": True, "carol": True, "charlie": False, "dave": False, "erin": False},
    TLP.AMBER_STRICT: {"bob": True, "carol": True, "charlie": False, "dave": False, "erin": False},
    TLP.RED: {"bob": False, "carol": True, "charlie": False, "dave": False, "erin": False},
}


def submit(personas: Personas, tlp: TLP, tag: str = "x", user: str = "alice") -> Evidence:
    person = getattr(personas, user)
    return actions.submit_evidence(
        data=MESSAGE.replace(b"%s", tag.encode()),
        organisation=person.organisation,
        submitted_by=person,
        channel=Channel.WEB,
        tlp=tlp,
    ).evidence


@pytest.mark.parametrize("tlp", list(TLP))
def test_each_role_sees_what_the_marking_allows_through_every_door(personas: Personas, tlp: TLP) -> None:
    evidence = submit(personas, tlp, tag=tlp.value)
    assert visible_to(personas.alice).filter(pk=evidence.pk).exists(), "the submitter always sees her own"
    for name, shown in EXPECTED[tlp].items():
        user = getattr(personas, name)
        client = Client()
        force_login_with_second_factor(client, user)
        assert visible_to(user).filter(pk=evidence.pk).exists() is shown, (name, "access module")
        page = client.get(reverse("evidence:detail", args=[evidence.pk]))
        assert page.status_code == (200 if shown else 404), (name, "evidence page")
        _, secret = ApiToken.issue(user, "test")
        api = client.get(f"/api/evidence/{evidence.pk}", headers={"authorization": f"Bearer {secret}"})
        assert api.status_code == (200 if shown else 404), (name, "API")
        found = correlate(user, f"claims-{tlp.value}@dropbox.example")
        assert bool(found and found[0].visible_evidence) is shown, (name, "correlation results")
        assert bool(found) is shown, (name, "correlation counts")


def test_a_sharing_group_opens_amber_but_not_amber_strict(personas: Personas) -> None:
    group = SharingGroup.objects.create(name="Benelux-France", owner=personas.dgccrf)
    group.members.add(personas.acm)
    amber = submit(personas, TLP.AMBER, "amber")
    strict = submit(personas, TLP.AMBER_STRICT, "strict")
    shown = set(visible_to(personas.charlie).values_list("pk", flat=True))
    assert amber.pk in shown
    assert strict.pk not in shown
    assert not visible_to(personas.dave).filter(pk=amber.pk).exists(), "a contributor is never a reader"


def test_an_owner_may_let_its_amber_numbers_count_without_showing_the_reports(personas: Personas) -> None:
    submit(personas, TLP.AMBER, "shared")
    assert correlate(personas.charlie, "claims-shared@dropbox.example") == []
    personas.dgccrf.share_counts = True
    personas.dgccrf.save()
    found = correlate(personas.charlie, "claims-shared@dropbox.example")
    assert [(c.type, c.reports, c.organisations, c.visible_evidence) for c in found] == [("email", 1, 1, [])]
    assert correlate(personas.dave, "claims-shared@dropbox.example") == [], "contributors count nothing"


def test_red_and_amber_strict_are_never_counted_for_outsiders(personas: Personas) -> None:
    personas.dgccrf.share_counts = True
    personas.dgccrf.save()
    submit(personas, TLP.RED, "secret")
    submit(personas, TLP.AMBER_STRICT, "secret")
    assert correlate(personas.charlie, "claims-secret@dropbox.example") == []


def test_counts_across_members_include_only_what_each_may_know(personas: Personas) -> None:
    submit(personas, TLP.GREEN, "same")  # alice, FR
    submit(personas, TLP.GREEN, "same", user="charlie")  # NL
    submit(personas, TLP.AMBER, "same", user="charlie")  # NL, not for alice
    (phone,) = [c for c in correlate(personas.alice, "+442079460958") if c.type == "phone"]
    assert (phone.reports, phone.organisations, phone.countries) == (2, 2, 2)
    (phone,) = [c for c in correlate(personas.charlie, "+442079460958") if c.type == "phone"]
    assert (phone.reports, phone.organisations, phone.countries) == (3, 2, 2)
