"""Every log-in and every failed log-in is in the audit log, with the address it came from."""

from __future__ import annotations

import pytest
from django.test import Client

from lapnet.sharing.models import AuditAction, AuditEvent
from tests.accounts.support import code_for, enrol, give_code, log_in
from tests.personas import Personas

pytestmark = pytest.mark.django_db


def test_a_log_in_is_recorded_with_its_address_and_method(personas: Personas, client: Client) -> None:
    log_in(client, "alice", REMOTE_ADDR="192.0.2.10")
    event = AuditEvent.objects.get(action=AuditAction.LOGIN)
    assert event.actor == personas.alice
    assert event.organisation == personas.dgccrf
    assert event.detail == {"ip": "192.0.2.10", "second_factor": None}


def test_a_two_factor_log_in_is_recorded_once_the_code_is_given(personas: Personas, client: Client) -> None:
    device, _codes = enrol(personas.alice)
    log_in(client, "alice")
    assert not AuditEvent.objects.filter(action=AuditAction.LOGIN).exists()
    give_code(client, code_for(device))
    event = AuditEvent.objects.get(action=AuditAction.LOGIN)
    assert event.detail["second_factor"] == "authenticator app"


def test_a_wrong_password_is_recorded_against_the_account_without_an_actor(
    personas: Personas, client: Client
) -> None:
    log_in(client, "alice", "guess", REMOTE_ADDR="203.0.113.5")
    event = AuditEvent.objects.get(action=AuditAction.LOGIN_FAILED)
    assert event.actor is None
    assert (event.object_type, event.object_id) == ("members.user", str(personas.alice.pk))
    assert event.detail["ip"] == "203.0.113.5"
    assert event.detail["username"] == "alice"


def test_an_unknown_user_name_is_recorded_too(personas: Personas, client: Client) -> None:
    log_in(client, "mallory", "guess")
    event = AuditEvent.objects.get(action=AuditAction.LOGIN_FAILED)
    assert event.object_id == ""
    assert event.detail["username"] == "mallory"
