"""Background work of the referrals context: deadline reminders.

``send_due_reminders`` is idempotent: each deadline of each referral gets one reminder, claimed with
a conditional UPDATE (``... WHERE reminded_at IS NULL``) so two workers never both send it. Every
task worker's periodic clock queues it hourly (``apps.py``, ``lapnet.runtime.periodic``);
``lapnet manage referral_reminders --now`` runs it in-process, by hand.
"""

from __future__ import annotations

from django.tasks import task

from lapnet.referrals.actions import do_send_due_reminders


@task()
def send_due_reminders() -> int:
    return do_send_due_reminders()
