"""The two-step log-in: password first (django-axes counts failures per user name and address), then,
for an account with an authenticator app, a code. Until the code is given the session holds only a
short-lived "pending" mark; the user is not logged in.

Wrong codes count towards the same lock-out as wrong passwords (a ``user_login_failed`` signal with the
user name), so knowing a password does not buy unlimited guesses at the code; each device also
throttles itself (django_otp: 1, 2, 4, ... seconds after each failure).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

import django_otp
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_client_ip_address, get_lockout_response
from django.conf import settings
from django.contrib import auth
from django.contrib.auth.signals import user_login_failed
from django.shortcuts import redirect, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme

from lapnet.accounts import actions, second_factor
from lapnet.members.models import User

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponse
    from django_otp.models import Device

PENDING_KEY = "lapnet_pending_login"
PENDING_SECONDS = 5 * 60


def client_ip(request: HttpRequest) -> str:
    return get_client_ip_address(request) or ""


def next_url(request: HttpRequest) -> str:
    """Where to go after logging in: a ``next`` on this site, or the home page."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def password_accepted(request: HttpRequest, user: User, then: str) -> HttpResponse:
    """Step one passed. With an authenticator app: remember the user as pending and ask for a code;
    without: log in (the middleware then sends a user whose role requires one to enrolment)."""
    if second_factor.has_second_factor(user):
        request.session.cycle_key()
        request.session[PENDING_KEY] = {
            "user": user.pk,
            "backend": getattr(user, "backend", settings.AUTHENTICATION_BACKENDS[-1]),
            "since": time.time(),
            "next": then,
        }
        return redirect("accounts:verify")
    complete_log_in(request, user, None)
    return redirect(then)


def password_rejected(request: HttpRequest, username: str) -> None:
    locked_out = bool(getattr(request, "axes_locked_out", False))
    actions.do_record_failed_log_in(
        username=username,
        ip=client_ip(request),
        reason="locked out" if locked_out else "wrong user name or password",
        user=User.objects.filter(username=username).first(),
        locked_out=locked_out,
    )


def user_to_verify(request: HttpRequest) -> User | None:
    """Who is being asked for a code: the pending user of this session, or a logged-in user with an
    authenticator app whose session is not verified yet (logged in through another door)."""
    user = request.user
    if user.is_authenticated:
        if user.is_verified() or not second_factor.has_second_factor(user):
            return None
        return user
    pending = request.session.get(PENDING_KEY)
    if not pending or time.time() - pending["since"] > PENDING_SECONDS:
        request.session.pop(PENDING_KEY, None)
        return None
    return User.objects.filter(pk=pending["user"], is_active=True).first()


@dataclass(frozen=True)
class CodeOutcome:
    response: HttpResponse | None = None  # set when the step is over (logged in, or locked out)
    error: str = ""


def code_given(request: HttpRequest, user: User, code: str) -> CodeOutcome:
    credentials = {settings.AXES_USERNAME_FORM_FIELD: user.get_username()}
    if not AxesProxyHandler.is_allowed(request, credentials):
        abandon(request)
        return CodeOutcome(response=get_lockout_response(request, None, credentials))
    check = second_factor.check_code(user, code)
    if check.device is not None:
        then = _pending_next(request) or next_url(request)
        complete_log_in(request, user, check.device)
        return CodeOutcome(response=redirect(then))
    if check.throttled_until is not None:
        return CodeOutcome(error=actions.throttled_message(check.throttled_until))
    # counted by django-axes like a wrong password; it marks the request when the limit is reached
    user_login_failed.send(sender=__name__, credentials=credentials, request=request)
    locked_out = bool(getattr(request, "axes_locked_out", False))
    actions.do_record_failed_log_in(
        username=user.get_username(),
        ip=client_ip(request),
        reason="wrong second-factor code",
        user=user,
        locked_out=locked_out,
    )
    if locked_out:
        abandon(request)
        return CodeOutcome(response=get_lockout_response(request, None, credentials))
    return CodeOutcome(
        error="That code is not right. Use the current code from your app, or a recovery code."
    )


def complete_log_in(request: HttpRequest, user: User, device: Device | None) -> None:
    """Log the user in (or raise an already logged-in session to verified), mark the second factor
    on the session, and audit it."""
    pending = request.session.pop(PENDING_KEY, None)
    if request.user.is_authenticated and request.user.pk == user.pk:
        request.session.cycle_key()  # the session gains privileges: give it a new id
    else:
        backend = pending["backend"] if pending else getattr(user, "backend", None)
        auth.login(request, user, backend=backend)
    if device is not None:
        django_otp.login(request, device)
    actions.do_record_log_in(user, ip=client_ip(request), device=device)


def abandon(request: HttpRequest) -> None:
    """Give up the log-in in progress: the pending mark goes, a logged-in but unverified session ends."""
    request.session.pop(PENDING_KEY, None)
    if request.user.is_authenticated:
        auth.logout(request)


def _pending_next(request: HttpRequest) -> str:
    pending = request.session.get(PENDING_KEY) or {}
    return str(pending.get("next") or "")
