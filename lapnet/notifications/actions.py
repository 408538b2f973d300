"""Abuse notifications to industry members: which reports concern whom, and sending them in batches.

``queue_for_evidence`` runs when a report has been analysed: it finds the members whose registered
networks hold the report's origin IP, or whose registered domains cover a domain the report names,
and records one notification per member, queued or withheld with the reason. ``send_queued`` runs on
the periodic clock: it groups what is queued per member, renders it with
:mod:`lapnet.exchange.abuse` (ARF or X-ARF, the enclosure narrowed by the TLP, recipients' addresses
redacted) and sends it through Django's mail backends.

TLP decides who may be told: CLEAR and GREEN go to any member whose desk accepts that marking;
AMBER only to the owner and the owner's sharing partners (AMBER is need-to-know within the
community that received it); AMBER+STRICT and RED to nobody else.
"""

from __future__ import annotations

import dataclasses
import email
import email.policy
import ipaddress
import logging
import re
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMessage, mailers
from django.db import transaction
from django.utils import timezone

from lapnet.evidence import store
from lapnet.evidence.models import AnalysisStatus, Evidence
from lapnet.exchange.abuse import (
    AbuseReportError,
    Batch,
    IndustryMember,
    Notification,
    Reporter,
    batch_notifications,
    digest,
    render_batch,
)
from lapnet.exchange.abuse import NotificationFormat as ExchangeFormat
from lapnet.exchange.proforma import Tlp
from lapnet.members.access import can_manage_organisation
from lapnet.notifications.models import AbuseDesk, AbuseNotification, NotificationFormat, NotificationState
from lapnet.sharing.access import sharing_partner_ids
from lapnet.sharing.audit import record
from lapnet.sharing.models import AuditAction
from lapnet.sharing.tlp import TLP

if TYPE_CHECKING:
    from lapnet.members.models import Organisation, User

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 5
EXCHANGE_TLP = {
    TLP.CLEAR: Tlp.CLEAR,
    TLP.GREEN: Tlp.GREEN,
    TLP.AMBER: Tlp.AMBER,
    TLP.AMBER_STRICT: Tlp.AMBER_STRICT,
    TLP.RED: Tlp.RED,
}


class NotificationError(PermissionError):
    """The actor may not change this organisation's abuse desk."""


def do_configure_abuse_desk(
    actor: User,
    organisation: Organisation,
    *,
    address: str,
    format: NotificationFormat = NotificationFormat.ARF,
    max_tlp: TLP = TLP.GREEN,
    digest: bool = False,
    enabled: bool = True,
    channel: str = "web",
) -> AbuseDesk:
    if not can_manage_organisation(actor, organisation):
        raise NotificationError(
            "only the organisation's coordinators or the secretariat may set its abuse desk"
        )
    with transaction.atomic():
        desk, _ = AbuseDesk.objects.update_or_create(
            organisation=organisation,
            defaults={
                "address": address,
                "format": format,
                "max_tlp": max_tlp,
                "digest": digest,
                "enabled": enabled,
            },
        )
        record(
            actor,
            AuditAction.CHANGE,
            desk,
            f"abuse desk of {organisation} set to {address} ({NotificationFormat(format).label}, "
            f"up to {TLP(max_tlp).label}{', paused' if not enabled else ''})",
            channel=channel,
        )
    return desk


@dataclass(frozen=True)
class _Desk:
    desk: AbuseDesk
    networks: tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]
    domains: tuple[str, ...]

    def match_ip(self, origin_ip: str) -> str | None:
        try:
            address = ipaddress.ip_address(origin_ip)
        except ValueError:
            return None
        for network in self.networks:
            if address.version == network.version and address in network:
                return f"origin {origin_ip} in {network}"
        return None

    def match_domains(self, names: set[str]) -> str | None:
        for registered in self.domains:
            for name in sorted(names):
                if name == registered or name.endswith("." + registered):
                    return f"domain {name} under {registered}"
        return None


def _desks() -> list[_Desk]:
    desks = AbuseDesk.objects.filter(enabled=True).select_related("organisation")
    loaded = []
    for desk in desks.prefetch_related("organisation__networks", "organisation__domains"):
        networks = []
        for row in desk.organisation.networks.all():
            try:
                networks.append(ipaddress.ip_network(row.cidr, strict=False))
            except ValueError:
                log.warning("ignoring the invalid network %r of %s", row.cidr, desk.organisation)
        domains = tuple(row.domain.lower().rstrip(".") for row in desk.organisation.domains.all())
        loaded.append(_Desk(desk, tuple(networks), domains))
    return loaded


def _domains_of(results: list[dict[str, Any]]) -> set[str]:
    names: set[str] = set()
    for result in results:
        indicators = result.get("indicators") or {}
        for entry in indicators.get("domain") or ():
            if value := entry.get("value"):
                names.add(str(value).lower().rstrip("."))
        for entry in indicators.get("url") or ():
            if host := urlsplit(str(entry.get("value") or "")).hostname:
                names.add(host.lower().rstrip("."))
    return names


def client_port(result: dict[str, Any]) -> int | None:
    """The origin client's TCP port, where the receiving MTA wrote it (Exim's ``port=``, ``[ip]:port``)."""
    origin = result.get("origin") or {}
    ip = origin.get("ip")
    if not ip:
        return None
    for hop in origin.get("hops") or ():
        if hop.get("ip") != ip:
            continue
        raw = str(hop.get("raw") or "")
        found = re.search(rf"\[{re.escape(ip)}\]:(\d{{1,5}})\b", raw) or re.search(
            r"\bport[= ](\d{1,5})\b", raw
        )
        if found and 0 < int(found.group(1)) < 65536:
            return int(found.group(1))
    return None


def _withheld_by_marking(evidence: Evidence, recipient_id: int) -> str:
    """Why the marking keeps this report from that member ("" when it may be told)."""
    marking = TLP(evidence.tlp)
    if recipient_id == evidence.organisation_id or marking in (TLP.CLEAR, TLP.GREEN):
        return ""
    if marking == TLP.AMBER:
        if recipient_id in sharing_partner_ids(evidence.organisation_id):
            return ""
        return "TLP:AMBER: the member is not the owner's sharing partner"
    return f"{marking.label}: not shared beyond the owner"


def queue_for_evidence(evidence_id: int) -> list[AbuseNotification]:
    """Record the notifications an analysed report calls for; idempotent (one per report and member)."""
    evidence = Evidence.objects.get(pk=evidence_id)
    if evidence.status != AnalysisStatus.DONE:
        return []
    results = list(evidence.results or [])
    origin_ips = {str((result.get("origin") or {}).get("ip") or "") for result in results} - {""}
    domains = _domains_of(results)
    created = []
    for desk in _desks():
        matched = next(
            (found for ip in sorted(origin_ips) if (found := desk.match_ip(ip))), None
        ) or desk.match_domains(domains)
        if matched is None:
            continue
        reason = _withheld_by_marking(evidence, desk.desk.organisation_id)
        notification, was_created = AbuseNotification.objects.get_or_create(
            evidence=evidence,
            organisation_id=desk.desk.organisation_id,
            defaults={
                "matched": matched[:300],
                "state": NotificationState.WITHHELD if reason else NotificationState.QUEUED,
                "reason": reason,
            },
        )
        if was_created:
            created.append(notification)
    return created


class RawEmail(EmailMessage):
    """A complete message already rendered (an ARF or X-ARF report), sent as it is."""

    def __init__(self, raw: bytes, *, from_email: str, to: list[str]) -> None:
        super().__init__(from_email=from_email, to=to)
        self.raw = raw

    def message(self, *, policy: email.policy.Policy = email.policy.default) -> Any:
        return email.message_from_bytes(self.raw, policy=email.policy.compat32.clone(linesep=policy.linesep))


def _reporter() -> Reporter:
    contact = settings.DEFAULT_FROM_EMAIL
    domain = contact.rpartition("@")[2] or "localhost"
    return Reporter(org=getattr(settings, "LAPNET_NODE_NAME", "lapnet"), contact=contact, domain=domain)


def send_queued() -> int:
    """Send every queued notification, batched per member; return how many were sent."""
    queued = list(
        AbuseNotification.objects.filter(
            state__in=[NotificationState.QUEUED, NotificationState.FAILED], attempts__lt=MAX_ATTEMPTS
        )
        .select_related("evidence", "organisation__abuse_desk")
        .order_by("organisation_id", "id")
    )
    per_member: dict[int, list[AbuseNotification]] = defaultdict(list)
    for row in queued:
        per_member[row.organisation_id].append(row)
    sent = 0
    connection = mailers.default
    for rows in per_member.values():
        sent += _send_member_batch(rows, connection)
    return sent


def _send_member_batch(rows: list[AbuseNotification], connection: Any) -> int:
    desk = rows[0].organisation.abuse_desk
    member = IndustryMember(
        id=str(desk.organisation_id),
        name=desk.organisation.name,
        abuse_address=desk.address,
        networks=tuple(row.cidr for row in desk.organisation.networks.all()),
        domains=tuple(row.domain for row in desk.organisation.domains.all()),
        max_tlp=EXCHANGE_TLP[TLP(desk.max_tlp)],
        format=ExchangeFormat.XARF if desk.format == NotificationFormat.XARF else ExchangeFormat.ARF,
    )
    by_id: dict[str, AbuseNotification] = {}
    notifications = []
    for row in rows:
        evidence = row.evidence
        result = (evidence.results or [{}])[0]
        notification = Notification.from_analysis(
            str(row.pk),
            store.get(evidence.blob_id),
            result,
            tlp=EXCHANGE_TLP[TLP(evidence.tlp)],
            arrival_date=evidence.received_at,
        )
        notification = dataclasses.replace(notification, source_port=client_port(result))
        row.format, row.reason = "", ""
        row.format = ""
        by_id[notification.id] = row
        notifications.append(notification)
    batches, withheld = batch_notifications(notifications, [member])
    for held in withheld:
        AbuseNotification.objects.filter(pk=by_id[held.notification_id].pk).update(
            state=NotificationState.WITHHELD, reason=held.reason[:300]
        )
    now = timezone.now()
    reporter = _reporter()
    rendered: list[tuple[AbuseNotification, bytes]] = []
    for batch in batches:
        for notification in batch.notifications:
            row = by_id[notification.id]
            try:  # one at a time: a report that cannot be written holds up no other
                (raw,) = render_batch(Batch(member, (notification,)), reporter=reporter, date=now)
            except AbuseReportError as error:
                if member.format is not ExchangeFormat.XARF:
                    AbuseNotification.objects.filter(pk=row.pk).update(
                        state=NotificationState.WITHHELD, reason=f"cannot be written as ARF: {error}"[:300]
                    )
                    continue
                # X-ARF requires the client port for SMTP spam, which most Received headers omit: the
                # desk still hears of the abuse, as ARF, and the reason says why
                as_arf = dataclasses.replace(member, format=ExchangeFormat.ARF)
                (raw,) = render_batch(Batch(as_arf, (notification,)), reporter=reporter, date=now)
                row.format = NotificationFormat.ARF
                row.reason = f"sent as ARF: X-ARF needs what the report lacks ({error})"[:300]
            rendered.append((row, raw))
    if not rendered:
        return 0
    outgoing = [
        RawEmail(raw, from_email=settings.DEFAULT_FROM_EMAIL, to=[desk.address]) for _, raw in rendered
    ]
    if desk.digest and len(rendered) > 1:
        packed = digest(
            [raw for _, raw in rendered],
            from_address=settings.DEFAULT_FROM_EMAIL,
            to_address=desk.address,
            date=now,
            message_id=f"<digest-{rendered[0][0].pk}-{len(rendered)}@{reporter.domain}>",
            subject=f"{len(rendered)} abuse reports from {reporter.org}",
        )
        outgoing = [RawEmail(packed, from_email=settings.DEFAULT_FROM_EMAIL, to=[desk.address])]
    try:
        connection.send_messages(outgoing)
    except Exception as error:
        log.exception("sending %s abuse notifications to %s failed", len(rendered), desk.address)
        for row, _ in rendered:
            AbuseNotification.objects.filter(pk=row.pk).update(
                state=NotificationState.FAILED, reason=repr(error)[:300], attempts=row.attempts + 1
            )
        return 0
    for row, raw in rendered:
        parsed = email.message_from_bytes(raw, policy=email.policy.compat32)
        AbuseNotification.objects.filter(pk=row.pk).update(
            state=NotificationState.SENT,
            sent_at=now,
            reason=row.reason,
            format=row.format or desk.format,
            message_id=str(parsed.get("Message-ID", ""))[:300],
            attempts=row.attempts + 1,
        )
    return len(rendered)
