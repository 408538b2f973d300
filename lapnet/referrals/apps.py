from __future__ import annotations

from datetime import timedelta

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReferralsConfig(AppConfig):
    name = "lapnet.referrals"
    label = "referrals"
    verbose_name = _("Referrals")

    def ready(self) -> None:
        from lapnet.runtime.periodic import PeriodicJob, register

        # every task worker's clock queues the reminders (idempotent: one per deadline)
        register(
            PeriodicJob("referral-reminders", "lapnet.referrals.tasks.send_due_reminders", timedelta(hours=1))
        )
