"""Two-factor log-in end to end: enrol an authenticator app (QR code and key), confirm it with a real
code, keep the one-time recovery codes, then log in with password and code."""

from __future__ import annotations

import re
import time

import pytest
from django.test import Client
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from lapnet.accounts import second_factor, signin
from lapnet.sharing.models import AuditAction, AuditEvent
from tests.accounts.support import code_for, enrol, give_code, log_in
from tests.personas import PASSWORD, Personas

pytestmark = pytest.mark.django_db

RECOVERY_CODE = re.compile(rb"<li>([a-z2-7]{4}-[a-z2-7]{4})</li>")


def is_logged_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def test_an_analyst_enrols_an_app_and_then_needs_its_code_to_log_in(
    personas: Personas, client: Client
) -> None:
    assert log_in(client, "alice").status_code == 302
    page = client.get(reverse("accounts:two-factor"))
    assert page.status_code == 200
    device = TOTPDevice.objects.get(user=personas.alice, confirmed=False)
    assert b'<svg role="img" aria-label="QR code"' in page.content
    assert second_factor.secret_for_display(device).encode() in page.content

    confirmed = client.post(
        reverse("accounts:confirm-two-factor"), {"password": PASSWORD, "code": code_for(device)}
    )
    assert confirmed.status_code == 200
    codes = RECOVERY_CODE.findall(confirmed.content)
    assert len(codes) == second_factor.RECOVERY_CODE_COUNT
    assert StaticToken.objects.filter(device__user=personas.alice).count() == len(codes)
    assert "no-store" in confirmed["Cache-Control"]
    device.refresh_from_db()
    assert device.confirmed
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id, "this session counts as verified"

    client.post(reverse("accounts:logout"))
    first_step = log_in(client, "alice")
    assert first_step["Location"] == reverse("accounts:verify")
    assert not is_logged_in(client), "the password alone logs nobody in"
    assert client.get(reverse("home")).status_code == 302

    second_step = give_code(client, code_for(device))
    assert second_step.status_code == 302 and second_step["Location"] == reverse("home")
    assert is_logged_in(client)
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    assert client.get(reverse("home")).status_code == 200


def test_enrolment_shows_the_same_key_until_it_is_confirmed(personas: Personas, client: Client) -> None:
    log_in(client, "alice")
    first = client.get(reverse("accounts:two-factor"))
    second = client.get(reverse("accounts:two-factor"))
    device = TOTPDevice.objects.get(user=personas.alice)
    assert second_factor.secret_for_display(device).encode() in first.content
    assert second_factor.secret_for_display(device).encode() in second.content


def test_enrolment_needs_the_password_and_a_right_code(personas: Personas, client: Client) -> None:
    log_in(client, "alice")
    client.get(reverse("accounts:two-factor"))
    device = TOTPDevice.objects.get(user=personas.alice)
    wrong_password = client.post(
        reverse("accounts:confirm-two-factor"), {"password": "guess", "code": code_for(device)}
    )
    assert wrong_password.status_code == 400
    wrong_code = client.post(reverse("accounts:confirm-two-factor"), {"password": PASSWORD, "code": "123456"})
    assert wrong_code.status_code == 400
    device.refresh_from_db()
    assert not device.confirmed
    assert not StaticToken.objects.exists()


def test_a_recovery_code_logs_in_once(personas: Personas, client: Client) -> None:
    _device, codes = enrol(personas.alice)
    log_in(client, "alice")
    assert give_code(client, second_factor.format_recovery_code(codes[0]).upper())["Location"] == reverse(
        "home"
    )
    client.post(reverse("accounts:logout"))
    log_in(client, "alice")
    reused = give_code(client, codes[0])
    assert reused.status_code == 200
    assert b"That code is not right" in reused.content
    assert not is_logged_in(client)


def test_an_app_code_is_accepted_once(personas: Personas, client: Client, settings: object) -> None:
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    device, _codes = enrol(personas.alice)
    code = code_for(device)
    log_in(client, "alice")
    give_code(client, code)
    client.post(reverse("accounts:logout"))
    log_in(client, "alice")
    assert give_code(client, code).status_code == 200, "a replayed code"
    assert not is_logged_in(client)


def test_a_wrong_code_keeps_the_user_out_and_is_audited(personas: Personas, client: Client) -> None:
    enrol(personas.alice)
    log_in(client, "alice")
    response = give_code(client, "000000")
    assert response.status_code == 200
    assert not is_logged_in(client)
    failed = AuditEvent.objects.get(action=AuditAction.LOGIN_FAILED)
    assert failed.object_id == str(personas.alice.pk)
    assert failed.detail["reason"] == "wrong second-factor code"


def test_a_wrong_code_slows_the_next_attempt_down(personas: Personas, client: Client) -> None:
    device, _codes = enrol(personas.alice)
    log_in(client, "alice")
    give_code(client, "000000")
    response = give_code(client, code_for(device))
    assert b"Too many wrong codes" in response.content
    assert not is_logged_in(client)


def test_the_code_step_expires(personas: Personas, client: Client) -> None:
    device, _codes = enrol(personas.alice)
    log_in(client, "alice")
    session = client.session
    session[signin.PENDING_KEY]["since"] = time.time() - signin.PENDING_SECONDS - 1
    session.save()
    response = give_code(client, code_for(device))
    assert response["Location"] == reverse("accounts:login")
    assert not is_logged_in(client)


def test_the_page_asked_for_before_log_in_is_shown_after_the_code(personas: Personas, client: Client) -> None:
    device, _codes = enrol(personas.alice)
    wanted = reverse("evidence:list")
    client.post(reverse("accounts:login"), {"username": "alice", "password": PASSWORD, "next": wanted})
    assert give_code(client, code_for(device))["Location"] == wanted


def test_a_next_address_on_another_site_is_ignored(personas: Personas, client: Client) -> None:
    response = client.post(
        reverse("accounts:login"),
        {"username": "alice", "password": PASSWORD, "next": "https://evil.example/"},
    )
    assert response["Location"] == reverse("home")


def test_new_recovery_codes_replace_the_old_ones(personas: Personas, client: Client) -> None:
    device, old = enrol(personas.alice)
    log_in(client, "alice")
    give_code(client, code_for(device))
    response = client.post(reverse("accounts:regenerate-recovery-codes"), {"code": code_for(device)})
    new = [c.decode().replace("-", "") for c in RECOVERY_CODE.findall(response.content)]
    assert len(new) == second_factor.RECOVERY_CODE_COUNT
    assert set(StaticToken.objects.values_list("token", flat=True)) == set(new)
    assert not set(old) & set(new)
    assert AuditEvent.objects.filter(
        action=AuditAction.SECURITY, detail__event="recovery_codes_replaced"
    ).exists()
