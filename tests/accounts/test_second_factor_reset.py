"""A second factor is turned off by its owner (password and code), or reset for someone who lost their
phone by a coordinator of their organisation or by the secretariat, always with a reason, audited."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from lapnet.members.models import User
from lapnet.sharing.models import AuditAction, AuditEvent
from tests.accounts.support import code_for, enrol, force_login_with_second_factor
from tests.personas import PASSWORD, Personas

pytestmark = pytest.mark.django_db


def has_second_factor(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user).exists() or StaticDevice.objects.filter(user=user).exists()


def reset(client: Client, person: User, reason: str = "lost phone, confirmed by call-back") -> object:
    return client.post(reverse("accounts:reset-two-factor", args=[person.pk]), {"reason": reason})


def test_a_user_turns_it_off_with_password_and_code(personas: Personas, client: Client) -> None:
    device, _codes = enrol(personas.alice)
    force_login_with_second_factor(client, personas.alice)
    response = client.post(
        reverse("accounts:disable-two-factor"),
        {"password": PASSWORD, "code": code_for(device)},
    )
    assert response.status_code == 302
    assert not has_second_factor(personas.alice)
    event = AuditEvent.objects.get(action=AuditAction.SECURITY, detail__event="second_factor_removed")
    assert event.actor == personas.alice


def test_turning_it_off_needs_the_password(personas: Personas, client: Client) -> None:
    device, _codes = enrol(personas.alice)
    force_login_with_second_factor(client, personas.alice)
    client.post(
        reverse("accounts:disable-two-factor"),
        {"password": "guess", "code": code_for(device)},
    )
    assert has_second_factor(personas.alice)


def test_turning_it_off_needs_a_code(personas: Personas, client: Client) -> None:
    enrol(personas.alice)
    force_login_with_second_factor(client, personas.alice)
    client.post(reverse("accounts:disable-two-factor"), {"password": PASSWORD, "code": "000000"})
    assert has_second_factor(personas.alice)


def test_a_coordinator_resets_a_colleague_with_a_reason_on_record(personas: Personas, client: Client) -> None:
    enrol(personas.bob)
    force_login_with_second_factor(client, personas.carol)
    listing = client.get(reverse("accounts:people"))
    assert {p.username for p in listing.context["page"]} == {"alice", "bob"}
    assert reset(client, personas.bob).status_code == 302
    assert not has_second_factor(personas.bob)
    event = AuditEvent.objects.get(detail__event="second_factor_reset")
    assert event.actor == personas.carol
    assert (event.object_type, event.object_id) == ("members.user", str(personas.bob.pk))
    assert event.detail["reason"] == "lost phone, confirmed by call-back"


def test_a_reset_needs_a_reason(personas: Personas, client: Client) -> None:
    enrol(personas.bob)
    force_login_with_second_factor(client, personas.carol)
    reset(client, personas.bob, reason="")
    assert has_second_factor(personas.bob)


def test_a_coordinator_cannot_reset_someone_of_another_organisation(
    personas: Personas, client: Client
) -> None:
    enrol(personas.charlie)
    force_login_with_second_factor(client, personas.carol)
    assert reset(client, personas.charlie).status_code == 404
    assert has_second_factor(personas.charlie)


def test_the_secretariat_resets_anyone(personas: Personas, client: Client) -> None:
    enrol(personas.charlie)
    force_login_with_second_factor(client, personas.erin)
    assert reset(client, personas.charlie).status_code == 302
    assert not has_second_factor(personas.charlie)


def test_analysts_manage_nobody_else(personas: Personas, client: Client) -> None:
    enrol(personas.bob)
    client.force_login(personas.alice)
    assert client.get(reverse("accounts:people")).status_code == 403
    assert reset(client, personas.bob).status_code == 403
    assert has_second_factor(personas.bob)


def test_after_a_reset_the_sessions_verified_with_the_old_app_must_enrol_again(
    personas: Personas, client: Client
) -> None:
    carol = Client()
    force_login_with_second_factor(carol, personas.carol)
    assert carol.get(reverse("home")).status_code == 200
    force_login_with_second_factor(client, personas.erin)
    reset(client, personas.carol)
    assert carol.get(reverse("home"))["Location"] == reverse("accounts:two-factor")


def test_a_borrowed_session_cannot_enrol_a_new_app_without_the_password(
    personas: Personas, client: Client
) -> None:
    client.force_login(personas.carol)
    client.get(reverse("accounts:two-factor"))
    device = TOTPDevice.objects.get(user=personas.carol)
    client.post(reverse("accounts:confirm-two-factor"), {"password": "guess", "code": code_for(device)})
    device.refresh_from_db()
    assert not device.confirmed
