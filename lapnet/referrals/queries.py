"""Reads: each organisation's inbox (received, sent, copied, overdue, by state) and overdue referrals.

Every query starts from ``access.visible_to(user)``, so nothing here widens what a user sees.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet
from django.utils import timezone

from lapnet.referrals.access import visible_to
from lapnet.referrals.models import Referral, ReferralStatus

if TYPE_CHECKING:
    from lapnet.members.models import User

# while the receiver owes an answer (not while it waits for the sender's information)
AWAITING_ACKNOWLEDGEMENT = (ReferralStatus.SENT,)
AWAITING_REPLY = (
    ReferralStatus.SENT,
    ReferralStatus.ACKNOWLEDGED,
    ReferralStatus.ACCEPTED,
    ReferralStatus.IN_PROGRESS,
)


class Box(StrEnum):
    RECEIVED = "received"
    SENT = "sent"
    COPIED = "copied"
    OVERDUE = "overdue"


def overdue_q(now: datetime | None = None) -> Q:
    """Referrals past a deadline: not acknowledged in time, or not answered (declined or an outcome
    reported) in time. A referral waiting for the sender's information is not the receiver's delay."""
    now = now or timezone.now()
    return Q(status__in=AWAITING_ACKNOWLEDGEMENT, acknowledgement_due__lt=now) | Q(
        status__in=AWAITING_REPLY, reply_due__lt=now
    )


def overdue(queryset: QuerySet[Referral] | None = None, now: datetime | None = None) -> QuerySet[Referral]:
    """All overdue referrals (for the reminder task), or those of ``queryset``."""
    base = queryset if queryset is not None else Referral.objects.all()
    return base.filter(overdue_q(now))


def is_overdue(referral: Referral, now: datetime | None = None) -> bool:
    now = now or timezone.now()
    if (
        referral.status in AWAITING_ACKNOWLEDGEMENT
        and referral.acknowledgement_due
        and referral.acknowledgement_due < now
    ):
        return True
    return bool(referral.status in AWAITING_REPLY and referral.reply_due and referral.reply_due < now)


def inbox(user: User, box: Box | str = Box.RECEIVED, status: str = "") -> QuerySet[Referral]:
    own = user.organisation_id
    referrals = visible_to(user).select_related(
        "requesting_organisation", "requested_organisation", "copy_to"
    )
    box = Box(box)
    if box is Box.RECEIVED:
        referrals = referrals.filter(requested_organisation=own)
    elif box is Box.SENT:
        referrals = referrals.filter(requesting_organisation=own)
    elif box is Box.COPIED:
        referrals = referrals.filter(copy_to=own).exclude(requested_organisation=own)
    else:
        referrals = overdue(referrals)
    if status:
        referrals = referrals.filter(status=status)
    return referrals.order_by("-updated_at", "-id")


def box_counts(user: User) -> dict[str, int]:
    return {box.value: inbox(user, box).count() for box in Box}
