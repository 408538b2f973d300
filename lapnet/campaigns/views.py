"""Campaign pages. Thin: parse the input with a form, fetch through ``access``, call an action, render
a page (or, for htmx, a partial from ``templates/campaigns/partials/``)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from lapnet.campaigns import access, actions, queries
from lapnet.campaigns.forms import (
    AnnotateForm,
    CampaignFilterForm,
    MarkForm,
    MergeForm,
    RenameForm,
    SplitForm,
)
from lapnet.campaigns.models import Campaign, CampaignStatus
from lapnet.sharing.audit import record
from lapnet.sharing.models import AuditAction
from lapnet.sharing.tlp import TLP

PAGE_SIZE = 50


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


@login_required
def campaign_list(request: HttpRequest) -> HttpResponse:
    scope = access.scope_for(request.user)
    form = CampaignFilterForm(request.GET or None, choices=queries.filter_choices(request.user, scope=scope))
    wanted = form.to_filter()
    campaigns = queries.campaign_list(request.user, wanted, scope=scope)
    page = Paginator(campaigns, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "rows": queries.list_rows(request.user, list(page.object_list), scope=scope),
        "filtered": wanted.active,
        "query": query.urlencode(),
    }
    if _is_htmx(request):
        return render(request, "campaigns/partials/list_results.html", context)
    return render(request, "campaigns/list.html", context)


def _detail_context(
    request: HttpRequest, campaign: Campaign, scope: access.Scope | None = None, **forms: Any
) -> dict[str, Any]:
    may_change = access.can_change_campaigns(request.user)
    summary = queries.summarise(request.user, campaign, scope=scope)
    return {
        "summary": summary,
        "campaign": campaign,
        "may_change": may_change,
        "rename_form": forms.get("rename_form") or RenameForm(initial={"name": summary.name}),
        "mark_form": forms.get("mark_form") or MarkForm(initial={"status": campaign.status}),
        "merge_form": forms.get("merge_form") or MergeForm(),
        "split_form": forms.get("split_form") or SplitForm(),
        "annotate_form": forms.get("annotate_form") or AnnotateForm(),
    }


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    scope = access.scope_for(request.user)
    campaign = access.access_campaign(request.user, pk, scope=scope)
    if campaign.pk != pk:  # merged into another: the old address forwards
        return redirect("campaigns:detail", pk=campaign.pk)
    record(request.user, AuditAction.VIEW, campaign, f"viewed campaign {pk}", channel="web")
    return render(request, "campaigns/detail.html", _detail_context(request, campaign, scope))


# --- the analyst's actions ---------------------------------------------------------------------------------
# Each parses its form, fetches the campaign through ``access`` and calls the action, which checks who may
# act and audits. htmx gets the changed part of the page back; a plain form post is redirected.


def _refused(request: HttpRequest, campaign: Campaign, error: Exception, **forms: Any) -> HttpResponse:
    """The page again with the action's refusal on it (403 when the user may not, 400 otherwise)."""
    status = 403 if isinstance(error, actions.CampaignPermissionError) else 400
    if _is_htmx(request):
        return HttpResponse(str(error), status=status, content_type="text/plain; charset=utf-8")
    messages.error(request, str(error))
    return render(
        request, "campaigns/detail.html", _detail_context(request, campaign, **forms), status=status
    )


def _invalid(request: HttpRequest, campaign: Campaign, partial: str, **forms: Any) -> HttpResponse:
    template = partial if _is_htmx(request) else "campaigns/detail.html"
    return render(request, template, _detail_context(request, campaign, **forms), status=400)


@login_required
@require_POST
def rename(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = access.access_campaign(request.user, pk)
    form = RenameForm(request.POST)
    if not form.is_valid():
        return _invalid(request, campaign, "campaigns/partials/header.html", rename_form=form)
    try:
        actions.do_rename_campaign(request.user, campaign, form.cleaned_data["name"], channel="web")
    except (actions.CampaignPermissionError, actions.CampaignActionError) as error:
        return _refused(request, campaign, error, rename_form=form)
    return _header_or_page(request, pk)


@login_required
@require_POST
def mark(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = access.access_campaign(request.user, pk)
    form = MarkForm(request.POST)
    if not form.is_valid():
        return _invalid(request, campaign, "campaigns/partials/header.html", mark_form=form)
    try:
        actions.do_mark_campaign(
            request.user, campaign, CampaignStatus(form.cleaned_data["status"]), channel="web"
        )
    except (actions.CampaignPermissionError, actions.CampaignActionError) as error:
        return _refused(request, campaign, error, mark_form=form)
    return _header_or_page(request, pk)


def _header_or_page(request: HttpRequest, pk: int) -> HttpResponse:
    if not _is_htmx(request):
        messages.success(request, "The campaign is saved.")
        return redirect("campaigns:detail", pk=pk)
    scope = access.scope_for(request.user)
    campaign = access.access_campaign(request.user, pk, scope=scope)
    name = queries.display_names(scope, [campaign])[campaign.pk]
    return render(
        request,
        "campaigns/partials/header.html",
        {
            "campaign": campaign,
            "name": name,
            "may_change": access.can_change_campaigns(request.user),
            "rename_form": RenameForm(initial={"name": name}),
            "mark_form": MarkForm(initial={"status": campaign.status}),
        },
    )


@login_required
@require_POST
def merge(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = access.access_campaign(request.user, pk)
    form = MergeForm(request.POST)
    others: list[Campaign] = []
    if form.is_valid():
        for other_id in form.cleaned_data["others"]:
            try:
                others.append(access.access_campaign(request.user, other_id))
            except Http404:
                form.add_error("others", f"there is no campaign {other_id} that you may see")
    if not form.is_valid():
        return _invalid(request, campaign, "campaigns/detail.html", merge_form=form)
    try:
        target = actions.do_merge_campaigns(request.user, campaign, others, channel="web")
    except (actions.CampaignPermissionError, actions.CampaignActionError) as error:
        return _refused(request, campaign, error, merge_form=form)
    messages.success(request, f"Merged {len(others)} campaign(s) into this one.")
    return _redirect(request, target.pk)


@login_required
@require_POST
def split(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = access.access_campaign(request.user, pk)
    form = SplitForm(request.POST)
    if not form.is_valid():
        return _invalid(request, campaign, "campaigns/detail.html", split_form=form)
    try:
        new = actions.do_split_campaign(
            request.user,
            campaign,
            form.cleaned_data["evidence"],
            name=form.cleaned_data["new_name"],
            channel="web",
        )
    except (actions.CampaignPermissionError, actions.CampaignActionError) as error:
        return _refused(request, campaign, error, split_form=form)
    messages.success(request, f"Moved {len(form.cleaned_data['evidence'])} report(s) to this new campaign.")
    return _redirect(request, new.pk)


def _redirect(request: HttpRequest, pk: int) -> HttpResponse:
    """After a merge or split the page is another: htmx is told to go there, a browser is redirected."""
    if _is_htmx(request):
        return HttpResponse(status=204, headers={"HX-Redirect": reverse("campaigns:detail", args=[pk])})
    return redirect("campaigns:detail", pk=pk)


@login_required
@require_POST
def annotate(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = access.access_campaign(request.user, pk)
    form = AnnotateForm(request.POST)
    if not form.is_valid():
        return _invalid(request, campaign, "campaigns/partials/notes.html", annotate_form=form)
    try:
        actions.do_annotate_campaign(
            request.user,
            campaign,
            form.cleaned_data["text"],
            tlp=TLP(form.cleaned_data["tlp"]),
            channel="web",
        )
    except (actions.CampaignPermissionError, actions.CampaignActionError) as error:
        return _refused(request, campaign, error, annotate_form=form)
    if not _is_htmx(request):
        messages.success(request, "The note is added.")
        return redirect("campaigns:detail", pk=pk)
    return render(
        request,
        "campaigns/partials/notes.html",
        {
            "campaign": campaign,
            "summary": {"notes": queries.visible_notes(request.user, campaign)},
            "may_change": access.can_change_campaigns(request.user),
            "annotate_form": AnnotateForm(),
        },
    )
