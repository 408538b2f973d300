"""Reads of the watching context: a user's watches and alerts. Top violators and surges: reports.py."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import F

from lapnet.watching.access import alerts_visible_to, watches_of

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from lapnet.members.models import User
    from lapnet.watching.models import Alert, Watch


def alerts_for(user: User) -> QuerySet[Alert]:
    """Unread first, newest first; each with its report and the report's owner for the list."""
    return (
        alerts_visible_to(user)
        .select_related("evidence", "evidence__organisation")
        .order_by(F("read_at").desc(nulls_first=True), "-created_at", "-id")
    )


def unread_alert_count(user: User) -> int:
    return alerts_visible_to(user).filter(read_at__isnull=True).count()


def watch_list(user: User) -> QuerySet[Watch]:
    return watches_of(user).select_related("campaign").order_by("kind", "indicator_type", "value", "pk")


def watch_keys(user: User) -> dict[tuple[str, str, str], int]:
    """Every watch of the user by what it watches, for the watch buttons of a page (one query)."""
    keys: dict[tuple[str, str, str], int] = {}
    for pk, kind, indicator_type, value, campaign_id in watches_of(user).values_list(
        "pk", "kind", "indicator_type", "value", "campaign_id"
    ):
        keys[(kind, indicator_type, str(campaign_id) if campaign_id else value)] = pk
    return keys
