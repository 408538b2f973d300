"""Coordinators, the secretariat and staff cannot do anything before setting up and giving a second
factor; analysts may enrol, and once enrolled must give a code however they logged in."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from lapnet.accounts.models import ApiToken
from lapnet.evidence import actions as evidence_actions
from lapnet.evidence.models import Channel
from lapnet.sharing.tlp import TLP
from tests.accounts.support import code_for, enrol, force_login_with_second_factor, give_code, log_in
from tests.personas import PASSWORD, Personas

pytestmark = pytest.mark.django_db

ENROLMENT = reverse("accounts:two-factor")


@pytest.mark.parametrize("username", ["carol", "erin"])
def test_a_coordinator_or_secretariat_admin_without_an_app_is_sent_to_enrolment_from_every_page(
    personas: Personas, client: Client, username: str
) -> None:
    assert log_in(client, username).status_code == 302
    for page in (
        reverse("home"),
        reverse("evidence:list"),
        reverse("members:directory"),
        reverse("accounts:tokens"),
    ):
        response = client.get(page)
        assert response.status_code == 302 and response["Location"] == ENROLMENT, page
    assert client.get(ENROLMENT).status_code == 200


def test_log_out_health_check_static_files_and_the_api_stay_open(personas: Personas, client: Client) -> None:
    log_in(client, "carol")
    assert client.get(reverse("healthz")).status_code == 200
    assert client.get("/static/css/lapnet.css").status_code == 200
    assert client.get("/api/evidence/1").status_code == 401, "the API asks for a token, not a second factor"
    assert client.post(reverse("accounts:logout")).status_code == 302
    assert "_auth_user_id" not in client.session


def test_the_api_serves_a_coordinator_by_token(personas: Personas, client: Client) -> None:
    evidence = evidence_actions.submit_evidence(
        data=b"From: a@b.example\r\nSubject: x\r\n\r\nbody\r\n",
        organisation=personas.dgccrf,
        submitted_by=personas.alice,
        channel=Channel.WEB,
        tlp=TLP.AMBER,
    ).evidence
    _token, secret = ApiToken.issue(personas.carol, "script")
    response = client.get(f"/api/evidence/{evidence.pk}", headers={"authorization": f"Bearer {secret}"})
    assert response.status_code == 200


def test_a_coordinator_who_enrols_gets_on_with_the_work(personas: Personas, client: Client) -> None:
    log_in(client, "carol")
    client.get(ENROLMENT)
    device = personas.carol.totpdevice_set.get()
    client.post(reverse("accounts:confirm-two-factor"), {"password": PASSWORD, "code": code_for(device)})
    assert client.get(reverse("home")).status_code == 200
    assert client.get(reverse("evidence:list")).status_code == 200


def test_an_enrolled_coordinator_gives_the_code_at_log_in_and_then_works(
    personas: Personas, client: Client
) -> None:
    device, _codes = enrol(personas.carol)
    assert log_in(client, "carol")["Location"] == reverse("accounts:verify")
    give_code(client, code_for(device))
    assert client.get(reverse("home")).status_code == 200


def test_an_analyst_without_an_app_goes_anywhere(personas: Personas, client: Client) -> None:
    log_in(client, "alice")
    assert client.get(reverse("home")).status_code == 200
    assert client.get(reverse("evidence:list")).status_code == 200
    assert client.get(ENROLMENT).status_code == 200, "and may enrol if she wants"


def test_staff_need_a_second_factor_whatever_their_role(personas: Personas, client: Client) -> None:
    personas.alice.is_staff = True
    personas.alice.save()
    log_in(client, "alice")
    assert client.get(reverse("home"))["Location"] == ENROLMENT
    assert client.get("/admin/")["Location"] == ENROLMENT


def test_a_session_that_skipped_the_code_is_sent_to_the_code_step(personas: Personas, client: Client) -> None:
    device, _codes = enrol(personas.alice)
    client.force_login(personas.alice)  # as the admin site's own log-in page would
    wanted = reverse("evidence:list")
    response = client.get(wanted)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:verify')}?next=%2Fevidence%2F"
    assert client.get(ENROLMENT)["Location"].startswith(reverse("accounts:verify")), (
        "no re-enrolment around it"
    )
    assert (
        client.post(reverse("accounts:verify"), {"code": code_for(device), "next": wanted})["Location"]
        == wanted
    )
    assert client.get(wanted).status_code == 200


def test_the_admin_log_in_page_does_not_skip_the_code(personas: Personas, client: Client) -> None:
    personas.erin.is_staff = True
    personas.erin.save()
    enrol(personas.erin)
    client.post("/admin/login/", {"username": "erin", "password": PASSWORD, "next": "/admin/"})
    assert client.get("/admin/")["Location"].startswith(reverse("accounts:verify"))


def test_htmx_requests_are_redirected_by_header(personas: Personas, client: Client) -> None:
    log_in(client, "carol")
    response = client.get(reverse("evidence:search"), headers={"HX-Request": "true"})
    assert response.status_code == 204
    assert response["HX-Redirect"] == ENROLMENT


def test_a_verified_session_of_a_coordinator_goes_anywhere(personas: Personas, client: Client) -> None:
    force_login_with_second_factor(client, personas.carol)
    assert client.get(reverse("home")).status_code == 200
