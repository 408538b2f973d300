from __future__ import annotations

from datetime import timedelta

from django.apps import AppConfig
from django.conf import settings


class NotificationsConfig(AppConfig):
    name = "lapnet.notifications"
    label = "notifications"
    verbose_name = "Abuse notifications to industry"

    def ready(self) -> None:
        from lapnet.runtime.periodic import PeriodicJob, register

        minutes = getattr(settings, "LAPNET_NOTIFICATION_BATCH_MINUTES", 10)
        register(
            PeriodicJob(
                "abuse-notifications",
                "lapnet.notifications.tasks.send_abuse_notifications",
                timedelta(minutes=minutes),
            )
        )
