"""Points of contact: exactly one primary per organisation, any number of deputies; making another
contact primary demotes the previous one in the same transaction."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse

from lapnet.members import actions
from lapnet.members.models import Organisation, PointOfContact
from lapnet.sharing.models import AuditEvent
from tests.members.support import add_contact, hx, login
from tests.personas import Personas


def primaries(organisation: Organisation) -> list[str]:
    return list(organisation.contacts.filter(is_primary=True).values_list("name", flat=True))


def test_the_first_contact_of_an_organisation_becomes_its_primary(personas: Personas) -> None:
    contact = add_contact(personas.carol, personas.dgccrf, "Claire Martin")
    assert contact.is_primary
    deputy = add_contact(personas.carol, personas.dgccrf, "Paul Durand")
    assert not deputy.is_primary
    assert primaries(personas.dgccrf) == ["Claire Martin"]


def test_adding_a_primary_demotes_the_previous_one(personas: Personas) -> None:
    add_contact(personas.carol, personas.dgccrf, "Claire Martin")
    add_contact(personas.carol, personas.dgccrf, "Paul Durand", primary=True)
    assert primaries(personas.dgccrf) == ["Paul Durand"]
    assert personas.dgccrf.contacts.count() == 2


def test_make_primary_swaps_the_primary_and_the_deputy(personas: Personas) -> None:
    claire = add_contact(personas.carol, personas.dgccrf, "Claire Martin")
    paul = add_contact(personas.carol, personas.dgccrf, "Paul Durand")
    actions.do_make_primary_contact(personas.carol, paul)
    claire.refresh_from_db()
    paul.refresh_from_db()
    assert (claire.is_primary, paul.is_primary) == (False, True)
    event = AuditEvent.objects.filter(object_type="members.pointofcontact", object_id=str(paul.pk)).first()
    assert event is not None and "instead of Claire Martin" in event.summary


def test_primaries_of_different_organisations_do_not_interfere(personas: Personas) -> None:
    add_contact(personas.carol, personas.dgccrf, "Claire Martin")
    add_contact(personas.erin, personas.acm, "Jan de Vries")
    assert primaries(personas.dgccrf) == ["Claire Martin"]
    assert primaries(personas.acm) == ["Jan de Vries"]


def test_the_database_refuses_a_second_primary(personas: Personas) -> None:
    add_contact(personas.carol, personas.dgccrf, "Claire Martin")
    with pytest.raises(IntegrityError), transaction.atomic():
        PointOfContact.objects.create(
            organisation=personas.dgccrf, name="Intruder", email="x@example.org", is_primary=True
        )


def test_the_primary_cannot_be_removed_before_another_is_made_primary(personas: Personas) -> None:
    claire = add_contact(personas.carol, personas.dgccrf, "Claire Martin")
    paul = add_contact(personas.carol, personas.dgccrf, "Paul Durand")
    with pytest.raises(actions.MembersError, match="make another contact primary first"):
        actions.do_remove_contact(personas.carol, claire)
    actions.do_make_primary_contact(personas.carol, paul)
    actions.do_remove_contact(personas.carol, claire)
    assert list(personas.dgccrf.contacts.values_list("name", flat=True)) == ["Paul Durand"]


def test_a_coordinator_makes_a_deputy_primary_through_htmx(personas: Personas, client: Client) -> None:
    add_contact(personas.carol, personas.dgccrf, "Claire Martin")
    paul = add_contact(personas.carol, personas.dgccrf, "Paul Durand")
    login(client, personas.carol)
    response = hx(client, "post", reverse("members:make-primary-contact", args=[paul.pk]))
    assert response.status_code == 200
    assert response.templates[0].name == "members/partials/contacts.html"
    body = response.content.decode()
    assert body.lstrip().startswith('<section id="contacts"')
    assert f'data-contact="{paul.pk}"' in body.split("is-primary", 1)[1].split("</tr>", 1)[0]
    assert primaries(personas.dgccrf) == ["Paul Durand"]


def test_make_primary_without_htmx_redirects_to_the_organisation(personas: Personas, client: Client) -> None:
    add_contact(personas.carol, personas.dgccrf, "Claire Martin")
    paul = add_contact(personas.carol, personas.dgccrf, "Paul Durand")
    login(client, personas.carol)
    response = client.post(reverse("members:make-primary-contact", args=[paul.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("members:show-organisation", args=["dgccrf"])


def test_removing_the_primary_through_htmx_says_why_not(personas: Personas, client: Client) -> None:
    claire = add_contact(personas.carol, personas.dgccrf, "Claire Martin")
    add_contact(personas.carol, personas.dgccrf, "Paul Durand")
    login(client, personas.carol)
    response = hx(client, "post", reverse("members:remove-contact", args=[claire.pk]))
    assert b"make another contact primary first" in response.content
    assert PointOfContact.objects.filter(pk=claire.pk).exists()


def test_a_coordinator_removes_a_deputy(personas: Personas, client: Client) -> None:
    add_contact(personas.carol, personas.dgccrf, "Claire Martin")
    paul = add_contact(personas.carol, personas.dgccrf, "Paul Durand")
    login(client, personas.carol)
    hx(client, "post", reverse("members:remove-contact", args=[paul.pk]))
    assert not PointOfContact.objects.filter(pk=paul.pk).exists()
    assert AuditEvent.objects.filter(action="delete", object_id=str(paul.pk)).exists()


def test_a_coordinator_adds_a_contact_with_every_detail_through_the_form(
    personas: Personas, client: Client
) -> None:
    login(client, personas.carol)
    response = client.post(
        reverse("members:add-contact", args=["dgccrf"]),
        {
            "name": "Claire Martin",
            "role_title": "Head of the spam unit",
            "email": "claire.martin@dgccrf.example",
            "phone": "+33 1 00 00 00 00",
            "languages": "fr, en",
            "pgp_fingerprint": "0123 4567 89ab cdef 0123  4567 89ab cdef 0123 4567",
            "secure_channel": "Signal +33 6 00 00 00 00",
            "availability": "Mon-Fri 9:00-18:00 CET",
            "user": personas.carol.pk,
            "primary": "on",
        },
    )
    assert response.status_code == 302
    contact = PointOfContact.objects.get(organisation=personas.dgccrf)
    assert contact.is_primary and contact.user == personas.carol
    assert contact.languages == ["fr", "en"]
    assert contact.pgp_fingerprint == "0123 4567 89AB CDEF 0123 4567 89AB CDEF 0123 4567"
    page = client.get(reverse("members:show-organisation", args=["dgccrf"]))
    assert b"Signal +33 6 00 00 00 00" in page.content and b"Mon-Fri 9:00-18:00 CET" in page.content


def test_a_contact_cannot_be_linked_to_a_user_of_another_organisation(personas: Personas) -> None:
    with pytest.raises(actions.MembersError, match="is not a user of"):
        actions.do_add_contact(
            personas.erin,
            personas.dgccrf,
            {"name": "Charlie", "email": "c@acm.example", "user": personas.charlie},
        )


def test_a_coordinator_edits_a_contact(personas: Personas, client: Client) -> None:
    claire = add_contact(personas.carol, personas.dgccrf, "Claire Martin")
    login(client, personas.carol)
    page = client.get(reverse("members:edit-contact", args=[claire.pk]))
    assert b"claire.martin@dgccrf.example" in page.content
    response = client.post(
        reverse("members:edit-contact", args=[claire.pk]),
        {
            "name": "Claire Martin",
            "email": "claire@dgccrf.example",
            "availability": "24/7",
            "languages": "fr",
        },
    )
    assert response.status_code == 302
    claire.refresh_from_db()
    assert (claire.email, claire.availability, claire.is_primary) == ("claire@dgccrf.example", "24/7", True)
    event = AuditEvent.objects.get(action="change", object_id=str(claire.pk))
    assert set(event.detail["fields"]) >= {"email", "availability"}
