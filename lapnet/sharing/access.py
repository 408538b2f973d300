"""Who may see what: the one place that turns TLP 2.0 markings into query filters.

Every table that carries marked material has the same three columns: ``organisation`` (the owner),
``tlp`` and ``submitted_by``. :func:`visibility_q` builds the filter for a user over those columns;
each app's ``access.py`` applies it to its own querysets, and nothing else filters by marking.

The rules, one condition per line so each is tested:

- CLEAR: everyone signed in.
- GREEN: every member organisation, except that contributors (who submit but do not read) see only
  their own organisation's GREEN material.
- AMBER: the owner organisation, and organisations in a sharing group with the owner; not contributors
  of other organisations.
- AMBER+STRICT: the owner organisation only.
- RED: the user who submitted it, and the coordinators of the owner organisation.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q

from lapnet.sharing.tlp import TLP

if TYPE_CHECKING:
    from lapnet.members.models import User


def sharing_partner_ids(organisation_id: int) -> set[int]:
    """Organisations that share a sharing group with this one (owner or member)."""
    from lapnet.sharing.models import SharingGroup

    groups = SharingGroup.objects.filter(Q(members=organisation_id) | Q(owner=organisation_id)).distinct()
    partners: set[int] = set()
    for group in groups.prefetch_related("members"):
        partners.add(group.owner_id)
        partners.update(member.pk for member in group.members.all())
    partners.discard(organisation_id)
    return partners


def visibility_q(user: User, prefix: str = "") -> Q:
    """A filter over ``{prefix}organisation``, ``{prefix}tlp``, ``{prefix}submitted_by`` for this user."""
    from lapnet.members.models import Role

    org = f"{prefix}organisation"
    tlp = f"{prefix}tlp"
    submitter = f"{prefix}submitted_by"
    if not user.is_authenticated or not user.is_active:
        return Q(pk__in=[])
    visible = Q(**{tlp: TLP.CLEAR})
    visible |= Q(**{tlp: TLP.RED, submitter: user.pk})
    own = user.organisation_id
    if own is None:
        return visible
    visible |= Q(**{org: own, f"{tlp}__in": [TLP.GREEN, TLP.AMBER, TLP.AMBER_STRICT]})
    if user.role == Role.COORDINATOR:
        visible |= Q(**{org: own, tlp: TLP.RED})
    if user.role == Role.CONTRIBUTOR:
        return visible
    visible |= Q(**{tlp: TLP.GREEN})
    partners = sharing_partner_ids(own)
    if partners:
        visible |= Q(**{f"{org}__in": sorted(partners), tlp: TLP.AMBER})
    return visible


def count_q(user: User, prefix: str = "") -> Q:
    """What may be *counted* (not shown): the visible rows, plus AMBER rows of owners who allow their
    numbers to be shown (``Organisation.share_counts``). AMBER+STRICT and RED are never counted."""
    counted = visibility_q(user, prefix)
    if user.is_authenticated and user.is_active and user.organisation_id is not None:
        from lapnet.members.models import Role

        if user.role != Role.CONTRIBUTOR:
            counted |= Q(**{f"{prefix}organisation__share_counts": True, f"{prefix}tlp": TLP.AMBER})
    return counted
