"""Set-up shared by the notification tests: the German mail provider (dave's) registers a network."""

from __future__ import annotations

from pathlib import Path

from lapnet.evidence.actions import submit_evidence
from lapnet.evidence.models import Channel, Evidence
from lapnet.members.models import Organisation, OrganisationDomain, OrganisationNetwork, User
from lapnet.notifications.models import AbuseDesk, NotificationFormat
from lapnet.sharing.tlp import TLP

FIXTURES = Path(__file__).parents[1] / "analysis" / "fixtures"
# tests/analysis/fixtures/crlf_lottery.eml: sent from 81.2.69.160, names lottery-winner.example
LOTTERY = (FIXTURES / "crlf_lottery.eml").read_bytes()
EXIM_HOP = (
    b"Received: from mail.example.org ([81.2.69.160] port=41234 helo=mail.example.org)\r\n"
    b"\tby mx.example.net with esmtp (Exim 4.97)\r\n\tid 1tABCD-000123-EF\r\n"
    b"\tfor victim@example.net; Mon, 02 Nov 2026 10:00:00 +0100\r\n"
)
# the same message as an Exim relay records it: the client port is in the header
LOTTERY_WITH_PORT = EXIM_HOP + LOTTERY.split(b"\r\n", 3)[3]


def register_desk(
    organisation: Organisation,
    *,
    network: str | None = "81.2.69.0/24",
    domain: str | None = None,
    format: NotificationFormat = NotificationFormat.ARF,
    max_tlp: TLP = TLP.GREEN,
    digest: bool = False,
) -> AbuseDesk:
    if network:
        OrganisationNetwork.objects.create(organisation=organisation, cidr=network)
    if domain:
        OrganisationDomain.objects.create(organisation=organisation, domain=domain)
    return AbuseDesk.objects.create(
        organisation=organisation,
        address=f"abuse@{organisation.slug}.example",
        format=format,
        max_tlp=max_tlp,
        digest=digest,
    )


def submit(user: User, data: bytes = LOTTERY, tlp: TLP = TLP.GREEN) -> Evidence:
    assert user.organisation is not None
    submitted = submit_evidence(
        data=data,
        organisation=user.organisation,
        submitted_by=user,
        channel=Channel.WEB,
        tlp=tlp,
        source_name="lottery.eml",
    )
    return Evidence.objects.get(pk=submitted.evidence.pk)
