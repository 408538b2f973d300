"""The REST API: token per user (``Authorization: Bearer lap_...``), OpenAPI schema at /api/openapi.json.

Every endpoint calls the same actions and access functions as the web pages; nothing here decides
visibility or writes on its own.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import File, Form, NinjaAPI, Schema
from ninja.errors import HttpError
from ninja.files import UploadedFile
from ninja.security import HttpBearer

from lapnet.accounts.models import ApiToken
from lapnet.analysis.types import Kind
from lapnet.campaigns.api import router as campaigns_router
from lapnet.evidence import actions, queries
from lapnet.evidence.access import access_evidence
from lapnet.evidence.models import Channel
from lapnet.sharing.audit import record
from lapnet.sharing.models import AuditAction
from lapnet.sharing.tlp import TLP


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        found = ApiToken.authenticate(token)
        if found is None:
            return None
        request.user = found.user
        return found.user


api = NinjaAPI(
    title="lapnet API",
    version="1",
    description="Submit spam evidence, read its analysis, and ask who else saw an indicator.",
    auth=TokenAuth(),
    urls_namespace="api",
)
api.add_router("/campaigns", campaigns_router)


class SubmittedOut(Schema):
    id: int
    sha256: str
    duplicate: bool
    status: str
    url: str


class EvidenceOut(Schema):
    id: int
    sha256: str
    organisation: str
    country: str
    tlp: str
    channel: str
    received_at: datetime
    status: str
    results: list[dict[str, Any]]


class CorrelationOut(Schema):
    type: str
    value: str
    reports: int
    organisations: int
    countries: int
    first_seen: datetime | None
    last_seen: datetime | None
    evidence: list[int]


@api.post("/evidence", response={201: list[SubmittedOut]}, summary="Submit evidence files")
def submit(
    request: HttpRequest,
    file: File[UploadedFile],
    tlp: Form[str] = "amber",
    kind: Form[str] = "",
) -> tuple[int, list[dict[str, Any]]]:
    """Upload one file (an .eml, an mbox, an ARF or X-ARF report, SMS records): each message in it is
    stored byte for byte and queued for analysis. A file seen before is recorded as another sighting."""
    user = request.user
    if user.organisation is None:
        raise HttpError(403, "your account belongs to no organisation")
    try:
        marking = TLP.parse(tlp)
        forced = Kind(kind) if kind else None
    except ValueError as error:
        raise HttpError(422, str(error)) from None
    try:
        submitted = actions.submit_file(
            path=file.name or "upload",
            data=file.read(),
            organisation=user.organisation,
            submitted_by=user,
            channel=Channel.API,
            tlp=marking,
            kind=forced,
        )
    except actions.IntakeError as error:
        raise HttpError(422, str(error)) from None
    return 201, [
        {
            "id": s.evidence.pk,
            "sha256": s.evidence.blob_id,
            "duplicate": s.duplicate,
            "status": s.evidence.status,
            "url": f"/api/evidence/{s.evidence.pk}",
        }
        for s in submitted
    ]


@api.get("/evidence/{evidence_id}", response=EvidenceOut, summary="Evidence and its analysis")
def evidence_detail(request: HttpRequest, evidence_id: int) -> dict[str, Any]:
    evidence = access_evidence(request.user, evidence_id)
    evidence.refresh_from_db()
    record(
        request.user,
        AuditAction.VIEW,
        evidence,
        f"read evidence {evidence_id} through the API",
        channel="api",
    )
    return {
        "id": evidence.pk,
        "sha256": evidence.blob_id,
        "organisation": evidence.organisation.name,
        "country": evidence.organisation.country,
        "tlp": evidence.tlp,
        "channel": evidence.channel,
        "received_at": evidence.received_at,
        "status": evidence.status,
        "results": evidence.results,
    }


@api.get("/indicators", response=list[CorrelationOut], summary="Who else saw this indicator?")
def correlate(request: HttpRequest, value: str, type: str = "") -> list[dict[str, Any]]:
    return [
        {
            "type": c.type,
            "value": c.value,
            "reports": c.reports,
            "organisations": c.organisations,
            "countries": c.countries,
            "first_seen": c.first_seen,
            "last_seen": c.last_seen,
            "evidence": [e.pk for e in c.visible_evidence],
        }
        for c in queries.correlate(request.user, value, type or None)
    ]
