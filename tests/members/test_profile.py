"""An organisation's profile: its coordinators keep it; type, country and membership status are the
secretariat's."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from lapnet.members import actions
from lapnet.members.models import Organisation, Remit, Sector
from lapnet.sharing.models import AuditEvent
from tests.members.support import login
from tests.personas import Personas


def test_a_coordinator_updates_the_profile_and_the_change_is_audited(
    personas: Personas, client: Client
) -> None:
    login(client, personas.carol)
    response = client.post(
        reverse("members:edit-organisation", args=["dgccrf"]),
        {
            "name": personas.dgccrf.name,
            "short_name": "DGCCRF",
            "remits": [Remit.CONSUMER, Remit.CRIMINAL],
            "sectors": [Sector.REGULATOR],
            "languages": "fr, en, es",
            "website": "https://www.economie.gouv.fr/dgccrf",
            "description": "Consumer protection.",
            "share_counts": "on",
        },
    )
    assert response.status_code == 302
    organisation = Organisation.objects.get(slug="dgccrf")
    assert organisation.remits == ["consumer", "criminal"]
    assert organisation.languages == ["fr", "en", "es"]
    assert organisation.share_counts
    event = AuditEvent.objects.get(action="change", object_type="members.organisation")
    assert event.actor == personas.carol
    assert event.detail["remits"] == [["consumer"], ["consumer", "criminal"]]


def test_a_coordinator_is_not_offered_type_country_or_status(personas: Personas, client: Client) -> None:
    login(client, personas.carol)
    form = client.get(reverse("members:edit-organisation", args=["dgccrf"])).context["form"]
    assert not {"type", "country", "is_active"} & set(form.fields)


def test_a_coordinator_cannot_change_type_country_or_status_even_by_posting_them(
    personas: Personas, client: Client
) -> None:
    login(client, personas.carol)
    client.post(
        reverse("members:edit-organisation", args=["dgccrf"]),
        {"name": personas.dgccrf.name, "type": "industry", "country": "BE", "is_active": ""},
    )
    organisation = Organisation.objects.get(slug="dgccrf")
    assert (organisation.type, organisation.country, organisation.is_active) == ("enforcement", "FR", True)


def test_the_action_refuses_secretariat_fields_from_a_coordinator(personas: Personas) -> None:
    with pytest.raises(actions.MembersError, match="cannot be set here: country"):
        actions.do_update_organisation(personas.carol, personas.dgccrf, {"country": "BE"})


def test_the_secretariat_changes_type_country_and_status(personas: Personas, client: Client) -> None:
    login(client, personas.erin)
    response = client.post(
        reverse("members:edit-organisation", args=["acm"]),
        {"name": personas.acm.name, "type": "government", "country": "BE", "languages": "nl"},
    )
    assert response.status_code == 302
    organisation = Organisation.objects.get(slug="acm")
    assert (organisation.type, organisation.country, organisation.is_active) == ("government", "BE", False)


def test_a_name_another_member_has_is_refused(personas: Personas, client: Client) -> None:
    login(client, personas.carol)
    response = client.post(
        reverse("members:edit-organisation", args=["dgccrf"]), {"name": "Mailco Abuse Desk"}
    )
    assert response.status_code == 200
    assert "already exists" in str(response.context["form"].non_field_errors())


def test_saving_an_unchanged_profile_records_nothing(personas: Personas) -> None:
    actions.do_update_organisation(personas.carol, personas.dgccrf, {"name": personas.dgccrf.name})
    assert not AuditEvent.objects.exists()
