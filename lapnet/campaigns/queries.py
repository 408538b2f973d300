"""Reads of the campaigns context: the list with its filters, and everything the campaign page shows.

Everything here is computed from the reports the user may see (``access.Scope.members``);
reports of other organisations the user may not see add to a separate count only where the owner's
marking allows it (``access.members_countable_by``) and are never described. Aggregates run in the
database; the number of queries of a page does not grow with the size of a campaign.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from django.db.models import Count, Exists, F, OuterRef, Q
from django.db.models.functions import TruncDate
from django.utils import timezone

from lapnet.campaigns import access
from lapnet.campaigns.models import Campaign, CampaignMember, CampaignNote, LinkKind, ReportSignature
from lapnet.campaigns.template_text import Segment, common_template
from lapnet.clustering.exclusions import is_excluded_address, is_excluded_domain, is_excluded_ip

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from lapnet.members.models import User

SAMPLE_REPORTS = 20  # reports listed, and the texts the common template is drawn from
RESULTS_SAMPLE = 200  # latest reports whose analysis results are read (jurisdictions, reasons)
TOP_INDICATORS = 20
CORRELATION_INDICATORS = 50  # this campaign's most frequent indicators looked up in other campaigns
# an indicator shared by more campaigns than this says nothing (a webmail domain, a URL shortener)
MAX_CAMPAIGNS_PER_INDICATOR = 25
CORRELATED_CAMPAIGNS = 10
CHART_WIDTH, CHART_HEIGHT, CHART_MAX_BARS = 720, 120, 120


# --- the list ----------------------------------------------------------------------------------------------


class Sort:
    LAST_SEEN = "last_seen"
    FIRST_SEEN = "first_seen"
    SIZE = "size"
    NAME = "name"

    CHOICES = (
        (LAST_SEEN, "Last seen, latest first"),
        (FIRST_SEEN, "First seen, latest first"),
        (SIZE, "Size, largest first"),
        (NAME, "Name"),
    )
    ORDER = {
        LAST_SEEN: ("-visible_last", "-pk"),
        FIRST_SEEN: ("-visible_first", "-pk"),
        SIZE: ("-visible_size", "-visible_last", "-pk"),
        NAME: ("name", "pk"),
    }


@dataclass(frozen=True)
class CampaignFilter:
    """What the list is narrowed to: campaigns with at least one visible report matching all of it."""

    category: str = ""
    country: str = ""  # the reporting organisation's country
    origin_country: str = ""
    channel: str = ""
    since: date | None = None
    until: date | None = None
    min_size: int | None = None
    sort: str = Sort.LAST_SEEN

    @property
    def member_conditions(self) -> Q:
        conditions = Q()
        if self.category:
            conditions &= Q(category=self.category)
        if self.country:
            conditions &= Q(country=self.country)
        if self.origin_country:
            conditions &= Q(origin_country=self.origin_country)
        if self.channel:
            conditions &= Q(channel=self.channel)
        if self.since:
            conditions &= Q(seen_at__gte=_start_of(self.since))
        if self.until:
            conditions &= Q(seen_at__lt=_start_of(self.until + timedelta(days=1)))
        return conditions

    @property
    def active(self) -> bool:
        return bool(self.member_conditions) or bool(self.min_size)


def _start_of(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=timezone.get_current_timezone())


def campaign_list(
    user: User, wanted: CampaignFilter | None = None, *, scope: access.Scope | None = None
) -> QuerySet[Campaign]:
    """Campaigns the user may see, with their visible totals (see ``access.Scope.with_totals``),
    narrowed and sorted as asked. One query (plus the count of a paginator)."""
    wanted = wanted or CampaignFilter()
    scope = scope or access.scope_for(user)
    campaigns = scope.campaigns()
    conditions = wanted.member_conditions
    if conditions:
        matching = scope.members().filter(conditions, campaign=OuterRef("pk"))
        campaigns = campaigns.filter(Exists(matching))
    campaigns = scope.with_totals(campaigns)
    if wanted.min_size:
        campaigns = campaigns.filter(visible_size__gte=wanted.min_size)
    return campaigns.order_by(*Sort.ORDER.get(wanted.sort, Sort.ORDER[Sort.LAST_SEEN]))


@dataclass(frozen=True)
class CampaignRow:
    campaign: Campaign
    name: str  # see display_names
    size: int  # reports the user may see
    more: int  # reports of other organisations the user may only count
    first_seen: datetime | None
    last_seen: datetime | None
    category: str
    channels: list[str]
    countries: list[str]


def list_rows(
    user: User, campaigns: list[Campaign], *, scope: access.Scope | None = None
) -> list[CampaignRow]:
    """One page of the list, with each campaign's category, channels and reporting countries as the
    user's visible reports say (one grouped query for the whole page)."""
    scope = scope or access.scope_for(user)
    breakdown = _breakdown(scope.members().filter(campaign__in=campaigns), "campaign_id")
    names = display_names(scope, campaigns)
    rows = []
    for campaign in campaigns:
        parts = breakdown.get(campaign.pk, _Breakdown())
        rows.append(
            CampaignRow(
                campaign=campaign,
                name=names[campaign.pk],
                size=campaign.visible_size,  # type: ignore[attr-defined]
                more=campaign.countable_size - campaign.visible_size,  # type: ignore[attr-defined]
                first_seen=campaign.visible_first,  # type: ignore[attr-defined]
                last_seen=campaign.visible_last,  # type: ignore[attr-defined]
                category=parts.top_category,
                channels=[name for name, _ in parts.channels.most_common()],
                countries=[code for code, _ in parts.countries.most_common()],
            )
        )
    return rows


@dataclass
class _Breakdown:
    categories: Counter[str] = field(default_factory=Counter)
    channels: Counter[str] = field(default_factory=Counter)
    countries: Counter[str] = field(default_factory=Counter)
    origin_countries: Counter[str] = field(default_factory=Counter)
    organisations: Counter[tuple[str, str]] = field(default_factory=Counter)

    @property
    def top_category(self) -> str:
        return self.categories.most_common(1)[0][0] if self.categories else ""


def _breakdown(members: QuerySet[CampaignMember], key: str) -> dict[Any, _Breakdown]:
    rows = members.values(
        key,
        "category",
        "channel",
        "country",
        "origin_country",
        "organisation__short_name",
        "organisation__name",
    ).annotate(n=Count("pk"))
    result: dict[Any, _Breakdown] = defaultdict(_Breakdown)
    for row in rows.order_by():
        parts = result[row[key]]
        n = row["n"]
        if row["category"]:
            parts.categories[row["category"]] += n
        if row["channel"]:
            parts.channels[row["channel"]] += n
        parts.countries[row["country"]] += n
        if row["origin_country"]:
            parts.origin_countries[row["origin_country"]] += n
        name = row["organisation__short_name"] or row["organisation__name"]
        parts.organisations[(name, row["country"])] += n
    return result


FILTER_FIELDS = ("category", "country", "origin_country", "channel")


def filter_choices(user: User, *, scope: access.Scope | None = None) -> dict[str, list[str]]:
    """The categories, countries and channels that occur among the user's visible reports (one query:
    the distinct combinations are few)."""
    scope = scope or access.scope_for(user)
    found: dict[str, set[str]] = {name: set() for name in FILTER_FIELDS}
    for row in scope.members().order_by().values_list(*FILTER_FIELDS).distinct():
        for name, value in zip(FILTER_FIELDS, row, strict=True):
            if value:
                found[name].add(value)
    return {name: sorted(values) for name, values in found.items()}


# --- one campaign ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Bar:
    label: str  # the day, or the first day of the week
    count: int
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class Chart:
    unit: str  # "day" or "week"
    bars: list[Bar]
    width: int = CHART_WIDTH
    height: int = CHART_HEIGHT
    peak: int = 0


@dataclass(frozen=True)
class Jurisdiction:
    country: str
    reports: int  # visible reports that name it
    weight: float  # summed over them
    reasons: list[tuple[str, int]]  # reason -> reports
    indicators: list[str]  # a few of the indicators that point there


@dataclass(frozen=True)
class Indicator:
    type: str
    value: str
    reports: int


@dataclass(frozen=True)
class Correlated:
    campaign_id: int
    name: str
    shared: list[Indicator]  # the shared indicators (reports: in the other campaign)


@dataclass(frozen=True)
class Reason:
    link: str
    label: str
    kind: str
    value: str
    similarity: float | None


@dataclass(frozen=True)
class Sample:
    member: CampaignMember
    subject: str
    excerpt: str
    reasons: list[Reason]


@dataclass(frozen=True)
class CampaignSummary:
    campaign: Campaign
    name: str  # see display_names
    size: int
    more: int
    first_seen: datetime | None
    last_seen: datetime | None
    category: str
    channels: list[tuple[str, int]]
    countries: list[tuple[str, int]]
    origin_countries: list[tuple[str, int]]
    organisations: list[tuple[str, str, int]]  # name, country, reports
    chart: Chart
    jurisdictions: list[Jurisdiction]
    jurisdictions_from: int  # how many reports they were read from (the latest RESULTS_SAMPLE)
    reasons: list[tuple[str, int]]  # link kind label -> reports
    indicators: list[Indicator]
    samples: list[Sample]
    template: tuple[Segment, ...]
    subject_template: tuple[Segment, ...]
    correlated: list[Correlated]
    notes: list[CampaignNote]


def summarise(user: User, campaign: Campaign, *, scope: access.Scope | None = None) -> CampaignSummary:
    """The campaign page, from the reports the user may see. ``campaign`` comes from
    ``access.access_campaign`` (it carries the visible totals)."""
    scope = scope or access.scope_for(user)
    visible = scope.members().filter(campaign=campaign)
    parts = _breakdown(visible, "campaign_id").get(campaign.pk, _Breakdown())
    first_seen: datetime | None = campaign.visible_first  # type: ignore[attr-defined]
    last_seen: datetime | None = campaign.visible_last  # type: ignore[attr-defined]
    latest = list(
        visible.select_related("evidence", "organisation").order_by("-seen_at", "-pk")[:RESULTS_SAMPLE]
    )
    samples = [_sample(member) for member in latest[:SAMPLE_REPORTS]]
    indicators = top_indicators(scope, visible)
    correlated = correlated_campaigns(scope, campaign, indicators)
    return CampaignSummary(
        campaign=campaign,
        name=display_names(scope, [campaign])[campaign.pk],
        size=campaign.visible_size,  # type: ignore[attr-defined]
        more=campaign.countable_size - campaign.visible_size,  # type: ignore[attr-defined]
        first_seen=first_seen,
        last_seen=last_seen,
        category=parts.top_category,
        channels=parts.channels.most_common(),
        countries=parts.countries.most_common(),
        origin_countries=parts.origin_countries.most_common(),
        organisations=[(name, country, n) for (name, country), n in parts.organisations.most_common()],
        chart=volume_chart(visible, first_seen, last_seen),
        jurisdictions=jurisdictions(latest),
        jurisdictions_from=len(latest),
        reasons=_reason_counts(latest),
        indicators=indicators,
        samples=samples,
        template=common_template([sample.excerpt for sample in samples]),
        subject_template=common_template([sample.subject for sample in samples]),
        correlated=correlated,
        notes=visible_notes(user, campaign, scope=scope),
    )


def visible_notes(user: User, campaign: Campaign, *, scope: access.Scope | None = None) -> list[CampaignNote]:
    return list(
        (scope or access.scope_for(user))
        .notes()
        .filter(campaign=campaign)
        .select_related("organisation", "submitted_by")
        .order_by("created_at", "pk")
    )


def volume_chart(
    visible: QuerySet[CampaignMember], first_seen: datetime | None, last_seen: datetime | None
) -> Chart:
    """Reports per day (per week when the campaign spans more than ``CHART_MAX_BARS`` days), as bars
    laid out for an inline SVG: every day or week between the first and last report has a bar."""
    if first_seen is None or last_seen is None:
        return Chart(unit="day", bars=[])
    per_day = {
        row["day"]: row["n"]
        for row in visible.annotate(day=TruncDate("seen_at")).values("day").annotate(n=Count("pk")).order_by()
    }
    start = timezone.localtime(first_seen).date()
    end = timezone.localtime(last_seen).date()
    unit, step = "day", 1
    if (end - start).days + 1 > CHART_MAX_BARS:
        unit, step = "week", 7
        start -= timedelta(days=start.weekday())
    counts: list[tuple[date, int]] = []
    day = start
    while day <= end:
        counts.append((day, sum(per_day.get(day + timedelta(days=i), 0) for i in range(step))))
        day += timedelta(days=step)
    peak = max(n for _, n in counts)
    slot = CHART_WIDTH / len(counts)
    usable = CHART_HEIGHT - 4
    bars = [
        Bar(
            label=day.isoformat(),
            count=n,
            x=round(i * slot + slot * 0.1, 2),
            y=round(CHART_HEIGHT - (usable * n / peak if peak else 0), 2),
            width=round(max(slot * 0.8, 1.0), 2),
            height=round(usable * n / peak if peak else 0, 2),
        )
        for i, (day, n) in enumerate(counts)
    ]
    return Chart(unit=unit, bars=bars, peak=peak)


def jurisdictions(members: list[CampaignMember]) -> list[Jurisdiction]:
    """The countries the reports' analyses point to, with why: per country, how many reports name it,
    the reasons (origin IP, phone, ccTLD, ...) and a few of the indicators behind them."""
    reports: Counter[str] = Counter()
    weights: Counter[str] = Counter()
    reasons: dict[str, Counter[str]] = defaultdict(Counter)
    indicators: dict[str, dict[str, None]] = defaultdict(dict)
    for member in members:
        named: set[str] = set()
        for result in _results(member):
            for entry in result.get("jurisdictions") or ():
                if not isinstance(entry, dict) or not entry.get("country"):
                    continue
                country = str(entry["country"])
                if country not in named:
                    named.add(country)
                    reports[country] += 1
                weights[country] += float(entry.get("weight") or 0)
                reasons[country][str(entry.get("reason") or "")] += 1
                if entry.get("indicator") and len(indicators[country]) < 3:
                    indicators[country][str(entry["indicator"])] = None
    ranked = sorted(reports, key=lambda country: (-reports[country], -weights[country], country))
    return [
        Jurisdiction(
            country=country,
            reports=reports[country],
            weight=round(weights[country], 2),
            reasons=[(reason, n) for reason, n in reasons[country].most_common() if reason],
            indicators=list(indicators[country]),
        )
        for country in ranked
    ]


def top_indicators(scope: access.Scope, visible: QuerySet[CampaignMember]) -> list[Indicator]:
    """The indicators of the visible reports, most frequent first (reports that carry each)."""
    rows = (
        scope.sightings()
        .filter(evidence_id__in=visible.values("evidence_id"))
        .values("type", "value")
        .annotate(reports=Count("evidence_id", distinct=True))
        .order_by("-reports", "type", "value")[:CORRELATION_INDICATORS]
    )
    return [Indicator(row["type"], row["value"], row["reports"]) for row in rows]


def correlated_campaigns(
    scope: access.Scope, campaign: Campaign, indicators: list[Indicator]
) -> list[Correlated]:
    """Other campaigns whose visible reports share indicators with this one's visible reports, most
    shared first. Values that never link reports (the clustering's exclusion list: webmail domains,
    shorteners, non-public IPs) and indicators found in more than ``MAX_CAMPAIGNS_PER_INDICATOR``
    campaigns are left out."""
    wanted = {(i.type, i.value) for i in indicators if not is_excluded(i.type, i.value)}
    if not wanted:
        return []
    others = scope.members().exclude(campaign=campaign).filter(campaign__merged_into__isnull=True)
    rows = (
        scope.sightings()
        .filter(value__in=sorted({value for _, value in wanted}))
        .filter(evidence_id__in=others.values("evidence_id"))
        .values(
            "type",
            "value",
            "evidence__campaign_membership__campaign_id",
            "evidence__campaign_membership__campaign__name",
            "evidence__campaign_membership__campaign__name_set_by_analyst",
        )
        .annotate(reports=Count("evidence_id", distinct=True))
        .order_by()
    )
    campaigns_per_indicator: dict[tuple[str, str], set[int]] = defaultdict(set)
    shared: dict[int, list[Indicator]] = defaultdict(list)
    names: dict[int, str] = {}
    for row in rows:
        key = (row["type"], row["value"])
        if key not in wanted:
            continue
        other = row["evidence__campaign_membership__campaign_id"]
        campaigns_per_indicator[key].add(other)
        shared[other].append(Indicator(row["type"], row["value"], row["reports"]))
        if row["evidence__campaign_membership__campaign__name_set_by_analyst"]:
            names[other] = row["evidence__campaign_membership__campaign__name"]
    too_common = {
        key for key, found in campaigns_per_indicator.items() if len(found) > MAX_CAMPAIGNS_PER_INDICATOR
    }
    correlated = []
    for other, found in shared.items():
        kept = sorted(
            (i for i in found if (i.type, i.value) not in too_common),
            key=lambda i: (-i.reports, i.type, i.value),
        )
        if kept:
            correlated.append(Correlated(other, names.get(other, ""), kept))
    correlated.sort(key=lambda c: (-len(c.shared), -sum(i.reports for i in c.shared), c.campaign_id))
    correlated = correlated[:CORRELATED_CAMPAIGNS]
    labels = _visible_labels(scope, [c.campaign_id for c in correlated if not c.name])
    return [
        c
        if c.name
        else Correlated(c.campaign_id, labels.get(c.campaign_id) or f"campaign {c.campaign_id}", c.shared)
        for c in correlated
    ]


def display_names(scope: access.Scope, campaigns: list[Campaign]) -> dict[int, str]:
    """The name to show for each campaign: an analyst's name as given; otherwise the engine's way of
    naming (the commonest label: landing domain, else subject) over the user's visible reports only,
    since the stored name may come from reports the user may not see. One query for all of them."""
    labels = _visible_labels(scope, [c.pk for c in campaigns if not c.name_set_by_analyst])
    return {
        c.pk: c.name if c.name_set_by_analyst else labels.get(c.pk) or f"campaign {c.pk}" for c in campaigns
    }


def _visible_labels(scope: access.Scope, campaign_ids: list[int]) -> dict[int, str]:
    if not campaign_ids:
        return {}
    visible = scope.members().filter(campaign_id__in=campaign_ids)
    rows = (
        ReportSignature.objects.filter(evidence_id__in=visible.values("evidence_id"))
        .exclude(label="")
        .values("label", campaign=F("evidence__campaign_membership__campaign_id"))
        .annotate(n=Count("pk"))
        .order_by("-n", "label")
    )
    labels: dict[int, str] = {}
    for row in rows:
        labels.setdefault(row["campaign"], row["label"])
    return labels


def is_excluded(indicator_type: str, value: str) -> bool:
    """An indicator too common to tie two campaigns together (``lapnet.clustering.exclusions``)."""
    if indicator_type == "domain":
        return is_excluded_domain(value)
    if indicator_type == "email":
        return is_excluded_address(value)
    if indicator_type == "ip":
        return is_excluded_ip(value)
    if indicator_type == "url":
        host = urlsplit(value).hostname
        return host is None or is_excluded_domain(host)
    return False


def _results(member: CampaignMember) -> list[dict[str, Any]]:
    results = member.evidence.results
    return [result for result in results if isinstance(result, dict)] if isinstance(results, list) else []


def _sample(member: CampaignMember) -> Sample:
    first = next(iter(_results(member)), {})
    return Sample(
        member=member,
        subject=member.evidence.subject or str(first.get("subject") or ""),
        excerpt=str(first.get("text_excerpt") or ""),
        reasons=_reasons(member),
    )


_LINK_LABELS = dict(LinkKind.choices)


def _reasons(member: CampaignMember) -> list[Reason]:
    """Why the report joined: the link kind and what it matched (never the id of the report it matched,
    which the user may not be allowed to see)."""
    reasons = []
    for entry in member.reasons if isinstance(member.reasons, list) else ():
        if not isinstance(entry, dict):
            continue
        link = str(entry.get("link") or "")
        similarity = entry.get("similarity")
        reasons.append(
            Reason(
                link=link,
                label=_LINK_LABELS.get(link, link),
                kind=str(entry.get("kind") or ""),
                value=str(entry.get("value") or ""),
                similarity=float(similarity) if isinstance(similarity, int | float) else None,
            )
        )
    return reasons


def _reason_counts(members: list[CampaignMember]) -> list[tuple[str, int]]:
    counts: Counter[str] = Counter()
    for member in members:
        for link in {reason.link for reason in _reasons(member)}:
            counts[_LINK_LABELS.get(link, link)] += 1
    return counts.most_common()
