"""Evidence pages: thin, each parses input, fetches through ``access``, calls an action, renders."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from lapnet.analysis.types import Kind
from lapnet.evidence import actions, queries, store
from lapnet.evidence.access import access_evidence
from lapnet.evidence.forms import SearchForm, UploadForm
from lapnet.evidence.models import Channel
from lapnet.sharing.audit import record
from lapnet.sharing.models import AuditAction
from lapnet.sharing.tlp import TLP


@login_required
def evidence_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(queries.recent_evidence(request.user), 50).get_page(request.GET.get("page"))
    return render(request, "evidence/list.html", {"page": page})


@login_required
def upload(request: HttpRequest) -> HttpResponse:
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        user = request.user
        if user.organisation is None:
            messages.error(request, "Your account belongs to no organisation: evidence cannot be submitted.")
            return redirect("evidence:upload")
        tlp = TLP(form.cleaned_data["tlp"])
        kind = Kind(form.cleaned_data["kind"]) if form.cleaned_data["kind"] else None
        submitted: list[actions.Submitted] = []
        try:
            for upload_file in request.FILES.getlist("files"):
                submitted += actions.submit_file(
                    path=upload_file.name or "upload",
                    data=upload_file.read(),
                    organisation=user.organisation,
                    submitted_by=user,
                    channel=Channel.WEB,
                    tlp=tlp,
                    kind=kind,
                )
            pasted = form.cleaned_data["pasted"]
            if pasted.strip():
                submitted += actions.submit_file(
                    path="pasted message",
                    data=pasted.replace("\r\n", "\n").encode("utf-8"),
                    organisation=user.organisation,
                    submitted_by=user,
                    channel=Channel.WEB,
                    tlp=tlp,
                    kind=kind,
                )
        except actions.IntakeError as error:
            messages.error(request, str(error))
            return render(request, "evidence/upload.html", {"form": form}, status=400)
        duplicates = sum(1 for s in submitted if s.duplicate)
        messages.success(
            request,
            f"{len(submitted)} message(s) stored and queued for analysis"
            + (f"; {duplicates} had been reported before" if duplicates else ""),
        )
        if len(submitted) == 1:
            return redirect("evidence:detail", pk=submitted[0].evidence.pk)
        return redirect("evidence:list")
    return render(request, "evidence/upload.html", {"form": form})


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    evidence = access_evidence(request.user, pk)
    record(request.user, AuditAction.VIEW, evidence, f"viewed evidence {pk}", channel="web")
    try:
        raw_text = store.get(evidence.blob_id).decode("utf-8", "replace")
    except (OSError, store.EvidenceCorruptedError) as error:
        raw_text = f"[the stored bytes cannot be shown: {error}]"
    others = evidence.blob.sightings.count() - 1
    return render(
        request,
        "evidence/detail.html",
        {
            "evidence": evidence,
            "results": evidence.results,
            "raw_text": raw_text[:200_000],
            "other_sightings": others,
        },
    )


@login_required
def raw(request: HttpRequest, pk: int) -> HttpResponse:
    """The exact stored bytes, as a download a browser will never render or execute."""
    evidence = access_evidence(request.user, pk)
    record(request.user, AuditAction.EXPORT, evidence, f"downloaded raw evidence {pk}", channel="web")
    response = HttpResponse(store.get(evidence.blob_id), content_type="application/octet-stream")
    response["Content-Disposition"] = f'attachment; filename="{evidence.blob_id}.eml"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@login_required
def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    correlations: list[queries.Correlation] = []
    if form.is_valid():
        correlations = queries.correlate(
            request.user, form.cleaned_data["q"], form.cleaned_data["type"] or None
        )
    template = (
        "evidence/partials/correlation.html" if request.headers.get("HX-Request") else "evidence/search.html"
    )
    return render(
        request, template, {"form": form, "correlations": correlations, "searched": form.is_valid()}
    )
