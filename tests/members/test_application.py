"""A membership application end to end through HTTP: apply publicly, the secretariat approves, the
organisation and its coordinator exist, the coordinator sets a password with the one-time link."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from lapnet.members.models import (
    ApplicationStatus,
    MembershipApplication,
    Organisation,
    PointOfContact,
    Role,
    User,
)
from lapnet.sharing.models import AuditEvent
from tests.members.support import application_data, login
from tests.personas import Personas

pytestmark = pytest.mark.django_db(transaction=True)  # mail goes out when the transaction commits


def apply(client: Client, **overrides: object) -> MembershipApplication:
    response = client.post(reverse("members:submit-application"), application_data(**overrides))
    assert response.status_code == 302, response.content.decode()[:2000]
    return MembershipApplication.objects.get()


def test_anyone_can_open_the_application_form_without_an_account(client: Client) -> None:
    response = client.get(reverse("members:submit-application"))
    assert response.status_code == 200
    assert b"Apply to join the network" in response.content


def test_an_application_is_stored_and_the_applicant_gets_a_link_to_follow_it(
    personas: Personas, client: Client
) -> None:
    application = apply(client, networks="81.2.69.7/24\n2a00:1450::/32", domains="AEPD.es.\nexample-mail.es")
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.networks == ["81.2.69.0/24", "2a00:1450::/32"]
    assert application.domains == ["aepd.es", "example-mail.es"]
    assert application.languages == ["es", "en"]
    to_applicant = next(m for m in mail.outbox if m.to == ["lucia.fernandez@aepd.example"])
    link = re.search(r"https?://\S+/members/apply/\S+/", to_applicant.body)
    assert link is not None
    page = client.get(link.group(0))
    assert page.status_code == 200 and b"Submitted" in page.content
    to_secretariat = next(m for m in mail.outbox if m.to == [personas.erin.email])
    assert "Agencia" in to_secretariat.subject
    assert AuditEvent.objects.filter(
        action="create", object_type="members.membershipapplication", object_id=str(application.pk)
    ).exists()


def test_the_secretariat_approves_and_the_organisation_and_its_coordinator_exist(
    personas: Personas, client: Client
) -> None:
    application = apply(client, networks="81.2.69.0/24", domains="aepd.es")
    mail.outbox.clear()

    login(client, personas.erin)
    listing = client.get(reverse("members:list-applications"))
    assert b"Agencia Espa" in listing.content
    review = client.get(reverse("members:review-application", args=[application.pk]))
    assert review.status_code == 200 and b"Approve" in review.content
    response = client.post(reverse("members:approve-application", args=[application.pk]))
    assert response.status_code == 200

    organisation = Organisation.objects.get(name="Agencia Española de Protección de Datos")
    assert (organisation.short_name, organisation.country, organisation.type) == ("AEPD", "ES", "enforcement")
    assert organisation.remits == ["privacy"] and organisation.languages == ["es", "en"]
    assert organisation.joined_at is not None
    assert list(organisation.networks.values_list("cidr", flat=True)) == ["81.2.69.0/24"]
    assert list(organisation.domains.values_list("domain", flat=True)) == ["aepd.es"]

    coordinator = User.objects.get(organisation=organisation)
    assert coordinator.role == Role.COORDINATOR
    assert coordinator.email == "lucia.fernandez@aepd.example"
    assert (coordinator.first_name, coordinator.last_name) == ("Lucía", "Fernández")
    assert not coordinator.has_usable_password()

    primary = PointOfContact.objects.get(organisation=organisation)
    assert primary.is_primary and primary.user == coordinator
    assert primary.role_title == "Head of the spam unit"

    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED
    assert (application.organisation, application.coordinator) == (organisation, coordinator)
    assert application.decided_by == personas.erin and application.decided_at is not None

    shown = response.context["approval"].set_password_url
    assert shown.encode() in response.content
    welcome = next(m for m in mail.outbox if m.to == ["lucia.fernandez@aepd.example"])
    assert shown in welcome.body and coordinator.username in welcome.body

    trail = AuditEvent.objects.filter(actor=personas.erin)
    assert set(trail.values_list("object_type", "action")) >= {
        ("members.membershipapplication", "decide"),
        ("members.organisation", "create"),
        ("members.user", "create"),
        ("members.pointofcontact", "create"),
    }


def test_the_new_coordinator_sets_a_password_once_and_can_then_sign_in(
    personas: Personas, client: Client
) -> None:
    application = apply(client)
    login(client, personas.erin)
    link = (
        client.post(reverse("members:approve-application", args=[application.pk]))
        .context["approval"]
        .set_password_url
    )
    client.logout()
    path = link.removeprefix("http://testserver")

    page = client.get(path)
    assert page.status_code == 200 and b"Set your password" in page.content
    new_password = "a long and unusual passphrase 7"
    response = client.post(path, {"new_password1": new_password, "new_password2": new_password})
    assert response.status_code == 302 and response["Location"] == reverse("accounts:login")

    coordinator = User.objects.get(email="lucia.fernandez@aepd.example")
    assert coordinator.check_password(new_password)
    assert AuditEvent.objects.filter(actor=coordinator, action="security").exists()
    assert client.get(path).status_code == 400  # the link worked once


def test_approval_shows_the_new_member_in_the_directory(personas: Personas, client: Client) -> None:
    application = apply(client)
    login(client, personas.erin)
    client.post(reverse("members:approve-application", args=[application.pk]))
    login(client, personas.alice)
    page = client.get(reverse("members:directory"), {"country": "ES"})
    assert b"Agencia Espa" in page.content and b"Luc\xc3\xada Fern\xc3\xa1ndez" in page.content


def test_an_application_cannot_be_approved_twice(personas: Personas, client: Client) -> None:
    application = apply(client)
    login(client, personas.erin)
    client.post(reverse("members:approve-application", args=[application.pk]))
    again = client.post(reverse("members:approve-application", args=[application.pk]), follow=True)
    assert b"already approved" in again.content
    assert Organisation.objects.filter(name__startswith="Agencia").count() == 1


def test_approval_is_refused_when_an_organisation_of_that_name_is_already_a_member(
    personas: Personas, client: Client
) -> None:
    application = apply(client, organisation_name="Mailco Abuse Desk", short_name="")
    login(client, personas.erin)
    response = client.post(reverse("members:approve-application", args=[application.pk]), follow=True)
    assert b"already a member" in response.content
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    assert not User.objects.filter(email="lucia.fernandez@aepd.example").exists()
