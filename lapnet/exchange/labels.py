"""Labels of the pro forma in English, French, Spanish and German, from gettext catalogues.

Every label has a key, ``<section>`` for a section title, ``<section>.<field>`` for a field,
``<type>.<subfield>`` for the parts of a nested value (``person.email``), ``<choice>.<value>`` for a
choice (``request_type.alert``) and ``legal_basis.<id>``. :data:`ENGLISH` holds the English text of
each key: it is the source, as the strings in a ``pgettext(context, message)`` call are. The
translations live in the gettext catalogues ``locale/<lang>/LC_MESSAGES/django.po`` next to this
module, one entry per label: ``msgctxt`` the key, ``msgid`` the English text, ``msgstr`` the
translation. The compiled ``.mo`` files are committed; ``python -m lapnet.i18n`` rebuilds them.

This module reads the catalogues with the standard library's :mod:`gettext` (the machinery Django's
translation is built on), so the PDF renders without Django. The Django pages read the very same
catalogue through ``LOCALE_PATHS`` (domain ``django``): ``{% translate "Type of request" context
"header.request_type" %}`` prints what the PDF prints. Every language has exactly the keys of
:data:`ENGLISH` (a test holds the catalogues to it).
"""

from __future__ import annotations

import gettext
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

__all__ = ["DOMAIN", "ENGLISH", "LABELS", "LANGUAGES", "LOCALE", "Labels", "label", "labels_for"]

LOCALE = Path(__file__).resolve().parent / "locale"
DOMAIN = "django"  # Django's domain, so that Django finds the catalogue through LOCALE_PATHS
LANGUAGES: tuple[str, ...] = ("en", "fr", "es", "de")

ENGLISH: dict[str, str] = {
    "document.title": "Cross-border referral: pro forma",
    "document.footer": "Page {page} of {pages}",
    "misc.yes": "yes",
    "misc.no": "no",
    "misc.none": "-",
    "header": "Header",
    "header.id": "Referral id",
    "header.date": "Date",
    "header.request_type": "Type of request",
    "header.urgency": "Urgency",
    "header.reply_by": "Reply requested by",
    "header.request_language": "Language of the request",
    "header.reply_language": "Language of the reply",
    "header.requested_agency": "Requested agency",
    "header.coordinator_copy": "Copy to the national coordinator",
    "agency.name": "Name",
    "agency.country": "Country",
    "agency.contact": "Contact",
    "person.name": "Name",
    "person.role": "Role",
    "person.email": "Email",
    "person.phone": "Phone",
    "requesting_agency": "Requesting agency",
    "requesting_agency.organisation": "Organisation",
    "requesting_agency.country": "Country",
    "requesting_agency.remit": "Remit",
    "requesting_agency.contact": "Point of contact",
    "requesting_agency.approved_by": "Sending approved by",
    "legal_framing": "Legal framing",
    "legal_framing.laws_infringed": "Laws allegedly infringed",
    "legal_framing.legal_basis": "Legal basis for cooperation and disclosure",
    "legal_framing.legal_basis_details": "Details of the legal basis",
    "legal_framing.purpose_limitation": "Purpose limitation",
    "legal_framing.reciprocity_offered": "Reciprocity offered",
    "legal_framing.reciprocity_details": "Details of reciprocity",
    "subject": "Subject and conduct",
    "subject.targets": "Targets",
    "subject.product_or_service": "Product or service promoted",
    "subject.media": "Medium",
    "subject.infringement_types": "Type of infringement",
    "subject.summary_of_facts": "Summary of facts",
    "subject.reason_for_request": "Reason for the request",
    "target.kind": "Kind",
    "target.name": "Name",
    "target.identifiers": "Identifiers",
    "target.country": "Country",
    "technical": "Technical identifiers",
    "technical.origin_ips": "Origin IP addresses",
    "technical.senders": "Senders",
    "technical.reply_to": "Reply-to addresses",
    "technical.recipients": "Recipients",
    "technical.message_ids": "Message ids",
    "technical.urls": "Spamvertised URLs",
    "technical.domains": "Spamvertised domains",
    "technical.phone_numbers": "Phone numbers",
    "technical.sender_ids": "Sender ids",
    "technical.payment_identifiers": "Payment identifiers",
    "technical.authentication_results": "Authentication results",
    "origin_ip.ip": "IP address",
    "origin_ip.time": "Time",
    "origin_ip.country": "Country",
    "origin_ip.method": "Method",
    "origin_ip.confidence": "Confidence",
    "origin_ip.anchored": "Anchored",
    "origin_ip.reason": "Header-walk result",
    "origin_ip.trust_anchors": "Trust anchors",
    "origin_ip.evidence_sha256": "Evidence SHA-256",
    "evidence": "Evidence",
    "evidence.report_ids": "Reports",
    "evidence.campaign_ids": "Campaigns",
    "evidence.sources": "Evidence source",
    "evidence.items": "Evidence items",
    "evidence.chain_of_custody": "Chain-of-custody notes",
    "evidence_item.sha256": "SHA-256",
    "evidence_item.size": "Size (bytes)",
    "evidence_item.kind": "Kind",
    "evidence_item.description": "Description",
    "evidence_item.path": "File in the package",
    "evidence_item.redacted": "Redacted",
    "scale": "Scale and harm",
    "scale.messages": "Messages",
    "scale.recipients": "Recipients",
    "scale.victims_in_requested_country": "Victims in the requested country",
    "scale.estimated_detriment": "Estimated detriment",
    "scale.victims": "Identified victims",
    "measures": "Measures requested",
    "measures.measures": "Measures requested",
    "measures.details": "Details",
    "measures.actions_already_taken": "Actions already taken",
    "measures.other_agencies_involved": "Other agencies involved",
    "handling": "Handling",
    "handling.tlp": "Traffic Light Protocol",
    "handling.do_not_forward": "Do not forward",
    "handling.commercially_sensitive": "Commercially sensitive",
    "handling.permitted_uses": "Permitted uses",
    "response": "Response (completed by the requested agency)",
    "response.acknowledged": "Acknowledged",
    "response.acknowledged_on": "Acknowledged on",
    "response.decision": "Decision",
    "response.decline_reason": "Reason for declining",
    "response.decline_details": "Details of the reason",
    "response.outcome": "Outcome",
    "response.outcome_details": "Details of the outcome",
    "response.responded_by": "Responded by",
    "request_type.for_information_only": "For information only",
    "request_type.alert": "Alert",
    "request_type.request_for_information": "Request for information",
    "request_type.request_for_enforcement_action": "Request for enforcement action",
    "request_type.request_for_investigative_assistance": "Request for investigative assistance",
    "urgency.routine": "Routine",
    "urgency.urgent": "Urgent",
    "urgency.immediate": "Immediate",
    "medium.email": "Email",
    "medium.sms": "SMS",
    "medium.call": "Call",
    "medium.messaging_app": "Messaging app",
    "medium.other": "Other",
    "target_kind.person": "Person",
    "target_kind.company": "Company",
    "target_kind.alias": "Alias",
    "target_kind.identifier": "Identifier",
    "evidence_source.spam_trap": "Spam trap",
    "evidence_source.user_complaint": "User complaint",
    "evidence_source.filter": "Filter",
    "evidence_source.honeypot": "Honeypot",
    "evidence_source.other": "Other",
    "measure.obtain_subscriber_data": "Obtain subscriber data",
    "measure.preserve_logs": "Preserve logs",
    "measure.serve_notice": "Serve notice",
    "measure.take_enforcement_action": "Take enforcement action",
    "measure.take_down": "Take down",
    "decision.accepted": "Accepted",
    "decision.declined": "Declined",
    "decline_reason.no_legal_gateway": "No legal gateway",
    "decline_reason.outside_remit": "Outside remit",
    "decline_reason.insufficient_evidence": "Insufficient evidence",
    "decline_reason.already_under_investigation": "Already under investigation",
    "decline_reason.other": "Other",
    "outcome.warning": "Warning",
    "outcome.fine": "Fine",
    "outcome.prosecution": "Prosecution",
    "outcome.takedown": "Takedown",
    "outcome.no_action": "No action",
    "legal_basis.network_mou": "Network memorandum of understanding (London Action Plan)",
    "legal_basis.us_safe_web_act": "US SAFE WEB Act",
    "legal_basis.eu_regulation_2017_2394": "Regulation (EU) 2017/2394 (consumer protection cooperation)",
    "legal_basis.bilateral_agreement": "Bilateral cooperation agreement",
    "legal_basis.mutual_legal_assistance": "Mutual legal assistance treaty or Budapest Convention",
    "legal_basis.national_law": "National law",
    "legal_basis.other": "Other",
}


@dataclass(frozen=True, slots=True)
class Labels:
    """The labels of one language: its catalogue, read with :mod:`gettext`."""

    language: str
    translations: gettext.NullTranslations

    def __call__(self, key: str) -> str:
        """The label of ``key``: its translation, else its English text, else the key itself."""
        english = ENGLISH.get(key)
        if english is None:
            return key
        return self.translations.pgettext(key, english)


@cache
def labels_for(language: str, localedir: Path = LOCALE) -> Labels:
    """The labels in ``language`` (one of :data:`LANGUAGES`; English for any other).

    English is the text of :data:`ENGLISH` itself. A missing catalogue of a translated language is
    a broken installation and raises ``FileNotFoundError``, rather than printing English unnoticed.
    """
    if language not in LANGUAGES or language == "en":
        return Labels("en", gettext.NullTranslations())
    return Labels(language, gettext.translation(DOMAIN, localedir, languages=[language]))


def label(language: str, key: str) -> str:
    """The label of ``key`` in ``language``, falling back to English, then to the key itself."""
    return labels_for(language)(key)


class _AllLabels(Mapping[str, Mapping[str, str]]):
    """Every language's labels as ``{language: {key: label}}``, read from the catalogues on use."""

    def __getitem__(self, language: str) -> Mapping[str, str]:
        if language not in LANGUAGES:
            raise KeyError(language)
        labels = labels_for(language)
        return {key: labels(key) for key in ENGLISH}

    def __iter__(self) -> Iterator[str]:
        return iter(LANGUAGES)

    def __len__(self) -> int:
        return len(LANGUAGES)


LABELS: Mapping[str, Mapping[str, str]] = _AllLabels()
