"""Abuse notifications to industry members: ARF (RFC 5965) and X-ARF v4, and their batching.

Industry members (ISPs, hosting companies, registrars, mailbox providers) register the networks and
domains they answer for. Reports whose origin IP falls in one of those networks, or whose reported
domains are one of those domains or below, become notifications to that member.

* :func:`arf_report`: an RFC 5965 feedback report, ``multipart/report; report-type=feedback-report``
  in three parts: a human-readable text, the ``message/feedback-report`` fields, and the original
  message whole (``message/rfc822``) or its header only (``text/rfc822-headers``). The result is
  parsed back with lapnet's own ARF reader before it is returned, and an :class:`AbuseReportError`
  lists what that reader found wrong, if anything.
* :func:`xarf_report`: an X-ARF v4 JSON report (``messaging/spam`` or ``content/phishing``) with the
  message as base64 evidence and its SHA-256; validated against the X-ARF v4 schemas shipped in the
  ``xarf`` package (as :mod:`lapnet.analysis.reports.xarf` loads them) before it is returned.
  :func:`xarf_email` carries one in an email, as an ``application/json`` attachment.
* :func:`batch_notifications`: notifications grouped per member, TLP respected. RFC 5965 describes
  one message per report, and an X-ARF document is one report, so a batch is delivered as one
  message per report, sent together, or wrapped in one RFC 2046 ``multipart/digest`` (:func:`digest`)
  for members that prefer one email per batch.

TLP (``Tlp``): TLP:RED is never notified. A member receives at most its ``max_tlp`` (GREEN by
default: the network's community); TLP:CLEAR and GREEN carry the whole message, TLP:AMBER and
AMBER+STRICT (for members cleared for them) only its header. Recipients' addresses are replaced by
pseudonyms by default (``redact``): a member needs to find the spammer, not the victims (RFC 6590).
"""

from __future__ import annotations

import base64
import email
import email.policy
import hashlib
import ipaddress
import json
import quopri
import re
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from email.header import Header
from email.utils import format_datetime, formataddr
from enum import StrEnum
from typing import Any

from lapnet.analysis.reports.arf import parse_arf
from lapnet.analysis.reports.xarf import validate_v4
from lapnet.exchange.proforma import Tlp
from lapnet.exchange.redact import plan_redaction, redact_message

__all__ = [
    "AbuseReportError",
    "Batch",
    "Enclosure",
    "FeedbackType",
    "IndustryMember",
    "Notification",
    "NotificationFormat",
    "Reporter",
    "Tlp",
    "Withheld",
    "XarfType",
    "arf_report",
    "batch_notifications",
    "digest",
    "enclosure_for",
    "render_batch",
    "xarf_document",
    "xarf_email",
    "xarf_report",
]

XARF_VERSION = "4.2.0"
MAX_EVIDENCE_BYTES = 5 * 1024 * 1024  # the X-ARF v4 limit per evidence item
CRLF = b"\r\n"
_LINE_ENDINGS = re.compile(rb"\r\n|\r|\n")
_BODY_SPLIT = re.compile(rb"\r?\n\r?\n")
_XARF_NAMESPACE = uuid.UUID("5f0c6a52-2f38-4d8e-9a55-0d7c2b1e6a10")


class AbuseReportError(ValueError):
    """A notification that would not be valid; ``errors`` lists every problem."""

    def __init__(self, errors: Sequence[str]) -> None:
        super().__init__("; ".join(errors))
        self.errors = tuple(errors)


class FeedbackType(StrEnum):
    """RFC 5965 section 3.1 and RFC 6591."""

    ABUSE = "abuse"
    FRAUD = "fraud"
    VIRUS = "virus"
    OTHER = "other"
    NOT_SPAM = "not-spam"
    AUTH_FAILURE = "auth-failure"


class Enclosure(StrEnum):
    FULL = "full"  # message/rfc822
    HEADERS = "headers"  # text/rfc822-headers


class XarfType(StrEnum):
    SPAM = "messaging/spam"
    PHISHING = "content/phishing"


class NotificationFormat(StrEnum):
    ARF = "arf"
    XARF = "xarf"


@dataclass(frozen=True, slots=True)
class Reporter:
    """Who reports (X-ARF ``reporter`` and ``sender``; the From of the emails)."""

    org: str
    contact: str  # an email address
    domain: str


# --- ARF ---------------------------------------------------------------------------------------------


def arf_report(
    original: bytes,
    *,
    from_address: str,
    to_address: str,
    date: datetime,
    message_id: str,
    feedback_type: FeedbackType = FeedbackType.ABUSE,
    user_agent: str = "lapnet/1",
    source_ip: str | None = None,
    arrival_date: datetime | None = None,
    reporting_mta: str | None = None,
    reported_domains: Sequence[str] = (),
    reported_uris: Sequence[str] = (),
    original_mail_from: str | None = None,
    original_rcpt_to: Sequence[str] = (),
    incidents: int | None = None,
    authentication_results: Sequence[str] = (),
    enclosure: Enclosure = Enclosure.FULL,
    subject: str | None = None,
    human_text: str | None = None,
) -> bytes:
    """An RFC 5965 feedback report about ``original``, as the bytes of an email (CRLF line endings).

    ``reporting_mta`` is a host name (written ``dns; <name>``). Redact the original first, if needed
    (:func:`lapnet.exchange.redact.redact_message`); :func:`render_batch` does.
    """
    if source_ip is not None:
        source_ip = str(ipaddress.ip_address(source_ip))
    fields: list[tuple[str, str]] = [
        ("Feedback-Type", FeedbackType(feedback_type).value),
        ("User-Agent", user_agent),
        ("Version", "1"),
    ]
    if original_mail_from:
        fields.append(("Original-Mail-From", f"<{original_mail_from.strip('<>')}>"))
    fields.extend(("Original-Rcpt-To", f"<{address.strip('<>')}>") for address in original_rcpt_to)
    if arrival_date is not None:
        fields.append(("Arrival-Date", format_datetime(arrival_date)))
    if reporting_mta:
        fields.append(("Reporting-MTA", f"dns; {reporting_mta}"))
    if source_ip:
        fields.append(("Source-IP", source_ip))
    if incidents is not None:
        fields.append(("Incidents", str(incidents)))
    fields.extend(("Authentication-Results", value) for value in authentication_results)
    fields.extend(("Reported-Domain", domain) for domain in reported_domains)
    fields.extend(("Reported-URI", uri) for uri in reported_uris)
    for name, value in fields:
        if "\r" in value or "\n" in value:
            raise AbuseReportError([f"{name}: a field value cannot contain a line break"])
    machine = CRLF.join(f"{name}: {value}".encode() for name, value in fields) + CRLF
    enclosed = _crlf(original) if enclosure is Enclosure.FULL else _header_block(original)
    enclosed_type = "message/rfc822" if enclosure is Enclosure.FULL else "text/rfc822-headers"
    text = human_text or _arf_text(feedback_type, source_ip, enclosure)
    parts = [
        (
            [
                b'Content-Type: text/plain; charset="utf-8"',
                b"Content-Transfer-Encoding: quoted-printable",
            ],
            _crlf(quopri.encodestring(text.encode("utf-8"))),
        ),
        ([b"Content-Type: message/feedback-report"], machine),
        ([f"Content-Type: {enclosed_type}".encode(), b"Content-Disposition: inline"], enclosed),
    ]
    headers = [
        ("From", from_address),
        ("To", to_address),
        ("Subject", subject or f"Abuse report: {feedback_type} from {source_ip or 'unknown source'}"),
        ("Date", format_datetime(date)),
        ("Message-ID", message_id),
        ("Auto-Submitted", "auto-generated"),
    ]
    data = _multipart(headers, "multipart/report; report-type=feedback-report", parts)
    report = parse_arf(email.message_from_bytes(data, policy=email.policy.compat32)).report
    if not report.valid:
        raise AbuseReportError(list(report.errors))
    return data


def _arf_text(feedback_type: str, source_ip: str | None, enclosure: Enclosure) -> str:
    what = "the message" if enclosure is Enclosure.FULL else "the header of the message"
    return (
        f"This is an abuse report ({feedback_type}) in the Abuse Reporting Format (RFC 5965).\n"
        f"The message was sent from {source_ip or 'an unknown source'}, which you answer for.\n"
        f"The second part holds the machine-readable fields; the third part holds {what}.\n"
    )


# --- X-ARF -------------------------------------------------------------------------------------------


def xarf_document(
    original: bytes | None,
    *,
    report_id: str,
    timestamp: datetime,
    reporter: Reporter,
    source_identifier: str,
    sender: Reporter | None = None,
    xarf_type: XarfType = XarfType.SPAM,
    source_port: int | None = None,
    protocol: str = "smtp",
    smtp_from: str | None = None,
    smtp_to: str | None = None,
    subject: str | None = None,
    message_id: str | None = None,
    evidence_source: str = "spamtrap",
    enclosure: Enclosure = Enclosure.FULL,
    url: str | None = None,
    domain: str | None = None,
    suspicious_links: Sequence[str] = (),
    tags: Sequence[str] = (),
    description: str | None = None,
    confidence: float | None = None,
) -> dict[str, Any]:
    """The X-ARF v4 report as a JSON-ready dict (not yet validated: :func:`xarf_report` validates).

    ``messaging/spam`` over SMTP needs ``smtp_from`` and ``source_port`` (the spammer's client port,
    for CGNAT): lapnet has no default for a port it does not know. ``content/phishing`` needs ``url``.
    """
    category, type_ = xarf_type.value.split("/")
    document: dict[str, Any] = {
        "xarf_version": XARF_VERSION,
        "report_id": report_id,
        "timestamp": _rfc3339(timestamp),
        "reporter": _contact(reporter),
        "sender": _contact(sender or reporter),
        "source_identifier": source_identifier,
        "category": category,
        "type": type_,
        "evidence_source": evidence_source,
    }
    if source_port is not None:
        document["source_port"] = source_port
    if xarf_type is XarfType.SPAM:
        document["protocol"] = protocol
        _put(document, "smtp_from", smtp_from)
        _put(document, "smtp_to", smtp_to)
        _put(document, "subject", subject[:500] if subject else None)
        _put(document, "message_id", message_id[:200] if message_id else None)
        if suspicious_links:
            document["spam_indicators"] = {"suspicious_links": list(suspicious_links)}
    else:
        _put(document, "url", url)
        _put(document, "domain", domain)
    if original is not None:
        payload = _crlf(original) if enclosure is Enclosure.FULL else _header_block(original)
        document["evidence"] = [
            {
                "content_type": "message/rfc822" if enclosure is Enclosure.FULL else "text/rfc822-headers",
                "description": "The reported message"
                if enclosure is Enclosure.FULL
                else "The header of the reported message",
                "payload": base64.b64encode(payload).decode("ascii"),
                "hash": f"sha256:{hashlib.sha256(payload).hexdigest()}",
                "size": len(payload),
            }
        ]
    if tags:
        document["tags"] = list(tags)
    _put(document, "description", description)
    if confidence is not None:
        document["confidence"] = confidence
    return document


def xarf_report(document: Mapping[str, Any]) -> bytes:
    """The report as UTF-8 JSON, after validation against the X-ARF v4 schemas.

    Raises :class:`AbuseReportError` with every violation (``$.source_port: ... required``)."""
    errors = validate_v4(document)
    for index, item in enumerate(document.get("evidence") or []):
        if (
            isinstance(item, Mapping)
            and isinstance(item.get("size"), int)
            and item["size"] > MAX_EVIDENCE_BYTES
        ):
            errors.append(f"$.evidence[{index}].size: {item['size']} bytes is over the X-ARF limit of 5 MiB")
    if errors:
        raise AbuseReportError(errors)
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def xarf_email(
    report: bytes,
    *,
    from_address: str,
    to_address: str,
    date: datetime,
    message_id: str,
    subject: str | None = None,
    human_text: str | None = None,
) -> bytes:
    """An email carrying one X-ARF JSON report as an ``application/json`` attachment."""
    document = json.loads(report)
    text = human_text or (
        f"This is an abuse report in X-ARF v4 format ({document.get('category')}/{document.get('type')}) "
        f"about {document.get('source_identifier')}.\nThe report is attached as JSON (xarf-report.json).\n"
    )
    parts = [
        (
            [
                b'Content-Type: text/plain; charset="utf-8"',
                b"Content-Transfer-Encoding: quoted-printable",
            ],
            _crlf(quopri.encodestring(text.encode("utf-8"))),
        ),
        (
            [
                b'Content-Type: application/json; name="xarf-report.json"',
                b'Content-Disposition: attachment; filename="xarf-report.json"',
                b"Content-Transfer-Encoding: base64",
            ],
            _crlf(base64.encodebytes(report)),
        ),
    ]
    headers = [
        ("From", from_address),
        ("To", to_address),
        ("Subject", subject or f"X-ARF abuse report about {document.get('source_identifier')}"),
        ("Date", format_datetime(date)),
        ("Message-ID", message_id),
        ("Auto-Submitted", "auto-generated"),
        ("X-XARF", "PLAIN"),
    ]
    return _multipart(headers, "multipart/mixed", parts)


# --- members, notifications and batches --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class IndustryMember:
    id: str
    name: str
    abuse_address: str
    networks: tuple[str, ...] = ()  # CIDR blocks, IPv4 or IPv6
    domains: tuple[str, ...] = ()  # a domain covers its subdomains
    max_tlp: Tlp = Tlp.GREEN  # the narrowest marking this member may receive
    format: NotificationFormat = NotificationFormat.ARF

    def covers_ip(self, ip: str | None) -> bool:
        if not ip:
            return False
        try:
            address = ipaddress.ip_address(ip)
        except ValueError:
            return False
        return any(address in ipaddress.ip_network(network, strict=False) for network in self.networks)

    def covers_domain(self, name: str) -> bool:
        name = name.lower().rstrip(".")
        return any(name == domain.lower() or name.endswith("." + domain.lower()) for domain in self.domains)


@dataclass(frozen=True, slots=True, kw_only=True)
class Notification:
    """One report about one message, as it may be notified."""

    id: str
    original: bytes
    tlp: Tlp
    arrival_date: datetime
    source_ip: str | None = None
    source_port: int | None = None
    reported_domains: tuple[str, ...] = ()
    reported_uris: tuple[str, ...] = ()
    original_mail_from: str | None = None
    original_rcpt_to: tuple[str, ...] = ()
    subject: str | None = None
    message_id: str | None = None
    xarf_type: XarfType = XarfType.SPAM

    @classmethod
    def from_analysis(
        cls, id: str, original: bytes, result: Mapping[str, Any], *, tlp: Tlp, arrival_date: datetime
    ) -> Notification:
        """From a stored analysis result (``to_dict``): origin IP, URLs, domains, envelope."""
        origin = result.get("origin") if isinstance(result.get("origin"), Mapping) else {}
        indicators = result.get("indicators") if isinstance(result.get("indicators"), Mapping) else {}
        report = result.get("report") if isinstance(result.get("report"), Mapping) else {}
        assert isinstance(origin, Mapping) and isinstance(indicators, Mapping) and isinstance(report, Mapping)
        values = _indicator_values
        return cls(
            id=id,
            original=original,
            tlp=tlp,
            arrival_date=arrival_date,
            source_ip=origin.get("ip") if isinstance(origin.get("ip"), str) else None,
            reported_domains=values(indicators.get("domain")),
            reported_uris=values(indicators.get("url")),
            original_mail_from=_address_of(result.get("return_path")) or _address_of(result.get("from")),
            original_rcpt_to=tuple(
                address for value in result.get("to") or () if (address := _address_of(value)) is not None
            ),
            subject=result.get("subject") if isinstance(result.get("subject"), str) else None,
            message_id=result.get("message_id") if isinstance(result.get("message_id"), str) else None,
            xarf_type=XarfType.PHISHING if result.get("category") == "phishing" else XarfType.SPAM,
        )


@dataclass(frozen=True, slots=True)
class Batch:
    member: IndustryMember
    notifications: tuple[Notification, ...]


@dataclass(frozen=True, slots=True)
class Withheld:
    notification_id: str
    member_id: str
    reason: str


def enclosure_for(tlp: Tlp) -> Enclosure:
    """TLP:CLEAR and GREEN carry the whole message; AMBER and AMBER+STRICT only its header."""
    return Enclosure.FULL if tlp.rank <= Tlp.GREEN.rank else Enclosure.HEADERS


def batch_notifications(
    notifications: Iterable[Notification], members: Iterable[IndustryMember], *, max_per_batch: int = 100
) -> tuple[tuple[Batch, ...], tuple[Withheld, ...]]:
    """Notifications grouped per member (origin IP in its networks, or a reported domain in its
    domains), in input order, at most ``max_per_batch`` each; and what TLP kept from whom."""
    roster = list(members)
    grouped: dict[str, list[Notification]] = {member.id: [] for member in roster}
    withheld: list[Withheld] = []
    for notification in notifications:
        for member in roster:
            if not (
                member.covers_ip(notification.source_ip)
                or any(member.covers_domain(domain) for domain in notification.reported_domains)
            ):
                continue
            if notification.tlp is Tlp.RED:
                withheld.append(Withheld(notification.id, member.id, "TLP:RED is never notified"))
            elif notification.tlp.rank > member.max_tlp.rank:
                withheld.append(
                    Withheld(
                        notification.id,
                        member.id,
                        f"{notification.tlp.value} is narrower than {member.max_tlp.value}, "
                        "the narrowest marking this member may receive",
                    )
                )
            else:
                grouped[member.id].append(notification)
    batches = [
        Batch(member, tuple(items[start : start + max_per_batch]))
        for member in roster
        if (items := grouped[member.id])
        for start in range(0, len(items), max_per_batch)
    ]
    return tuple(batches), tuple(withheld)


def render_batch(
    batch: Batch,
    *,
    reporter: Reporter,
    date: datetime,
    redact: bool = True,
    user_agent: str = "lapnet/1",
    reporting_mta: str | None = None,
) -> tuple[bytes, ...]:
    """One email per notification of the batch, in the member's format, TLP and redaction applied.

    Message ids and X-ARF report ids are derived from the notification and member ids, so that a
    retried batch produces the same messages (receivers can de-duplicate)."""
    messages: list[bytes] = []
    for notification in batch.notifications:
        original = notification.original
        rcpt_to = notification.original_rcpt_to
        if redact:
            plan = plan_redaction([original], extra_addresses=rcpt_to)
            original = redact_message(original, plan).data
            rcpt_to = tuple(plan.pseudonym(address) or address for address in rcpt_to)
        enclosure = enclosure_for(notification.tlp)
        key = f"{batch.member.id}/{notification.id}"
        message_id = f"<{uuid.uuid5(_XARF_NAMESPACE, key)}@{reporter.domain}>"
        if batch.member.format is NotificationFormat.ARF:
            messages.append(
                arf_report(
                    original,
                    from_address=formataddr((reporter.org, reporter.contact)),
                    to_address=batch.member.abuse_address,
                    date=date,
                    message_id=message_id,
                    user_agent=user_agent,
                    source_ip=notification.source_ip,
                    arrival_date=notification.arrival_date,
                    reporting_mta=reporting_mta,
                    reported_domains=[
                        d for d in notification.reported_domains if batch.member.covers_domain(d)
                    ],
                    reported_uris=notification.reported_uris,
                    original_mail_from=notification.original_mail_from,
                    original_rcpt_to=rcpt_to,
                    incidents=1,
                    enclosure=enclosure,
                    subject=f"[{notification.tlp.value}] Abuse report {notification.id}",
                )
            )
        else:
            document = xarf_document(
                original,
                report_id=str(uuid.uuid5(_XARF_NAMESPACE, key)),
                timestamp=notification.arrival_date,
                reporter=reporter,
                source_identifier=notification.source_ip or next(iter(notification.reported_domains), ""),
                xarf_type=notification.xarf_type,
                source_port=notification.source_port,
                smtp_from=notification.original_mail_from,
                smtp_to=rcpt_to[0] if rcpt_to else None,
                subject=notification.subject,
                message_id=notification.message_id,
                enclosure=enclosure,
                url=next(iter(notification.reported_uris), None),
                tags=[f"tlp:{notification.tlp.value.removeprefix('TLP:').lower().replace('+', '-')}"],
            )
            messages.append(
                xarf_email(
                    xarf_report(document),
                    from_address=formataddr((reporter.org, reporter.contact)),
                    to_address=batch.member.abuse_address,
                    date=date,
                    message_id=message_id,
                    subject=f"[{notification.tlp.value}] X-ARF abuse report {notification.id}",
                )
            )
    return tuple(messages)


def digest(
    messages: Sequence[bytes],
    *,
    from_address: str,
    to_address: str,
    date: datetime,
    message_id: str,
    subject: str,
) -> bytes:
    """Several notifications in one email: an RFC 2046 ``multipart/digest`` of ``message/rfc822``
    parts (each part a complete ARF or X-ARF email, unchanged but for CRLF line endings)."""
    headers = [
        ("From", from_address),
        ("To", to_address),
        ("Subject", subject),
        ("Date", format_datetime(date)),
        ("Message-ID", message_id),
        ("Auto-Submitted", "auto-generated"),
    ]
    return _multipart(headers, "multipart/digest", [([], _crlf(message)) for message in messages])


# --- MIME by hand: the enclosed message keeps its bytes ----------------------------------------------


def _multipart(
    headers: list[tuple[str, str]], content_type: str, parts: list[tuple[list[bytes], bytes]]
) -> bytes:
    boundary = _boundary([body for _, body in parts])
    lines = [f"{name}: {_header_value(value)}".encode("ascii") for name, value in headers]
    lines.append(b"MIME-Version: 1.0")
    lines.append(f'Content-Type: {content_type}; boundary="{boundary}"'.encode("ascii"))
    out = [CRLF.join(lines), CRLF, CRLF, b"This is a multi-part message in MIME format.", CRLF]
    for part_headers, body in parts:
        out += [CRLF, b"--", boundary.encode("ascii"), CRLF]
        out += [header + CRLF for header in part_headers]
        out += [CRLF, body if body.endswith(CRLF) else body + CRLF]
    out += [CRLF, b"--", boundary.encode("ascii"), b"--", CRLF]
    return b"".join(out)


def _boundary(bodies: list[bytes]) -> str:
    seed = hashlib.sha256(b"".join(bodies)).hexdigest()
    for counter in range(1000):
        boundary = f"=_lapnet_{seed[:24]}_{counter}"
        if not any(boundary.encode("ascii") in body for body in bodies):
            return boundary
    raise AbuseReportError(["no MIME boundary absent from the content could be found"])


def _header_value(value: str) -> str:
    if value.isascii():
        return value
    if "<" in value and "@" in value:  # an address with a non-ASCII display name
        name, _, rest = value.rpartition("<")
        return f"{Header(name.strip().strip('"'), 'utf-8').encode()} <{rest}"
    return Header(value, "utf-8").encode()


def _crlf(data: bytes) -> bytes:
    return _LINE_ENDINGS.sub(CRLF, data)


def _header_block(original: bytes) -> bytes:
    match = _BODY_SPLIT.search(original)
    return _crlf(original[: match.start()] if match else original) + CRLF


def _rfc3339(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


def _contact(reporter: Reporter) -> dict[str, str]:
    return {"org": reporter.org, "contact": reporter.contact, "domain": reporter.domain}


def _put(document: dict[str, Any], key: str, value: object) -> None:
    if value is not None and value != "":
        document[key] = value


def _indicator_values(items: object) -> tuple[str, ...]:
    if not isinstance(items, list):
        return ()
    return tuple(
        item["value"] for item in items if isinstance(item, Mapping) and isinstance(item.get("value"), str)
    )


def _address_of(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    found = email.utils.getaddresses([value])
    address = found[0][1] if found else ""
    return address if "@" in address else None
