"""Who may change an organisation: its coordinators and the secretariat, nobody else. Everyone
signed in may read the directory and organisation pages; nobody signed out may."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from lapnet.members import access, actions
from lapnet.members.models import Organisation, User
from tests.members.support import add_contact, login
from tests.personas import Personas

PROFILE = {"name": "DGCCRF renamed", "short_name": "DGCCRF", "languages": "fr", "remits": ["consumer"]}


def edit_profile(client: Client) -> int:
    return client.post(reverse("members:edit-organisation", args=["dgccrf"]), PROFILE).status_code


@pytest.mark.parametrize("username", ["alice", "bob"])
def test_an_analyst_cannot_edit_their_own_organisation(
    personas: Personas, client: Client, username: str
) -> None:
    login(client, getattr(personas, username))
    assert client.get(reverse("members:edit-organisation", args=["dgccrf"])).status_code == 403
    assert edit_profile(client) == 403
    personas.dgccrf.refresh_from_db()
    assert personas.dgccrf.name.startswith("Direction")


def test_a_viewer_cannot_edit_their_own_organisation(
    personas: Personas, client: Client, victor: User
) -> None:
    login(client, victor)
    assert edit_profile(client) == 403


def test_a_contributor_cannot_edit_their_own_organisation(personas: Personas, client: Client) -> None:
    login(client, personas.dave)
    assert client.get(reverse("members:edit-organisation", args=["mailco"])).status_code == 403


def test_a_coordinator_of_another_organisation_cannot_edit(
    personas: Personas, client: Client, frank: User
) -> None:
    login(client, frank)
    assert edit_profile(client) == 403
    claire = add_contact(personas.carol, personas.dgccrf, "Claire Martin")
    assert client.post(reverse("members:edit-contact", args=[claire.pk]), {"name": "x"}).status_code == 403
    assert client.post(reverse("members:remove-contact", args=[claire.pk])).status_code == 403
    assert client.post(reverse("members:add-contact", args=["dgccrf"]), {"name": "x"}).status_code == 403
    assert (
        client.post(reverse("members:add-network", args=["dgccrf"]), {"cidr": "81.2.69.0/24"}).status_code
        == 403
    )
    assert client.get(reverse("members:list-users", args=["dgccrf"])).status_code == 403


def test_the_organisations_coordinator_can_edit(personas: Personas, client: Client) -> None:
    login(client, personas.carol)
    assert client.get(reverse("members:edit-organisation", args=["dgccrf"])).status_code == 200
    assert edit_profile(client) == 302
    personas.dgccrf.refresh_from_db()
    assert personas.dgccrf.name == "DGCCRF renamed"


def test_the_secretariat_can_edit_any_organisation(personas: Personas, client: Client) -> None:
    login(client, personas.erin)
    secretariat_fields = {"type": "enforcement", "country": "FR", "is_active": "on"}
    response = client.post(
        reverse("members:edit-organisation", args=["dgccrf"]), PROFILE | secretariat_fields
    )
    assert response.status_code == 302
    response = client.post(
        reverse("members:edit-organisation", args=["acm"]),
        {"name": "ACM", "type": "enforcement", "country": "NL", "is_active": "on"},
    )
    assert response.status_code == 302
    assert Organisation.objects.get(slug="acm").name == "ACM"


def test_the_edit_link_is_shown_only_to_those_who_may_edit(personas: Personas, client: Client) -> None:
    edit = reverse("members:edit-organisation", args=["dgccrf"]).encode()
    login(client, personas.alice)
    assert edit not in client.get(reverse("members:show-organisation", args=["dgccrf"])).content
    login(client, personas.carol)
    assert edit in client.get(reverse("members:show-organisation", args=["dgccrf"])).content


def test_signed_out_visitors_are_sent_to_log_in(personas: Personas, client: Client) -> None:
    for url in (
        reverse("members:directory"),
        reverse("members:show-organisation", args=["dgccrf"]),
        reverse("members:list-resources"),
        reverse("members:list-coordinators"),
    ):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("username", ["alice", "charlie", "dave", "erin"])
def test_every_member_reads_the_directory_and_organisation_pages(
    personas: Personas, client: Client, username: str
) -> None:
    login(client, getattr(personas, username))
    assert client.get(reverse("members:directory")).status_code == 200
    assert client.get(reverse("members:show-organisation", args=["mailco"])).status_code == 200


def test_an_inactive_organisation_is_hidden_from_members_but_not_from_the_secretariat(
    personas: Personas, client: Client
) -> None:
    Organisation.objects.filter(pk=personas.acm.pk).update(is_active=False)
    login(client, personas.alice)
    assert client.get(reverse("members:show-organisation", args=["acm"])).status_code == 404
    assert b"Autoriteit" not in client.get(reverse("members:directory")).content
    login(client, personas.erin)
    assert client.get(reverse("members:show-organisation", args=["acm"])).status_code == 200


def test_the_coordinator_of_an_inactive_organisation_changes_nothing(personas: Personas) -> None:
    Organisation.objects.filter(pk=personas.dgccrf.pk).update(is_active=False)
    personas.dgccrf.refresh_from_db()
    assert not access.can_manage_organisation(personas.carol, personas.dgccrf)


def test_a_deactivated_account_changes_nothing(personas: Personas) -> None:
    personas.carol.is_active = False
    assert not access.can_manage_organisation(personas.carol, personas.dgccrf)
    assert not access.is_secretariat(personas.carol)


def test_networks_and_domains_are_changed_only_by_those_who_may_edit(
    personas: Personas, client: Client, frank: User
) -> None:
    network = actions.do_add_network(personas.erin, personas.mailco, "81.2.69.0/24")
    domain = actions.do_add_domain(personas.erin, personas.mailco, "mailco.de")
    for user in (personas.dave, frank, personas.alice):
        login(client, user)
        assert client.post(reverse("members:remove-network", args=[network.pk])).status_code == 403
        assert client.post(reverse("members:remove-domain", args=[domain.pk])).status_code == 403
    login(client, personas.erin)
    assert client.post(reverse("members:remove-network", args=[network.pk])).status_code == 302
    assert client.post(reverse("members:remove-domain", args=[domain.pk])).status_code == 302


def test_pages_that_change_things_refuse_get(personas: Personas, client: Client) -> None:
    claire = add_contact(personas.carol, personas.dgccrf, "Claire Martin")
    login(client, personas.carol)
    assert client.get(reverse("members:make-primary-contact", args=[claire.pk])).status_code == 405
    assert client.get(reverse("members:remove-contact", args=[claire.pk])).status_code == 405
