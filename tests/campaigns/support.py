"""What the campaign page tests share: realistic spam of two operations, submitted through the
evidence actions, analysed and clustered by the real engine.

``report`` submits one message, analyses it and clusters it: the tasks that do this in production run
on commit, which a test transaction never reaches, so the same functions they call are called here.
Both are idempotent.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.test import Client

from lapnet.campaigns import engine
from lapnet.campaigns.models import Campaign
from lapnet.evidence import actions
from lapnet.evidence.models import Channel, Evidence
from lapnet.sharing.tlp import TLP
from tests.members.support import login

if TYPE_CHECKING:
    from lapnet.members.models import User

LOTTERY = """\
Received: from mail.prize-office.example (mail.prize-office.example [81.2.69.160])
\tby mx.example.net with ESMTP id {ref}; Mon, 2 Nov 2026 10:00:00 +0100
From: "UK National Lottery" <{sender}>
Reply-To: claims-desk@lotto-claims.example
To: {name_lower}@example.net
Subject: Congratulations {name}, you have won {amount} GBP
Message-ID: <{ref}@prize-office.example>
Date: Mon, 2 Nov 2026 09:59:00 +0100
Content-Type: text/plain; charset=utf-8

Dear {name},

Congratulations! Your e-mail address has won {amount} GBP in the UK National Lottery
international draw. Your winning reference number is {ref}.

To claim your prize, call our claims agent on {phone} or reply to this message with your
full name, address and a copy of your passport. Visit https://lotto-claims.example/claim?id={ref}

Yours faithfully,
Mrs. Jane Walker, Claims Department
"""

PARCEL = """\
Received: from smtp.parcel-notice.example (smtp.parcel-notice.example [194.109.6.66])
\tby mx.example.net with ESMTP id {ref}; Tue, 3 Nov 2026 08:00:00 +0100
From: "Parcel Service" <{sender}>
To: {name_lower}@example.net
Subject: Your parcel {ref} is waiting for delivery
Message-ID: <{ref}@parcel-notice.example>
Date: Tue, 3 Nov 2026 07:59:00 +0100
Content-Type: text/plain; charset=utf-8

Hello {name},

We could not deliver your parcel {ref} because the customs fee of {amount} EUR has not been paid.
Please pay the fee at https://parcel-fee.example/pay/{ref} within 48 hours, or the parcel will be
returned to the sender. Questions? Call {phone}.
"""

PHARMA = """\
Received: from out.cheap-meds.example (out.cheap-meds.example [203.0.113.9])
\tby mx.example.net with ESMTP id {ref}; Wed, 4 Nov 2026 08:00:00 +0100
From: "Online Pharmacy" <{sender}>
To: {name_lower}@example.net
Subject: {name}, 80% off your prescription today
Message-ID: <{ref}@cheap-meds.example>
Content-Type: text/plain; charset=utf-8

Hi {name}, order generic viagra and cialis without a prescription at https://cheap-meds.example/{ref}
Discreet shipping worldwide. Order line: {phone}.
"""

SENDERS = {
    LOTTERY: "winner@prize-office.example",
    PARCEL: "notice@parcel-notice.example",
    PHARMA: "sales@cheap-meds.example",
}
DEFAULT_PHONES = {PARCEL: "+33 1 23 45 67 89", PHARMA: "+1 202 555 0147"}
NAMES = ("Marie", "Pieter", "Jonas", "Claire", "Sven", "Lucia", "Tomasz", "Anna", "Hugo", "Eva")
PHONES = ("+44 20 7946 0958", "+44 20 7946 0321", "+44 161 496 0000", "+44 113 496 0777")


def message(template: str, n: int, *, phone: str | None = None, sender: str | None = None) -> bytes:
    name = NAMES[n % len(NAMES)]
    return template.format(
        name=name,
        name_lower=name.lower(),
        amount=f"{(n + 1) * 125_000:,}",
        ref=f"LT{48213 + n * 7919}",
        phone=phone or DEFAULT_PHONES.get(template) or PHONES[n % len(PHONES)],
        sender=sender or SENDERS[template],
    ).encode()


def report(
    user: User,
    tlp: TLP,
    n: int = 0,
    *,
    template: str = LOTTERY,
    phone: str | None = None,
    sender: str | None = None,
) -> Evidence:
    """One report by ``user`` of variant ``n`` of the template: stored, analysed and clustered."""
    assert user.organisation is not None
    evidence = actions.submit_evidence(
        data=message(template, n, phone=phone, sender=sender),
        organisation=user.organisation,
        submitted_by=user,
        channel=Channel.WEB,
        tlp=tlp,
        source_name=f"report-{n}.eml",
    ).evidence
    evidence = actions.analyse(evidence.pk)
    engine.cluster_report(evidence.pk)
    return evidence


def campaign_of(*reports: Evidence) -> Campaign:
    """The one campaign the engine put these reports in."""
    [campaign_id] = {evidence.campaign_membership.campaign_id for evidence in _fresh(reports)}
    return Campaign.objects.get(pk=campaign_id)


def _fresh(reports: tuple[Evidence, ...]) -> list[Evidence]:
    return list(Evidence.objects.filter(pk__in=[e.pk for e in reports]).select_related("campaign_membership"))


def client_for(user: User) -> Client:
    client = Client()
    login(client, user)
    return client
