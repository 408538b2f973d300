"""The searchable directory: filters by country, type, remit, sector and language, re-rendered as an
htmx partial; every organisation with its primary contact, deputies and national coordinator flag."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lapnet.members import actions
from lapnet.members.models import OrganisationType, Remit, Sector
from tests.members.support import add_contact, hx, login
from tests.personas import Personas, make_organisation


@pytest.fixture
def directory(personas: Personas) -> Personas:
    add_contact(personas.carol, personas.dgccrf, "Claire Martin", languages=["fr", "en"], phone="+33 1 00")
    add_contact(personas.carol, personas.dgccrf, "Paul Durand")
    add_contact(personas.erin, personas.acm, "Jan de Vries", languages=["nl"])
    add_contact(personas.erin, personas.secretariat, "Sofía Ruiz", languages=["es"])
    actions.do_designate_national_coordinator(personas.erin, personas.dgccrf)
    return personas


def names(client: Client, **filters: str) -> list[str]:
    response = client.get(reverse("members:directory"), filters)
    assert response.status_code == 200
    return [entry.organisation.slug for entry in response.context["entries"]]


def test_the_directory_lists_every_active_member_by_country(directory: Personas, client: Client) -> None:
    login(client, directory.alice)
    assert names(client) == ["mailco", "dgccrf", "secretariat", "acm"]  # DE, FR, GB, NL


def test_it_filters_by_country(directory: Personas, client: Client) -> None:
    login(client, directory.alice)
    assert names(client, country="FR") == ["dgccrf"]


def test_it_filters_by_type(directory: Personas, client: Client) -> None:
    login(client, directory.alice)
    assert names(client, type=OrganisationType.INDUSTRY) == ["mailco"]
    assert names(client, type=OrganisationType.ENFORCEMENT) == ["dgccrf", "acm"]


def test_it_filters_by_remit(directory: Personas, client: Client) -> None:
    login(client, directory.alice)
    assert names(client, remit=Remit.TELECOM) == ["acm"]
    assert names(client, remit=Remit.CONSUMER) == ["dgccrf", "acm"]
    assert names(client, remit=Remit.CRIMINAL) == []


def test_it_filters_by_sector(directory: Personas, client: Client) -> None:
    login(client, directory.alice)
    assert names(client, sector=Sector.MAIL_PROVIDER) == ["mailco"]


def test_it_filters_by_language_of_the_organisation_or_of_its_contacts(
    directory: Personas, client: Client
) -> None:
    login(client, directory.alice)
    assert names(client, language="nl") == ["acm"]
    assert names(client, language="es") == ["secretariat"]  # only Sofía speaks Spanish
    assert names(client, language="en") == ["mailco", "dgccrf", "acm"]


def test_filters_combine(directory: Personas, client: Client) -> None:
    login(client, directory.alice)
    assert names(client, country="NL", remit=Remit.CONSUMER, language="nl") == ["acm"]
    assert names(client, country="FR", remit=Remit.TELECOM) == []


def test_it_searches_by_name_and_short_name(directory: Personas, client: Client) -> None:
    login(client, directory.alice)
    assert names(client, q="markt") == ["acm"]
    assert names(client, q="dgccrf") == ["dgccrf"]


def test_an_unknown_filter_value_does_not_filter(directory: Personas, client: Client) -> None:
    login(client, directory.alice)
    assert len(names(client, country="ZZ", remit="nonsense")) == 4


def test_the_filter_offers_only_countries_and_languages_present(directory: Personas, client: Client) -> None:
    login(client, directory.alice)
    form = client.get(reverse("members:directory")).context["form"]
    assert [code for code, _ in form.fields["country"].choices] == ["", "FR", "DE", "NL", "GB"]
    languages = {code for code, _ in form.fields["language"].choices}
    assert languages == {"", "de", "en", "es", "fr", "nl"}


def test_the_page_drives_the_filter_with_htmx(directory: Personas, client: Client) -> None:
    login(client, directory.alice)
    body = client.get(reverse("members:directory")).content.decode()
    assert f'hx-get="{reverse("members:directory")}"' in body
    assert 'hx-target="#directory-results"' in body
    assert "<html" in body


def test_an_htmx_request_gets_only_the_results_partial(directory: Personas, client: Client) -> None:
    login(client, directory.alice)
    response = hx(client, "get", reverse("members:directory"), {"country": "NL"})
    body = response.content.decode()
    assert response.templates[0].name == "members/partials/directory_results.html"
    assert body.startswith('<div id="directory-results">')
    assert "<html" not in body and "Autoriteit Consument" in body and "Mailco" not in body


def test_each_row_shows_the_primary_contact_the_deputies_the_coordinator_flag_and_the_remits(
    directory: Personas, client: Client
) -> None:
    login(client, directory.alice)
    response = hx(client, "get", reverse("members:directory"), {"country": "FR"})
    [entry] = response.context["entries"]
    assert entry.primary.name == "Claire Martin"
    assert [deputy.name for deputy in entry.deputies] == ["Paul Durand"]
    assert entry.is_national_coordinator
    body = response.content.decode()
    assert "Claire Martin" in body and "+33 1 00" in body and "Paul Durand" in body
    assert "National coordinator" in body and "Consumer protection" in body
    assert "France" in body


def test_the_coordinator_flag_is_not_shown_for_other_members(directory: Personas, client: Client) -> None:
    login(client, directory.alice)
    entries = client.get(reverse("members:directory"), {"country": "NL"}).context["entries"]
    assert not entries[0].is_national_coordinator


def test_the_directory_costs_the_same_number_of_queries_whatever_the_number_of_members(
    directory: Personas, client: Client
) -> None:
    login(client, directory.alice)
    url = reverse("members:directory")
    client.get(url)  # warm the session

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    before = queries()
    for n in range(5):
        organisation = make_organisation(f"Agency {n}", f"agency-{n}", OrganisationType.ENFORCEMENT, "IT")
        add_contact(directory.erin, organisation, f"Person {n}")
        add_contact(directory.erin, organisation, f"Deputy {n}")
    assert queries() == before
