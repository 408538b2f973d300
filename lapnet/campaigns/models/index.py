"""The clustering engine's persistent state (owned by ``lapnet/campaigns/engine.py``).

Integer keys and indexed rows only, so that lookups are index seeks on SQLite and PostgreSQL alike
and several workers share one state. Evidence and campaign ids in the index tables are plain
integers, not foreign keys: the rows are written in bulk on the hot path and an orphan (evidence
deleted) is harmless, since every candidate is checked against :class:`ReportSignature`, which
cascades with its evidence.
"""

from __future__ import annotations

from django.db import models

__all__ = ["BandBucket", "KeyCampaign", "KeyFrequency", "KeyGroup", "ReportSignature"]


class ReportSignature(models.Model):
    """One clustered report: its MinHash signature and what the engine indexed for it."""

    evidence = models.OneToOneField(
        "evidence.Evidence", primary_key=True, on_delete=models.CASCADE, related_name="+"
    )
    minhash = models.BinaryField(null=True)  # uint32 little-endian x NUM_PERM; null: too little text
    bands = models.BinaryField(default=b"")  # int64 band keys written (to replace them on re-analysis)
    beneficiaries = models.BinaryField(default=b"")  # int64 keys of its beneficiary links (the veto)
    keys = models.JSONField(default=list)  # [[kind, value], ...]: every link key, readable
    content_group = models.BigIntegerField()  # evidence id of the first report of its template
    label = models.CharField(max_length=200, blank=True)  # landing domain or subject: names campaigns
    category = models.CharField(max_length=30, blank=True)
    clustered_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"signature of evidence {self.evidence_id}"


class BandBucket(models.Model):
    """An LSH band bucket: ``bucket`` folds the band number in, so one column serves every band. A
    bucket keeps at most ``engine.BUCKET_REPRESENTATIVES`` reports: enough to find their campaign.

    The look-up tables are keyed by what they are looked up by, with no surrogate id: one B-tree a
    table (SQLite: ``WITHOUT ROWID``), one index on PostgreSQL, and no sequence drawn a row."""

    pk = models.CompositePrimaryKey("bucket", "evidence_id")
    bucket = models.BigIntegerField()
    evidence_id = models.BigIntegerField()

    def __str__(self) -> str:
        return f"bucket {self.bucket}: evidence {self.evidence_id}"


class KeyCampaign(models.Model):
    """A link key seen in a campaign (resolve ``campaign_id`` through ``Campaign.merged_into``) other
    than the first, which its :class:`KeyFrequency` row holds."""

    pk = models.CompositePrimaryKey("key", "campaign_id")
    key = models.BigIntegerField()
    campaign_id = models.BigIntegerField()
    evidence_id = models.BigIntegerField()  # the first report that brought the key into the campaign

    def __str__(self) -> str:
        return f"key {self.key} in campaign {self.campaign_id}"


class KeyFrequency(models.Model):
    """How common a link key is: the frequency rule marks it ``everywhere`` (docs/campaign-clustering.md)."""

    key = models.BigIntegerField(primary_key=True)
    kind = models.CharField(max_length=20)
    value = models.CharField(max_length=300)
    reports = models.IntegerField(default=0)
    groups = models.IntegerField(default=0)  # distinct content groups (templates) among those reports
    conflicts = models.IntegerField(default=0)  # reports it pointed away from where their other links led
    everywhere = models.BooleanField(default=False)  # read by key only: no index to keep
    # the first campaign the key was indexed in (through merged_into), the report that brought it there,
    # and the first content group counted: most keys never get a second, and need no KeyCampaign or
    # KeyGroup row. ``shared``: KeyCampaign holds further campaigns (only then is it read).
    campaign_id = models.BigIntegerField(null=True)
    evidence_id = models.BigIntegerField(null=True)
    content_group = models.BigIntegerField(null=True)
    shared = models.BooleanField(default=False)

    class Meta:
        verbose_name_plural = "key frequencies"

    def __str__(self) -> str:
        return f"{self.kind}:{self.value} in {self.reports} reports"


class KeyGroup(models.Model):
    """A content group seen with a key past the first (in its :class:`KeyFrequency` row), kept until the
    key is everywhere (then no longer needed)."""

    pk = models.CompositePrimaryKey("key", "content_group")
    key = models.BigIntegerField()
    content_group = models.BigIntegerField()

    def __str__(self) -> str:
        return f"key {self.key} with group {self.content_group}"
