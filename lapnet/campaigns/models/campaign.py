"""Campaigns as analysts see them.

A report (one :class:`~lapnet.evidence.models.Evidence`) belongs to at most one campaign, through a
:class:`CampaignMember` row that says why it joined (``reasons``) and carries the report's owner,
marking and submitter, so the same TLP filter as every other marked table decides what a user sees:
a campaign shown to a user is built only from the member rows that user may see.

Automatic clustering never undoes an analyst's decision: members an analyst placed are ``pinned``,
names an analyst chose are kept, and campaigns an analyst split apart are recorded in
:class:`KeepApart` so the engine does not merge them again.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from lapnet.sharing.tlp import TLP


class CampaignStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    CONFIRMED = "confirmed", "Confirmed by an analyst"
    MONITORING = "monitoring", "Under watch"
    CLOSED = "closed", "Closed: the operation has stopped"
    FALSE_POSITIVE = "false_positive", "Not a campaign"


class LinkKind(models.TextChoices):
    """Why a report joined its campaign (one entry of ``CampaignMember.reasons``)."""

    CONTENT = "content", "Near-duplicate content"
    BENEFICIARY = "beneficiary", "Shared beneficiary"
    INFRASTRUCTURE = "infrastructure", "Shared sending infrastructure"
    ANALYST = "analyst", "Placed by an analyst"
    FIRST = "first", "First report of the campaign"


class Campaign(models.Model):
    name = models.CharField(max_length=200)
    name_set_by_analyst = models.BooleanField(default=False)
    status = models.CharField(max_length=20, choices=CampaignStatus.choices, default=CampaignStatus.ACTIVE)
    category = models.CharField(max_length=30, blank=True)  # the members' most common
    # over all members, whoever owns them: for the engine and ordering, never shown without visibility
    size = models.IntegerField(default=0)
    # not indexed, nor is the category: the engine rewrites them as reports arrive (an index on any of
    # them turns each of those updates into new entries in every index of the table), and the list
    # sorts and filters on the visible members' figures, not on these
    first_seen = models.DateTimeField(null=True, blank=True)
    last_seen = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # a campaign merged into another stays as a forwarding address (links and audit entries keep working)
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="merged_from"
    )
    created_by = models.ForeignKey(  # set when an analyst made it (a split); null when the engine did
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-last_seen", "-id"]

    def __str__(self) -> str:
        return self.name or f"campaign {self.pk}"


class CampaignMember(models.Model):
    # the campaign and the organisation are found through the composite indexes below, which they lead
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="members", db_index=False)
    evidence = models.OneToOneField(
        "evidence.Evidence", on_delete=models.CASCADE, related_name="campaign_membership"
    )
    # [{"link": LinkKind, "evidence": <id of the report it matched>, "kind": "domain", "value": "...",
    #   "similarity": 0.83}, ...]: every link found when it joined (or the analyst's action)
    reasons = models.JSONField(default=list, blank=True)
    pinned = models.BooleanField(default=False)  # placed by an analyst: the engine never moves it
    joined_at = models.DateTimeField(auto_now_add=True)
    # denormalised from the evidence: the marked-table columns of lapnet.sharing.access, and filters
    # copies of the evidence's own columns, whose constraints hold them: no database constraint of their
    # own (on PostgreSQL each is checked row by row at the commit of every clustering batch); the
    # ORM's on_delete rules still apply
    organisation = models.ForeignKey(
        "members.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
        db_constraint=False,
    )
    tlp = models.CharField(max_length=12, choices=TLP.choices)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_constraint=False,
    )
    country = models.CharField(max_length=2)  # the reporting organisation's country
    channel = models.CharField(max_length=10, blank=True)  # the evidence kind: email, sms, arf, xarf
    category = models.CharField(max_length=30, blank=True)
    origin_country = models.CharField(max_length=2, blank=True)
    seen_at = models.DateTimeField()  # when the report reached lapnet

    class Meta:
        indexes = [
            models.Index(fields=["campaign", "seen_at"]),
            models.Index(fields=["organisation", "tlp"]),
            models.Index(fields=["seen_at"]),
        ]

    def __str__(self) -> str:
        return f"evidence {self.evidence_id} in campaign {self.campaign_id}"


class CampaignNote(models.Model):
    """An analyst's annotation: marked like evidence, so a note is shown only where its TLP allows."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="notes")
    organisation = models.ForeignKey("members.Organisation", on_delete=models.PROTECT, related_name="+")
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    tlp = models.CharField(max_length=12, choices=TLP.choices, default=TLP.AMBER)
    text = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"note {self.pk} on campaign {self.campaign_id}"


class KeepApart(models.Model):
    """Two campaigns an analyst separated (a split): automatic clustering never merges them again.
    Stored with ``first_id < second_id``; a merge moves these rows to the surviving campaign."""

    first = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["first", "second"], name="keep_apart_once")]

    def __str__(self) -> str:
        return f"keep campaigns {self.first_id} and {self.second_id} apart"
