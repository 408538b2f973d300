"""Log-in is rate-limited per user name and address (django-axes): after the failure limit, even the
right password is refused until the cool-off has passed, and the locked-out page says so."""

from __future__ import annotations

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from lapnet.sharing.models import AuditAction, AuditEvent
from tests.accounts.support import enrol, force_login_with_second_factor, give_code, log_in
from tests.personas import PASSWORD, Personas

pytestmark = pytest.mark.django_db


def fail(client: Client, username: str, times: int, **extra: object) -> list[int]:
    return [log_in(client, username, "not the password", **extra).status_code for _ in range(times)]


def is_logged_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def test_the_failure_limit_locks_the_user_name_out_and_the_page_says_so(
    personas: Personas, client: Client, settings: object
) -> None:
    limit = settings.AXES_FAILURE_LIMIT
    assert fail(client, "alice", limit - 1) == [200] * (limit - 1), "a wrong password shows the form again"
    response = log_in(client, "alice", "still not the password")
    assert response.status_code == 429
    assert "accounts/locked_out.html" in [t.name for t in response.templates]
    assert b"Too many failed log-ins" in response.content
    assert f"After {limit} failed attempts".encode() in response.content


def test_a_locked_out_user_name_is_refused_even_with_the_right_password(
    personas: Personas, client: Client, settings: object
) -> None:
    fail(client, "alice", settings.AXES_FAILURE_LIMIT)
    response = log_in(client, "alice")
    assert response.status_code == 429
    assert not is_logged_in(client)


def test_the_limit_is_the_configured_one(personas: Personas, client: Client, settings: object) -> None:
    settings.AXES_FAILURE_LIMIT = 2
    fail(client, "alice", 1)
    assert log_in(client, "alice", "wrong again").status_code == 429


def test_the_lock_is_per_user_name_and_address(personas: Personas, client: Client, settings: object) -> None:
    fail(client, "alice", settings.AXES_FAILURE_LIMIT)
    assert log_in(client, "bob").status_code == 302, "another user name from the same address"
    client.post(reverse("accounts:logout"))
    assert log_in(client, "alice", REMOTE_ADDR="198.51.100.7").status_code == 302, "another address"


def test_the_lock_lifts_after_the_cool_off(personas: Personas, client: Client, settings: object) -> None:
    fail(client, "alice", settings.AXES_FAILURE_LIMIT)
    cool_off = settings.AXES_COOLOFF_TIME * timedelta(hours=1)
    AccessAttempt.objects.update(attempt_time=timezone.now() - cool_off + timedelta(minutes=1))
    assert log_in(client, "alice").status_code == 429, "not yet: the cool-off is not over"
    AccessAttempt.objects.update(attempt_time=timezone.now() - cool_off - timedelta(seconds=5))
    assert log_in(client, "alice").status_code == 302
    assert is_logged_in(client)


def test_a_successful_log_in_clears_the_failures(
    personas: Personas, client: Client, settings: object
) -> None:
    limit = settings.AXES_FAILURE_LIMIT
    fail(client, "alice", limit - 1)
    assert log_in(client, "alice").status_code == 302
    client.post(reverse("accounts:logout"))
    fail(client, "alice", limit - 1)
    assert log_in(client, "alice").status_code == 302


def test_wrong_second_factor_codes_count_towards_the_same_lock_out(
    personas: Personas, client: Client, settings: object
) -> None:
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # every code is checked, none is merely delayed
    enrol(personas.alice)
    limit = settings.AXES_FAILURE_LIMIT
    assert log_in(client, "alice").status_code == 302
    for _ in range(limit - 1):
        assert give_code(client, "000000").status_code == 200
    response = give_code(client, "000000")
    assert response.status_code == 429
    assert not is_logged_in(client)
    assert client.get(reverse("accounts:verify")).status_code == 302, "the log-in in progress is abandoned"
    assert log_in(client, "alice").status_code == 429


def test_each_failure_and_the_lock_out_are_in_the_audit_log(
    personas: Personas, client: Client, settings: object
) -> None:
    limit = settings.AXES_FAILURE_LIMIT
    fail(client, "alice", limit)
    failures = AuditEvent.objects.filter(action=AuditAction.LOGIN_FAILED, object_id=str(personas.alice.pk))
    assert failures.count() == limit
    assert [e.detail["locked_out"] for e in failures.order_by("id")] == [False] * (limit - 1) + [True]


def test_the_lock_out_records_keep_no_password_and_no_code(personas: Personas, client: Client) -> None:
    """django-axes stores the POST data of each failure: a mistyped password or recovery code is
    nearly the real one, so those fields are masked wherever they are typed."""
    _device, codes = enrol(personas.alice)
    log_in(client, "alice", "correct horse battery stapel")
    give_code(client, codes[0][:-1] + "x")  # a mistyped recovery code
    force_login_with_second_factor(client, personas.alice)
    client.post(reverse("accounts:disable-two-factor"), {"password": PASSWORD + "!", "code": codes[1]})
    kept = " ".join(AccessAttempt.objects.values_list("post_data", flat=True))
    assert "stapel" not in kept and PASSWORD not in kept
    assert codes[0][:-1] not in kept and codes[1] not in kept
