"""Turning a composed message into the raw bytes a recipient would report.

E-mail is RFC 5322 with a Received chain, read from the top:

1. the recipient's mailbox server took the message from its inbound MX over LMTP (a private address:
   the header walk calls this hop *internal*);
2. the inbound MX took it from the sending machine (a public address in the sender's country: the
   walk's *origin*);
3. sometimes a line the sender wrote itself (an authenticated submission from a private address):
   below the origin, so *unverifiable*.

The MIME body is written by hand (quoted-printable, base64 or 8bit UTF-8 text, an HTML alternative,
a ZIP attachment), which is several times faster than building ``email.message`` objects and gives
the same bytes a mass mailer writes. An SMS report is one JSON object, 7726-style: the text, the
sender, when it arrived and the recipient's country.
"""

from __future__ import annotations

import binascii
import json
import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from email.utils import format_datetime

from lapnet.generator.drafts import Draft, Sms
from lapnet.generator.identifiers import token

# UTC offsets (hours) the sending machines' clocks show, by country
UTC_OFFSETS = {
    "AR": -3, "AU": 10, "BD": 6, "BG": 2, "BR": -3, "CA": -5, "CI": 0, "CL": -3, "CN": 8, "CO": -5, "CY": 2,
    "DE": 1, "EG": 2, "ES": 1, "FR": 1, "GB": 0, "GH": 0, "ID": 7, "IL": 2, "IN": 5.5, "JM": -5, "KE": 3,
    "KR": 9, "LT": 2, "MA": 1, "MX": -6, "MY": 8, "NG": 1, "NL": 1, "PH": 8, "PK": 5, "PL": 1, "RO": 2,
    "RU": 3, "SN": 0, "TH": 7, "TR": 3, "UA": 2, "US": -5, "VN": 7, "ZA": 2,
}  # fmt: skip
HELO_WORDS = ("mail", "smtp", "mx", "relay", "out", "server", "host", "vps")
MTA_BANNERS = ("Postfix", "Exim 4.97", "Microsoft SMTP Server")
_CLOCKS = {country: timezone(timedelta(hours=hours)) for country, hours in UTC_OFFSETS.items()}
_HEX = "0123456789ABCDEF"


@dataclass(frozen=True, slots=True)
class Delivery:
    """Where one copy went: the receiving mail system, the recipient and the route."""

    receiver_domain: str  # the recipient's mail system: mx1.<domain>, mailstore.<domain>
    recipient: str
    sender_ip: str
    sender_country: str
    sent_at: datetime  # aware


def render_email(draft: Draft, delivery: Delivery, rng: random.Random) -> bytes:
    receiver = delivery.receiver_domain
    sent = delivery.sent_at.astimezone(_CLOCKS.get(delivery.sender_country, UTC))
    received = delivery.sent_at.astimezone(UTC) + timedelta(seconds=rng.randint(2, 40))
    stored = received + timedelta(seconds=rng.randint(1, 3))
    from_address = draft.from_address.replace("{recipient}", delivery.recipient)
    from_domain = from_address.rsplit("@", 1)[-1]

    helo, rdns = _sender_names(rng, delivery.sender_ip, from_domain)
    mx = f"mx{rng.randint(1, 3)}.{receiver}"
    headers = [
        f"Return-Path: <bounce-{token(rng, 8)}@{from_domain}>",
        f"Received: from {mx} ({mx} [10.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(2, 254)}])\r\n"
        f"\tby mailstore.{receiver} (Dovecot) with LMTP id {token(rng, 12)}\r\n"
        f"\tfor <{delivery.recipient}>; {format_datetime(stored)}",
        f"Received: from {helo} ({rdns} [{delivery.sender_ip}])\r\n"
        f"\tby {mx} ({rng.choice(MTA_BANNERS)}) with ESMTP id {token(rng, 10, _HEX)}\r\n"
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
        f"Subject: {encoded_words(draft.subject)}",
        f"Date: {format_datetime(sent)}",
        f"Message-ID: <{token(rng, 24)}@{from_domain}>",
    ]
    if draft.reply_to:
        headers.append(f"Reply-To: {draft.reply_to}")
    if draft.mailer:
        headers.append(f"X-Mailer: {draft.mailer}")
    if draft.list_unsubscribe:
        headers.append(f"List-Unsubscribe: <{draft.list_unsubscribe}>")
    headers.append("MIME-Version: 1.0")
    return ("\r\n".join(headers) + "\r\n").encode("utf-8") + _body(draft, rng)


def render_sms(sms: Sms, received_at: datetime, recipient_country: str) -> bytes:
    record = {
        "sender": sms.sender,
        "text": sms.text,
        "received_at": received_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "recipient_country": recipient_country,
    }
    return json.dumps(record, ensure_ascii=False, indent=2).encode("utf-8") + b"\n"


def render_sms_reports(messages: list[Sms], received: list[datetime], recipient_country: str) -> bytes:
    """Several forwarded SMS in one file: a JSON list of 7726-style records."""
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


# --- MIME -------------------------------------------------------------------------------------------


def _body(draft: Draft, rng: random.Random) -> bytes:
    text = _text_part("plain", draft.text, rng)
    if draft.html:
        boundary = f"----=_Part_{token(rng, 16)}"
        text = _multipart("alternative", boundary, [text, _text_part("html", draft.html, rng)])
    if draft.attachment:
        filename, mime_type, data = draft.attachment
        attachment = (
            f'Content-Type: {mime_type}; name="{filename}"\r\n'
            "Content-Transfer-Encoding: base64\r\n"
            f'Content-Disposition: attachment; filename="{filename}"\r\n\r\n'
        ).encode("ascii") + _base64_lines(data)
        text = _multipart("mixed", f"=_mixed_{token(rng, 20)}", [text, attachment])
    return text


def _text_part(subtype: str, text: str, rng: random.Random) -> bytes:
    data = text.encode("utf-8")
    roll = rng.random()
    if data.isascii() and roll < 0.3:
        encoding, payload = "7bit", data.replace(b"\n", b"\r\n") + b"\r\n"
    elif roll < 0.7:
        qp = binascii.b2a_qp(data, istext=True)
        encoding, payload = "quoted-printable", qp.replace(b"\n", b"\r\n") + b"\r\n"
    elif roll < 0.85:
        encoding, payload = "base64", _base64_lines(data.replace(b"\n", b"\r\n"))
    else:
        encoding, payload = "8bit", data.replace(b"\n", b"\r\n") + b"\r\n"
    return (
        f'Content-Type: text/{subtype}; charset="utf-8"\r\nContent-Transfer-Encoding: {encoding}\r\n\r\n'
    ).encode("ascii") + payload


def _multipart(subtype: str, boundary: str, parts: list[bytes]) -> bytes:
    head = f'Content-Type: multipart/{subtype}; boundary="{boundary}"\r\n\r\n'.encode("ascii")
    delimiter = f"--{boundary}\r\n".encode("ascii")
    return head + b"".join(delimiter + part for part in parts) + f"--{boundary}--\r\n".encode("ascii")


def _base64_lines(data: bytes) -> bytes:
    return b"".join(
        binascii.b2a_base64(data[i : i + 57]).replace(b"\n", b"\r\n") for i in range(0, len(data), 57)
    )


def encoded_words(text: str) -> str:
    """RFC 2047 base64 encoded-words for non-ASCII text, each at most 75 characters, folded."""
    if text.isascii():
        return text
    words: list[str] = []
    chunk = ""
    for char in text:
        if len((chunk + char).encode("utf-8")) > 45:
            words.append(chunk)
            chunk = ""
        chunk += char
    words.append(chunk)
    return "\r\n ".join(
        "=?utf-8?b?" + binascii.b2a_base64(word.encode("utf-8"), newline=False).decode("ascii") + "?="
        for word in words
    )


def _sender_names(rng: random.Random, ip: str, from_domain: str) -> tuple[str, str]:
    """The HELO a sending machine gives and its reverse DNS (botnets rarely have a matching one)."""
    roll = rng.random()
    if roll < 0.4:
        return f"{rng.choice(HELO_WORDS)}.{from_domain}", "unknown"
    if roll < 0.7:
        dashed = ip.replace(".", "-")
        return (
            f"[{ip}]",
            f"host-{dashed}.dynamic.{rng.choice(('broadband', 'dsl', 'cable', 'fiber'))}-pool.net",
        )
    name = f"{rng.choice(HELO_WORDS)}{rng.randint(1, 40)}.{from_domain}"
    return name, name


def _address(name: str, address: str) -> str:
    if not name:
        return address
    if name.isascii():
        quoted = name.replace("\\", "\\\\").replace('"', '\\"')
        return f'"{quoted}" <{address}>' if any(c in name for c in '(),.:;<>@[]"') else f"{name} <{address}>"
    return f"{encoded_words(name)} <{address}>"
