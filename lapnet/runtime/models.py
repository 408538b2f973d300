"""State of the runtime itself: when each periodic job was last queued."""

from __future__ import annotations

from django.db import models


class PeriodicRun(models.Model):
    """One row per periodic job. Workers claim a due run with a conditional UPDATE, so however many
    workers run, on however many machines, a job is queued once per period."""

    name = models.CharField(max_length=100, primary_key=True)
    last_enqueued_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.name} (last queued {self.last_enqueued_at:%Y-%m-%d %H:%M:%S})"
