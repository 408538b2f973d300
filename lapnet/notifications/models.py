"""Abuse notifications: reports about an industry member's networks or domains, sent to its abuse desk.

An industry member registers networks (``members.OrganisationNetwork``) and domains
(``members.OrganisationDomain``) and, here, where and how it wants to hear about abuse from them
(:class:`AbuseDesk`). Every analysed report whose origin IP falls in such a network, or whose
indicators name such a domain, becomes one :class:`AbuseNotification` per member: queued, then sent
in the next batch (ARF or X-ARF), or withheld with the reason (TLP).
"""

from __future__ import annotations

from django.db import models

from lapnet.sharing.tlp import TLP


class NotificationFormat(models.TextChoices):
    ARF = "arf", "ARF (RFC 5965)"
    XARF = "xarf", "X-ARF v4"


class AbuseDesk(models.Model):
    organisation = models.OneToOneField(
        "members.Organisation", on_delete=models.CASCADE, related_name="abuse_desk"
    )
    address = models.EmailField(help_text="where the reports go, e.g. abuse@example.net")
    format = models.CharField(
        max_length=10, choices=NotificationFormat.choices, default=NotificationFormat.ARF
    )
    # the narrowest marking the member accepts; never wider than what the owner's TLP allows
    max_tlp = models.CharField(max_length=12, choices=TLP.choices, default=TLP.GREEN)
    digest = models.BooleanField(default=False, help_text="one multipart/digest email per batch")
    enabled = models.BooleanField(default=True)

    def __str__(self) -> str:
        return f"abuse desk of {self.organisation}: {self.address}"


class NotificationState(models.TextChoices):
    QUEUED = "queued", "Queued for the next batch"
    SENT = "sent", "Sent"
    WITHHELD = "withheld", "Withheld"
    FAILED = "failed", "Sending failed"


class AbuseNotification(models.Model):
    evidence = models.ForeignKey("evidence.Evidence", on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey("members.Organisation", on_delete=models.CASCADE, related_name="+")
    matched = models.CharField(max_length=300)  # why: "origin 192.0.2.7 in 192.0.2.0/24", "domain x.example"
    state = models.CharField(
        max_length=10, choices=NotificationState.choices, default=NotificationState.QUEUED
    )
    reason = models.CharField(max_length=300, blank=True)  # why withheld, or the sending error
    format = models.CharField(max_length=10, choices=NotificationFormat.choices, blank=True)
    message_id = models.CharField(max_length=300, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["evidence", "organisation"], name="one_notification_per_member")
        ]
        indexes = [models.Index(fields=["state", "organisation"])]

    def __str__(self) -> str:
        return f"notification of evidence {self.evidence_id} to {self.organisation_id} ({self.state})"
