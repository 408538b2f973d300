"""The only way to fetch watches and alerts for a user (campaigns: ``lapnet.campaigns.access``).

Watches are private to the user who made them. Alerts are the user's own *and* pass the TLP filter of
the report they point to, every time they are read: a report whose marking no longer lets the user
see it disappears from the user's alerts (and is never mailed).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import Http404

from lapnet.campaigns.models import Campaign
from lapnet.evidence.models import Evidence
from lapnet.sharing.access import visibility_q
from lapnet.watching.models import Alert, Watch

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from lapnet.members.models import User

# a chain of merges longer than this is a data error, not a campaign history
MAX_MERGE_DEPTH = 20


def watches_of(user: User) -> QuerySet[Watch]:
    return Watch.objects.filter(user_id=user.pk)


def access_watch(user: User, pk: int) -> Watch:
    """The user's own watch; 404 for anyone else's."""
    try:
        return watches_of(user).get(pk=pk)
    except Watch.DoesNotExist:
        raise Http404("no such watch") from None


def alerts_visible_to(user: User) -> QuerySet[Alert]:
    """The user's alerts whose report the user may see now."""
    return Alert.objects.filter(user_id=user.pk).filter(visibility_q(user, "evidence__"))


def may_see_evidence(user: User, evidence_id: int) -> bool:
    return Evidence.objects.filter(visibility_q(user), pk=evidence_id).exists()


def surviving_campaign(campaign: Campaign) -> Campaign:
    """Follow ``merged_into`` to the campaign a merge kept (a merged campaign is a forwarding address)."""
    seen = {campaign.pk}
    for _ in range(MAX_MERGE_DEPTH):
        if campaign.merged_into_id is None or campaign.merged_into_id in seen:
            return campaign
        campaign = Campaign.objects.get(pk=campaign.merged_into_id)
        seen.add(campaign.pk)
    return campaign


def campaign_family(campaign_id: int) -> set[int]:
    """The campaign, those it was merged into, and those merged into any of them (at any depth)."""
    family = {campaign_id}
    current: int | None = campaign_id
    for _ in range(MAX_MERGE_DEPTH):
        current = Campaign.objects.filter(pk=current).values_list("merged_into_id", flat=True).first()
        if current is None or current in family:
            break
        family.add(current)
    frontier = set(family)
    for _ in range(MAX_MERGE_DEPTH):
        frontier = set(
            Campaign.objects.filter(merged_into_id__in=frontier)
            .exclude(pk__in=family)
            .values_list("pk", flat=True)
        )
        if not frontier:
            break
        family |= frontier
    return family
