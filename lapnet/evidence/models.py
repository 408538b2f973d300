"""Evidence: raw bytes kept immutable by SHA-256, each submission of them, and what analysis found.

- :class:`EvidenceBlob` is the bytes, content-addressed: stored once however often they arrive.
- :class:`Evidence` is one submission (a sighting) of those bytes by one organisation, with its TLP
  marking, channel and analysis state. A duplicate upload is another Evidence on the same blob.
- :class:`IndicatorSighting` indexes every indicator of an analysed Evidence, denormalised with the
  owner, marking and time, so "who else saw this?" is one indexed query, not a scan.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from lapnet.sharing.tlp import TLP


class Channel(models.TextChoices):
    WEB = "web", "Web upload"
    API = "api", "REST API"
    CLI = "cli", "Command line"
    SMTP = "smtp", "SMTP reporting address"
    DEMO = "demo", "Demo data"


class AnalysisStatus(models.TextChoices):
    PENDING = "pending", "Waiting for analysis"
    RUNNING = "running", "Being analysed"
    DONE = "done", "Analysed"
    FAILED = "failed", "Analysis failed"


class EvidenceBlob(models.Model):
    sha256 = models.CharField(max_length=64, primary_key=True)
    size = models.BigIntegerField()
    stored_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.sha256


class Evidence(models.Model):
    blob = models.ForeignKey(EvidenceBlob, on_delete=models.PROTECT, related_name="sightings")
    organisation = models.ForeignKey(
        "members.Organisation", on_delete=models.PROTECT, related_name="evidence"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    channel = models.CharField(max_length=10, choices=Channel.choices)
    tlp = models.CharField(max_length=12, choices=TLP.choices, default=TLP.AMBER)
    source_name = models.CharField(max_length=500, blank=True)  # file name, or path inside an import
    record_index = models.IntegerField(null=True, blank=True)  # record number inside mbox / SMS file
    kind_hint = models.CharField(max_length=10, blank=True)  # forced kind (email, arf, xarf, sms)
    received_at = models.DateTimeField(auto_now_add=True, db_index=True)
    is_duplicate = models.BooleanField(default=False)  # the same bytes had been stored before

    status = models.CharField(
        max_length=10, choices=AnalysisStatus.choices, default=AnalysisStatus.PENDING, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    analysed_at = models.DateTimeField(null=True, blank=True)
    results = models.JSONField(default=list, blank=True)  # lapnet.analysis results (one per message)

    # from the first result, for lists and filters
    kind = models.CharField(max_length=10, blank=True)
    subject = models.CharField(max_length=500, blank=True)
    category = models.CharField(max_length=30, blank=True, db_index=True)
    origin_ip = models.CharField(max_length=45, blank=True)
    origin_country = models.CharField(max_length=2, blank=True)
    language = models.CharField(max_length=8, blank=True)

    class Meta:
        ordering = ["-received_at", "-id"]
        indexes = [
            models.Index(fields=["organisation", "received_at"]),
            models.Index(fields=["tlp", "received_at"]),
            models.Index(fields=["blob", "organisation"]),
        ]
        verbose_name_plural = "evidence"

    def __str__(self) -> str:
        return f"evidence {self.pk} ({self.blob_id[:12]})"


class IndicatorSighting(models.Model):
    evidence = models.ForeignKey(Evidence, on_delete=models.CASCADE, related_name="indicators")
    type = models.CharField(max_length=20)  # url, domain, email, ip, phone, crypto_wallet, iban, attachment
    value = models.CharField(max_length=700)
    # denormalised from the evidence, so correlation filters and counts need no join
    organisation = models.ForeignKey("members.Organisation", on_delete=models.PROTECT, related_name="+")
    country = models.CharField(max_length=2)  # the reporting organisation's country
    tlp = models.CharField(max_length=12, choices=TLP.choices)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    seen_at = models.DateTimeField()

    class Meta:
        indexes = [
            models.Index(fields=["type", "value", "seen_at"]),
            models.Index(fields=["value"]),
        ]

    def __str__(self) -> str:
        return f"{self.type}:{self.value}"
