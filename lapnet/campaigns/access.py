"""The only way to fetch campaigns, their reports and notes on behalf of a user.

A campaign has no marking of its own: it is the sum of its reports (``CampaignMember`` rows, which
carry their evidence's owner, marking and submitter). A user sees a campaign when they may see at
least one of its reports, and everything shown about it is built from those reports only. Reports
the user may not see are counted only where ``count_q`` allows it (the owner's AMBER numbers when it
shares counts; never AMBER+STRICT or RED) and never described.

A campaign merged into another is a forwarding address: fetching it yields the campaign it was
merged into.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Count, Exists, Max, Min, OuterRef, Q
from django.http import Http404

from lapnet.campaigns.models import Campaign, CampaignMember, CampaignNote
from lapnet.evidence.models import IndicatorSighting
from lapnet.members.models import Role
from lapnet.sharing.access import count_q, visibility_q

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from lapnet.members.models import User

MAX_FORWARDS = 10  # merged into a campaign merged into another ...: a chain longer than this is a loop

# roles that act on campaigns (rename, merge, split, annotate, mark); the actions check again
CAMPAIGN_EDITOR_ROLES = frozenset({Role.SECRETARIAT, Role.COORDINATOR, Role.ANALYST})


@dataclass(frozen=True)
class Scope:
    """What one user may see and count. Building the filters looks up the user's sharing partners, so
    a page builds its scope once (``scope_for``) and every query of the page goes through it. The same
    filters serve every marked table (their three columns have the same names)."""

    user: User
    visible: Q
    countable: Q

    def members(self) -> QuerySet[CampaignMember]:
        return CampaignMember.objects.filter(self.visible)

    def countable_members(self) -> QuerySet[CampaignMember]:
        return CampaignMember.objects.filter(self.countable)

    def notes(self) -> QuerySet[CampaignNote]:
        return CampaignNote.objects.filter(self.visible)

    def sightings(self) -> QuerySet[IndicatorSighting]:
        """Indicator sightings the user may see (the rule of ``lapnet.evidence.access``)."""
        return IndicatorSighting.objects.filter(self.visible)

    def campaigns(self) -> QuerySet[Campaign]:
        """Campaigns (not merged away) with at least one report the user may see."""
        visible_member = self.members().filter(campaign=OuterRef("pk"))
        return Campaign.objects.filter(merged_into__isnull=True).filter(Exists(visible_member))

    def with_totals(self, campaigns: QuerySet[Campaign]) -> QuerySet[Campaign]:
        """Each campaign with what the user may know of it, in one aggregate over its member rows:
        ``visible_size``, ``countable_size`` (visible plus countable-only), ``visible_first``/``_last``."""
        visible = prefixed(self.visible, "members__")
        countable = prefixed(self.countable, "members__")
        return campaigns.annotate(
            visible_size=Count("members", filter=visible),
            countable_size=Count("members", filter=countable),
            visible_first=Min("members__seen_at", filter=visible),
            visible_last=Max("members__seen_at", filter=visible),
        )


def scope_for(user: User) -> Scope:
    return Scope(user=user, visible=visibility_q(user), countable=count_q(user))


def prefixed(condition: Q, prefix: str) -> Q:
    """The same filter over a related model's columns (``tlp`` -> ``members__tlp``)."""
    clone = Q()
    clone.connector, clone.negated = condition.connector, condition.negated
    clone.children = [
        prefixed(child, prefix) if isinstance(child, Q) else (prefix + child[0], child[1])
        for child in condition.children
    ]
    return clone


def members_visible_to(user: User) -> QuerySet[CampaignMember]:
    return scope_for(user).members()


def members_countable_by(user: User) -> QuerySet[CampaignMember]:
    """Reports that may be counted (never shown): see ``lapnet.sharing.access.count_q``."""
    return CampaignMember.objects.filter(count_q(user))


def notes_visible_to(user: User) -> QuerySet[CampaignNote]:
    return CampaignNote.objects.filter(visibility_q(user))


def campaigns_visible_to(user: User) -> QuerySet[Campaign]:
    """Campaigns (not merged away) with at least one report the user may see."""
    return scope_for(user).campaigns()


def access_campaign(user: User, pk: int, *, scope: Scope | None = None) -> Campaign:
    """The campaign (annotated as by :meth:`Scope.with_totals`), following merges, if the user may
    see one of its reports; 404 otherwise (its existence is not disclosed)."""
    scope = scope or scope_for(user)
    campaigns = scope.with_totals(Campaign.objects.all())
    for _ in range(MAX_FORWARDS):
        campaign = campaigns.filter(pk=pk).first()
        if campaign is None:
            break
        if campaign.merged_into_id is None:
            if campaign.visible_size == 0:  # type: ignore[attr-defined]
                break
            return campaign
        pk = campaign.merged_into_id
    raise Http404("no such campaign")


def can_change_campaigns(user: User) -> bool:
    """Whether to offer the analyst's forms; the actions decide for each campaign."""
    if not (user.is_authenticated and user.is_active):
        return False
    if user.organisation_id is None:
        return False
    return user.role in CAMPAIGN_EDITOR_ROLES
