"""Sector resource lists: kept by industry members, readable by every member."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from lapnet.members import actions
from lapnet.members.models import Sector, SectorResource, User
from lapnet.sharing.models import AuditEvent
from tests.members.support import login
from tests.personas import Personas

ABUSE_DESK = {
    "title": "Example Mail abuse desk",
    "sector": Sector.MAIL_PROVIDER,
    "country": "DE",
    "url": "https://abuse.mail.example",
    "contact": "abuse@mail.example",
    "notes": "Answers within a working day; send ARF.",
}


@pytest.fixture
def resource(personas: Personas) -> SectorResource:
    return actions.do_add_resource(personas.dave, ABUSE_DESK)


def test_an_industry_member_adds_a_resource(personas: Personas, client: Client) -> None:
    login(client, personas.dave)
    assert client.get(reverse("members:add-resource")).status_code == 200
    response = client.post(reverse("members:add-resource"), ABUSE_DESK)
    assert response.status_code == 302
    resource = SectorResource.objects.get()
    assert (resource.organisation, resource.created_by, resource.country) == (
        personas.mailco,
        personas.dave,
        "DE",
    )
    assert AuditEvent.objects.filter(action="create", object_type="members.sectorresource").exists()


def test_an_international_resource_has_no_country(personas: Personas, client: Client) -> None:
    login(client, personas.dave)
    client.post(reverse("members:add-resource"), ABUSE_DESK | {"country": ""})
    assert SectorResource.objects.get().country == ""


@pytest.mark.parametrize("username", ["alice", "carol", "charlie", "erin", "dave"])
def test_every_member_reads_the_resources(
    personas: Personas, client: Client, resource: SectorResource, username: str
) -> None:
    login(client, getattr(personas, username))
    page = client.get(reverse("members:list-resources"))
    assert page.status_code == 200 and b"Example Mail abuse desk" in page.content


def test_the_list_filters_by_sector(personas: Personas, client: Client, resource: SectorResource) -> None:
    actions.do_add_resource(
        personas.dave, ABUSE_DESK | {"title": "Registrar X abuse", "sector": Sector.REGISTRAR}
    )
    login(client, personas.alice)
    listed = client.get(reverse("members:list-resources"), {"sector": Sector.REGISTRAR}).context["resources"]
    assert [r.title for r in listed] == ["Registrar X abuse"]


@pytest.mark.parametrize("username", ["alice", "carol", "charlie"])
def test_enforcement_members_do_not_keep_the_lists(personas: Personas, client: Client, username: str) -> None:
    login(client, getattr(personas, username))
    assert client.get(reverse("members:add-resource")).status_code == 403
    assert client.post(reverse("members:add-resource"), ABUSE_DESK).status_code == 403
    assert not SectorResource.objects.exists()


def test_a_viewer_of_an_industry_member_does_not_keep_the_lists(personas: Personas, client: Client) -> None:
    from lapnet.members.models import Role
    from tests.personas import make_user

    login(client, make_user("walter", personas.mailco, Role.VIEWER))
    assert client.post(reverse("members:add-resource"), ABUSE_DESK).status_code == 403


def test_the_keeper_edits_and_removes_its_resource(
    personas: Personas, client: Client, resource: SectorResource, grace: User
) -> None:
    login(client, grace)  # Mailco's coordinator: same organisation as dave, who added it
    response = client.post(
        reverse("members:edit-resource", args=[resource.pk]), ABUSE_DESK | {"title": "Renamed"}
    )
    assert response.status_code == 302
    resource.refresh_from_db()
    assert resource.title == "Renamed"
    assert client.post(reverse("members:delete-resource", args=[resource.pk])).status_code == 302
    assert not SectorResource.objects.exists()
    assert AuditEvent.objects.filter(action="delete", object_type="members.sectorresource").exists()


def test_another_industry_member_cannot_edit_it(
    personas: Personas, client: Client, resource: SectorResource
) -> None:
    from lapnet.members.models import OrganisationType, Role
    from tests.personas import make_organisation, make_user

    isp = make_organisation("Example ISP", "isp", OrganisationType.INDUSTRY, "FR", sectors=[Sector.ISP])
    login(client, make_user("ines", isp, Role.ANALYST))
    assert client.post(reverse("members:edit-resource", args=[resource.pk]), ABUSE_DESK).status_code == 403
    assert client.post(reverse("members:delete-resource", args=[resource.pk])).status_code == 403
    page = client.get(reverse("members:list-resources"))
    assert page.context["editable"] == set()


def test_an_enforcement_member_cannot_edit_it(
    personas: Personas, client: Client, resource: SectorResource
) -> None:
    login(client, personas.carol)
    assert client.get(reverse("members:edit-resource", args=[resource.pk])).status_code == 403


def test_the_secretariat_can_edit_any_resource(
    personas: Personas, client: Client, resource: SectorResource
) -> None:
    login(client, personas.erin)
    response = client.post(
        reverse("members:edit-resource", args=[resource.pk]), ABUSE_DESK | {"notes": "Checked."}
    )
    assert response.status_code == 302
    resource.refresh_from_db()
    assert resource.notes == "Checked."


def test_a_resource_needs_a_title_and_a_known_sector(personas: Personas, client: Client) -> None:
    login(client, personas.dave)
    response = client.post(reverse("members:add-resource"), ABUSE_DESK | {"title": "", "sector": "bakery"})
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"title", "sector"}
