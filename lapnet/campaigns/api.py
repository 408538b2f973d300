"""The campaigns' REST endpoints (mounted at /api/campaigns by ``lapnet.api.api``): the same access
functions and queries as the pages, so a campaign reads the same through either door."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema

from lapnet.campaigns import access, queries
from lapnet.campaigns.queries import CampaignFilter, Sort
from lapnet.sharing.audit import record
from lapnet.sharing.models import AuditAction

router = Router(tags=["campaigns"])

MAX_LIMIT = 200


class CampaignFilterIn(Schema):
    category: str = ""
    country: str = ""
    origin_country: str = ""
    channel: str = ""
    since: date | None = None
    until: date | None = None
    min_size: int | None = None
    sort: str = Sort.LAST_SEEN
    limit: int = 50
    offset: int = 0


class CampaignOut(Schema):
    id: int
    name: str
    status: str
    category: str
    reports: int  # the reports you may see
    more_reports: int  # reports of other organisations you may only count
    first_seen: datetime | None
    last_seen: datetime | None
    channels: list[str]
    countries: list[str]
    url: str


class CampaignListOut(Schema):
    count: int
    campaigns: list[CampaignOut]


class JurisdictionOut(Schema):
    country: str
    reports: int
    reasons: dict[str, int]
    indicators: list[str]


class IndicatorOut(Schema):
    type: str
    value: str
    reports: int


class SegmentOut(Schema):
    text: str
    varying: bool
    examples: list[str]


class NoteOut(Schema):
    organisation: str
    tlp: str
    text: str
    created_at: datetime


class CorrelatedOut(Schema):
    id: int
    name: str
    shared: list[IndicatorOut]


class CampaignDetailOut(CampaignOut):
    organisations: dict[str, int]
    origin_countries: dict[str, int]
    jurisdictions: list[JurisdictionOut]
    indicators: list[IndicatorOut]
    evidence: list[int]  # the latest reports you may see
    template: list[SegmentOut]
    correlated: list[CorrelatedOut]
    notes: list[NoteOut]


@router.get("", response=CampaignListOut, summary="Campaigns you may see")
def campaign_list(request: HttpRequest, filters: Query[CampaignFilterIn]) -> dict[str, Any]:
    """Campaigns with at least one report you may see, narrowed and sorted like the list page
    (``sort``: last_seen, first_seen, size, name). Totals count only what you may see or count."""
    wanted = CampaignFilter(
        category=filters.category,
        country=filters.country.upper(),
        origin_country=filters.origin_country.upper(),
        channel=filters.channel,
        since=filters.since,
        until=filters.until,
        min_size=filters.min_size,
        sort=filters.sort,
    )
    scope = access.scope_for(request.user)
    campaigns = queries.campaign_list(request.user, wanted, scope=scope)
    limit = max(1, min(filters.limit, MAX_LIMIT))
    offset = max(0, filters.offset)
    rows = queries.list_rows(request.user, list(campaigns[offset : offset + limit]), scope=scope)
    return {"count": campaigns.count(), "campaigns": [_row(row) for row in rows]}


@router.get("/{campaign_id}", response=CampaignDetailOut, summary="A campaign, from the reports you may see")
def campaign_detail(request: HttpRequest, campaign_id: int) -> dict[str, Any]:
    """A merged campaign answers with the campaign it was merged into (its ``id`` says which)."""
    scope = access.scope_for(request.user)
    campaign = access.access_campaign(request.user, campaign_id, scope=scope)
    record(
        request.user,
        AuditAction.VIEW,
        campaign,
        f"read campaign {campaign.pk} through the API",
        channel="api",
    )
    summary = queries.summarise(request.user, campaign, scope=scope)
    return {
        "id": campaign.pk,
        "name": summary.name,
        "status": campaign.status,
        "category": summary.category,
        "reports": summary.size,
        "more_reports": summary.more,
        "first_seen": summary.first_seen,
        "last_seen": summary.last_seen,
        "channels": [name for name, _ in summary.channels],
        "countries": [code for code, _ in summary.countries],
        "url": f"/api/campaigns/{campaign.pk}",
        "organisations": {f"{name} ({country})": n for name, country, n in summary.organisations},
        "origin_countries": dict(summary.origin_countries),
        "jurisdictions": [
            {
                "country": j.country,
                "reports": j.reports,
                "reasons": dict(j.reasons),
                "indicators": j.indicators,
            }
            for j in summary.jurisdictions
        ],
        "indicators": [_indicator(i) for i in summary.indicators],
        "evidence": [sample.member.evidence_id for sample in summary.samples],
        "template": [
            {"text": s.text, "varying": s.varying, "examples": list(s.examples)} for s in summary.template
        ],
        "correlated": [
            {"id": c.campaign_id, "name": c.name, "shared": [_indicator(i) for i in c.shared]}
            for c in summary.correlated
        ],
        "notes": [
            {
                "organisation": note.organisation.short_name or note.organisation.name,
                "tlp": note.tlp,
                "text": note.text,
                "created_at": note.created_at,
            }
            for note in summary.notes
        ],
    }


def _row(row: queries.CampaignRow) -> dict[str, Any]:
    return {
        "id": row.campaign.pk,
        "name": row.name,
        "status": row.campaign.status,
        "category": row.category,
        "reports": row.size,
        "more_reports": row.more,
        "first_seen": row.first_seen,
        "last_seen": row.last_seen,
        "channels": row.channels,
        "countries": row.countries,
        "url": f"/api/campaigns/{row.campaign.pk}",
    }


def _indicator(indicator: queries.Indicator) -> dict[str, Any]:
    return {"type": indicator.type, "value": indicator.value, "reports": indicator.reports}
