"""Every write to a referral. Web pages (and later the API and the CLI) call these and nothing else.

Each action runs in one transaction, applies ``lapnet.referrals.workflow``'s transition table to the
locked row, records a ``ReferralEvent`` and an audit event (``lapnet.sharing.audit.record``), rebuilds
the pro forma (its response block follows the state) and mails the other side once the transaction
has committed. Whether the actor may see the referral at all is decided before, when the row is
fetched through ``access.access_referral``; which side the actor acts for, here
(``access.party_of``). A rule that says no raises :class:`ReferralError` with a sentence for the
person who asked.

RED evidence: a report marked TLP:RED is not attached to a referral to an organisation in another
country unless the caller passes ``override_red=True`` with a reason; the override is stored on the
link and written to the audit log, and sending re-checks every RED link.

- ``common.py``          the error, mail after commit, the RED rule, fields, the pro forma rebuild
- ``drafting.py``        ``do_draft_referral``, ``do_update_draft``
- ``workflow_steps.py``  send, acknowledge, accept, decline, ask, answer, start, report, close, revise
- ``thread.py``          ``do_post_message``
- ``reminders.py``       ``do_send_due_reminders`` (the deadline reminders, run by a task)
- ``exchange.py``        evidence packages: ``do_export_package``, ``do_export_pro_forma_pdf``,
                         ``do_import_package``; the directory of node keys (add, revoke)
"""

from __future__ import annotations

from lapnet.referrals.actions.common import DRAFT_FIELDS, WEB, ReferralError, coordinator_for, referral_url
from lapnet.referrals.actions.drafting import do_draft_referral, do_update_draft
from lapnet.referrals.actions.exchange import (
    ExportedPackage,
    ImportResult,
    do_add_node_key,
    do_export_package,
    do_export_pro_forma_pdf,
    do_import_package,
    do_revoke_node_key,
    receiver_language,
    redacted_by_default,
)
from lapnet.referrals.actions.reminders import do_send_due_reminders
from lapnet.referrals.actions.thread import do_post_message
from lapnet.referrals.actions.workflow_steps import (
    do_accept,
    do_acknowledge,
    do_close,
    do_decline,
    do_mark_in_progress,
    do_provide_information,
    do_report_outcome,
    do_request_more_information,
    do_revise,
    do_revise_and_resend,
    do_send_referral,
)

__all__ = [
    "DRAFT_FIELDS",
    "WEB",
    "ExportedPackage",
    "ImportResult",
    "ReferralError",
    "coordinator_for",
    "do_accept",
    "do_acknowledge",
    "do_add_node_key",
    "do_close",
    "do_decline",
    "do_draft_referral",
    "do_export_package",
    "do_export_pro_forma_pdf",
    "do_import_package",
    "do_mark_in_progress",
    "do_post_message",
    "do_provide_information",
    "do_report_outcome",
    "do_request_more_information",
    "do_revise",
    "do_revise_and_resend",
    "do_revoke_node_key",
    "do_send_due_reminders",
    "do_send_referral",
    "do_update_draft",
    "receiver_language",
    "redacted_by_default",
    "referral_url",
]
