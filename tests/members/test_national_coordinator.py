"""National coordination: one coordinating agency per country, designated by the secretariat and
shown in the directory."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse

from lapnet.members import actions
from lapnet.members.models import NationalCoordinator, OrganisationType, User
from lapnet.sharing.models import AuditEvent
from tests.members.support import login
from tests.personas import Personas, make_organisation


def designate(client: Client, organisation_pk: int) -> int:
    return client.post(
        reverse("members:designate-coordinator"), {"organisation": organisation_pk}
    ).status_code


def test_the_secretariat_designates_the_national_coordinator_of_a_country(
    personas: Personas, client: Client
) -> None:
    login(client, personas.erin)
    assert designate(client, personas.dgccrf.pk) == 302
    designation = NationalCoordinator.objects.get()
    assert (designation.country, designation.organisation) == ("FR", personas.dgccrf)
    assert AuditEvent.objects.filter(object_type="members.nationalcoordinator", action="create").exists()
    page = client.get(reverse("members:list-coordinators"))
    assert b"Direction g" in page.content


def test_designating_another_agency_replaces_the_previous_one(personas: Personas, client: Client) -> None:
    cnil = make_organisation("CNIL", "cnil", OrganisationType.ENFORCEMENT, "FR")
    login(client, personas.erin)
    designate(client, personas.dgccrf.pk)
    designate(client, cnil.pk)
    assert list(NationalCoordinator.objects.values_list("country", "organisation__slug")) == [("FR", "cnil")]
    event = AuditEvent.objects.filter(object_type="members.nationalcoordinator").first()
    assert event is not None and "instead of DGCCRF" in event.summary


def test_there_is_one_coordinator_per_country_in_the_database(personas: Personas) -> None:
    NationalCoordinator.objects.create(country="FR", organisation=personas.dgccrf)
    with pytest.raises(IntegrityError), transaction.atomic():
        NationalCoordinator.objects.create(country="FR", organisation=personas.acm)


def test_countries_are_coordinated_independently(personas: Personas) -> None:
    actions.do_designate_national_coordinator(personas.erin, personas.dgccrf)
    actions.do_designate_national_coordinator(personas.erin, personas.acm)
    assert set(NationalCoordinator.objects.values_list("country", flat=True)) == {"FR", "NL"}


def test_an_industry_member_cannot_coordinate_a_country(personas: Personas) -> None:
    with pytest.raises(actions.MembersError, match="enforcement agency or a government body"):
        actions.do_designate_national_coordinator(personas.erin, personas.mailco)
    assert not NationalCoordinator.objects.exists()


def test_the_designation_form_offers_only_public_bodies(personas: Personas, client: Client) -> None:
    login(client, personas.erin)
    form = client.get(reverse("members:list-coordinators")).context["form"]
    offered = set(form.fields["organisation"].queryset.values_list("slug", flat=True))
    assert offered == {"dgccrf", "acm", "secretariat"}
    assert designate(client, personas.mailco.pk) == 302
    assert not NationalCoordinator.objects.exists()


@pytest.mark.parametrize("username", ["alice", "carol", "dave"])
def test_only_the_secretariat_designates(personas: Personas, client: Client, username: str) -> None:
    login(client, getattr(personas, username))
    assert designate(client, personas.dgccrf.pk) == 403
    assert client.get(reverse("members:list-coordinators")).context["form"] is None
    assert not NationalCoordinator.objects.exists()
    with pytest.raises(actions.MembersError):
        actions.do_designate_national_coordinator(getattr(personas, username), personas.dgccrf)


def test_a_coordinator_of_another_organisation_cannot_designate_itself(
    personas: Personas, client: Client, frank: User
) -> None:
    login(client, frank)
    assert designate(client, personas.acm.pk) == 403


def test_the_secretariat_removes_a_designation(personas: Personas, client: Client) -> None:
    actions.do_designate_national_coordinator(personas.erin, personas.dgccrf)
    login(client, personas.carol)
    assert client.post(reverse("members:remove-coordinator", args=["FR"])).status_code == 403
    login(client, personas.erin)
    assert client.post(reverse("members:remove-coordinator", args=["FR"])).status_code == 302
    assert not NationalCoordinator.objects.exists()
    assert AuditEvent.objects.filter(object_type="members.nationalcoordinator", action="delete").exists()


def test_the_organisation_page_shows_the_flag_and_offers_the_designation(
    personas: Personas, client: Client
) -> None:
    login(client, personas.erin)
    page = client.get(reverse("members:show-organisation", args=["dgccrf"]))
    assert b"Designate as national coordinator of FR" in page.content
    actions.do_designate_national_coordinator(personas.erin, personas.dgccrf)
    page = client.get(reverse("members:show-organisation", args=["dgccrf"]))
    assert b"National coordinator" in page.content
    assert b"Designate as national coordinator" not in page.content


def test_an_agency_that_moves_country_no_longer_coordinates_its_old_one(personas: Personas) -> None:
    actions.do_designate_national_coordinator(personas.erin, personas.dgccrf)
    actions.do_update_organisation(personas.erin, personas.dgccrf, {"country": "BE"})
    assert not NationalCoordinator.objects.exists()


def test_a_deactivated_agency_no_longer_coordinates(personas: Personas) -> None:
    actions.do_designate_national_coordinator(personas.erin, personas.dgccrf)
    actions.do_update_organisation(personas.erin, personas.dgccrf, {"is_active": False})
    assert not NationalCoordinator.objects.exists()
    with pytest.raises(actions.MembersError, match="not an active member"):
        actions.do_designate_national_coordinator(personas.erin, personas.dgccrf)
