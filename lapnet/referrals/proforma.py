"""The referral's pro forma as stored: the JSON form of ``lapnet.exchange.proforma.ProForma``.

A referral keeps its facts twice on purpose: as columns (who, to whom, which request, which state:
what the inbox filters and the workflow move) and as the pro forma (what the receiver reads, exports
and signs). :func:`build_pro_forma` is the one place that writes the pro forma: it takes the sections
the analyst edits (legal framing, subject, technical identifiers, scale, measures, handling and the
evidence notes) and derives the rest from the row (header, requesting agency, the evidence list, the
TLP marking and the receiver's response block), then validates the whole through
``ProForma.from_dict`` (the exchange context's JSON Schema), so a stored pro forma always parses.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from lapnet.exchange.legal_bases import LEGAL_BASES
from lapnet.exchange.proforma import ProForma, ProFormaError

if TYPE_CHECKING:
    from lapnet.members.models import Organisation, PointOfContact, User
    from lapnet.referrals.models import Referral

__all__ = [
    "EDITABLE",
    "LEGAL_BASIS_CHOICES",
    "ProFormaError",
    "build_pro_forma",
    "empty_content",
    "parse_pro_forma",
]

# sections (and, for the evidence and handling sections, keys) the sender edits; the rest is derived
EDITABLE: Mapping[str, tuple[str, ...] | None] = {
    "legal_framing": None,
    "subject": None,
    "technical": None,
    "scale": None,
    "measures": None,
    "handling": ("do_not_forward", "commercially_sensitive", "permitted_uses"),
    "evidence": ("sources", "chain_of_custody"),
}

LEGAL_BASIS_CHOICES: list[tuple[str, str]] = [(basis.id, basis.title) for basis in LEGAL_BASES]


def empty_content() -> dict[str, Any]:
    """The editable sections with their defaults (what a draft without routing starts from)."""
    return {section: dict(value) for section, value in _defaults().items() if section in EDITABLE}


def _defaults() -> dict[str, Any]:
    skeleton = ProForma.from_dict(
        {
            "header": {
                "id": "REF-new",
                "date": "2000-01-01",
                "request_type": "alert",
                "requested_agency": {"name": "", "country": ""},
            },
            "requesting_agency": {
                "organisation": "",
                "country": "",
                "contact": {"name": ""},
                "approved_by": {"name": ""},
            },
        }
    )
    return skeleton.to_dict()


def _editable_part(content: Mapping[str, Any]) -> dict[str, Any]:
    defaults = _defaults()
    merged: dict[str, Any] = {}
    for section, keys in EDITABLE.items():
        given = content.get(section) or {}
        base = dict(defaults[section])
        for key, value in given.items():
            if keys is None or key in keys:
                base[key] = value
        merged[section] = base
    return merged


def _person(contact: PointOfContact | None, user: User | None) -> dict[str, str]:
    if contact is not None:
        return {
            "name": contact.name,
            "role": contact.role_title,
            "email": contact.email,
            "phone": contact.phone,
        }
    if user is not None:
        return {
            "name": user.get_full_name() or user.username,
            "role": user.get_role_display(),
            "email": user.email,
        }
    return {"name": ""}


def _agency(organisation: Organisation | None, contact: PointOfContact | None = None) -> dict[str, str]:
    if organisation is None:
        return {"name": "", "country": ""}
    return {
        "name": organisation.name,
        "country": organisation.country,
        "contact": contact.email if contact else "",
    }


def build_pro_forma(referral: Referral, content: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The pro forma of ``referral``: ``content``'s editable sections (or those stored) plus what the
    row says. Raises :class:`ProFormaError` listing every problem when the result is not valid."""
    document = _editable_part(content if content is not None else referral.pro_forma)
    requesting = referral.requesting_organisation
    requested = referral.requested_organisation
    copy_to = referral.copy_to
    copy_contact = copy_to.contacts.filter(is_primary=True).first() if copy_to else None
    when = referral.first_sent_at or referral.created_at
    document["schema_version"] = "1"
    document["header"] = {
        "id": referral.reference,
        "date": when.date().isoformat() if when else "2000-01-01",
        "request_type": referral.request_type,
        "urgency": referral.urgency,
        "reply_by": referral.requested_reply_date.isoformat() if referral.requested_reply_date else None,
        "request_language": referral.request_language,
        "reply_language": referral.reply_language,
        "requested_agency": _agency(requested, referral.requested_contact),
        "coordinator_copy": _agency(copy_to, copy_contact) if copy_to else None,
    }
    document["requesting_agency"] = {
        "organisation": requesting.name,
        "country": requesting.country,
        "remit": ", ".join(str(label) for label in requesting.remit_labels),
        "contact": _person(referral.requesting_contact, referral.created_by),
        "approved_by": _person(None, referral.approved_by),
    }
    if referral.pk:
        links = list(referral.evidence_links.select_related("evidence__blob"))
        document["evidence"]["report_ids"] = [str(link.evidence_id) for link in links]
        document["evidence"]["items"] = [
            {
                "sha256": link.evidence.blob_id,
                "size": link.evidence.blob.size,
                "kind": link.evidence.kind or "email",
                "description": link.evidence.subject[:300],
            }
            for link in links
        ]
        document["evidence"]["campaign_ids"] = [
            str(campaign_id) for campaign_id in referral.campaign_links.values_list("campaign_id", flat=True)
        ]
    document["handling"]["tlp"] = f"TLP:{referral.tlp.upper()}"
    document["response"] = _response(referral)
    return ProForma.from_dict(document).to_dict()


def _response(referral: Referral) -> dict[str, Any]:
    decision = None
    if referral.decided_at is not None:  # cleared when a declined referral is revised
        decision = "declined" if referral.decline_reason else "accepted"
    return {
        "acknowledged": referral.acknowledged_at is not None,
        "acknowledged_on": referral.acknowledged_at.date().isoformat() if referral.acknowledged_at else None,
        "decision": decision,
        "decline_reason": referral.decline_reason if decision == "declined" else None,
        "decline_details": referral.decline_text if decision == "declined" else "",
        "outcome": referral.outcome or None,
        "outcome_details": referral.outcome_details,
        "responded_by": referral.requested_organisation.name
        if referral.requested_organisation and referral.acknowledged_at
        else "",
    }


def parse_pro_forma(document: object) -> ProForma:
    """The typed pro forma of a stored JSON form (raises :class:`ProFormaError`)."""
    return ProForma.from_dict(document)
