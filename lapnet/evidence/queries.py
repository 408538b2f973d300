"""Reads of the evidence context: lists, and "who else saw this?" across the network."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from django.db.models import Count, Max, Min

from lapnet.analysis.indicators import IndicatorCollector
from lapnet.evidence.access import sightings_countable_by, sightings_visible_to, visible_to
from lapnet.evidence.models import Evidence

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from lapnet.members.models import User

INDICATOR_TYPES = ("url", "domain", "email", "ip", "phone", "crypto_wallet", "iban", "attachment")


@dataclass(frozen=True)
class Correlation:
    """How widely an indicator was reported, as far as the user may know."""

    type: str
    value: str
    reports: int
    organisations: int
    countries: int
    first_seen: datetime | None
    last_seen: datetime | None
    visible_evidence: list[Evidence]


def correlate(
    user: User, value: str, indicator_type: str | None = None, limit: int = 50
) -> list[Correlation]:
    """For each indicator type the value was seen as: counts the user may know, evidence it may see.

    Counts come from one aggregate over the (type, value) index, restricted to countable rows;
    the evidence list only from rows the user may see.
    """
    value = normalise_query(value)
    if not value:
        return []
    # each visibility filter is built once per call (it looks up the user's sharing partners)
    visible_sightings = sightings_visible_to(user)
    visible_evidence = visible_to(user)
    countable = sightings_countable_by(user).filter(value=value)
    if indicator_type:
        countable = countable.filter(type=indicator_type)
    totals = (
        countable.values("type")
        .annotate(
            reports=Count("evidence", distinct=True),
            organisations=Count("organisation", distinct=True),
            countries=Count("country", distinct=True),
            first_seen=Min("seen_at"),
            last_seen=Max("seen_at"),
        )
        .order_by("type")
    )
    correlations = []
    for row in totals:
        visible_ids = (
            visible_sightings.filter(type=row["type"], value=value)
            .order_by("-seen_at")
            .values_list("evidence_id", flat=True)[:limit]
        )
        evidence = list(
            visible_evidence.filter(pk__in=list(visible_ids))
            .select_related("organisation")
            .order_by("-received_at")
        )
        correlations.append(
            Correlation(
                type=row["type"],
                value=value,
                reports=row["reports"],
                organisations=row["organisations"],
                countries=row["countries"],
                first_seen=row["first_seen"],
                last_seen=row["last_seen"],
                visible_evidence=evidence,
            )
        )
    return correlations


def normalise_query(value: str) -> str:
    """Read a searched value the way the analysis normalised the stored one (one normaliser, not two)."""
    text = value.strip()
    if not text:
        return ""
    collector = IndicatorCollector()
    if "://" in text:
        collector.add_url(text, "query")
        found = collector.result().url
    elif "@" in text:
        collector.add_text(text, "query")
        found = collector.result().email
    elif text.startswith("+") or text.startswith("00"):
        collector.add_phone(text, "query")
        found = collector.result().phone
    else:
        return text.lower() if "." in text or ":" in text else text
    return found[0].value if found else text


def recent_evidence(user: User) -> QuerySet[Evidence]:
    return visible_to(user).select_related("organisation", "submitted_by")
