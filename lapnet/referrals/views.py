"""Referral pages: thin, each parses input, fetches through ``access``, calls an action, renders.

The referral page and its partials render in the viewer's language (:func:`language_of`): their
point of contact's languages, their own, their organisation's, in that order, among the languages the
platform is translated into (``settings.LANGUAGES``); ``?lang=xx`` switches for one page.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lapnet.evidence import store
from lapnet.exchange.package import PackageError
from lapnet.members.models import PointOfContact, User
from lapnet.referrals import access, actions, nodekeys, queries, routing, workflow
from lapnet.referrals.forms import (
    LANGUAGE_CHOICES,
    ImportPackageForm,
    MessageForm,
    NodeKeyForm,
    PackageForm,
    ReferralForm,
    StepForm,
)
from lapnet.referrals.models import NodeKey, Referral, ReferralStatus
from lapnet.sharing.audit import record
from lapnet.sharing.models import AuditAction

WEB = "web"


def language_of(user: User, requested: str = "") -> str:
    available = [code for code, _name in settings.LANGUAGES]
    contact = PointOfContact.objects.filter(user=user).only("languages").first()
    candidates = [
        requested,
        *(contact.languages if contact else []),
        *(user.languages or []),
        *(user.organisation.languages if user.organisation else []),
    ]
    return next((code for code in candidates if code in available), settings.LANGUAGE_CODE)


def _render(request: HttpRequest, template: str, context: dict[str, Any], status: int = 200) -> HttpResponse:
    language = language_of(request.user, request.GET.get("lang", ""))
    with translation.override(language):
        return render(request, template, {**context, "LANGUAGE_CODE": language}, status=status)


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


# --- the inbox ---------------------------------------------------------------------------------------


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    counts = queries.box_counts(request.user)
    # without a choice: the overdue ones first, then what was received, then what was sent
    default = next(
        (box for box in (queries.Box.OVERDUE, queries.Box.RECEIVED, queries.Box.SENT) if counts[box.value]),
        queries.Box.RECEIVED,
    )
    box = request.GET.get("box", default)
    if box not in queries.Box.__members__.values():
        box = default
    status = request.GET.get("status", "")
    if status not in ReferralStatus.values:
        status = ""
    page = Paginator(queries.inbox(request.user, box, status), 50).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "box": box,
        "status": status,
        "boxes": queries.Box,
        "counts": counts,
        "statuses": ReferralStatus.choices,
        "overdue_ids": set(
            queries.overdue(Referral.objects.filter(pk__in=[r.pk for r in page])).values_list("pk", flat=True)
        ),
        "can_draft": access.can_draft(request.user),
    }
    template = "referrals/partials/inbox_list.html" if _is_htmx(request) else "referrals/inbox.html"
    return _render(request, template, context)


# --- drafting ------------------------------------------------------------------------------------------


@login_required
def draft(request: HttpRequest) -> HttpResponse:
    """A new referral from reports (``?evidence=1&evidence=2``) or a campaign (``?campaign=3``)."""
    user = request.user
    if not access.can_draft(user):
        raise PermissionDenied("only analysts and coordinators draft referrals")
    source = request.POST if request.method == "POST" else request.GET
    evidence_ids = [int(value) for value in source.getlist("evidence") if value.isdigit()]
    campaign = None
    if source.get("campaign", "").isdigit():
        campaign = access.access_campaign(user, int(source["campaign"]))
    reports = list(
        access.attachable_evidence(user).filter(pk__in=evidence_ids).select_related("organisation")
    )
    if campaign is not None:
        reports += [
            item
            for item in access.campaign_evidence(user, campaign).select_related("organisation")
            if item not in reports
        ]
    if not reports:
        messages.error(request, _("Choose the reports (or the campaign) to refer first."))
        return redirect("evidence:list")
    proposals = routing.route(reports, requesting=user.organisation)
    form = ReferralForm(request.POST or None, requesting=user.organisation)
    if request.method == "GET":
        proposed = next((route.proposed for route in proposals.routes if route.proposed), None)
        form.initial = {
            "title": (reports[0].subject or _("Referral"))[:300] if campaign is None else str(campaign),
            "requested_organisation": proposed.organisation.pk if proposed else None,
            "request_type": "request_for_enforcement_action",
            "urgency": "routine",
            "request_language": "en",
            "reply_language": "en",
            "legal_basis": "network_mou",
            "do_not_forward": True,
            "media": sorted({routing.MEDIUM_OF_KIND.get(item.kind or "email", "other") for item in reports}),
        }
    if request.method == "POST" and form.is_valid():
        try:
            referral = actions.do_draft_referral(
                user,
                title=form.cleaned_data["title"],
                evidence=evidence_ids,
                campaigns=[campaign] if campaign else [],
                fields={key: value for key, value in form.referral_fields().items() if key != "title"},
                override_red=form.cleaned_data["override_red"],
                override_reason=form.cleaned_data["override_reason"],
                channel=WEB,
            )
        except actions.ReferralError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Draft saved. Check the pro forma, then send it."))
            return redirect("referrals:detail", pk=referral.pk)
    return _render(
        request,
        "referrals/form.html",
        {
            "form": form,
            "routing": proposals,
            "reports": reports,
            "campaign": campaign,
            "evidence_ids": evidence_ids,
            "referral": None,
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    referral = access.access_referral(request.user, pk, act=True)
    if (
        referral.status != ReferralStatus.DRAFT
        or access.party_of(request.user, referral) is not workflow.Party.SENDER
    ):
        raise PermissionDenied("only the sender edits a draft")
    reports = list(access.evidence_of(referral))
    form = ReferralForm(
        request.POST or None,
        initial=ReferralForm.initial_from(referral),
        requesting=referral.requesting_organisation,
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.do_update_draft(
                request.user,
                referral,
                form.referral_fields(),
                remove_evidence=[int(v) for v in request.POST.getlist("remove_evidence") if v.isdigit()],
                override_red=form.cleaned_data["override_red"],
                override_reason=form.cleaned_data["override_reason"],
                channel=WEB,
            )
        except actions.ReferralError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Draft saved."))
            return redirect("referrals:detail", pk=referral.pk)
    return _render(
        request,
        "referrals/form.html",
        {
            "form": form,
            "routing": routing.route(reports, requesting=referral.requesting_organisation),
            "reports": reports,
            "referral": referral,
        },
        status=400 if request.method == "POST" else 200,
    )


# --- the referral page ---------------------------------------------------------------------------------


def _detail_context(user: User, referral: Referral) -> dict[str, Any]:
    party = access.party_of(user, referral)
    events = workflow.allowed_events(referral.status, party) if party else []
    return {
        "referral": referral,
        "pro_forma": referral.pro_forma,
        "party": party,
        "available": [event.value for event in events],
        "step_form": StepForm(),
        "message_form": MessageForm(),
        "can_post": access.can_post_message(user, referral),
        "events": referral.events.select_related("actor", "organisation"),
        "thread": referral.messages.select_related("author", "organisation"),
        "evidence_links": referral.evidence_links.select_related("evidence__blob", "evidence__organisation"),
        "campaigns": referral.campaign_links.select_related("campaign"),
        "overdue": queries.is_overdue(referral),
        "receiver_language": actions.receiver_language(referral),
        "redacted_by_default": actions.redacted_by_default(referral),
        "pdf_languages": LANGUAGE_CHOICES,
    }


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    referral = access.access_referral(request.user, pk)
    record(request.user, AuditAction.VIEW, referral, f"viewed referral {referral.reference}", channel=WEB)
    return _render(request, "referrals/detail.html", _detail_context(request.user, referral))


@login_required
@require_POST
def send(request: HttpRequest, pk: int) -> HttpResponse:
    referral = access.access_referral(request.user, pk, act=True)
    form = StepForm(request.POST)
    form.is_valid()
    try:
        actions.do_send_referral(
            request.user,
            referral,
            override_red=form.cleaned_data.get("override_red", False),
            override_reason=form.cleaned_data.get("override_reason", ""),
            channel=WEB,
        )
    except actions.ReferralError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Referral sent."))
    return redirect("referrals:detail", pk=pk)


STEPS: dict[str, Callable[[User, Referral, dict[str, Any]], Any]] = {
    "acknowledge": lambda user, referral, data: actions.do_acknowledge(user, referral, channel=WEB),
    "accept": lambda user, referral, data: actions.do_accept(user, referral, data["message"], channel=WEB),
    "decline": lambda user, referral, data: actions.do_decline(
        user, referral, data["reason"], data["message"], channel=WEB
    ),
    "request_information": lambda user, referral, data: actions.do_request_more_information(
        user, referral, data["message"], channel=WEB
    ),
    "provide_information": lambda user, referral, data: actions.do_provide_information(
        user, referral, data["message"], channel=WEB
    ),
    "start_work": lambda user, referral, data: actions.do_mark_in_progress(
        user, referral, data["message"], channel=WEB
    ),
    "report_outcome": lambda user, referral, data: actions.do_report_outcome(
        user, referral, data["outcome"], data["message"], channel=WEB
    ),
    "close": lambda user, referral, data: actions.do_close(user, referral, data["message"], channel=WEB),
    "revise": lambda user, referral, data: actions.do_revise(user, referral, channel=WEB),
}


@login_required
@require_POST
def step(request: HttpRequest, pk: int, event: str) -> HttpResponse:
    referral = access.access_referral(request.user, pk, act=True)
    if event not in STEPS:
        raise Http404("no such step")
    form = StepForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The form is not valid."))
        return redirect("referrals:detail", pk=pk)
    try:
        updated = STEPS[event](request.user, referral, form.cleaned_data)
    except actions.ReferralError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Done: %s.") % updated.get_status_display())
        if event == "revise":
            return redirect("referrals:edit", pk=pk)
    return redirect("referrals:detail", pk=pk)


@login_required
@require_POST
def post_message(request: HttpRequest, pk: int) -> HttpResponse:
    referral = access.access_referral(request.user, pk)
    form = MessageForm(request.POST)
    status = 200
    if form.is_valid():
        try:
            actions.do_post_message(request.user, referral, form.cleaned_data["text"], channel=WEB)
        except actions.ReferralError as error:
            messages.error(request, str(error))
            status = 403
        else:
            form = MessageForm()
    if not _is_htmx(request):
        return redirect("referrals:detail", pk=pk)
    context = {**_detail_context(request.user, referral), "message_form": form}
    return _render(request, "referrals/partials/thread.html", context, status=status)


# --- evidence seen through the referral ----------------------------------------------------------------


@login_required
def evidence_detail(request: HttpRequest, pk: int, evidence_pk: int) -> HttpResponse:
    referral, evidence = access.access_referral_evidence(request.user, pk, evidence_pk)
    record(
        request.user,
        AuditAction.VIEW,
        evidence,
        f"viewed evidence {evidence.pk} through referral {referral.reference}",
        channel=WEB,
        detail={"referral": referral.pk},
    )
    try:
        raw_text = store.get(evidence.blob_id).decode("utf-8", "replace")
    except (OSError, store.EvidenceCorruptedError) as error:
        raw_text = f"[the stored bytes cannot be shown: {error}]"
    return _render(
        request,
        "referrals/evidence.html",
        {
            "referral": referral,
            "evidence": evidence,
            "results": evidence.results,
            "raw_text": raw_text[:200_000],
        },
    )


@login_required
def evidence_raw(request: HttpRequest, pk: int, evidence_pk: int) -> HttpResponse:
    referral, evidence = access.access_referral_evidence(request.user, pk, evidence_pk)
    record(
        request.user,
        AuditAction.EXPORT,
        evidence,
        f"downloaded raw evidence {evidence.pk} through referral {referral.reference}",
        channel=WEB,
        detail={"referral": referral.pk},
    )
    response = HttpResponse(store.get(evidence.blob_id), content_type="application/octet-stream")
    response["Content-Disposition"] = f'attachment; filename="{evidence.blob_id}.eml"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@login_required
def pro_forma_json(request: HttpRequest, pk: int) -> HttpResponse:
    referral = access.access_referral(request.user, pk)
    record(
        request.user,
        AuditAction.EXPORT,
        referral,
        f"exported the pro forma of {referral.reference}",
        channel=WEB,
    )
    response = JsonResponse(referral.pro_forma, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = f'attachment; filename="{referral.reference}.json"'
    return response


# --- evidence packages and the pro forma PDF -----------------------------------------------------------


def _download(data: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def pro_forma_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The pro forma as PDF, in ``?language=`` or the receiving point of contact's language."""
    referral = access.access_referral(request.user, pk)
    try:
        data, language = actions.do_export_pro_forma_pdf(
            request.user, referral, language=request.GET.get("language") or None, channel=WEB
        )
    except actions.ReferralError as error:
        messages.error(request, str(error))
        return redirect("referrals:detail", pk=pk)
    return _download(data, "application/pdf", f"{referral.reference}-{language}.pdf")


@login_required
def package(request: HttpRequest, pk: int) -> HttpResponse:
    """The signed evidence package (a ZIP). GET: the defaults; POST: the sender's explicit choice of
    redaction (with a reason to disclose what the legal basis does not cover) and language."""
    referral = access.access_referral(request.user, pk)
    source = request.POST if request.method == "POST" else request.GET
    form = PackageForm(source or None, initial={"language": actions.receiver_language(referral)})
    redact = None
    reason = ""
    language = source.get("language") or None
    if request.method == "POST":
        if not form.is_valid():
            messages.error(request, _("The form is not valid."))
            return redirect("referrals:detail", pk=pk)
        redact = {"default": None, "redact": True, "disclose": False}[form.cleaned_data["redaction"]]
        reason = form.cleaned_data["override_reason"]
        language = form.cleaned_data["language"] or None
    try:
        exported = actions.do_export_package(
            request.user, referral, language=language, redact=redact, override_reason=reason, channel=WEB
        )
    except actions.ReferralError as error:
        messages.error(request, str(error))
        return redirect("referrals:detail", pk=pk)
    return _download(exported.data, "application/zip", exported.filename)


@login_required
def import_package(request: HttpRequest) -> HttpResponse:
    """Upload a package received by other means: verified against the directory, then loaded for the
    user's organisation (what ``lapnet import-package`` does)."""
    user = request.user
    if not access.can_draft(user):
        raise PermissionDenied("only analysts and coordinators import packages")
    form = ImportPackageForm(request.POST or None, request.FILES or None)
    result = None
    error = ""
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            result = actions.do_import_package(
                form.cleaned_data["package"].read(), organisation=user.organisation, actor=user, channel=WEB
            )
        except (PackageError, actions.ReferralError) as failure:
            error = str(failure)
            status = 400
    elif request.method == "POST":
        status = 400
    return _render(
        request, "referrals/import.html", {"form": form, "result": result, "error": error}, status=status
    )


# --- the directory of node keys ------------------------------------------------------------------------


@login_required
def node_keys(request: HttpRequest) -> HttpResponse:
    """The nodes' public signing keys; the secretariat adds and revokes them."""
    from lapnet.members.access import is_secretariat

    nodekeys.local_node_key()  # this node's own key is in the directory from the first look on
    can_edit = is_secretariat(request.user)
    form = NodeKeyForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied("only the secretariat keeps the directory of node keys")
        if form.is_valid():
            try:
                actions.do_add_node_key(
                    request.user, form.cleaned_data["node_id"], form.cleaned_data["public_key"], channel=WEB
                )
            except actions.ReferralError as error:
                form.add_error("public_key", str(error))
            else:
                messages.success(request, _("Key added to the directory."))
                return redirect("referrals:node-keys")
        status = 400
    return _render(
        request,
        "referrals/node_keys.html",
        {"keys": NodeKey.objects.select_related("added_by"), "form": form, "can_edit": can_edit},
        status=status,
    )


@login_required
@require_POST
def revoke_node_key(request: HttpRequest, key_pk: int) -> HttpResponse:
    try:
        entry = NodeKey.objects.get(pk=key_pk)
    except NodeKey.DoesNotExist:
        raise Http404("no such key") from None
    try:
        actions.do_revoke_node_key(request.user, entry, channel=WEB)
    except actions.ReferralError as error:
        raise PermissionDenied(str(error)) from None
    messages.success(request, _("Key revoked."))
    return redirect("referrals:node-keys")
