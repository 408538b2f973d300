"""Every page of the network renders under the strict Content-Security-Policy: no inline scripts,
no inline styles, no inline event handlers (htmx attributes only)."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from lapnet.members import access, actions
from lapnet.members.models import MembershipApplication, Sector
from tests.members.support import add_contact, application_data, login
from tests.personas import Personas

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
INLINE_STYLE = re.compile(r"<style\b|\sstyle\s*=", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)
JAVASCRIPT_URL = re.compile(r"javascript:", re.IGNORECASE)


def assert_csp_clean(response: object) -> None:
    body = response.content.decode()  # type: ignore[attr-defined]
    assert not INLINE_SCRIPT.search(body), INLINE_SCRIPT.search(body)
    assert not INLINE_STYLE.search(body), INLINE_STYLE.search(body)
    assert not EVENT_HANDLER.search(body), EVENT_HANDLER.search(body)
    assert not JAVASCRIPT_URL.search(body)
    policy = response.headers.get("Content-Security-Policy", "")  # type: ignore[attr-defined]
    assert "script-src 'self' 'nonce-" in policy and "style-src 'self'" in policy


@pytest.fixture
def world(personas: Personas, client: Client) -> dict[str, object]:
    claire = add_contact(personas.carol, personas.dgccrf, "Claire Martin", pgp_fingerprint="ab" * 20)
    add_contact(personas.carol, personas.dgccrf, "Paul Durand")
    actions.do_add_network(personas.erin, personas.mailco, "81.2.69.0/24")
    actions.do_add_domain(personas.erin, personas.mailco, "mailco.de")
    actions.do_designate_national_coordinator(personas.erin, personas.dgccrf)
    resource = actions.do_add_resource(
        personas.dave, {"title": "Abuse desk", "sector": Sector.MAIL_PROVIDER, "url": "https://abuse.example"}
    )
    client.post(reverse("members:submit-application"), application_data())
    application = MembershipApplication.objects.get()
    actions.do_request_information(personas.erin, application, "Your legal basis?")
    return {"contact": claire, "resource": resource, "application": application}


def test_every_signed_in_page_is_free_of_inline_code(personas: Personas, client: Client, world: dict) -> None:
    login(client, personas.erin)
    application = world["application"]
    urls = [
        reverse("members:directory"),
        reverse("members:directory") + "?country=FR",
        reverse("members:show-organisation", args=["dgccrf"]),
        reverse("members:show-organisation", args=["mailco"]),
        reverse("members:edit-organisation", args=["dgccrf"]),
        reverse("members:add-contact", args=["dgccrf"]),
        reverse("members:edit-contact", args=[world["contact"].pk]),
        reverse("members:list-users", args=["dgccrf"]),
        reverse("members:list-coordinators"),
        reverse("members:list-resources"),
        reverse("members:add-resource"),
        reverse("members:edit-resource", args=[world["resource"].pk]),
        reverse("members:list-applications"),
        reverse("members:review-application", args=[application.pk]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_csp_clean(response)


def test_the_results_of_actions_are_free_of_inline_code(
    personas: Personas, client: Client, world: dict
) -> None:
    login(client, personas.erin)
    invited = client.post(
        reverse("members:invite-user", args=["dgccrf"]),
        {"first_name": "Hugo", "email": "hugo@dgccrf.example", "role": "viewer"},
    )
    assert invited.status_code == 200
    assert_csp_clean(invited)
    approved = client.post(reverse("members:approve-application", args=[world["application"].pk]))
    assert approved.status_code == 200
    assert_csp_clean(approved)


def test_the_public_pages_are_free_of_inline_code(personas: Personas, client: Client, world: dict) -> None:
    assert_csp_clean(client.get(reverse("members:submit-application")))
    token = access.application_token(world["application"])
    page = client.get(reverse("members:track-application", args=[token]))
    assert page.status_code == 200
    assert_csp_clean(page)
    assert_csp_clean(client.get(reverse("members:set-password", args=["MQ", "nope"])))


def test_the_honeypot_is_hidden_without_a_style(client: Client) -> None:
    body = client.get(reverse("members:submit-application")).content.decode()
    assert re.search(r"<div hidden>\s*<label[^>]*>[^<]*</label>\s*<input[^>]*name=\"homepage\"", body)
