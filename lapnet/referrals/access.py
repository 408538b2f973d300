"""The only way to fetch referrals, and the evidence seen through them, on behalf of a user.

Who sees a referral is not decided by TLP but by the referral itself:

- the requesting organisation (the sender), from the first draft on;
- the requested organisation (the receiver) and the copied national coordinator, once it was sent;
- nobody else: not the secretariat, not other members, whatever the marking.

Contributors submit evidence, they do not read other organisations' material: they see no referrals.
Analysts and coordinators of a side act for it; viewers read.

The evidence attached to a referral is visible through the referral to everyone who sees the
referral, even where its TLP marking would hide it from them: that is the point of referring. Only
through the referral: ``lapnet.evidence.access`` still applies everywhere else. The rules are written
one condition per line so that each branch is covered by a test.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from lapnet.evidence.models import Evidence
from lapnet.members.models import Role
from lapnet.referrals.models import Referral
from lapnet.referrals.workflow import Party

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from lapnet.campaigns.models import Campaign
    from lapnet.members.models import User

# the roles that act for their side of a referral (draft, send, answer, decide)
ACTING_ROLES = frozenset({Role.ANALYST, Role.COORDINATOR})


def _reader(user: User) -> bool:
    if not user.is_authenticated:
        return False
    if not user.is_active:
        return False
    if user.organisation_id is None:
        return False
    return bool(user.role != Role.CONTRIBUTOR)


def visible_to(user: User) -> QuerySet[Referral]:
    if not _reader(user):
        return Referral.objects.none()
    own = user.organisation_id
    sent = Q(first_sent_at__isnull=False)
    return Referral.objects.filter(
        Q(requesting_organisation=own) | (sent & Q(requested_organisation=own)) | (sent & Q(copy_to=own))
    )


def party_of(user: User, referral: Referral) -> Party | None:
    """The side ``user`` acts for on ``referral`` (None for the copied coordinator and for readers)."""
    if not _reader(user):
        return None
    if user.role not in ACTING_ROLES:
        return None
    if user.organisation_id == referral.requesting_organisation_id:
        return Party.SENDER
    if user.organisation_id == referral.requested_organisation_id and referral.first_sent_at is not None:
        return Party.RECEIVER
    return None


def can_draft(user: User) -> bool:
    """Whether ``user`` may draft referrals for their organisation."""
    if not _reader(user):
        return False
    return user.role in ACTING_ROLES


def can_post_message(user: User, referral: Referral) -> bool:
    """The thread is between the two sides; the copied coordinator reads it."""
    if referral.first_sent_at is None:
        return False
    return party_of(user, referral) is not None


def access_referral(user: User, pk: int, *, act: bool = False) -> Referral:
    """The referral, if the user may see it (``Http404`` otherwise: existence is not disclosed); with
    ``act``, also one of the two sides (``PermissionDenied`` for readers and the copied coordinator)."""
    try:
        referral = (
            visible_to(user)
            .select_related(
                "requesting_organisation",
                "requested_organisation",
                "copy_to",
                "requesting_contact",
                "requested_contact",
                "created_by",
                "approved_by",
            )
            .get(pk=pk)
        )
    except Referral.DoesNotExist:
        raise Http404("no such referral") from None
    if act and party_of(user, referral) is None:
        raise PermissionDenied("only the two sides of a referral act on it")
    return referral


def evidence_of(referral: Referral) -> QuerySet[Evidence]:
    """The evidence attached to a referral fetched through :func:`access_referral` (never otherwise)."""
    return Evidence.objects.filter(referral_links__referral=referral).select_related("blob", "organisation")


def access_referral_evidence(user: User, referral_pk: int, evidence_pk: int) -> tuple[Referral, Evidence]:
    """One attached report, seen through the referral; 404 if either is not visible this way."""
    referral = access_referral(user, referral_pk)
    try:
        evidence = evidence_of(referral).get(pk=evidence_pk)
    except Evidence.DoesNotExist:
        raise Http404("no such evidence in this referral") from None
    return referral, evidence


def attachable_evidence(user: User) -> QuerySet[Evidence]:
    """What ``user`` may attach: the evidence they may see anyway (TLP), never more."""
    from lapnet.evidence.access import visible_to as evidence_visible_to

    return evidence_visible_to(user)


def campaign_evidence(user: User, campaign: Campaign) -> QuerySet[Evidence]:
    """The reports of a campaign that ``user`` may see (the campaign's member rows carry the marking)."""
    from lapnet.campaigns.models import CampaignMember
    from lapnet.sharing.access import visibility_q

    members = CampaignMember.objects.filter(visibility_q(user), campaign=campaign)
    return attachable_evidence(user).filter(pk__in=members.values("evidence_id"))


def access_campaign(user: User, pk: int) -> Campaign:
    """A campaign ``user`` may refer: one with at least one report they may see."""
    from lapnet.campaigns.models import Campaign

    try:
        campaign = Campaign.objects.get(pk=pk)
    except Campaign.DoesNotExist:
        raise Http404("no such campaign") from None
    if not campaign_evidence(user, campaign).exists():
        raise Http404("no such campaign")
    return campaign
