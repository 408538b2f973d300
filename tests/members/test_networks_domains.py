"""The networks and domains a member operates (so that abuse from them can be notified to it)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from lapnet.members import actions
from lapnet.members.models import OrganisationDomain, OrganisationNetwork, User
from lapnet.sharing.models import AuditEvent
from tests.members.support import hx, login
from tests.personas import Personas


def test_a_coordinator_adds_a_network_in_its_normal_form(
    personas: Personas, client: Client, grace: User
) -> None:
    login(client, grace)
    response = hx(
        client, "post", reverse("members:add-network", args=["mailco"]), {"cidr": " 81.2.69.77/24 "}
    )
    assert response.status_code == 200
    assert response.templates[0].name == "members/partials/networks.html"
    assert b"81.2.69.0/24" in response.content
    assert list(personas.mailco.networks.values_list("cidr", flat=True)) == ["81.2.69.0/24"]
    assert AuditEvent.objects.filter(action="create", object_type="members.organisationnetwork").exists()


def test_ipv6_networks_are_accepted(personas: Personas, grace: User) -> None:
    network = actions.do_add_network(grace, personas.mailco, "2A00:1450:4000::/37")
    assert network.cidr == "2a00:1450:4000::/37"


@pytest.mark.parametrize(
    ("cidr", "reason"),
    [
        ("10.0.0.0/8", "not a public network"),
        ("192.0.2.0/24", "not a public network"),
        ("0.0.0.0/0", "too broad"),
        ("2000::/3", "too broad"),
        ("81.2.69.0/33", "not a network"),
        ("mailco.de", "not a network"),
    ],
)
def test_networks_nobody_can_operate_are_refused(
    personas: Personas, grace: User, cidr: str, reason: str
) -> None:
    with pytest.raises(actions.MembersError, match=reason):
        actions.do_add_network(grace, personas.mailco, cidr)
    assert not OrganisationNetwork.objects.exists()


def test_a_network_is_listed_once(personas: Personas, client: Client, grace: User) -> None:
    login(client, grace)
    hx(client, "post", reverse("members:add-network", args=["mailco"]), {"cidr": "81.2.69.0/24"})
    response = hx(client, "post", reverse("members:add-network", args=["mailco"]), {"cidr": "81.2.69.1/24"})
    assert b"already listed" in response.content
    assert personas.mailco.networks.count() == 1


def test_a_refused_network_is_explained_in_the_partial(
    personas: Personas, client: Client, grace: User
) -> None:
    login(client, grace)
    response = hx(client, "post", reverse("members:add-network", args=["mailco"]), {"cidr": "10.1.2.0/24"})
    assert b"not a public network" in response.content


def test_a_coordinator_adds_a_domain_in_its_normal_form(personas: Personas, grace: User) -> None:
    domain = actions.do_add_domain(grace, personas.mailco, "Mail.Mailco.DE.")
    assert domain.domain == "mail.mailco.de"
    idn = actions.do_add_domain(grace, personas.mailco, "bücher.de")
    assert idn.domain == "xn--bcher-kva.de"


@pytest.mark.parametrize("domain", ["de", "co.uk", "localhost", "mailco.invalidtld", "not a domain"])
def test_domains_nobody_can_operate_are_refused(personas: Personas, grace: User, domain: str) -> None:
    with pytest.raises(actions.MembersError):
        actions.do_add_domain(grace, personas.mailco, domain)
    assert not OrganisationDomain.objects.exists()


def test_a_coordinator_removes_a_network_and_a_domain(
    personas: Personas, client: Client, grace: User
) -> None:
    network = actions.do_add_network(grace, personas.mailco, "81.2.69.0/24")
    domain = actions.do_add_domain(grace, personas.mailco, "mailco.de")
    login(client, grace)
    hx(client, "post", reverse("members:remove-network", args=[network.pk]))
    response = hx(client, "post", reverse("members:remove-domain", args=[domain.pk]))
    assert response.status_code == 200
    assert not OrganisationNetwork.objects.exists() and not OrganisationDomain.objects.exists()
    assert AuditEvent.objects.filter(action="delete").count() == 2


def test_members_see_the_networks_and_domains_on_the_organisation_page(
    personas: Personas, client: Client, grace: User
) -> None:
    actions.do_add_network(grace, personas.mailco, "81.2.69.0/24")
    actions.do_add_domain(grace, personas.mailco, "mailco.de")
    login(client, personas.alice)
    page = client.get(reverse("members:show-organisation", args=["mailco"]))
    assert b"81.2.69.0/24" in page.content and b"mailco.de" in page.content
    assert reverse("members:add-network", args=["mailco"]).encode() not in page.content
