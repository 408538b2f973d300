"""What the referral actions share: the error they raise, mail after commit, the RED rule, the
draft's fields and the pro forma rebuild.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from lapnet.evidence.models import Evidence
from lapnet.members.models import NationalCoordinator, Organisation, PointOfContact, User
from lapnet.referrals import access, workflow
from lapnet.referrals.models import (
    Referral,
    ReferralCampaign,
    ReferralEvent,
    ReferralEventKind,
    ReferralEvidence,
    ReferralMessage,
    RequestType,
    Urgency,
)
from lapnet.referrals.proforma import ProFormaError, build_pro_forma
from lapnet.sharing.audit import record
from lapnet.sharing.models import AuditAction
from lapnet.sharing.tlp import TLP

if TYPE_CHECKING:
    from lapnet.campaigns.models import Campaign


log = logging.getLogger("lapnet.referrals.actions")

WEB = "web"
Event = workflow.Event

# what a draft's form may set (the pro forma's editable sections go in ``pro_forma``)
DRAFT_FIELDS = frozenset(
    {
        "title",
        "requested_organisation",
        "requested_contact",
        "request_type",
        "urgency",
        "requested_reply_date",
        "request_language",
        "reply_language",
        "tlp",
        "pro_forma",
    }
)


class ReferralError(ValueError):
    """A rule of the network says no; the message says why, to the person who asked."""


# --- helpers -------------------------------------------------------------------------------------------


def referral_url(referral: Referral, base_url: str = "") -> str:
    from django.conf import settings

    base = base_url or getattr(settings, "LAPNET_BASE_URL", "")
    return base.rstrip("/") + reverse("referrals:detail", args=[referral.pk])


def _mail_on_commit(subject: str, body: str, recipients: Iterable[str]) -> None:
    """Mail once the transaction has committed; a mail server that fails does not undo the work."""
    addresses = sorted({address for address in recipients if address})
    if not addresses:
        return

    def send() -> None:
        try:
            send_mail(subject, body, None, addresses)
        except Exception:
            log.exception("could not send %r to %s", subject, addresses)

    transaction.on_commit(send)


def _language(*choices: Iterable[str]) -> str:
    """The first of the given languages the platform is translated into (English otherwise)."""
    from django.conf import settings

    available = {code for code, _name in settings.LANGUAGES}
    return next(
        (code for languages in choices for code in (languages or []) if code in available),
        settings.LANGUAGE_CODE,
    )


def _contact_language(contact: PointOfContact) -> str:
    return _language(contact.languages, contact.organisation.languages)


def side_recipients(referral: Referral, party: workflow.Party) -> list[tuple[str, str]]:
    """Who hears about a referral on one side, each with the language their mail is written in: its
    point of contact (and the author, for the sender); the receiving side's mail also goes to the
    copied coordinator's primary contact. A point of contact reads their first language."""
    recipients: list[tuple[str, str]] = []
    if party is workflow.Party.SENDER:
        contact = referral.requesting_contact
        if contact is not None:
            recipients.append((contact.email, _contact_language(contact)))
        author = referral.created_by
        if author is not None:
            organisation = author.organisation
            recipients.append(
                (author.email, _language(author.languages, organisation.languages if organisation else []))
            )
        return recipients
    contact = referral.requested_contact
    if contact is not None:
        recipients.append((contact.email, _contact_language(contact)))
    if referral.copy_to_id is not None and referral.copy_to_id != referral.requested_organisation_id:
        copied = (
            PointOfContact.objects.filter(organisation=referral.copy_to_id, is_primary=True)
            .select_related("organisation")
            .first()
        )
        if copied is not None:
            recipients.append((copied.email, _contact_language(copied)))
    return recipients


def side_addresses(referral: Referral, party: workflow.Party) -> list[str]:
    return [address for address, _language in side_recipients(referral, party)]


# what a mail says: a string, or a function called in each recipient's language
Words = str | Callable[[], str]


def _notify(referral: Referral, to: workflow.Party, what: Words, text: str = "", base_url: str = "") -> None:
    """Mail one side, each recipient in their own language (one mail per language)."""
    by_language: dict[str, list[str]] = {}
    seen: set[str] = set()
    for address, language in side_recipients(referral, to):
        if address and address.lower() not in seen:
            seen.add(address.lower())
            by_language.setdefault(language, []).append(address)
    url = referral_url(referral, base_url)
    for language, addresses in sorted(by_language.items()):
        with translation.override(language):
            words = what() if callable(what) else what
        body = f"{referral.reference}: {referral.title}\n\n{words}\n"
        if text.strip():
            body += f"\n{text.strip()}\n"
        body += f"\n{url}\n"
        _mail_on_commit(f"[{referral.reference}] {words}", body, addresses)


def _primary_contact(organisation: Organisation | None, user: User | None = None) -> PointOfContact | None:
    if organisation is None:
        return None
    contacts = PointOfContact.objects.filter(organisation=organisation)
    if user is not None:
        own = contacts.filter(user=user).first()
        if own is not None:
            return own
    return contacts.filter(is_primary=True).first() or contacts.first()


def coordinator_for(requested: Organisation | None, requesting: Organisation) -> Organisation | None:
    """The requested country's national coordinator, copied (unless it is one of the two sides)."""
    if requested is None:
        return None
    row = NationalCoordinator.objects.filter(country=requested.country).select_related("organisation").first()
    if row is None or row.organisation_id in {requested.pk, requesting.pk}:
        return None
    return row.organisation


def _as_evidence(actor: User, items: Iterable[Evidence | int]) -> list[Evidence]:
    """The reports by id or row, each one the actor may see (attaching never widens what they see)."""
    ids = [item.pk if isinstance(item, Evidence) else int(item) for item in items]
    found = {evidence.pk: evidence for evidence in access.attachable_evidence(actor).filter(pk__in=ids)}
    missing = [str(pk) for pk in ids if pk not in found]
    if missing:
        raise ReferralError(_("these reports cannot be attached: %s") % ", ".join(missing))
    return [found[pk] for pk in dict.fromkeys(ids)]


def _check_red(
    referral: Referral, evidence: Iterable[Evidence], *, override_red: bool, override_reason: str
) -> None:
    if not referral.is_cross_border:
        return
    red = [item for item in evidence if item.tlp == TLP.RED]
    if red and not override_red:
        raise ReferralError(
            _(
                "report %(ids)s is marked TLP:RED: it cannot go to an organisation in another country "
                "without an explicit override and a reason"
            )
            % {"ids": ", ".join(str(item.pk) for item in red)}
        )
    if red and not override_reason.strip():
        raise ReferralError(_("an override of TLP:RED needs a reason"))


def _attach(
    actor: User,
    referral: Referral,
    evidence: Iterable[Evidence],
    *,
    override_red: bool,
    override_reason: str,
    channel: str,
) -> list[ReferralEvidence]:
    evidence = list(evidence)
    _check_red(referral, evidence, override_red=override_red, override_reason=override_reason)
    existing = set(referral.evidence_links.values_list("evidence_id", flat=True))
    links = []
    for item in evidence:
        if item.pk in existing:
            continue
        overridden = item.tlp == TLP.RED and override_red and referral.is_cross_border
        links.append(
            ReferralEvidence.objects.create(
                referral=referral,
                evidence=item,
                added_by=actor,
                red_override=overridden,
                red_override_reason=override_reason.strip() if overridden else "",
            )
        )
        if overridden:
            _record_red_override(actor, referral, item, override_reason, channel)
    return links


def _record_red_override(
    actor: User, referral: Referral, evidence: Evidence, reason: str, channel: str
) -> None:
    requested = referral.requested_organisation
    record(
        actor,
        AuditAction.DECIDE,
        referral,
        f"overrode TLP:RED of evidence {evidence.pk} to refer it to {requested} "
        f"({requested.country if requested else '-'}): {reason.strip()}",
        channel=channel,
        detail={"evidence": evidence.pk, "override_red": True, "reason": reason.strip()},
    )


def _override_existing_red(
    actor: User, referral: Referral, *, override_red: bool, override_reason: str, channel: str
) -> None:
    """RED links made before the referral went abroad (a recipient chosen later) need the override now."""
    pending = list(
        referral.evidence_links.filter(evidence__tlp=TLP.RED, red_override=False).select_related("evidence")
    )
    if not pending or not referral.is_cross_border:
        return
    _check_red(
        referral,
        [link.evidence for link in pending],
        override_red=override_red,
        override_reason=override_reason,
    )
    for link in pending:
        link.red_override = True
        link.red_override_reason = override_reason.strip()
        link.save(update_fields=["red_override", "red_override_reason"])
        _record_red_override(actor, referral, link.evidence, override_reason, channel)


def _attach_campaigns(
    actor: User, referral: Referral, campaigns: Iterable[Campaign], *, override_red: bool
) -> list[Evidence]:
    """Link the campaigns; returns their reports the actor may see (RED ones only with the override)."""
    reports: list[Evidence] = []
    existing = set(referral.campaign_links.values_list("campaign_id", flat=True))
    for campaign in campaigns:
        if campaign.pk not in existing:
            ReferralCampaign.objects.create(referral=referral, campaign=campaign, added_by=actor)
        members = access.campaign_evidence(actor, campaign)
        if not override_red:
            members = members.exclude(tlp=TLP.RED)
        reports += list(members)
    return reports


def _set_fields(referral: Referral, fields: Mapping[str, Any]) -> dict[str, Any]:
    """Apply a draft form's fields; returns the editable pro forma content given (if any)."""
    unknown = set(fields) - DRAFT_FIELDS
    if unknown:
        raise ReferralError(_("these fields cannot be set here: %s") % ", ".join(sorted(unknown)))
    values = dict(fields)
    content = values.pop("pro_forma", None)
    if "requested_organisation" in values:
        requested = values.pop("requested_organisation")
        if isinstance(requested, int):
            requested = Organisation.objects.filter(pk=requested, is_active=True).first()
            if requested is None:
                raise ReferralError(_("no such member organisation"))
        if requested is not None and requested.pk == referral.requesting_organisation_id:
            raise ReferralError(_("a referral goes to another organisation than your own"))
        if requested is not None and not requested.is_active:
            raise ReferralError(_("%s is no longer an active member") % requested)
        if requested != referral.requested_organisation:
            referral.requested_organisation = requested
            referral.requested_contact = _primary_contact(requested)
        referral.copy_to = coordinator_for(requested, referral.requesting_organisation)
    if "requested_contact" in values:
        contact = values.pop("requested_contact")
        if contact is not None and contact.organisation_id != referral.requested_organisation_id:
            raise ReferralError(_("the point of contact must belong to the requested organisation"))
        referral.requested_contact = contact or _primary_contact(referral.requested_organisation)
    for name, value in values.items():
        setattr(referral, name, value)
    if referral.request_type not in RequestType.values:
        raise ReferralError(_("%r is not a request type") % referral.request_type)
    if referral.urgency not in Urgency.values:
        raise ReferralError(_("%r is not an urgency") % referral.urgency)
    referral.tlp = TLP.parse(str(referral.tlp)) if referral.tlp else TLP.AMBER
    if not str(referral.title).strip():
        raise ReferralError(_("a referral needs a title"))
    return content if isinstance(content, dict) else {}


def _rebuild(referral: Referral, content: Mapping[str, Any] | None = None) -> None:
    merged: dict[str, Any] = dict(referral.pro_forma or {})
    for section, values in (content or {}).items():
        merged[section] = {**(merged.get(section) or {}), **values}
    try:
        referral.pro_forma = build_pro_forma(referral, merged)
    except ProFormaError as error:
        raise ReferralError(_("the pro forma is not valid: %s") % error) from None


def _event(
    referral: Referral,
    kind: ReferralEventKind,
    actor: User | None,
    *,
    from_status: str = "",
    reason: str = "",
    text: str = "",
) -> ReferralEvent:
    return ReferralEvent.objects.create(
        referral=referral,
        kind=kind,
        from_status=from_status,
        to_status=referral.status,
        actor=actor,
        organisation_id=getattr(actor, "organisation_id", None),
        reason=reason,
        text=text.strip(),
    )


def _post(actor: User, referral: Referral, text: str) -> ReferralMessage:
    assert actor.organisation_id is not None
    return ReferralMessage.objects.create(
        referral=referral, author=actor, organisation_id=actor.organisation_id, text=text.strip()
    )
