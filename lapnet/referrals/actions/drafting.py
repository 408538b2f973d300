"""Drafting a referral from reports and campaigns, and editing the draft."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.translation import gettext as _

from lapnet.evidence.models import Evidence
from lapnet.members.models import User
from lapnet.referrals import access, routing, workflow
from lapnet.referrals.actions.common import (
    WEB,
    ReferralError,
    _as_evidence,
    _attach,
    _attach_campaigns,
    _event,
    _override_existing_red,
    _primary_contact,
    _rebuild,
    _set_fields,
)
from lapnet.referrals.models import (
    Referral,
    ReferralEventKind,
    ReferralStatus,
)
from lapnet.sharing.audit import record
from lapnet.sharing.models import AuditAction

if TYPE_CHECKING:
    from lapnet.campaigns.models import Campaign


# --- drafting ------------------------------------------------------------------------------------------


def do_draft_referral(
    actor: User,
    *,
    title: str,
    evidence: Iterable[Evidence | int] = (),
    campaigns: Iterable[Campaign] = (),
    fields: Mapping[str, Any] | None = None,
    override_red: bool = False,
    override_reason: str = "",
    channel: str = WEB,
) -> Referral:
    """A new draft from a set of reports and/or campaigns, its pro forma pre-filled from them."""
    if not access.can_draft(actor):
        raise ReferralError(_("only analysts and coordinators of a member organisation draft referrals"))
    assert actor.organisation is not None
    reports = _as_evidence(actor, evidence)
    campaigns = list(campaigns)
    with transaction.atomic():
        referral = Referral(
            title=title,
            requesting_organisation=actor.organisation,
            requesting_contact=_primary_contact(actor.organisation, actor),
            created_by=actor,
            request_language=(actor.languages or actor.organisation.languages or ["en"])[0],
            reply_language=(actor.organisation.languages or ["en"])[0],
        )
        content = _set_fields(referral, {"title": title, **(fields or {})})
        referral.save()
        reports += [
            item
            for item in _attach_campaigns(actor, referral, campaigns, override_red=override_red)
            if item not in reports
        ]
        _attach(
            actor,
            referral,
            reports,
            override_red=override_red,
            override_reason=override_reason,
            channel=channel,
        )
        country = referral.requested_organisation.country if referral.requested_organisation else ""
        prefilled = routing.prefill(reports, requested_country=country)
        for section, values in content.items():
            prefilled[section] = {**(prefilled.get(section) or {}), **values}
        referral.pro_forma = {}
        _rebuild(referral, prefilled)
        referral.save()
        _event(referral, ReferralEventKind.CREATE, actor)
        record(
            actor,
            AuditAction.CREATE,
            referral,
            f"drafted referral {referral.reference} with {len(reports)} report(s)"
            + (f" to {referral.requested_organisation}" if referral.requested_organisation else ""),
            channel=channel,
            detail={
                "evidence": [item.pk for item in reports],
                "campaigns": [campaign.pk for campaign in campaigns],
            },
        )
    return referral


def _require_sender_draft(actor: User, referral: Referral) -> Referral:
    locked = Referral.objects.select_for_update().get(pk=referral.pk)
    if access.party_of(actor, locked) is not workflow.Party.SENDER:
        raise ReferralError(_("only the requesting organisation edits its referral"))
    if locked.status != ReferralStatus.DRAFT:
        raise ReferralError(_("only a draft can be edited"))
    return locked


def do_update_draft(
    actor: User,
    referral: Referral,
    fields: Mapping[str, Any] | None = None,
    *,
    add_evidence: Iterable[Evidence | int] = (),
    remove_evidence: Iterable[Evidence | int] = (),
    add_campaigns: Iterable[Campaign] = (),
    override_red: bool = False,
    override_reason: str = "",
    channel: str = WEB,
) -> Referral:
    """Edit a draft: its fields, its pro forma sections, its reports and campaigns."""
    with transaction.atomic():
        locked = _require_sender_draft(actor, referral)
        content = _set_fields(locked, fields or {})
        locked.save()
        removed = [item.pk if isinstance(item, Evidence) else int(item) for item in remove_evidence]
        if removed:
            locked.evidence_links.filter(evidence_id__in=removed).delete()
        added = _as_evidence(actor, add_evidence)
        added += _attach_campaigns(actor, locked, add_campaigns, override_red=override_red)
        _override_existing_red(
            actor, locked, override_red=override_red, override_reason=override_reason, channel=channel
        )
        _attach(
            actor, locked, added, override_red=override_red, override_reason=override_reason, channel=channel
        )
        _rebuild(locked, content)
        locked.save()
        _event(locked, ReferralEventKind.UPDATE, actor, from_status=locked.status)
        record(
            actor,
            AuditAction.CHANGE,
            locked,
            f"edited the draft referral {locked.reference}",
            channel=channel,
            detail={
                "fields": sorted(set(fields or {}) - {"pro_forma"}),
                "pro_forma_sections": sorted(content),
                "added": [item.pk for item in added],
                "removed": removed,
            },
        )
    return locked
