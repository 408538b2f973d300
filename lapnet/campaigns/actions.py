"""Analysts' campaign controls: every write an analyst makes to a campaign. Web, API and CLI call these.

Signatures (keyword ``channel`` is the audit channel: "web", "api", "cli")::

    do_rename_campaign(actor: User, campaign: Campaign, name: str, *, channel: str = "web") -> Campaign
    do_merge_campaigns(actor: User, target: Campaign, others: Sequence[Campaign], *, channel: str = "web") -> Campaign
    do_split_campaign(actor: User, campaign: Campaign, evidence_ids: Sequence[int], *,
                      into: Campaign | None = None, name: str = "", channel: str = "web") -> Campaign
    do_annotate_campaign(actor: User, campaign: Campaign, text: str, *, tlp: TLP = TLP.AMBER,
                         channel: str = "web") -> CampaignNote
    do_mark_campaign(actor: User, campaign: Campaign, status: CampaignStatus, *, channel: str = "web") -> Campaign
    check_may_act(actor: User, campaign: Campaign) -> None      # raises CampaignPermissionError

Who may act: an active analyst, coordinator or secretariat admin of a member organisation who can see
at least one report of every campaign involved (``lapnet.sharing.access.visibility_q`` over the
member rows); a split moves only reports the actor can see. Refusals raise
:class:`CampaignPermissionError`; requests that make no sense (merge a campaign into itself, split
nothing, act on a campaign that was merged away) raise :class:`CampaignActionError`.

Each action is atomic and audited (``lapnet.sharing.audit.record``), and survives re-analysis:
moved reports are *pinned* (the engine never moves them), split campaigns are recorded as
:class:`KeepApart` (the engine never merges them again), an analyst's name is kept.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.db import transaction

from lapnet.campaigns.engine import index_bands, index_key_campaigns, refresh_campaign
from lapnet.campaigns.models import (
    Campaign,
    CampaignMember,
    CampaignNote,
    CampaignStatus,
    KeepApart,
    LinkKind,
    ReportSignature,
)
from lapnet.sharing.access import visibility_q
from lapnet.sharing.audit import record
from lapnet.sharing.models import AuditAction
from lapnet.sharing.tlp import TLP

if TYPE_CHECKING:
    from lapnet.members.models import User

__all__ = [
    "CampaignActionError",
    "CampaignPermissionError",
    "check_may_act",
    "do_annotate_campaign",
    "do_mark_campaign",
    "do_merge_campaigns",
    "do_rename_campaign",
    "do_split_campaign",
]

MAX_NAME = 200
MAX_NOTE = 20_000


class CampaignPermissionError(PermissionError):
    """The actor may not do this to this campaign (or to these reports)."""


class CampaignActionError(ValueError):
    """The request makes no sense: say why, change nothing."""


def _acting_roles() -> frozenset[str]:
    from lapnet.members.models import Role

    return frozenset({Role.ANALYST, Role.COORDINATOR, Role.SECRETARIAT})


def check_may_act(actor: User, campaign: Campaign) -> None:
    """Refuse unless the actor may change this campaign (one condition per line)."""
    if not actor.is_authenticated or not actor.is_active:
        raise CampaignPermissionError("sign in to change campaigns")
    if actor.organisation_id is None:
        raise CampaignPermissionError("only members of an organisation may change campaigns")
    if actor.role not in _acting_roles():
        raise CampaignPermissionError("only analysts, coordinators and the secretariat may change campaigns")
    if not CampaignMember.objects.filter(campaign=campaign).filter(visibility_q(actor)).exists():
        raise CampaignPermissionError(f"you cannot see any report of campaign {campaign.pk}")


def _live(campaign: Campaign) -> Campaign:
    """The campaign's current row, locked; refuse one that was merged into another."""
    current = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if current.merged_into_id is not None:
        raise CampaignActionError(f"campaign {campaign.pk} was merged into campaign {current.merged_into_id}")
    return current


def do_rename_campaign(actor: User, campaign: Campaign, name: str, *, channel: str = "web") -> Campaign:
    name = " ".join(name.split())
    if not name:
        raise CampaignActionError("a campaign needs a name")
    if len(name) > MAX_NAME:
        raise CampaignActionError(f"a campaign name has at most {MAX_NAME} characters")
    with transaction.atomic():
        campaign = _live(campaign)
        check_may_act(actor, campaign)
        old = campaign.name
        campaign.name = name
        campaign.name_set_by_analyst = True
        campaign.save(update_fields=["name", "name_set_by_analyst", "updated_at"])
        record(
            actor,
            AuditAction.CHANGE,
            campaign,
            f"renamed campaign {campaign.pk} to {name!r}",
            channel=channel,
            detail={"from": old, "to": name},
        )
    return campaign


def do_merge_campaigns(
    actor: User, target: Campaign, others: Sequence[Campaign], *, channel: str = "web"
) -> Campaign:
    """Merge ``others`` into ``target``: their members follow (pinned: an analyst put them there), the
    others forward to the target (``merged_into``), their keep-apart pairs move to the target."""
    other_ids = sorted({other.pk for other in others} - {target.pk})
    if not other_ids:
        raise CampaignActionError("choose at least one other campaign to merge")
    with transaction.atomic():
        locked = {
            row.pk: row
            for row in Campaign.objects.select_for_update()
            .filter(pk__in=[target.pk, *other_ids])
            .order_by("pk")
        }
        target = locked[target.pk]
        for campaign in [target, *(locked[pk] for pk in other_ids)]:
            if campaign.merged_into_id is not None:
                raise CampaignActionError(
                    f"campaign {campaign.pk} was merged into campaign {campaign.merged_into_id}"
                )
            check_may_act(actor, campaign)
        moved = CampaignMember.objects.filter(campaign_id__in=other_ids)
        moved_count = moved.count()
        moved.update(campaign=target, pinned=True)
        Campaign.objects.filter(merged_into_id__in=other_ids).update(merged_into=target)
        Campaign.objects.filter(pk__in=other_ids).update(merged_into=target, size=0)
        KeepApart.objects.filter(first_id=target.pk, second_id__in=other_ids).delete()
        KeepApart.objects.filter(second_id=target.pk, first_id__in=other_ids).delete()
        for pair in KeepApart.objects.filter(first_id__in=other_ids) | KeepApart.objects.filter(
            second_id__in=other_ids
        ):
            other = pair.second_id if pair.first_id in other_ids else pair.first_id
            if other != target.pk and other not in other_ids:
                _keep_apart(other, target.pk, pair.created_by_id)
            pair.delete()
        refresh_campaign(target.pk)
        target.refresh_from_db()
        record(
            actor,
            AuditAction.CHANGE,
            target,
            f"merged campaigns {', '.join(map(str, other_ids))} into campaign {target.pk} ({moved_count} reports)",
            channel=channel,
            detail={"merged": other_ids, "reports": moved_count},
        )
    return target


def do_split_campaign(
    actor: User,
    campaign: Campaign,
    evidence_ids: Sequence[int],
    *,
    into: Campaign | None = None,
    name: str = "",
    channel: str = "web",
) -> Campaign:
    """Move reports out of ``campaign`` into ``into`` (an existing campaign) or a new campaign; the moved
    reports are pinned and the two campaigns are kept apart. Returns the campaign they moved to."""
    wanted = sorted(set(evidence_ids))
    if not wanted:
        raise CampaignActionError("choose the reports to move")
    if into is not None and into.pk == campaign.pk:
        raise CampaignActionError("the reports are already in that campaign")
    with transaction.atomic():
        campaign = _live(campaign)
        check_may_act(actor, campaign)
        if into is not None:
            into = _live(into)
            check_may_act(actor, into)
        members = CampaignMember.objects.filter(campaign=campaign, evidence_id__in=wanted)
        visible = list(members.filter(visibility_q(actor)).values_list("evidence_id", flat=True))
        if len(visible) != len(wanted):
            raise CampaignPermissionError(
                "some of these reports are not in this campaign or not visible to you"
            )
        if len(visible) == CampaignMember.objects.filter(campaign=campaign).count():
            raise CampaignActionError("a split must leave at least one report behind")
        created = into is None
        if into is None:
            into = Campaign.objects.create(
                name=" ".join(name.split())[:MAX_NAME] or f"split from {campaign.name}"[:MAX_NAME],
                name_set_by_analyst=bool(name.strip()),
                created_by=actor,
            )
        reason = {"link": LinkKind.ANALYST.value, "by": actor.username, "from_campaign": campaign.pk}
        for member in members:
            member.campaign = into
            member.pinned = True
            member.reasons = [reason, *member.reasons][:50]
            member.save(update_fields=["campaign", "pinned", "reasons"])
        _index_moved(visible, into.pk)
        _keep_apart(campaign.pk, into.pk, actor.pk)
        refresh_campaign(campaign.pk)
        refresh_campaign(into.pk)
        into.refresh_from_db()
        record(
            actor,
            AuditAction.CHANGE,
            campaign,
            f"moved {len(visible)} reports from campaign {campaign.pk} to "
            + ("new " if created else "")
            + f"campaign {into.pk}",
            channel=channel,
            detail={"evidence": visible, "to": into.pk, "new": created},
        )
    return into


def _index_moved(evidence_ids: list[int], campaign_id: int) -> None:
    """The moved reports' keys now lead to their new campaign too."""
    index_key_campaigns(
        (kind, value, campaign_id, evidence_id)
        for evidence_id, keys in ReportSignature.objects.filter(evidence_id__in=evidence_ids).values_list(
            "evidence_id", "keys"
        )
        for kind, value in keys
    )
    index_bands(evidence_ids)  # and so does their content


def _keep_apart(first: int, second: int, created_by_id: int | None) -> None:
    KeepApart.objects.get_or_create(
        first_id=min(first, second), second_id=max(first, second), defaults={"created_by_id": created_by_id}
    )


def do_annotate_campaign(
    actor: User, campaign: Campaign, text: str, *, tlp: TLP = TLP.AMBER, channel: str = "web"
) -> CampaignNote:
    text = text.strip()
    if not text:
        raise CampaignActionError("a note needs text")
    if len(text) > MAX_NOTE:
        raise CampaignActionError(f"a note has at most {MAX_NOTE} characters")
    with transaction.atomic():
        campaign = _live(campaign)
        check_may_act(actor, campaign)
        note = CampaignNote.objects.create(
            campaign=campaign,
            organisation_id=actor.organisation_id,
            submitted_by=actor,
            tlp=TLP(tlp),
            text=text,
        )
        record(
            actor,
            AuditAction.CREATE,
            note,
            f"annotated campaign {campaign.pk} ({TLP(tlp).label})",
            channel=channel,
            detail={"campaign": campaign.pk, "tlp": str(tlp)},
        )
    return note


def do_mark_campaign(
    actor: User, campaign: Campaign, status: CampaignStatus, *, channel: str = "web"
) -> Campaign:
    status = CampaignStatus(status)
    with transaction.atomic():
        campaign = _live(campaign)
        check_may_act(actor, campaign)
        old = campaign.status
        campaign.status = status
        campaign.save(update_fields=["status", "updated_at"])
        record(
            actor,
            AuditAction.DECIDE,
            campaign,
            f"marked campaign {campaign.pk} as {status.label}",
            channel=channel,
            detail={"from": old, "to": status.value},
        )
    return campaign
