"""Second factor enforcement, after ``django_otp.middleware.OTPMiddleware`` in ``MIDDLEWARE``.

For a logged-in user whose session is not OTP-verified:

- with an authenticator app: every page redirects to the code step (whatever door they came in by,
  the admin's log-in page included);
- without one, when their role requires it (secretariat, coordinator, staff): every page redirects to
  enrolment;
- otherwise (analysts, contributors, viewers without an app): nothing happens, enrolment is optional.

Always open: log-in, log-out, the code step, enrolment (for those without an app), /healthz, static
files and the REST API (which authenticates each request by token, never by session).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import reverse

from lapnet.accounts import second_factor

if TYPE_CHECKING:
    from collections.abc import Callable

    from django.http import HttpRequest

ALWAYS_OPEN = frozenset({"accounts:login", "accounts:logout", "accounts:verify", "healthz"})
ENROLMENT = frozenset({"accounts:two-factor", "accounts:confirm-two-factor"})
OPEN_NAMESPACES = frozenset({"api"})


class RequireSecondFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Callable[..., Any], args: Any, kwargs: Any
    ) -> HttpResponse | None:
        user = request.user
        if not user.is_authenticated:
            return None
        if user.is_verified():
            return None
        if _always_open(request):
            return None
        if second_factor.has_second_factor(user):
            query = urlencode({"next": request.get_full_path()})
            return _redirect(request, f"{reverse('accounts:verify')}?{query}")
        if not second_factor.is_required_for(user):
            return None
        if request.resolver_match.view_name in ENROLMENT:
            return None
        return _redirect(request, reverse("accounts:two-factor"))


def _always_open(request: HttpRequest) -> bool:
    match = request.resolver_match
    if match.view_name in ALWAYS_OPEN:
        return True
    if OPEN_NAMESPACES.intersection(match.namespaces):
        return True
    static = "/" + settings.STATIC_URL.lstrip("/")
    return request.path_info.startswith(static)


def _redirect(request: HttpRequest, url: str) -> HttpResponse:
    if request.headers.get("HX-Request"):
        response = HttpResponse(status=204)  # htmx swaps nothing and loads the page itself
        response["HX-Redirect"] = url
        return response
    return HttpResponseRedirect(url)
