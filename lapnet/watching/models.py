"""Watches (indicators, campaigns, saved searches a member follows) and the alerts they raise.

- :class:`Watch` is one thing a user follows. Indicator watches and saved searches store the value
  normalised the way the correlation search normalises a query (``evidence.queries.normalise_query``),
  so matching a new report is one indexed lookup of its indicator values.
- :class:`Alert` is one report that matched one watch. ``(watch, evidence)`` is unique, so analysing a
  report again raises nothing twice. Alerts carry their email delivery state (a digest per user, see
  docs/watching.md); what they point to is shown only through the TLP filter of the evidence.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q


class WatchKind(models.TextChoices):
    INDICATOR = "indicator", "Indicator"
    CAMPAIGN = "campaign", "Campaign"
    SEARCH = "search", "Saved search"


class MailState(models.TextChoices):
    PENDING = "pending", "To be mailed"
    SENDING = "sending", "Being mailed"
    SENT = "sent", "Mailed"
    FAILED = "failed", "Mail failed"
    SKIPPED = "skipped", "Not mailed"  # no address, inactive account, or the report is no longer visible


class Watch(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="watches")
    kind = models.CharField(max_length=10, choices=WatchKind.choices)
    # indicator: the type (url, domain, email, ...); saved search: the optional type filter ("" = any)
    indicator_type = models.CharField(max_length=20, blank=True)
    # indicator and saved search: the normalised value matched against IndicatorSighting.value
    value = models.CharField(max_length=700, blank=True)
    query = models.CharField(max_length=700, blank=True)  # saved search: what the user typed
    name = models.CharField(max_length=200, blank=True)  # saved search: the user's label
    campaign = models.ForeignKey(
        "campaigns.Campaign", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "indicator_type", "value", "id"]
        indexes = [
            models.Index(fields=["value", "kind"]),
            models.Index(fields=["campaign"]),
            models.Index(fields=["user", "kind"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(kind=WatchKind.INDICATOR, campaign__isnull=True) & ~Q(indicator_type="") & ~Q(value="")
                )
                | Q(kind=WatchKind.CAMPAIGN, campaign__isnull=False, value="")
                | (Q(kind=WatchKind.SEARCH, campaign__isnull=True) & ~Q(value="")),
                name="watch_fields_match_kind",
            ),
            models.UniqueConstraint(
                fields=["user", "indicator_type", "value"],
                condition=Q(kind=WatchKind.INDICATOR),
                name="watch_indicator_once",
            ),
            models.UniqueConstraint(
                fields=["user", "campaign"], condition=Q(kind=WatchKind.CAMPAIGN), name="watch_campaign_once"
            ),
            models.UniqueConstraint(
                fields=["user", "indicator_type", "value"],
                condition=Q(kind=WatchKind.SEARCH),
                name="watch_search_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} watches {self.describe()}"

    def describe(self) -> str:
        """What is watched, in the watcher's own words (never taken from a report)."""
        if self.kind == WatchKind.INDICATOR:
            return f"{self.indicator_type} {self.value}"
        if self.kind == WatchKind.CAMPAIGN:
            return f"campaign {self.campaign_id}"
        label = self.name or self.query
        return f"saved search “{label}”" + (f" ({self.indicator_type})" if self.indicator_type else "")


class Alert(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="alerts")
    # an alert outlives the watch that raised it (``reason`` keeps what it was)
    watch = models.ForeignKey(Watch, null=True, blank=True, on_delete=models.SET_NULL, related_name="alerts")
    evidence = models.ForeignKey("evidence.Evidence", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=WatchKind.choices)
    reason = models.CharField(max_length=800)  # Watch.describe() when it was raised
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    mail_state = models.CharField(max_length=10, choices=MailState.choices, default=MailState.PENDING)
    mail_claim = models.CharField(max_length=32, blank=True)  # the delivery run that took it
    mail_attempts = models.PositiveSmallIntegerField(default=0)
    sent_at = models.DateTimeField(null=True, blank=True)
    mail_error = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["user", "read_at", "created_at"]),
            models.Index(fields=["user", "mail_state"]),
            models.Index(fields=["mail_claim"]),
        ]
        constraints = [
            models.UniqueConstraint(fields=["watch", "evidence"], name="alert_once_per_watch_and_report"),
        ]

    def __str__(self) -> str:
        return f"alert {self.pk}: evidence {self.evidence_id} for user {self.user_id}"
