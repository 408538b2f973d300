"""Watching pages: thin, each parses input, fetches through ``access``, calls an action, renders (for
htmx, a partial from ``templates/watching/partials/``)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from lapnet.campaigns.access import access_campaign
from lapnet.evidence.queries import INDICATOR_TYPES
from lapnet.watching import actions, queries, reports
from lapnet.watching.access import access_watch
from lapnet.watching.forms import MarkReadForm, PeriodForm, WatchForm
from lapnet.watching.models import Watch, WatchKind


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def _back(request: HttpRequest, fallback: str = "watching:list-watches") -> HttpResponse:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect(fallback)


def _button(request: HttpRequest, button: dict[str, Any], status: int = 200) -> HttpResponse:
    return render(request, "watching/partials/watch_button.html", button, status=status)


def _button_of(watch: Watch) -> dict[str, Any]:
    """The watch button's arguments (kind, target, indicator_type) for what a watch follows."""
    if watch.kind == WatchKind.CAMPAIGN:
        return {"kind": watch.kind, "target": watch.campaign_id, "indicator_type": ""}
    if watch.kind == WatchKind.SEARCH:
        return {"kind": watch.kind, "target": watch.query, "indicator_type": watch.indicator_type}
    return {"kind": watch.kind, "target": watch.value, "indicator_type": watch.indicator_type}


# --- watches ---------------------------------------------------------------------------------------------


@login_required
@require_GET
def watch_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "watching/watches.html",
        {"watches": list(queries.watch_list(request.user)), "indicator_types": INDICATOR_TYPES},
    )


@login_required
@require_POST
def watch(request: HttpRequest) -> HttpResponse:
    form = WatchForm(request.POST)
    if not form.is_valid():
        error = " ".join(str(e) for errors in form.errors.values() for e in errors)
        if _is_htmx(request):
            return HttpResponse(error, status=400, content_type="text/plain; charset=utf-8")
        messages.error(request, error)
        return _back(request)
    data = form.cleaned_data
    user = request.user
    try:
        if data["kind"] == WatchKind.CAMPAIGN:
            made = actions.do_watch_campaign(user, access_campaign(user, data["campaign"]))
        elif data["kind"] == WatchKind.INDICATOR:
            made = actions.do_watch_indicator(user, data["indicator_type"], data["value"])
        else:
            made = actions.do_save_search(
                user, data["value"], data["name"], indicator_type=data["indicator_type"]
            )
    except actions.WatchingError as error:
        if _is_htmx(request):
            return HttpResponse(str(error), status=400, content_type="text/plain; charset=utf-8")
        messages.error(request, str(error))
        return _back(request)
    if _is_htmx(request):
        return _button(request, {**_button_of(made), "next": data["next"]})
    messages.success(request, f"You are watching {made.describe()}.")
    return _back(request)


@login_required
@require_POST
def unwatch(request: HttpRequest, pk: int) -> HttpResponse:
    watch = access_watch(request.user, pk)
    button = _button_of(watch)
    described = watch.describe()
    actions.do_unwatch(request.user, watch)
    if _is_htmx(request):
        if request.POST.get("from") == "list":
            return HttpResponse("")  # the row of the watches page goes away
        return _button(request, {**button, "next": request.POST.get("next", "")})
    messages.success(request, f"You no longer watch {described}.")
    return _back(request)


# --- alerts ----------------------------------------------------------------------------------------------


def _alerts_context(request: HttpRequest) -> dict[str, Any]:
    page = Paginator(queries.alerts_for(request.user), 50).get_page(request.GET.get("page"))
    return {"page": page, "unread": sum(1 for alert in page if alert.read_at is None)}


@login_required
@require_GET
def alert_list(request: HttpRequest) -> HttpResponse:
    template = "watching/partials/alert_list.html" if _is_htmx(request) else "watching/alerts.html"
    return render(request, template, _alerts_context(request))


@login_required
@require_POST
def mark_alerts_read(request: HttpRequest) -> HttpResponse:
    form = MarkReadForm(request.POST)
    if form.is_valid():
        ids = None if form.cleaned_data["all"] else form.cleaned_data["ids"]
        actions.do_mark_alerts_read(request.user, ids)
    if _is_htmx(request):
        response = render(request, "watching/partials/alert_list.html", _alerts_context(request))
        response["HX-Trigger"] = "alerts-changed"  # the badge in the navigation reloads itself
        return response
    return redirect("watching:list-alerts")


@require_GET
def alert_badge(request: HttpRequest) -> HttpResponse:
    """The unread count in the navigation, loaded by htmx so other pages pay no query for it. Signed
    out (a session that expired while the page was open): nothing to swap, rather than the log-in page."""
    if not request.user.is_authenticated:
        return HttpResponse(status=204)
    return render(
        request, "watching/partials/alert_badge.html", {"unread": queries.unread_alert_count(request.user)}
    )


# --- top violators and surges ----------------------------------------------------------------------------


@login_required
@require_GET
def top_violators(request: HttpRequest) -> HttpResponse:
    form = PeriodForm(request.GET or None)
    period = form.to_period(timezone.now())
    scope = reports.Scope.of(request.user)
    context = {
        "form": form,
        "period": period,
        "campaigns": reports.top_campaigns(scope, period),
        "beneficiaries": reports.top_beneficiaries(scope, period),
    }
    template = "watching/partials/top_results.html" if _is_htmx(request) else "watching/top.html"
    return render(request, template, context)


@login_required
@require_GET
def surges(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    scope = reports.Scope.of(request.user)
    return render(
        request,
        "watching/surges.html",
        {
            "now": now,
            "recent_start": now - reports.RECENT_WINDOW,
            "campaigns": reports.campaign_surges(scope, now),
            "beneficiaries": reports.beneficiary_surges(scope, now),
            "rule": reports.surge_rule(),
        },
    )
