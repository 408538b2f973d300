"""The steps of the workflow (``lapnet.referrals.workflow``'s table) applied to the rows."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lapnet.evidence.models import Evidence
from lapnet.members.models import User
from lapnet.referrals import access, workflow
from lapnet.referrals.actions.common import (
    WEB,
    Event,
    ReferralError,
    _as_evidence,
    _attach,
    _event,
    _notify,
    _override_existing_red,
    _post,
    _rebuild,
)
from lapnet.referrals.actions.drafting import do_update_draft
from lapnet.referrals.conf import deadline_policy
from lapnet.referrals.deadlines import deadlines_for
from lapnet.referrals.models import (
    Referral,
    ReferralEventKind,
    ReferralStatus,
)
from lapnet.sharing.audit import record
from lapnet.sharing.models import AuditAction

if TYPE_CHECKING:
    pass


# --- the workflow ---------------------------------------------------------------------------------------


def _transition(
    actor: User,
    referral: Referral,
    event: workflow.Event,
    *,
    message: str = "",
    reason: str = "",
    outcome: str = "",
) -> tuple[Referral, str]:
    """Lock the row, ask the transition table with the actor's side, store the state and its event
    (in a transaction opened by the caller). Returns the locked row and the state it left."""
    locked = Referral.objects.select_for_update().get(pk=referral.pk)
    party = access.party_of(actor, locked)
    if party is None:
        raise ReferralError(_("only the analysts and coordinators of the two sides act on a referral"))
    try:
        target = workflow.next_state(
            locked.status, event, by=party, message=message, reason=reason or None, outcome=outcome or None
        )
    except workflow.TransitionError as error:
        raise ReferralError(str(error)) from None
    previous = locked.status
    now = timezone.now()
    locked.status = ReferralStatus(target.value)
    if party is workflow.Party.RECEIVER and locked.acknowledged_at is None:
        locked.acknowledged_at = now  # any answer of the receiver acknowledges receipt
    if event in {Event.ACCEPT, Event.DECLINE}:
        locked.decided_at = now
    if workflow.answers(target) and locked.answered_at is None:
        locked.answered_at = now
    if target is workflow.State.CLOSED:
        locked.closed_at = now
    _event(
        locked,
        ReferralEventKind(event.value),
        actor,
        from_status=previous,
        reason=reason or outcome,
        text=message,
    )
    return locked, previous


def _save_and_audit(
    actor: User,
    referral: Referral,
    previous: str,
    summary: str,
    *,
    channel: str,
    detail: Mapping[str, Any] | None = None,
) -> None:
    _rebuild(referral)
    referral.save()
    record(
        actor,
        AuditAction.DECIDE,
        referral,
        f"{summary} ({referral.reference})",
        channel=channel,
        detail={"from": previous, "to": referral.status, **(detail or {})},
    )


def do_send_referral(
    actor: User,
    referral: Referral,
    *,
    approved_by: User | None = None,
    override_red: bool = False,
    override_reason: str = "",
    base_url: str = "",
    channel: str = WEB,
) -> Referral:
    """Send a draft: the recipient sees it from now on, the deadlines start, both are told.

    ``approved_by`` names who approved sending it (a coordinator or analyst of the requesting
    organisation); the sender approves it themselves when nobody else is named.
    """
    approver = approved_by or actor
    if (
        approver.organisation_id != referral.requesting_organisation_id
        or approver.role not in access.ACTING_ROLES
    ):
        raise ReferralError(
            _("sending is approved by an analyst or coordinator of the requesting organisation")
        )
    with transaction.atomic():
        locked = Referral.objects.select_for_update().get(pk=referral.pk)
        if locked.requested_organisation is None:
            raise ReferralError(_("choose the organisation the referral goes to before sending it"))
        if not locked.evidence_links.exists():
            raise ReferralError(_("attach at least one report before sending the referral"))
        _override_existing_red(
            actor, locked, override_red=override_red, override_reason=override_reason, channel=channel
        )
        locked, previous = _transition(actor, locked, Event.SEND)
        now = timezone.now()
        locked.sent_at = now
        locked.first_sent_at = locked.first_sent_at or now
        locked.times_sent += 1
        locked.approved_by = approver
        due = deadlines_for(locked.request_type, now, deadline_policy())
        locked.acknowledgement_due, locked.reply_due = due.acknowledgement_due, due.reply_due
        locked.acknowledgement_reminded_at = locked.reply_reminded_at = None
        locked.acknowledged_at = locked.decided_at = locked.answered_at = None
        _save_and_audit(
            actor,
            locked,
            previous,
            f"sent the referral to {locked.requested_organisation} ({locked.requested_organisation.country})",
            channel=channel,
            detail={
                "requested_organisation": locked.requested_organisation_id,
                "copy_to": locked.copy_to_id,
                "approved_by": approver.pk,
                "times_sent": locked.times_sent,
                "evidence": list(locked.evidence_links.values_list("evidence_id", flat=True)),
            },
        )
        sender = locked.requesting_organisation
        resent = locked.times_sent > 1

        def what() -> str:
            if resent:
                return _("%(organisation)s revised and re-sent a referral") % {"organisation": sender}
            return _("%(organisation)s referred a case to you") % {"organisation": sender}

        _notify(locked, workflow.Party.RECEIVER, what, base_url=base_url)
    return locked


def _step(
    actor: User,
    referral: Referral,
    event: workflow.Event,
    summary: str,
    *,
    message: str = "",
    reason: str = "",
    outcome: str = "",
    base_url: str = "",
    channel: str = WEB,
    apply: Any = None,
) -> Referral:
    with transaction.atomic():
        locked, previous = _transition(
            actor, referral, event, message=message, reason=reason, outcome=outcome
        )
        if apply is not None:
            apply(locked)
        _save_and_audit(
            actor,
            locked,
            previous,
            summary,
            channel=channel,
            detail={"reason": reason, "outcome": outcome, "text": message.strip()},
        )
        to = (
            workflow.Party.SENDER
            if workflow.PARTY[event] is workflow.Party.RECEIVER
            else workflow.Party.RECEIVER
        )
        organisation = actor.organisation
        done = ReferralEventKind(event.value)
        _notify(locked, to, lambda: f"{organisation}: {done.label}", message, base_url)
    return locked


def do_acknowledge(actor: User, referral: Referral, *, base_url: str = "", channel: str = WEB) -> Referral:
    return _step(
        actor, referral, Event.ACKNOWLEDGE, "acknowledged receipt", base_url=base_url, channel=channel
    )


def do_accept(
    actor: User, referral: Referral, message: str = "", *, base_url: str = "", channel: str = WEB
) -> Referral:
    return _step(
        actor,
        referral,
        Event.ACCEPT,
        "accepted the referral",
        message=message,
        base_url=base_url,
        channel=channel,
    )


def do_decline(
    actor: User, referral: Referral, reason: str, text: str = "", *, base_url: str = "", channel: str = WEB
) -> Referral:
    def apply(locked: Referral) -> None:
        locked.decline_reason = reason
        locked.decline_text = text.strip()

    return _step(
        actor,
        referral,
        Event.DECLINE,
        "declined the referral",
        message=text,
        reason=reason,
        base_url=base_url,
        channel=channel,
        apply=apply,
    )


def do_request_more_information(
    actor: User, referral: Referral, message: str, *, base_url: str = "", channel: str = WEB
) -> Referral:
    return _step(
        actor,
        referral,
        Event.REQUEST_INFORMATION,
        "asked for more information",
        message=message,
        base_url=base_url,
        channel=channel,
    )


def do_provide_information(
    actor: User,
    referral: Referral,
    message: str,
    *,
    add_evidence: Iterable[Evidence | int] = (),
    override_red: bool = False,
    override_reason: str = "",
    base_url: str = "",
    channel: str = WEB,
) -> Referral:
    """The sender answers the receiver's questions, with more reports if it has them."""
    reports = _as_evidence(actor, add_evidence)

    def apply(locked: Referral) -> None:
        _attach(
            actor,
            locked,
            reports,
            override_red=override_red,
            override_reason=override_reason,
            channel=channel,
        )

    return _step(
        actor,
        referral,
        Event.PROVIDE_INFORMATION,
        "provided more information",
        message=message,
        base_url=base_url,
        channel=channel,
        apply=apply,
    )


def do_mark_in_progress(
    actor: User, referral: Referral, message: str = "", *, base_url: str = "", channel: str = WEB
) -> Referral:
    return _step(
        actor,
        referral,
        Event.START_WORK,
        "started work on the referral",
        message=message,
        base_url=base_url,
        channel=channel,
    )


def do_report_outcome(
    actor: User, referral: Referral, outcome: str, details: str, *, base_url: str = "", channel: str = WEB
) -> Referral:
    def apply(locked: Referral) -> None:
        locked.outcome = outcome
        locked.outcome_details = details.strip()

    return _step(
        actor,
        referral,
        Event.REPORT_OUTCOME,
        "reported the outcome",
        message=details,
        outcome=outcome,
        base_url=base_url,
        channel=channel,
        apply=apply,
    )


def do_close(
    actor: User, referral: Referral, message: str = "", *, base_url: str = "", channel: str = WEB
) -> Referral:
    return _step(
        actor,
        referral,
        Event.CLOSE,
        "closed the referral",
        message=message,
        base_url=base_url,
        channel=channel,
    )


def do_revise(actor: User, referral: Referral, *, channel: str = WEB) -> Referral:
    """Reopen a declined referral as a draft, to be edited and sent again (the receiver keeps seeing it)."""
    with transaction.atomic():
        locked, previous = _transition(actor, referral, Event.REVISE)
        locked.decline_reason = ""
        locked.decline_text = ""
        locked.decided_at = None
        locked.answered_at = None
        _save_and_audit(
            actor, locked, previous, "reopened the declined referral for revision", channel=channel
        )
    return locked


def do_revise_and_resend(
    actor: User,
    referral: Referral,
    fields: Mapping[str, Any] | None = None,
    *,
    message: str = "",
    add_evidence: Iterable[Evidence | int] = (),
    approved_by: User | None = None,
    override_red: bool = False,
    override_reason: str = "",
    base_url: str = "",
    channel: str = WEB,
) -> Referral:
    """Revise a declined referral and send it again, in one step (``revise``, edit, ``send``)."""
    with transaction.atomic():
        revised = do_revise(actor, referral, channel=channel)
        revised = do_update_draft(
            actor,
            revised,
            fields,
            add_evidence=add_evidence,
            override_red=override_red,
            override_reason=override_reason,
            channel=channel,
        )
        if message.strip():
            _post(actor, revised, message)
        return do_send_referral(
            actor,
            revised,
            approved_by=approved_by,
            override_red=override_red,
            override_reason=override_reason,
            base_url=base_url,
            channel=channel,
        )
