"""What the watching tests share: reports submitted through the evidence actions and analysed, their
alerts raised by the watching action, and campaigns holding them.

``report`` submits one message and analyses it (``analyse`` is idempotent: in a transactional test the
task already ran on commit, and the clustering engine after it; otherwise this is the run), optionally
clusters it with the engine (``cluster``), then raises its alerts with ``match_new_report``, which the
pipeline calls after analysis and clustering. ``campaign_of`` places reports in one campaign as an
analyst does (pinned), so tests of watching do not depend on the engine's choices.
``backdate`` moves a report into the past, for period and baseline tests: the intake stamps
``received_at`` with the present, and the marked tables copy it.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from django.db.models import Count, Max, Min
from django.utils import timezone

from lapnet.campaigns.engine import cluster_report
from lapnet.campaigns.models import Campaign, CampaignMember, LinkKind
from lapnet.evidence import actions
from lapnet.evidence.models import Channel, Evidence, IndicatorSighting
from lapnet.sharing.tlp import TLP
from lapnet.watching.actions import match_new_report

if TYPE_CHECKING:
    from lapnet.members.models import User

LOTTERY = """\
Received: from mail.prize-office.example (mail.prize-office.example [81.2.69.160])
\tby mx.example.net with ESMTP id LT{n}; Mon, 2 Nov 2026 10:00:00 +0100
From: "Prize Office" <winner@prize-office.example>
Reply-To: {dropbox}
To: someone@example.net
Subject: You have won the draw, reference LT{n}
Message-ID: <LT{n}@prize-office.example>
Date: Mon, 2 Nov 2026 09:59:00 +0100
Content-Type: text/plain; charset=utf-8

You have won the lottery (reference LT{n}). Call {phone} to claim your prize,
or write to {dropbox}. More at https://www.gmail.com/claims and http://bit.ly/lt{n}
"""

PARCEL = """\
Received: from smtp.parcel-notice.example (smtp.parcel-notice.example [81.2.69.192])
\tby mx.example.net with ESMTP id PN{n}; Tue, 3 Nov 2026 08:00:00 +0100
From: "Parcel Service" <notice@parcel-notice.example>
Reply-To: {dropbox}
To: someone@example.net
Subject: Your parcel PN{n} is waiting for delivery
Message-ID: <PN{n}@parcel-notice.example>
Date: Tue, 3 Nov 2026 07:59:00 +0100
Content-Type: text/plain; charset=utf-8

We could not deliver your parcel PN{n} because the customs fee has not been paid. Please pay the
fee at https://parcel-fee.example/pay/PN{n} within 48 hours, or the parcel goes back to the sender.
Questions? Write to {dropbox} or call {phone}.
"""

DROPBOX = "claims-desk@lotto-claims.example"
PHONE = "+44 20 7946 0958"


def message(n: int = 0, *, dropbox: str = DROPBOX, phone: str = PHONE, template: str = LOTTERY) -> bytes:
    return template.format(n=n, dropbox=dropbox, phone=phone).encode()


def report(
    user: User,
    tlp: TLP = TLP.GREEN,
    n: int = 0,
    *,
    dropbox: str = DROPBOX,
    phone: str = PHONE,
    template: str = LOTTERY,
    ago: timedelta | None = None,
    cluster: bool = False,
    match: bool = True,
) -> Evidence:
    """One report by ``user``, stored, analysed, (``cluster``) clustered and (``match``) matched."""
    assert user.organisation is not None
    evidence = actions.submit_evidence(
        data=message(n, dropbox=dropbox, phone=phone, template=template),
        organisation=user.organisation,
        submitted_by=user,
        channel=Channel.WEB,
        tlp=tlp,
        source_name=f"report-{n}.eml",
    ).evidence
    evidence = actions.analyse(evidence.pk)
    if cluster and not CampaignMember.objects.filter(evidence=evidence).exists():
        cluster_report(evidence.pk)
    if ago is not None:
        backdate(evidence, ago)
    if match:
        match_new_report(evidence.pk)
    evidence.refresh_from_db()
    return evidence


def backdate(evidence: Evidence, ago: timedelta) -> None:
    when = timezone.now() - ago
    Evidence.objects.filter(pk=evidence.pk).update(received_at=when)
    IndicatorSighting.objects.filter(evidence=evidence).update(seen_at=when)
    CampaignMember.objects.filter(evidence=evidence).update(seen_at=when)


def campaign_of(name: str, reports: list[Evidence], **extra: object) -> Campaign:
    campaign = Campaign.objects.create(name=name, **extra)
    for evidence in reports:
        add_member(campaign, evidence)
    return campaign


def add_member(campaign: Campaign, evidence: Evidence) -> CampaignMember:
    evidence.refresh_from_db()
    # placed as an analyst places a report (pinned); moved there if the engine had clustered it already
    member, _ = CampaignMember.objects.update_or_create(
        evidence=evidence,
        defaults={
            "campaign": campaign,
            "reasons": [{"link": LinkKind.ANALYST}],
            "pinned": True,
            "organisation_id": evidence.organisation_id,
            "tlp": evidence.tlp,
            "submitted_by_id": evidence.submitted_by_id,
            "country": evidence.organisation.country,
            "channel": evidence.kind,
            "category": evidence.category,
            "origin_country": evidence.origin_country,
            "seen_at": evidence.received_at,
        },
    )
    totals = campaign.members.aggregate(size=Count("pk"), first=Min("seen_at"), last=Max("seen_at"))
    Campaign.objects.filter(pk=campaign.pk).update(
        size=totals["size"], first_seen=totals["first"], last_seen=totals["last"]
    )
    return member
