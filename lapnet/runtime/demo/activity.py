"""What the demo network does with its evidence: campaigns in the past, watches, abuse desks, referrals.

Everything goes through the real actions (watching, notifications, referrals), as a member would do
it on the site; the one fiction is time again: the demo's reports were received over the last 90 days,
so the campaigns they formed, and the watches that were waiting for them, are set back too.
"""

from __future__ import annotations

import ipaddress
from collections import Counter
from datetime import datetime

from django.db.models import Count, Max, Min, OuterRef, Subquery

from lapnet.campaigns.models import Campaign, CampaignMember
from lapnet.evidence.models import AnalysisStatus, Channel, Evidence, IndicatorSighting
from lapnet.generator import Campaign as GeneratedCampaign
from lapnet.members.models import Organisation, OrganisationNetwork, Role, User
from lapnet.notifications.actions import do_configure_abuse_desk, queue_for_evidence
from lapnet.notifications.models import NotificationFormat
from lapnet.referrals import actions as referrals
from lapnet.referrals.routing import route
from lapnet.runtime.demo.network import Network
from lapnet.sharing.tlp import TLP
from lapnet.watching.actions import do_save_search, do_watch_indicator
from lapnet.watching.models import Watch

# industry members whose abuse desks the demo sets up, with the format each asked for
ABUSE_DESKS = {"nordpost-mail": NotificationFormat.ARF, "hexanet": NotificationFormat.XARF}


def watch_before_the_reports(
    network: Network, campaigns: dict[str, GeneratedCampaign], since: datetime
) -> int:
    """Claire (DGCCRF) has been watching the lottery's claims line and the parcel phishing's domain
    since before the first report of the demo arrived, so the reports raise her alerts."""
    claire = _user(network, "dgccrf", "claire")
    watches = [
        do_watch_indicator(claire, "phone", campaigns["lottery"].phones[0], channel="demo"),
        do_save_search(claire, campaigns["parcel"].domains[0], "Parcel customs-fee phishing", channel="demo"),
    ]
    Watch.objects.filter(pk__in=[watch.pk for watch in watches]).update(created_at=since)
    return len(watches)


def after_the_analysis(network: Network, campaigns: dict[str, GeneratedCampaign]) -> dict[str, int]:
    """Once the evidence is analysed and clustered: the campaigns' dates, the abuse desks, referrals."""
    backdate_campaigns()
    return {
        "campaigns": Campaign.objects.filter(merged_into=None, size__gt=0).count(),
        "notifications": _abuse_desks(network),
        "referrals": _referrals(network, campaigns),
    }


def backdate_campaigns() -> None:
    """Campaign members carry their report's reception time, and campaigns their members' span."""
    received = Evidence.objects.filter(pk=OuterRef("evidence_id")).values("received_at")[:1]
    CampaignMember.objects.filter(evidence__channel=Channel.DEMO).update(seen_at=Subquery(received))
    spans = CampaignMember.objects.values("campaign").annotate(
        size=Count("pk"), first=Min("seen_at"), last=Max("seen_at")
    )
    for span in spans:
        Campaign.objects.filter(pk=span["campaign"]).update(
            size=span["size"], first_seen=span["first"], last_seen=span["last"]
        )


def _abuse_desks(network: Network) -> int:
    """Two industry members set up their abuse desks; each registers the network its customers' spam
    came from (the commonest /24 of the demo's origins in its country), and the analysed reports are
    matched against them. The notifications wait for the worker's next batch (written to var/mail)."""
    secretariat = _user(network, "lap-secretariat", "edward")
    created = 0
    for slug, format in ABUSE_DESKS.items():
        organisation = network.organisations[slug]
        origins = Counter(
            str(ipaddress.ip_network(f"{ip}/24", strict=False))
            for ip in Evidence.objects.filter(channel=Channel.DEMO, origin_country=organisation.country)
            .exclude(origin_ip="")
            .values_list("origin_ip", flat=True)
            if ipaddress.ip_address(ip).version == 4
        )
        if origins:
            cidr = origins.most_common(1)[0][0]
            OrganisationNetwork.objects.get_or_create(organisation=organisation, cidr=cidr)
        do_configure_abuse_desk(
            secretariat,
            organisation,
            address=f"abuse@{organisation.slug}.example",
            format=format,
            max_tlp=TLP.GREEN,
            digest=True,
            channel="demo",
        )
    for evidence_id in Evidence.objects.filter(channel=Channel.DEMO, status=AnalysisStatus.DONE).values_list(
        "pk", flat=True
    ):
        created += len(queue_for_evidence(evidence_id))
    return created


def _referrals(network: Network, campaigns: dict[str, GeneratedCampaign]) -> int:
    """DGCCRF refers the lottery campaign to the agency lapnet's routing proposes; that agency
    acknowledges and accepts. A second referral, on the extortion campaign, waits as a draft."""
    claire = _user(network, "dgccrf", "claire")
    made = 0
    for key, send in (("lottery", True), ("sextortion", False)):
        campaign = _campaign_with(campaigns[key])
        if campaign is None:
            continue
        reports = list(
            Evidence.objects.filter(campaign_membership__campaign=campaign, tlp__in=[TLP.CLEAR, TLP.GREEN])[
                :20
            ]
        )
        proposal = _first_candidate(reports, claire.organisation)
        if proposal is None:
            continue
        referral = referrals.do_draft_referral(
            claire,
            title=f"{campaign.name}: reports from the network",
            evidence=reports,
            campaigns=[campaign],
            fields={"requested_organisation": proposal},
            channel="demo",
        )
        made += 1
        if not send:
            continue
        referral = referrals.do_send_referral(claire, referral, channel="demo")
        receiver = next(
            (user for user in network.users[proposal.slug] if user.role in (Role.ANALYST, Role.COORDINATOR)),
            None,
        )
        if receiver is not None:
            referral = referrals.do_acknowledge(receiver, referral)
            referrals.do_accept(receiver, referral, message="We know this operation; we take it up.")
    return made


def _campaign_with(generated: GeneratedCampaign) -> Campaign | None:
    """The campaign the engine formed around a generated campaign's first landing domain or phone."""
    values = [*generated.phones[:1], *generated.wallets[:1], *generated.domains[:1]]
    evidence = IndicatorSighting.objects.filter(value__in=values).values("evidence_id")
    member = (
        CampaignMember.objects.filter(evidence_id__in=evidence, campaign__merged_into=None)
        .values("campaign")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .first()
    )
    return Campaign.objects.get(pk=member["campaign"]) if member else None


def _first_candidate(reports: list[Evidence], requesting: Organisation | None) -> Organisation | None:
    routing = route(reports, requesting=requesting)
    for proposed in routing.routes:
        for candidate in (*proposed.candidates, *proposed.fallback):
            if requesting is None or candidate.organisation.pk != requesting.pk:
                return candidate.organisation
    return None


def _user(network: Network, slug: str, username: str) -> User:
    return next(user for user in network.users[slug] if user.username == username)
