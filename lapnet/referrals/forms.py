"""The referral forms: the draft (fields and the pro forma sections an analyst writes) and the steps."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from lapnet.exchange.proforma import EvidenceSource, Measure, Medium, TargetKind
from lapnet.members.models import Organisation
from lapnet.referrals.models import DeclineReason, Outcome, RequestType, Urgency
from lapnet.referrals.proforma import LEGAL_BASIS_CHOICES
from lapnet.sharing.tlp import TLP

LANGUAGE_CHOICES = [("en", "English"), ("fr", "Français"), ("es", "Español"), ("de", "Deutsch")]
MEASURE_CHOICES = [
    (Measure.OBTAIN_SUBSCRIBER_DATA.value, _("Obtain subscriber data")),
    (Measure.PRESERVE_LOGS.value, _("Preserve logs")),
    (Measure.SERVE_NOTICE.value, _("Serve notice")),
    (Measure.TAKE_ENFORCEMENT_ACTION.value, _("Take enforcement action")),
    (Measure.TAKE_DOWN.value, _("Take down")),
]
MEDIUM_CHOICES = [
    (Medium.EMAIL.value, _("Email")),
    (Medium.SMS.value, _("SMS")),
    (Medium.CALL.value, _("Call")),
    (Medium.MESSAGING_APP.value, _("Messaging app")),
    (Medium.OTHER.value, _("Other")),
]

EVIDENCE_SOURCE_CHOICES = [
    (EvidenceSource.SPAM_TRAP.value, _("Spam trap")),
    (EvidenceSource.USER_COMPLAINT.value, _("User complaint")),
    (EvidenceSource.FILTER.value, _("Filter")),
    (EvidenceSource.HONEYPOT.value, _("Honeypot")),
    (EvidenceSource.OTHER.value, _("Other")),
]
TARGET_KINDS = frozenset(kind.value for kind in TargetKind)


def lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def parse_targets(text: str) -> list[dict[str, Any]]:
    """One target a line: ``kind | name | identifiers, comma separated | country`` (only the name is
    needed; the kind is person, company, alias or identifier, company by default)."""
    targets = []
    for number, line in enumerate(lines(text), start=1):
        parts = [part.strip() for part in line.split("|")]
        if len(parts) == 1:
            parts = ["company", parts[0]]
        kind, name, identifiers, country = [*parts, "", ""][:4]
        if kind.lower() not in TARGET_KINDS:
            raise forms.ValidationError(
                _("line %(number)s: the kind of a target is one of %(kinds)s"),
                params={"number": number, "kinds": ", ".join(sorted(TARGET_KINDS))},
            )
        if not name:
            raise forms.ValidationError(
                _("line %(number)s: a target needs a name"), params={"number": number}
            )
        if country and (len(country) != 2 or not country.isalpha()):
            raise forms.ValidationError(
                _("line %(number)s: the country is a two-letter code"), params={"number": number}
            )
        targets.append(
            {
                "kind": kind.lower(),
                "name": name,
                "identifiers": [value.strip() for value in identifiers.split(",") if value.strip()],
                "country": country.upper(),
            }
        )
    return targets


def format_targets(targets: list[dict[str, Any]]) -> str:
    return "\n".join(
        " | ".join(
            [
                str(target.get("kind") or "company"),
                str(target.get("name") or ""),
                ", ".join(target.get("identifiers") or []),
                str(target.get("country") or ""),
            ]
        ).rstrip(" |")
        for target in targets
    )


class ReferralForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    requested_organisation = forms.ModelChoiceField(
        label=_("Requested organisation"), queryset=Organisation.objects.none(), required=False
    )
    request_type = forms.ChoiceField(label=_("Request type"), choices=RequestType.choices)
    urgency = forms.ChoiceField(label=_("Urgency"), choices=Urgency.choices)
    requested_reply_date = forms.DateField(
        label=_("Requested reply date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    request_language = forms.ChoiceField(label=_("Language of the request"), choices=LANGUAGE_CHOICES)
    reply_language = forms.ChoiceField(label=_("Language of the reply"), choices=LANGUAGE_CHOICES)
    tlp = forms.ChoiceField(label=_("TLP marking"), choices=TLP.choices, initial=TLP.AMBER)
    # the pro forma sections the analyst writes
    laws_infringed = forms.CharField(
        label=_("Laws allegedly infringed"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    legal_basis = forms.ChoiceField(label=_("Legal basis for cooperation"), choices=LEGAL_BASIS_CHOICES)
    legal_basis_details = forms.CharField(label=_("Legal basis: details"), required=False)
    purpose_limitation = forms.CharField(label=_("Purpose limitation"), required=False)
    reciprocity_offered = forms.BooleanField(label=_("Reciprocity offered"), required=False)
    targets = forms.CharField(
        label=_("Targets"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "One a line: kind (person, company, alias, identifier) | name | identifiers, comma "
            "separated | country code"
        ),
    )
    product_or_service = forms.CharField(label=_("Product or service promoted"), required=False)
    media = forms.MultipleChoiceField(
        label=_("Medium"), choices=MEDIUM_CHOICES, required=False, widget=forms.CheckboxSelectMultiple
    )
    summary_of_facts = forms.CharField(
        label=_("Summary of facts"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    reason_for_request = forms.CharField(
        label=_("Reason for the request"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    measures = forms.MultipleChoiceField(
        label=_("Measures requested"),
        choices=MEASURE_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    actions_already_taken = forms.CharField(label=_("Actions already taken"), required=False)
    other_agencies_involved = forms.CharField(
        label=_("Other agencies involved"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One a line"),
    )
    evidence_sources = forms.MultipleChoiceField(
        label=_("Evidence source"),
        choices=EVIDENCE_SOURCE_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    estimated_detriment = forms.CharField(label=_("Estimated detriment"), required=False)
    do_not_forward = forms.BooleanField(label=_("Do not forward"), required=False, initial=True)
    commercially_sensitive = forms.BooleanField(label=_("Commercially sensitive"), required=False)
    permitted_uses = forms.CharField(
        label=_("Permitted uses"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One a line"),
    )
    override_red = forms.BooleanField(label=_("Send TLP:RED reports abroad (override)"), required=False)
    override_reason = forms.CharField(label=_("Reason for the override"), required=False)

    def __init__(self, *args: Any, requesting: Organisation | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        queryset = Organisation.objects.filter(is_active=True).order_by("country", "name")
        if requesting is not None:
            queryset = queryset.exclude(pk=requesting.pk)
        self.fields["requested_organisation"].queryset = queryset  # type: ignore[attr-defined]

    def clean_targets(self) -> list[dict[str, Any]]:
        return parse_targets(self.cleaned_data["targets"])

    def referral_fields(self) -> dict[str, Any]:
        """What ``do_draft_referral`` / ``do_update_draft`` take as ``fields``."""
        data = self.cleaned_data
        return {
            "title": data["title"],
            "requested_organisation": data["requested_organisation"],
            "request_type": data["request_type"],
            "urgency": data["urgency"],
            "requested_reply_date": data["requested_reply_date"],
            "request_language": data["request_language"],
            "reply_language": data["reply_language"],
            "tlp": data["tlp"],
            "pro_forma": {
                "legal_framing": {
                    "laws_infringed": lines(data["laws_infringed"]),
                    "legal_basis": data["legal_basis"],
                    "legal_basis_details": data["legal_basis_details"],
                    "purpose_limitation": data["purpose_limitation"],
                    "reciprocity_offered": data["reciprocity_offered"],
                },
                "subject": {
                    "targets": data["targets"],
                    "product_or_service": data["product_or_service"],
                    "media": data["media"],
                    "summary_of_facts": data["summary_of_facts"],
                    "reason_for_request": data["reason_for_request"],
                },
                "measures": {
                    "measures": data["measures"],
                    "actions_already_taken": data["actions_already_taken"],
                    "other_agencies_involved": lines(data["other_agencies_involved"]),
                },
                "evidence": {"sources": data["evidence_sources"]},
                "scale": {"estimated_detriment": data["estimated_detriment"]},
                "handling": {
                    "do_not_forward": data["do_not_forward"],
                    "commercially_sensitive": data["commercially_sensitive"],
                    "permitted_uses": lines(data["permitted_uses"]),
                },
            },
        }

    @classmethod
    def initial_from(cls, referral: Any) -> dict[str, Any]:
        pro_forma = referral.pro_forma or {}
        legal = pro_forma.get("legal_framing") or {}
        subject = pro_forma.get("subject") or {}
        measures = pro_forma.get("measures") or {}
        handling = pro_forma.get("handling") or {}
        return {
            "title": referral.title,
            "requested_organisation": referral.requested_organisation_id,
            "request_type": referral.request_type,
            "urgency": referral.urgency,
            "requested_reply_date": referral.requested_reply_date,
            "request_language": referral.request_language,
            "reply_language": referral.reply_language,
            "tlp": referral.tlp,
            "laws_infringed": "\n".join(legal.get("laws_infringed") or []),
            "legal_basis": legal.get("legal_basis") or "network_mou",
            "legal_basis_details": legal.get("legal_basis_details") or "",
            "purpose_limitation": legal.get("purpose_limitation") or "",
            "reciprocity_offered": legal.get("reciprocity_offered") or False,
            "targets": format_targets(subject.get("targets") or []),
            "product_or_service": subject.get("product_or_service") or "",
            "media": subject.get("media") or [],
            "summary_of_facts": subject.get("summary_of_facts") or "",
            "reason_for_request": subject.get("reason_for_request") or "",
            "measures": measures.get("measures") or [],
            "actions_already_taken": measures.get("actions_already_taken") or "",
            "other_agencies_involved": "\n".join(measures.get("other_agencies_involved") or []),
            "evidence_sources": (pro_forma.get("evidence") or {}).get("sources") or [],
            "estimated_detriment": (pro_forma.get("scale") or {}).get("estimated_detriment") or "",
            "do_not_forward": handling.get("do_not_forward", True),
            "commercially_sensitive": handling.get("commercially_sensitive", False),
            "permitted_uses": "\n".join(handling.get("permitted_uses") or []),
        }


class StepForm(forms.Form):
    """The words, reason or outcome of a workflow step (what each needs is the table's rule)."""

    message = forms.CharField(label=_("Message"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    reason = forms.ChoiceField(label=_("Reason"), choices=[("", "—"), *DeclineReason.choices], required=False)
    outcome = forms.ChoiceField(label=_("Outcome"), choices=[("", "—"), *Outcome.choices], required=False)
    override_red = forms.BooleanField(label=_("Send TLP:RED reports abroad (override)"), required=False)
    override_reason = forms.CharField(label=_("Reason for the override"), required=False)


class MessageForm(forms.Form):
    text = forms.CharField(label=_("Message"), widget=forms.Textarea(attrs={"rows": 3}), max_length=20_000)


REDACTION_CHOICES = [
    ("default", _("As the legal basis says")),
    ("redact", _("Redact personal data")),
    ("disclose", _("Do not redact (override)")),
]


class PackageForm(forms.Form):
    """The export of an evidence package: the PDF's language and, for the sender, the redaction."""

    language = forms.ChoiceField(label=_("Language of the PDF"), choices=LANGUAGE_CHOICES, required=False)
    redaction = forms.ChoiceField(
        label=_("Personal data"), choices=REDACTION_CHOICES, initial="default", required=False
    )
    override_reason = forms.CharField(label=_("Reason for the override"), required=False)

    def clean_redaction(self) -> str:
        return self.cleaned_data["redaction"] or "default"


class ImportPackageForm(forms.Form):
    package = forms.FileField(label=_("Evidence package (ZIP)"))


class NodeKeyForm(forms.Form):
    node_id = forms.CharField(label=_("Node"), max_length=200)
    public_key = forms.CharField(
        label=_("Public key"),
        widget=forms.Textarea(attrs={"rows": 4, "class": "mono"}),
        help_text=_("PEM, or the base64 of the 32 raw bytes of the Ed25519 key"),
    )
