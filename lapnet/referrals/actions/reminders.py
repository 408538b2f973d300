"""Deadline reminders: one per deadline of each referral, however often the task runs.

Each reminder is claimed with a conditional UPDATE (``reminded_at IS NULL``) before the mail is
queued, so two workers running the task at once send it once; the clock restarts (and the claims are
cleared) when a declined referral is sent again.
"""

from __future__ import annotations

from datetime import datetime
from functools import partial

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lapnet.referrals import workflow
from lapnet.referrals.actions.common import _notify
from lapnet.referrals.conf import deadline_policy
from lapnet.referrals.deadlines import reminder_due
from lapnet.referrals.models import Referral
from lapnet.referrals.queries import AWAITING_ACKNOWLEDGEMENT, AWAITING_REPLY
from lapnet.sharing.audit import record
from lapnet.sharing.models import AuditAction

DEADLINES = (
    # (deadline column, claim column, states in which it is still owed, what the mail says)
    ("acknowledgement_due", "acknowledgement_reminded_at", AWAITING_ACKNOWLEDGEMENT, "acknowledgement"),
    ("reply_due", "reply_reminded_at", AWAITING_REPLY, "reply"),
)


def do_send_due_reminders(now: datetime | None = None, *, base_url: str = "") -> int:
    """Remind the receivers of every deadline that is near (``reminder_lead_days``) or past; returns
    how many reminders were sent by this call."""
    now = now or timezone.now()
    policy = deadline_policy()
    sent = 0
    for due_column, claim_column, states, what in DEADLINES:
        candidates = Referral.objects.filter(
            status__in=states, **{f"{due_column}__isnull": False, f"{claim_column}__isnull": True}
        ).select_related("requesting_organisation", "requested_organisation", "requested_contact")
        for referral in candidates:
            deadline = getattr(referral, due_column)
            if not reminder_due(deadline, now, policy):
                continue
            with transaction.atomic():
                claimed = Referral.objects.filter(
                    pk=referral.pk, status__in=states, **{f"{claim_column}__isnull": True}
                ).update(**{claim_column: now})
                if not claimed:
                    continue  # another worker took it, or the referral moved on
                late = deadline < now
                summary = (
                    f"the {what} of {referral.reference} was due on {deadline:%Y-%m-%d}"
                    if late
                    else f"the {what} of {referral.reference} is due on {deadline:%Y-%m-%d}"
                )
                record(
                    None,
                    AuditAction.CHANGE,
                    referral,
                    f"reminded {referral.requested_organisation}: {summary}",
                    channel="task",
                    detail={"deadline": what, "due": deadline.isoformat(), "overdue": late},
                )
                _notify(
                    referral,
                    workflow.Party.RECEIVER,
                    partial(_reminder, what, referral.reference, f"{deadline:%Y-%m-%d}", late=late),
                    base_url=base_url,
                )
                sent += 1
    return sent


def _reminder(what: str, reference: str, date: str, *, late: bool) -> str:
    """The reminder's words, in the active language (the recipient's)."""
    values = {"reference": reference, "date": date}
    if what == "acknowledgement":
        if late:
            return _("Reminder: the acknowledgement of %(reference)s was due on %(date)s") % values
        return _("Reminder: the acknowledgement of %(reference)s is due on %(date)s") % values
    if late:
        return _("Reminder: the reply to %(reference)s was due on %(date)s") % values
    return _("Reminder: the reply to %(reference)s is due on %(date)s") % values
