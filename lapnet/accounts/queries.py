"""Reads: the audit log, filtered."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from django.db.models import Q
from django.utils import timezone

from lapnet.accounts.access import audit_events_visible_to

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from lapnet.members.models import User
    from lapnet.sharing.models import AuditEvent


@dataclass(frozen=True)
class AuditFilter:
    action: str = ""
    username: str = ""
    object_type: str = ""
    object_id: str = ""
    since: date | None = None
    until: date | None = None  # inclusive


def audit_log(user: User, wanted: AuditFilter) -> QuerySet[AuditEvent]:
    """The events this user may read that match every given criterion, newest first."""
    events = audit_events_visible_to(user)
    if wanted.action:
        events = events.filter(action=wanted.action)
    if wanted.username:
        events = events.filter(
            Q(actor__username__iexact=wanted.username) | Q(detail__username__iexact=wanted.username)
        )
    if wanted.object_type:
        events = events.filter(object_type=wanted.object_type.lower())
    if wanted.object_id:
        events = events.filter(object_id=wanted.object_id)
    if wanted.since:
        events = events.filter(at__gte=_start_of(wanted.since))
    if wanted.until:
        events = events.filter(at__lt=_start_of(wanted.until + timedelta(days=1)))
    return events.order_by("-at", "-id")


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))
