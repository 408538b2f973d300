"""What the sign-in tests share: logging in through the real log-in page (django-axes sees every
attempt), the code an authenticator app would show (computed with ``django_otp.oath.totp`` from the
device's key), and a logged-in, second-factor-verified session for tests of other pages."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from lapnet.accounts import actions, second_factor
from tests.personas import PASSWORD

if TYPE_CHECKING:
    from django.http import HttpResponse
    from django.test import Client

    from lapnet.members.models import User


def log_in(client: Client, username: str, password: str = PASSWORD, **extra: Any) -> HttpResponse:
    return client.post(reverse("accounts:login"), {"username": username, "password": password}, **extra)


def give_code(client: Client, code: str, **extra: Any) -> HttpResponse:
    return client.post(reverse("accounts:verify"), {"code": code}, **extra)


def code_for(device: TOTPDevice) -> str:
    """The six digits the user's app shows, for the first time step the device has not accepted yet
    (a code is accepted once; the device allows one step of clock difference either way)."""
    device.refresh_from_db()
    step_now = (int(time.time()) - device.t0) // device.step
    ahead = max(0, device.last_t + 1 - step_now)
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, ahead):0{device.digits}d}"


def enrol(user: User) -> tuple[TOTPDevice, list[str]]:
    """Turn on two-factor log-in for the user through the action the enrolment page calls."""
    device = second_factor.unconfirmed_totp_device(user)
    codes = actions.do_confirm_totp_device(user, device, code_for(device))
    device.refresh_from_db()
    return device, codes


def force_login_with_second_factor(client: Client, user: User) -> TOTPDevice:
    """A session that passed both steps, for tests about other pages. Coordinators and the secretariat
    (whose role requires a second factor) are redirected to enrolment or the code step without it."""
    device = second_factor.totp_device(user) or TOTPDevice.objects.create(
        user=user, name=second_factor.APP_DEVICE_NAME, confirmed=True
    )
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return device
