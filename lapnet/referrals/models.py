"""Cross-border referrals: one agency asks another, in another country, to act on evidence.

- :class:`Referral` is the request: who asks whom (with the requested country's national coordinator
  in copy), what kind of request, its deadlines, its state (``workflow.State``) and the pro forma as
  JSON (the shape of ``lapnet.exchange.proforma.ProForma.to_dict()``, built by ``proforma.py``).
- :class:`ReferralEvidence` and :class:`ReferralCampaign` link the reports and campaigns it is about.
- :class:`ReferralEvent` is every transition, with who, when, from and to, the reason and the words.
- :class:`ReferralMessage` is the thread between the two points of contact.
- :class:`NodeKey` is the directory of the nodes' public signing keys (evidence packages), and
  :class:`ImportedPackage` every package this node loaded (what makes an import idempotent).

Who sees a referral is not a TLP question: the two organisations and the copied coordinator, and
nobody else (``access.py``). ``tlp`` is the handling marking the sender puts on the request itself.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from lapnet.sharing.tlp import TLP


class ReferralStatus(models.TextChoices):
    """The states of ``lapnet.referrals.workflow.State``, as stored (a test keeps the two equal)."""

    DRAFT = "draft", _("Draft")
    SENT = "sent", _("Sent")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    MORE_INFORMATION_REQUESTED = "more_information_requested", _("More information requested")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    IN_PROGRESS = "in_progress", _("In progress")
    OUTCOME_REPORTED = "outcome_reported", _("Outcome reported")
    CLOSED = "closed", _("Closed")


class RequestType(models.TextChoices):
    """The values of ``lapnet.exchange.proforma.RequestType``."""

    FOR_INFORMATION_ONLY = "for_information_only", _("For information only")
    ALERT = "alert", _("Alert")
    REQUEST_FOR_INFORMATION = "request_for_information", _("Request for information")
    REQUEST_FOR_ENFORCEMENT_ACTION = "request_for_enforcement_action", _("Request for enforcement action")
    REQUEST_FOR_INVESTIGATIVE_ASSISTANCE = (
        "request_for_investigative_assistance",
        _("Request for investigative assistance"),
    )


class Urgency(models.TextChoices):
    ROUTINE = "routine", _("Routine")
    URGENT = "urgent", _("Urgent")
    IMMEDIATE = "immediate", _("Immediate")


class DeclineReason(models.TextChoices):
    """The values of ``workflow.DeclineReason``."""

    NO_LEGAL_GATEWAY = "no_legal_gateway", _("No legal gateway")
    OUTSIDE_REMIT = "outside_remit", _("Outside our remit")
    INSUFFICIENT_EVIDENCE = "insufficient_evidence", _("Insufficient evidence")
    ALREADY_UNDER_INVESTIGATION = "already_under_investigation", _("Already under investigation")
    OTHER = "other", _("Other")


class Outcome(models.TextChoices):
    """The values of ``workflow.Outcome``."""

    WARNING = "warning", _("Warning")
    FINE = "fine", _("Fine")
    PROSECUTION = "prosecution", _("Prosecution")
    TAKEDOWN = "takedown", _("Takedown")
    NO_ACTION = "no_action", _("No action")


class ReferralEventKind(models.TextChoices):
    """``create``, ``update`` and ``resend`` plus the events of ``workflow.Event``."""

    CREATE = "create", _("drafted the referral")
    UPDATE = "update", _("edited the draft")
    SEND = "send", _("sent the referral")
    ACKNOWLEDGE = "acknowledge", _("acknowledged receipt")
    ACCEPT = "accept", _("accepted the referral")
    DECLINE = "decline", _("declined the referral")
    REQUEST_INFORMATION = "request_information", _("asked for more information")
    PROVIDE_INFORMATION = "provide_information", _("provided more information")
    START_WORK = "start_work", _("started work")
    REPORT_OUTCOME = "report_outcome", _("reported the outcome")
    REVISE = "revise", _("reopened the referral for revision")
    CLOSE = "close", pgettext_lazy("referral event", "closed the referral")
    IMPORT = "import", _("received the referral in an evidence package")


class Referral(models.Model):
    title = models.CharField(_("title"), max_length=300)
    requesting_organisation = models.ForeignKey(
        "members.Organisation", on_delete=models.PROTECT, related_name="referrals_sent"
    )
    requested_organisation = models.ForeignKey(  # empty while a draft has no recipient yet
        "members.Organisation",
        on_delete=models.PROTECT,
        related_name="referrals_received",
        null=True,
        blank=True,
    )
    # the requested country's national coordinator (lapnet.members.models.NationalCoordinator), in copy
    copy_to = models.ForeignKey(
        "members.Organisation",
        on_delete=models.PROTECT,
        related_name="referrals_copied",
        null=True,
        blank=True,
    )
    requesting_contact = models.ForeignKey(
        "members.PointOfContact", on_delete=models.SET_NULL, related_name="+", null=True, blank=True
    )
    requested_contact = models.ForeignKey(
        "members.PointOfContact", on_delete=models.SET_NULL, related_name="+", null=True, blank=True
    )
    request_type = models.CharField(
        _("request type"),
        max_length=40,
        choices=RequestType.choices,
        default=RequestType.REQUEST_FOR_ENFORCEMENT_ACTION,
    )
    urgency = models.CharField(_("urgency"), max_length=12, choices=Urgency.choices, default=Urgency.ROUTINE)
    requested_reply_date = models.DateField(_("requested reply date"), null=True, blank=True)
    request_language = models.CharField(_("language of the request"), max_length=8, default="en")
    reply_language = models.CharField(_("language of the reply"), max_length=8, default="en")
    tlp = models.CharField(_("TLP marking"), max_length=12, choices=TLP.choices, default=TLP.AMBER)
    status = models.CharField(
        max_length=30, choices=ReferralStatus.choices, default=ReferralStatus.DRAFT, db_index=True
    )
    pro_forma = models.JSONField(default=dict, blank=True)  # ProForma.to_dict(), see proforma.py

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    approved_by = models.ForeignKey(  # who approved sending it (the last time it was sent)
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    first_sent_at = models.DateTimeField(null=True, blank=True)  # from then on the receiver sees it
    sent_at = models.DateTimeField(null=True, blank=True, db_index=True)
    times_sent = models.PositiveSmallIntegerField(default=0)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    acknowledgement_due = models.DateTimeField(null=True, blank=True, db_index=True)
    reply_due = models.DateTimeField(null=True, blank=True, db_index=True)
    # set once each, when the reminder of that deadline went out (cleared when the clock restarts)
    acknowledgement_reminded_at = models.DateTimeField(null=True, blank=True)
    reply_reminded_at = models.DateTimeField(null=True, blank=True)

    decline_reason = models.CharField(max_length=40, choices=DeclineReason.choices, blank=True)
    decline_text = models.TextField(blank=True)
    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)
    outcome_details = models.TextField(blank=True)
    # set on a referral loaded from another node's evidence package: that node and its reference
    source_node = models.CharField(max_length=200, blank=True)
    source_reference = models.CharField(max_length=100, blank=True)

    evidence = models.ManyToManyField(
        "evidence.Evidence", through="ReferralEvidence", related_name="referrals"
    )
    campaigns = models.ManyToManyField(
        "campaigns.Campaign", through="ReferralCampaign", related_name="referrals"
    )

    class Meta:
        ordering = ["-updated_at", "-id"]
        indexes = [
            models.Index(fields=["requesting_organisation", "status"]),
            models.Index(fields=["requested_organisation", "status"]),
            models.Index(fields=["copy_to", "status"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["source_node", "source_reference"],
                condition=~models.Q(source_node=""),
                name="one_referral_per_source_reference",
            )
        ]

    def __str__(self) -> str:
        return f"{self.reference}: {self.title}"

    @property
    def reference(self) -> str:
        """What both sides quote: ``REF-`` and the number, the same on every node's pages and mails."""
        return f"REF-{self.pk:06d}" if self.pk else "REF-new"

    @property
    def is_cross_border(self) -> bool:
        requested = self.requested_organisation
        return requested is not None and requested.country != self.requesting_organisation.country


class ReferralEvidence(models.Model):
    """A report attached to a referral. RED evidence sent abroad carries the override that let it go."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="evidence_links")
    evidence = models.ForeignKey("evidence.Evidence", on_delete=models.PROTECT, related_name="referral_links")
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)
    red_override = models.BooleanField(default=False)
    red_override_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["added_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["referral", "evidence"], name="evidence_once_per_referral")
        ]

    def __str__(self) -> str:
        return f"evidence {self.evidence_id} in referral {self.referral_id}"


class ReferralCampaign(models.Model):
    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="campaign_links")
    campaign = models.ForeignKey(
        "campaigns.Campaign", on_delete=models.PROTECT, related_name="referral_links"
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["added_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["referral", "campaign"], name="campaign_once_per_referral")
        ]

    def __str__(self) -> str:
        return f"campaign {self.campaign_id} in referral {self.referral_id}"


class ReferralEvent(models.Model):
    """One step of a referral's history (the audit log has the same, for the whole network)."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=30, choices=ReferralEventKind.choices)
    from_status = models.CharField(max_length=30, choices=ReferralStatus.choices, blank=True)
    to_status = models.CharField(max_length=30, choices=ReferralStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    organisation = models.ForeignKey(  # the actor's organisation at the time
        "members.Organisation", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reason = models.CharField(max_length=40, blank=True)  # a DeclineReason or an Outcome value
    text = models.TextField(blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.referral_id}: {self.kind} -> {self.to_status}"


class ReferralMessage(models.Model):
    """A message in the thread between the two points of contact (the copied coordinator reads it)."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    organisation = models.ForeignKey("members.Organisation", on_delete=models.PROTECT, related_name="+")
    text = models.TextField()
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"message {self.pk} on referral {self.referral_id}"


class NodeKey(models.Model):
    """A node's public Ed25519 key, as published in the directory (``lapnet.exchange.keys``).

    The local node's key is registered the first time it signs (``nodekeys.local_node_key``); the
    secretariat adds the other nodes' keys and revokes them. A revoked key verifies nothing any more.
    """

    node_id = models.CharField(_("node"), max_length=200, db_index=True)
    public_key = models.TextField(_("public key"))  # the base64 of the 32 raw bytes
    fingerprint = models.CharField(_("fingerprint"), max_length=80, unique=True)
    is_local = models.BooleanField(default=False)  # this installation's own key
    added_at = models.DateTimeField(auto_now_add=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["node_id", "-added_at"]

    def __str__(self) -> str:
        return f"{self.node_id} {self.fingerprint}"


class ImportedPackage(models.Model):
    """A package loaded here, named by the SHA-256 of its signed manifest: loaded once."""

    manifest_sha256 = models.CharField(max_length=64, unique=True)
    sending_node = models.CharField(max_length=200)
    referral_reference = models.CharField(max_length=100)  # the sending node's reference
    signer_fingerprint = models.CharField(max_length=80)
    organisation = models.ForeignKey("members.Organisation", on_delete=models.PROTECT, related_name="+")
    referral = models.ForeignKey(
        Referral, on_delete=models.SET_NULL, null=True, blank=True, related_name="imported_packages"
    )
    evidence = models.ManyToManyField("evidence.Evidence", related_name="+", blank=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    imported_at = models.DateTimeField(auto_now_add=True)
    unmatched = models.JSONField(default=list, blank=True)  # what could not be matched locally

    class Meta:
        ordering = ["-imported_at", "-id"]

    def __str__(self) -> str:
        return f"package {self.referral_reference} from {self.sending_node}"
