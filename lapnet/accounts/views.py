"""Sign-in and security pages: thin, each parses input, fetches through ``access``, calls an action
(or the log-in steps in ``signin``), renders."""

from __future__ import annotations

import django_otp
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice

from lapnet.accounts import access, actions, queries, second_factor, signin
from lapnet.accounts.forms import (
    ApiTokenForm,
    AuditFilterForm,
    CodeForm,
    LogInForm,
    PasswordAndCodeForm,
    ResetSecondFactorForm,
)
from lapnet.accounts.models import ApiToken

AUDIT_PAGE_SIZE = 50


# --- log-in ----------------------------------------------------------------------------------------


@sensitive_post_parameters("password")
@csrf_protect
@never_cache
def log_in(request: HttpRequest) -> HttpResponse:
    then = signin.next_url(request)
    if request.user.is_authenticated:
        return redirect(then)
    form = LogInForm(request, data=request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            return signin.password_accepted(request, form.get_user(), then)
        signin.password_rejected(request, request.POST.get("username", "")[:150])
    return render(request, "accounts/login.html", {"form": form, "next": then})


@sensitive_post_parameters("code")
@csrf_protect
@never_cache
def verify(request: HttpRequest) -> HttpResponse:
    user = signin.user_to_verify(request)
    if user is None:
        return redirect(signin.next_url(request) if request.user.is_authenticated else "accounts:login")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        outcome = signin.code_given(request, user, form.cleaned_data["code"])
        if outcome.response is not None:
            return outcome.response
        form.add_error("code", outcome.error)
    return render(request, "accounts/verify.html", {"form": form, "next": signin.next_url(request)})


# --- the user's own second factor -------------------------------------------------------------------


@login_required
@never_cache
def two_factor(request: HttpRequest) -> HttpResponse:
    user = request.user
    if second_factor.has_second_factor(user):
        return render(
            request,
            "accounts/two_factor.html",
            {
                "device": second_factor.totp_device(user),
                "recovery_codes_left": second_factor.recovery_codes_left(user),
                "disable_form": PasswordAndCodeForm(request, user, auto_id="id_disable_%s"),
                "codes_form": CodeForm(auto_id="id_codes_%s"),
                "required": second_factor.is_required_for(user),
            },
        )
    return _enrolment_page(request, PasswordAndCodeForm(request, user))


@require_POST
@login_required
@sensitive_post_parameters("password", "code")
@never_cache
def confirm_two_factor(request: HttpRequest) -> HttpResponse:
    user = request.user
    if second_factor.has_second_factor(user):
        return redirect("accounts:two-factor")
    device = second_factor.unconfirmed_totp_device(user)
    form = PasswordAndCodeForm(request, user, data=request.POST)
    if form.is_valid():
        try:
            codes = actions.do_confirm_totp_device(user, device, form.cleaned_data["code"])
        except actions.SecondFactorError as error:
            form.add_error("code", str(error))
        else:
            django_otp.login(request, device)
            request.session.cycle_key()
            return _recovery_codes_page(request, codes, first_time=True)
    return _enrolment_page(request, form, status=400)


@require_POST
@login_required
@sensitive_post_parameters("password", "code")
def disable_two_factor(request: HttpRequest) -> HttpResponse:
    user = request.user
    form = PasswordAndCodeForm(request, user, data=request.POST)
    if form.is_valid():
        check = second_factor.check_code(user, form.cleaned_data["code"])
        if check.ok:
            actions.do_remove_second_factor(user, user)
            messages.success(request, "Two-factor log-in is off. You can turn it on again below.")
            return redirect("accounts:two-factor")
        form.add_error("code", _code_error(check))
    messages.error(request, "Two-factor log-in is still on: " + _first_error(form))
    return redirect("accounts:two-factor")


@require_POST
@login_required
@sensitive_post_parameters("code")
@never_cache
def regenerate_recovery_codes(request: HttpRequest) -> HttpResponse:
    user = request.user
    form = CodeForm(request.POST)
    if form.is_valid():
        check = second_factor.check_code(user, form.cleaned_data["code"])
        if check.ok:
            return _recovery_codes_page(request, actions.do_regenerate_recovery_codes(user), first_time=False)
        form.add_error("code", _code_error(check))
    messages.error(request, "The recovery codes were not replaced: " + _first_error(form))
    return redirect("accounts:two-factor")


# --- other people's second factor (coordinators, secretariat) ---------------------------------------


@login_required
def people(request: HttpRequest) -> HttpResponse:
    enrolled = TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)
    listed = (
        access.people_managed_by(request.user)
        .select_related("organisation")
        .annotate(has_second_factor=Exists(enrolled))
        .order_by("organisation__name", "username")
    )
    page = Paginator(listed, 100).get_page(request.GET.get("page"))
    return render(request, "accounts/people.html", {"page": page, "form": ResetSecondFactorForm()})


@require_POST
@login_required
def reset_two_factor(request: HttpRequest, pk: int) -> HttpResponse:
    person = access.access_person(request.user, pk)
    form = ResetSecondFactorForm(request.POST)
    if form.is_valid():
        actions.do_remove_second_factor(request.user, person, reason=form.cleaned_data["reason"])
        messages.success(
            request,
            f"Two-factor log-in of {person.get_username()} is reset: they enrol again at next log-in.",
        )
    else:
        messages.error(request, "Nothing was reset: give a reason, for the audit log.")
    return redirect("accounts:people")


# --- API tokens -------------------------------------------------------------------------------------


@login_required
@never_cache
def tokens(request: HttpRequest) -> HttpResponse:
    form = ApiTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token, secret = actions.do_issue_api_token(
            request.user, name=form.cleaned_data["name"], lifetime=form.cleaned_lifetime()
        )
        response = render(request, "accounts/token_created.html", {"token": token, "secret": secret})
        response["Cache-Control"] = "no-store"
        return response
    listed = ApiToken.objects.filter(user=request.user)
    return render(request, "accounts/tokens.html", {"tokens": listed, "form": form})


@require_POST
@login_required
def revoke_token(request: HttpRequest, pk: int) -> HttpResponse:
    token = access.access_api_token(request.user, pk)
    actions.do_revoke_api_token(request.user, token)
    messages.success(
        request, f"API token {token.name!r} is revoked: requests with it are refused from now on."
    )
    return redirect("accounts:tokens")


# --- audit log --------------------------------------------------------------------------------------


@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    form = AuditFilterForm(request.GET or None)
    events = queries.audit_log(request.user, form.audit_filter() if form.is_bound else queries.AuditFilter())
    page = Paginator(events, AUDIT_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "accounts/audit_log.html", {"form": form, "page": page})


# --- helpers ----------------------------------------------------------------------------------------


def _enrolment_page(request: HttpRequest, form: PasswordAndCodeForm, status: int = 200) -> HttpResponse:
    device = second_factor.unconfirmed_totp_device(request.user)
    return render(
        request,
        "accounts/enrol.html",
        {
            "form": form,
            "qr_code": second_factor.qr_code_svg(device),
            "secret": second_factor.secret_for_display(device),
            "required": second_factor.is_required_for(request.user),
        },
        status=status,
    )


def _recovery_codes_page(request: HttpRequest, codes: list[str], *, first_time: bool) -> HttpResponse:
    response = render(
        request,
        "accounts/recovery_codes.html",
        {"codes": [second_factor.format_recovery_code(c) for c in codes], "first_time": first_time},
    )
    response["Cache-Control"] = "no-store"
    return response


def _code_error(check: second_factor.Check) -> str:
    if check.throttled_until is not None:
        return actions.throttled_message(check.throttled_until)
    return "That code is not right."


def _first_error(form: CodeForm | PasswordAndCodeForm) -> str:
    for errors in form.errors.values():
        return str(errors[0])
    return "the form is incomplete."
