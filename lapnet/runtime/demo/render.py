"""Turning a campaign's draft into the raw bytes a member would report: RFC 5322 with a Received chain.

The chain is what the reporting member's own mail system writes, read from the top:

1. the member's mailbox server took the message from its inbound MX over LMTP (a private address:
   the header walk calls this hop *internal*);
2. the inbound MX took it from the sending machine (a public address in the sender's country: the
   walk's *origin*);
3. sometimes a line the sender wrote itself (an authenticated submission from a private address, a
   forged relay): below the origin, so *unverifiable*.

The body is built by the standard library's ``email`` package (quoted-printable UTF-8, HTML
alternatives, attachments), the header block by hand so the order and folding are those of a real MTA.
SMS reports are written as a JSON list of 7726-style records (text and sender).
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from email import policy
from email.header import Header
from email.message import EmailMessage
from email.utils import format_datetime, formataddr

from lapnet.runtime.demo.campaigns import Draft, Sms
from lapnet.runtime.demo.identifiers import token

# UTC offsets (hours) the sending machines' clocks show, by country
UTC_OFFSETS = {
    "AR": -3, "BD": 6, "BG": 2, "BR": -3, "CI": 0, "CL": -3, "CN": 8, "CO": -5, "DE": 1, "EG": 2, "FR": 1, "GB": 0,
    "GH": 0, "ID": 7, "IN": 5.5, "JM": -5, "KE": 3, "MA": 1, "MX": -6, "MY": 8, "NG": 1, "NL": 1, "PH": 8, "PK": 5,
    "PL": 1, "RO": 2, "RU": 3, "SN": 0, "TH": 7, "TR": 3, "UA": 2, "US": -5, "VN": 7, "ZA": 2,
}  # fmt: skip
HELO_WORDS = ("mail", "smtp", "mx", "relay", "out", "server", "host", "vps")
MTA_BANNERS = ("Postfix", "Exim 4.97", "Microsoft SMTP Server")


@dataclass(frozen=True)
class Delivery:
    """Where one copy of a campaign message went: the reporting member, the recipient and the route."""

    reporter_slug: str
    recipient: str
    sender_ip: str
    sender_country: str
    sent_at: datetime  # aware


def recipient_for(rng: random.Random, reporter_slug: str) -> str:
    """A spam-trap or a customer mailbox at the reporting member's (reserved ``.example``) domain."""
    local = rng.choice(("info", "contact", "abuse-trap", "j.doe", "sales", "office", "m.keller", "a.rossi"))
    return f"{local}{rng.randint(1, 99)}@{reporter_slug}.example"


def render_email(draft: Draft, delivery: Delivery, rng: random.Random) -> bytes:
    slug = delivery.reporter_slug
    sender_clock = timezone(timedelta(hours=UTC_OFFSETS.get(delivery.sender_country, 0)))
    sent = delivery.sent_at.astimezone(sender_clock)
    received = delivery.sent_at.astimezone(UTC) + timedelta(seconds=rng.randint(2, 40))
    stored = received + timedelta(seconds=rng.randint(1, 3))
    from_address = draft.from_address.replace("{recipient}", delivery.recipient)
    from_domain = from_address.rsplit("@", 1)[-1]

    helo, rdns = _sender_names(rng, delivery.sender_ip, from_domain)
    queue_id = token(rng, 10, "0123456789ABCDEF")
    mx = f"mx{rng.randint(1, 3)}.{slug}.example"
    headers = [
        f"Return-Path: <bounce-{token(rng, 8)}@{from_domain}>",
        f"Received: from {mx} ({mx} [10.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(2, 254)}])\r\n"
        f"\tby mailstore.{slug}.example (Dovecot) with LMTP id {token(rng, 12)}\r\n"
        f"\tfor <{delivery.recipient}>; {format_datetime(stored)}",
        f"Received: from {helo} ({rdns} [{delivery.sender_ip}])\r\n"
        f"\tby {mx} ({rng.choice(MTA_BANNERS)}) with ESMTP id {queue_id}\r\n"
        f"\tfor <{delivery.recipient}>; {format_datetime(received)}",
    ]
    if rng.random() < 0.35:  # the sender's own submission line: unverifiable, sometimes forged
        headers.append(
            f"Received: from [192.168.{rng.randint(0, 20)}.{rng.randint(2, 254)}] (unknown)\r\n"
            f"\tby {helo} with ESMTPA id {token(rng, 8)}; {format_datetime(sent - timedelta(seconds=3))}"
        )
    headers += [
        f"From: {_address(draft.from_name, from_address)}",
        f"To: {delivery.recipient}",
        f"Subject: {_encoded(draft.subject)}",
        f"Date: {format_datetime(sent)}",
        f"Message-ID: <{token(rng, 24)}@{from_domain}>",
    ]
    if draft.reply_to:
        headers.append(f"Reply-To: {draft.reply_to}")
    if draft.mailer:
        headers.append(f"X-Mailer: {draft.mailer}")
    if draft.list_unsubscribe:
        headers.append(f"List-Unsubscribe: <{draft.list_unsubscribe}>")
    return "\r\n".join(headers).encode("utf-8") + b"\r\n" + _body(draft)


def render_sms_report(messages: list[Sms], received: list[datetime], recipient_country: str) -> bytes:
    records = [
        {
            "sender": sms.sender,
            "text": sms.text,
            "received_at": when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "recipient_country": recipient_country,
        }
        for sms, when in zip(messages, received, strict=True)
    ]
    return json.dumps(records, ensure_ascii=False, indent=2).encode("utf-8") + b"\n"


def _body(draft: Draft) -> bytes:
    message = EmailMessage(policy=policy.SMTP)
    message.set_content(draft.text, charset="utf-8", cte="quoted-printable")
    if draft.html:
        message.add_alternative(draft.html, subtype="html", charset="utf-8", cte="quoted-printable")
    if draft.attachment:
        filename, mime_type, data = draft.attachment
        maintype, subtype = mime_type.split("/", 1)
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
    return message.as_bytes()


def _sender_names(rng: random.Random, ip: str, from_domain: str) -> tuple[str, str]:
    """The HELO a sending machine gives and its reverse DNS (botnets rarely have a matching one)."""
    dashed = ip.replace(".", "-")
    roll = rng.random()
    if roll < 0.4:
        return f"{rng.choice(HELO_WORDS)}.{from_domain}", "unknown"
    if roll < 0.7:
        return (
            f"[{ip}]",
            f"host-{dashed}.dynamic.{rng.choice(('broadband', 'dsl', 'cable', 'fiber'))}-pool.net",
        )
    name = f"{rng.choice(HELO_WORDS)}{rng.randint(1, 40)}.{from_domain}"
    return name, name


def _address(name: str, address: str) -> str:
    if not name:
        return address
    return formataddr((name, address), charset="utf-8")


def _encoded(text: str) -> str:
    return text if text.isascii() else Header(text, "utf-8").encode(linesep="\r\n")
