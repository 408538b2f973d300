"""When a referral's answers are due: pure date arithmetic, no Django (the policy comes from settings
through :mod:`lapnet.referrals.conf`).

- acknowledgement: ``acknowledgement_days`` after it was sent, whatever the request type;
- reply: a request for information within ``information_reply_days`` (30, as Regulation (EU)
  2017/2394 art. 11(2)); a request for enforcement action or investigative assistance within
  ``enforcement_reply_months`` calendar months (6, as art. 12); an alert or a referral for information
  only asks for no reply.

The clock starts again when a declined referral is revised and re-sent. The reply is given when the
receiver declines or reports an outcome (``workflow.answers``).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import datetime, timedelta

INFORMATION_REQUESTS = frozenset({"request_for_information"})
ENFORCEMENT_REQUESTS = frozenset({"request_for_enforcement_action", "request_for_investigative_assistance"})


@dataclass(frozen=True, slots=True)
class DeadlinePolicy:
    acknowledgement_days: int = 7
    information_reply_days: int = 30
    enforcement_reply_months: int = 6
    reminder_lead_days: int = 3  # a reminder goes out this many days before a deadline


@dataclass(frozen=True, slots=True)
class Deadlines:
    acknowledgement_due: datetime
    reply_due: datetime | None


def add_months(moment: datetime, months: int) -> datetime:
    """The same day ``months`` calendar months later (the month's last day when it is shorter)."""
    month_index = moment.month - 1 + months
    year, month = moment.year + month_index // 12, month_index % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def deadlines_for(request_type: str, sent_at: datetime, policy: DeadlinePolicy) -> Deadlines:
    acknowledgement_due = sent_at + timedelta(days=policy.acknowledgement_days)
    reply_due: datetime | None = None
    if request_type in INFORMATION_REQUESTS:
        reply_due = sent_at + timedelta(days=policy.information_reply_days)
    elif request_type in ENFORCEMENT_REQUESTS:
        reply_due = add_months(sent_at, policy.enforcement_reply_months)
    return Deadlines(acknowledgement_due, reply_due)


def reminder_due(deadline: datetime | None, now: datetime, policy: DeadlinePolicy) -> bool:
    """Whether the reminder of this deadline should go out by ``now`` (lead time reached, or past)."""
    return deadline is not None and now >= deadline - timedelta(days=policy.reminder_lead_days)
