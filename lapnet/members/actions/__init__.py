"""Every write to the network: applications, organisations, points of contact, national coordination,
users and sector resources. Web pages (and later the API and the CLI) call these and nothing else.

Each action runs in one transaction, records an audit event (``lapnet.sharing.audit.record``) and
sends mail only once the transaction has committed. ``check_*`` actions first apply the rules that
depend on who acts (a coordinator may not make anyone a secretariat admin) and then call the
``do_*`` action; ``do_*`` actions enforce the rules of the data itself. Whether the actor may touch
the row at all is decided before, when the row is fetched through ``lapnet.members.access``.
A rule that says no raises :class:`MembersError` with a sentence for the person who asked.
"""

from __future__ import annotations

from lapnet.members.actions.applications import (
    APPLICATION_FIELDS,
    Approval,
    do_approve_application,
    do_decline_application,
    do_provide_information,
    do_request_information,
    do_submit_application,
    do_withdraw_application,
)
from lapnet.members.actions.common import WEB, MembersError, application_url, set_password_url
from lapnet.members.actions.organisations import (
    CONTACT_FIELDS,
    PROFILE_FIELDS,
    SECRETARIAT_PROFILE_FIELDS,
    do_add_contact,
    do_add_domain,
    do_add_network,
    do_designate_national_coordinator,
    do_make_primary_contact,
    do_remove_contact,
    do_remove_domain,
    do_remove_national_coordinator,
    do_remove_network,
    do_update_contact,
    do_update_organisation,
)
from lapnet.members.actions.resources import (
    RESOURCE_FIELDS,
    do_add_resource,
    do_delete_resource,
    do_update_resource,
)
from lapnet.members.actions.users import (
    Invitation,
    check_change_user_role,
    check_deactivate_user,
    check_invite_user,
    check_reactivate_user,
    do_change_user_role,
    do_invite_user,
    do_set_password,
    do_set_user_active,
)

__all__ = [
    "APPLICATION_FIELDS",
    "CONTACT_FIELDS",
    "PROFILE_FIELDS",
    "RESOURCE_FIELDS",
    "SECRETARIAT_PROFILE_FIELDS",
    "WEB",
    "Approval",
    "Invitation",
    "MembersError",
    "application_url",
    "check_change_user_role",
    "check_deactivate_user",
    "check_invite_user",
    "check_reactivate_user",
    "do_add_contact",
    "do_add_domain",
    "do_add_network",
    "do_add_resource",
    "do_approve_application",
    "do_change_user_role",
    "do_decline_application",
    "do_delete_resource",
    "do_designate_national_coordinator",
    "do_invite_user",
    "do_make_primary_contact",
    "do_provide_information",
    "do_remove_contact",
    "do_remove_domain",
    "do_remove_national_coordinator",
    "do_remove_network",
    "do_request_information",
    "do_set_password",
    "do_set_user_active",
    "do_submit_application",
    "do_update_contact",
    "do_update_organisation",
    "do_update_resource",
    "do_withdraw_application",
    "set_password_url",
]
