"""The message thread between the two points of contact."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from lapnet.members.models import User
from lapnet.referrals import access, workflow
from lapnet.referrals.actions.common import (
    WEB,
    ReferralError,
    _notify,
    _post,
)
from lapnet.referrals.models import (
    Referral,
    ReferralMessage,
)
from lapnet.sharing.audit import record
from lapnet.sharing.models import AuditAction

if TYPE_CHECKING:
    pass


# --- the thread ------------------------------------------------------------------------------------------


def do_post_message(
    actor: User, referral: Referral, text: str, *, base_url: str = "", channel: str = WEB
) -> ReferralMessage:
    """A message between the two points of contact; the other side (and the copied coordinator) hears."""
    if not text.strip():
        raise ReferralError(_("a message needs words"))
    if not access.can_post_message(actor, referral):
        raise ReferralError(_("only the two sides of a sent referral write in its thread"))
    with transaction.atomic():
        message = _post(actor, referral, text)
        record(
            actor,
            AuditAction.CREATE,
            message,
            f"wrote in the thread of referral {referral.reference}",
            channel=channel,
            detail={"referral": referral.pk},
        )
        party = access.party_of(actor, referral)
        to = workflow.Party.RECEIVER if party is workflow.Party.SENDER else workflow.Party.SENDER
        organisation = actor.organisation
        _notify(referral, to, lambda: _("New message from %s") % organisation, text, base_url)
    return message
