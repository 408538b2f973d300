"""Top violators and surges, in the manner of the FTC's Consumer Sentinel.

- Top violators: for a period, the campaigns with the most reports, and the beneficiaries (the domains,
  addresses, phone numbers, wallets and IBANs money or replies go to) with the most reports and
  reporting organisations.
- Surges: the campaigns and beneficiaries whose reports of the last seven days jump against their own
  baseline of the eight weeks before (the rule is :mod:`lapnet.watching.surge`).

Domains that are everywhere (big webmail, shorteners, w3.org...) are left out of the beneficiaries:
the clustering engine's maintained list (``lapnet.clustering.exclusions``), so both agree on it.

Two filters per user, built once per page (:class:`Scope`): numbers are aggregated over the rows the
user may *count* (``count_q``: visible rows plus AMBER rows of owners who share their numbers), and a
campaign or value is *listed* only when the user may see at least one of its reports
(``visibility_q``). Each list is a fixed number of aggregate queries over indexed columns
(``CampaignMember (seen_at)``, ``(campaign, seen_at)``; ``IndicatorSighting (type, value, seen_at)``,
``(value)``), whatever the data.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from django.db.models import Case, Count, IntegerField, Max, Q, Value, When

from lapnet.campaigns.models import Campaign, CampaignMember, CampaignStatus
from lapnet.clustering.exclusions import excluded_values, is_excluded_domain
from lapnet.evidence.models import IndicatorSighting
from lapnet.sharing.access import count_q, visibility_q
from lapnet.watching.surge import (
    BASELINE_WEEKS,
    MIN_RATIO,
    MIN_RECENT,
    RECENT_WINDOW,
    Z_THRESHOLD,
    Assessment,
    assess,
)

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from lapnet.members.models import User

BENEFICIARY_TYPES = ("domain", "email", "phone", "crypto_wallet", "iban")
# aggregate rows read per list before the visibility and exclusion filters keep ``limit`` of them
CANDIDATES = 200
WEEK = timedelta(days=7)


@dataclass(frozen=True)
class Scope:
    """What one user may count and see, built once (each filter looks up the sharing partners)."""

    countable: Q
    visible: Q

    @classmethod
    def of(cls, user: User) -> Scope:
        return cls(countable=count_q(user), visible=visibility_q(user))


@dataclass(frozen=True)
class Period:
    start: datetime  # inclusive
    end: datetime  # exclusive

    @classmethod
    def last(cls, days: int, now: datetime) -> Period:
        return cls(now - timedelta(days=days), now)


@dataclass(frozen=True)
class CampaignCount:
    campaign: Campaign
    reports: int
    organisations: int
    countries: int
    last_seen: datetime


@dataclass(frozen=True)
class BeneficiaryCount:
    type: str
    value: str
    reports: int
    organisations: int
    countries: int
    last_seen: datetime


@dataclass(frozen=True)
class CampaignSurge:
    campaign: Campaign
    assessment: Assessment


@dataclass(frozen=True)
class BeneficiarySurge:
    type: str
    value: str
    assessment: Assessment


# --- top violators -------------------------------------------------------------------------------------


def top_campaigns(scope: Scope, period: Period, limit: int = 20) -> list[CampaignCount]:
    rows = list(
        _campaign_rows(scope, period.start, period.end)
        .values("campaign_id")
        .annotate(
            reports=Count("pk"),
            organisations=Count("organisation", distinct=True),
            countries=Count("country", distinct=True),
            last_seen=Max("seen_at"),
        )
        .order_by("-reports", "-organisations", "campaign_id")[:CANDIDATES]
    )
    campaigns = _listable_campaigns(scope, [row["campaign_id"] for row in rows])
    found = [
        CampaignCount(
            campaigns[row["campaign_id"]],
            row["reports"],
            row["organisations"],
            row["countries"],
            row["last_seen"],
        )
        for row in rows
        if row["campaign_id"] in campaigns
    ]
    return found[:limit]


def top_beneficiaries(scope: Scope, period: Period, limit: int = 20) -> list[BeneficiaryCount]:
    rows = [
        row
        for row in _beneficiary_rows(scope, period.start, period.end)
        .values("type", "value")
        .annotate(
            reports=Count("evidence", distinct=True),
            organisations=Count("organisation", distinct=True),
            countries=Count("country", distinct=True),
            last_seen=Max("seen_at"),
        )
        .order_by("-reports", "-organisations", "type", "value")[:CANDIDATES]
        if not _everywhere(row["type"], row["value"])
    ]
    shown = _listable_values(scope, {(row["type"], row["value"]) for row in rows})
    return [
        BeneficiaryCount(
            row["type"],
            row["value"],
            row["reports"],
            row["organisations"],
            row["countries"],
            row["last_seen"],
        )
        for row in rows
        if (row["type"], row["value"]) in shown
    ][:limit]


# --- surges --------------------------------------------------------------------------------------------


def campaign_surges(scope: Scope, now: datetime, limit: int = 20) -> list[CampaignSurge]:
    recent_start = now - RECENT_WINDOW
    recent = {
        row["campaign_id"]: row["reports"]
        for row in _campaign_rows(scope, recent_start, now)
        .values("campaign_id")
        .annotate(reports=Count("pk"))
        .filter(reports__gte=MIN_RECENT)
        .order_by("-reports", "campaign_id")[:CANDIDATES]
    }
    if not recent:
        return []
    baseline = _campaign_rows(scope, recent_start - BASELINE_WEEKS * WEEK, recent_start).filter(
        campaign_id__in=sorted(recent)
    )
    weekly = _weekly_counts(baseline, ("campaign_id",), recent_start, count="pk")
    flagged = {
        campaign_id: assessment
        for campaign_id, reports in recent.items()
        if (assessment := assess(reports, weekly[(campaign_id,)])).is_surge
    }
    campaigns = _listable_campaigns(scope, list(flagged))
    surges = [CampaignSurge(campaigns[pk], flagged[pk]) for pk in flagged if pk in campaigns]
    surges.sort(key=lambda s: (-s.assessment.score, -s.assessment.recent, s.campaign.pk))
    return surges[:limit]


def beneficiary_surges(scope: Scope, now: datetime, limit: int = 20) -> list[BeneficiarySurge]:
    recent_start = now - RECENT_WINDOW
    recent = {
        (row["type"], row["value"]): row["reports"]
        for row in _beneficiary_rows(scope, recent_start, now)
        .values("type", "value")
        .annotate(reports=Count("evidence", distinct=True))
        .filter(reports__gte=MIN_RECENT)
        .order_by("-reports", "type", "value")[:CANDIDATES]
        if not _everywhere(row["type"], row["value"])
    }
    if not recent:
        return []
    baseline = _beneficiary_rows(scope, recent_start - BASELINE_WEEKS * WEEK, recent_start).filter(
        value__in=sorted({value for _, value in recent})
    )
    weekly = _weekly_counts(baseline, ("type", "value"), recent_start, count="evidence")
    flagged = {
        key: assessment
        for key, reports in recent.items()
        if (assessment := assess(reports, weekly[key])).is_surge
    }
    shown = _listable_values(scope, set(flagged))
    surges = [BeneficiarySurge(key[0], key[1], flagged[key]) for key in flagged if key in shown]
    surges.sort(key=lambda s: (-s.assessment.score, -s.assessment.recent, s.type, s.value))
    return surges[:limit]


def surge_rule() -> dict[str, object]:
    """The rule's parameters, for the page that shows its results."""
    return {
        "recent_days": RECENT_WINDOW.days,
        "baseline_weeks": BASELINE_WEEKS,
        "min_recent": MIN_RECENT,
        "min_ratio": MIN_RATIO,
        "threshold": Z_THRESHOLD,
    }


def _weekly_counts(
    rows: QuerySet[Any], keys: tuple[str, ...], recent_start: datetime, *, count: str
) -> defaultdict[tuple[Any, ...], list[int]]:
    """Reports per key and baseline week (0 = the week before the recent one), zeros included: one
    aggregate, the week computed by the database from ``seen_at``."""
    week = Case(
        *[When(seen_at__gte=recent_start - (n + 1) * WEEK, then=Value(n)) for n in range(BASELINE_WEEKS)],
        default=Value(BASELINE_WEEKS),
        output_field=IntegerField(),
    )
    weekly: defaultdict[tuple[Any, ...], list[int]] = defaultdict(lambda: [0] * BASELINE_WEEKS)
    for row in rows.annotate(week=week).values(*keys, "week").annotate(reports=Count(count, distinct=True)):
        if row["week"] < BASELINE_WEEKS:
            weekly[tuple(row[key] for key in keys)][row["week"]] = row["reports"]
    return weekly


# --- shared --------------------------------------------------------------------------------------------


def _campaign_rows(scope: Scope, start: datetime, end: datetime) -> QuerySet[CampaignMember]:
    return CampaignMember.objects.filter(scope.countable, seen_at__gte=start, seen_at__lt=end)


def _beneficiary_rows(scope: Scope, start: datetime, end: datetime) -> QuerySet[IndicatorSighting]:
    return (
        IndicatorSighting.objects.filter(
            scope.countable, type__in=BENEFICIARY_TYPES, seen_at__gte=start, seen_at__lt=end
        )
        # listed domains are left out in the database; their subdomains in _everywhere
        .exclude(type="domain", value__in=sorted(excluded_values()))
    )


def _everywhere(indicator_type: str, value: str) -> bool:
    """Domains on the clustering engine's list of values that are everywhere (webmail, shorteners,
    schema hosts...). Addresses at them stay: a reply-to drop box at a webmail is a beneficiary."""
    return indicator_type == "domain" and is_excluded_domain(value)


def _listable_campaigns(scope: Scope, ids: list[int]) -> dict[int, Campaign]:
    """The campaigns among ``ids`` the user may see a report of (and that are campaigns at all)."""
    if not ids:
        return {}
    seen = set(
        CampaignMember.objects.filter(scope.visible, campaign_id__in=ids)
        .values_list("campaign_id", flat=True)
        .distinct()
    )
    return {
        campaign.pk: campaign
        for campaign in Campaign.objects.filter(pk__in=sorted(seen), merged_into__isnull=True).exclude(
            status=CampaignStatus.FALSE_POSITIVE
        )
    }


def _listable_values(scope: Scope, pairs: set[tuple[str, str]]) -> set[tuple[str, str]]:
    """The (type, value) pairs among ``pairs`` of which the user may see at least one report."""
    if not pairs:
        return set()
    found = (
        IndicatorSighting.objects.filter(scope.visible, value__in=sorted({value for _, value in pairs}))
        .values_list("type", "value")
        .distinct()
    )
    return pairs & set(found)
