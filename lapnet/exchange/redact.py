"""Redaction of recipients' and victims' personal data from evidence and from the pro forma.

The rule (also in ``docs/exchange.md``):

* **What is personal data here**: the addresses a message was delivered to (``To``, ``Cc``, ``Bcc``,
  ``Delivered-To``, ``X-Original-To``, ``Envelope-To`` and kin, and the ``for <...>`` clause of every
  ``Received`` header), the display names given with them, and the local parts of those addresses
  (``john.smith``, ``jsmith``). Senders, reply-to addresses, URLs, phone numbers of the spammer and
  the recipients' mail *domains* are evidence about the spammer and stay.
* **What replaces it**: each recipient address becomes a pseudonym ``recipient-N@redacted.invalid``
  (numbered in the order first seen, the same across every message and the pro forma of one
  package, so the receiver can still tell "the same victim got all three"); names and local parts
  become ``[redacted]`` wherever they occur, in headers and bodies, in plain, base64 or
  quoted-printable parts, case-insensitively, as whole words. Role mailboxes (``info``, ``abuse``...)
  and local parts shorter than three characters are not personal and not chased through the text.
* **What cannot be redacted is withheld**: a non-text part (an image, a PDF) whose decoded bytes
  contain a recipient identifier is replaced by a short text part naming its SHA-256 and size.
* **The original stays verifiable**: a redacted copy is a *rendering*; it carries an
  ``X-Lapnet-Redacted`` header with the SHA-256 of the original, and the package manifest lists that
  hash too, so that a receiver who later obtains the original through other means (a request under
  a legal basis that allows disclosure) can check it is the message that was redacted.

Everything here is pure: bytes and frozen dataclasses in and out.
"""

from __future__ import annotations

import base64
import contextlib
import dataclasses
import email
import email.policy
import hashlib
import quopri
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from email.generator import BytesGenerator
from email.header import decode_header, make_header
from email.message import Message
from email.utils import getaddresses
from io import BytesIO
from typing import Any

from lapnet.exchange.proforma import ProForma

__all__ = [
    "REDACTED",
    "RedactedMessage",
    "RedactionPlan",
    "plan_redaction",
    "recipient_addresses",
    "redact_json",
    "redact_message",
    "redact_proforma",
    "redact_text",
]

REDACTED = "[redacted]"
PSEUDONYM_DOMAIN = "redacted.invalid"
REDACTION_RULE = "lapnet-redaction-1"
RECIPIENT_HEADERS = frozenset(
    {
        "to",
        "cc",
        "bcc",
        "resent-to",
        "resent-cc",
        "resent-bcc",
        "delivered-to",
        "x-original-to",
        "envelope-to",
        "x-envelope-to",
        "apparently-to",
        "x-apparently-to",
        "x-rcpt-to",
        "x-forwarded-to",
        "original-recipient",
        "final-recipient",
        "original-rcpt-to",
    }
)
# mailboxes of a function, not of a person: their local part is not chased through the text
ROLE_LOCAL_PARTS = frozenset(
    {
        "abuse",
        "admin",
        "billing",
        "contact",
        "hello",
        "help",
        "hostmaster",
        "info",
        "mail",
        "marketing",
        "news",
        "noc",
        "noreply",
        "office",
        "postmaster",
        "root",
        "sales",
        "security",
        "service",
        "spam",
        "support",
        "team",
        "user",
        "webmaster",
    }
)
_MIN_TOKEN = 3
_ADDRESS = re.compile(r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?")
_RECEIVED_FOR = re.compile(r"\bfor\s+<?([A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9.-]+)>?", re.IGNORECASE)
_HEADER_FIELD = re.compile(rb"^([!-9;-~]+)[ \t]*:", re.MULTILINE)
_BODY_SPLIT = re.compile(rb"\r?\n\r?\n")
_SUBPARTS = re.compile(r"[._+-]+")


@dataclass(frozen=True, slots=True)
class RedactionPlan:
    """What to redact in one package: recipient addresses with their pseudonyms, and the names and
    local parts that become ``[redacted]``. Build it with :func:`plan_redaction`."""

    addresses: tuple[tuple[str, str], ...] = ()  # (address, lowercased; pseudonym)
    tokens: tuple[str, ...] = ()  # names and local parts, longest first

    def pseudonym(self, address: str) -> str | None:
        wanted = address.strip().strip("<>").lower()
        return next((pseudonym for known, pseudonym in self.addresses if known == wanted), None)

    @property
    def empty(self) -> bool:
        return not self.addresses and not self.tokens


@dataclass(frozen=True, slots=True)
class RedactedMessage:
    data: bytes  # the redacted rendering
    original_sha256: str
    original_size: int
    withheld_parts: tuple[str, ...] = ()  # "sha256:<hex> (<type>, <n> bytes)" of each withheld part
    residual: tuple[str, ...] = ()  # identifiers still found after redaction (should be empty)


# --- the plan ----------------------------------------------------------------------------------------


def recipient_addresses(raw: bytes) -> list[tuple[str, str]]:
    """(display name, address) of every recipient named in the message's header, in order."""
    message = email.message_from_bytes(raw, policy=email.policy.compat32)
    found: list[tuple[str, str]] = []
    for name, value in message.items():
        text = _header_text(value)
        if name.lower() in RECIPIENT_HEADERS:
            for display, given in getaddresses([text.replace(";", ",")]):
                address = given.strip().removeprefix("rfc822;").strip()
                if "@" in address:
                    found.append((display.strip(), address))
        elif name.lower() == "received":
            found.extend(("", match.group(1)) for match in _RECEIVED_FOR.finditer(text))
    return found


def plan_redaction(
    messages: Iterable[bytes], *, extra_addresses: Iterable[str] = (), extra_names: Iterable[str] = ()
) -> RedactionPlan:
    """The plan for a set of messages (one package): every recipient of every message, plus the
    victims the caller knows of (``extra_addresses``, ``extra_names``: complainants, say)."""
    pairs: list[tuple[str, str]] = []
    for raw in messages:
        pairs.extend(recipient_addresses(raw))
    pairs.extend(("", address) for address in extra_addresses)
    pairs.extend((name, "") for name in extra_names)
    addresses: dict[str, str] = {}
    tokens: dict[str, None] = {}
    for display, address in pairs:
        lowered = address.strip().strip("<>").lower()
        if lowered and "@" in lowered and lowered.rsplit("@", 1)[1] != PSEUDONYM_DOMAIN:
            if lowered not in addresses:
                addresses[lowered] = f"recipient-{len(addresses) + 1}@{PSEUDONYM_DOMAIN}"
            local = lowered.rsplit("@", 1)[0]
            if _personal(local):
                tokens[local] = None
                for piece in _SUBPARTS.split(local):
                    if len(piece) > _MIN_TOKEN and piece.isalpha() and _personal(piece):
                        tokens[piece] = None
        name = display.strip().strip("\"'").strip()
        if name and "@" not in name and _personal(name.lower()):
            tokens[name.lower()] = None
            for word in re.split(r"[\s,.]+", name):
                if len(word) >= _MIN_TOKEN and _personal(word.lower()):
                    tokens[word.lower()] = None
    return RedactionPlan(
        addresses=tuple(addresses.items()),
        tokens=tuple(sorted(tokens, key=lambda token: (-len(token), token))),
    )


def _personal(token: str) -> bool:
    return len(token) >= _MIN_TOKEN and token not in ROLE_LOCAL_PARTS and "recipient" not in token


# --- text --------------------------------------------------------------------------------------------


def redact_text(text: str, plan: RedactionPlan) -> str:
    for pattern, replacement in _text_patterns(plan):
        text = pattern.sub(replacement, text)
    return text


def redact_json(value: Any, plan: RedactionPlan) -> Any:
    """Every string inside a JSON-like value (dicts, lists), redacted; keys are kept."""
    if isinstance(value, str):
        return redact_text(value, plan)
    if isinstance(value, Mapping):
        return {key: redact_json(item, plan) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(redact_json(item, plan) for item in value)
    return value


def _address_regex(address: str) -> str:
    local, domain = address.rsplit("@", 1)
    return (
        r"(?<![A-Za-z0-9._%+-])"
        + re.escape(local)
        + r"(?:@|%40)"
        + re.escape(domain)
        + r"(?![A-Za-z0-9-]|\.[A-Za-z0-9])"
    )


def _text_patterns(plan: RedactionPlan) -> list[tuple[re.Pattern[str], str]]:
    patterns = [
        (re.compile(_address_regex(address), re.IGNORECASE), pseudonym)
        for address, pseudonym in plan.addresses
    ]
    patterns.extend(
        (re.compile(r"(?<!\w)" + re.escape(token) + r"(?!\w)", re.IGNORECASE), REDACTED)
        for token in plan.tokens
    )
    return patterns


def _byte_patterns(plan: RedactionPlan) -> list[tuple[re.Pattern[bytes], bytes]]:
    patterns: list[tuple[re.Pattern[bytes], bytes]] = []
    for address, pseudonym in plan.addresses:
        pattern = _address_regex(address).encode("utf-8")
        patterns.append((re.compile(pattern, re.IGNORECASE), pseudonym.encode("ascii")))
    for token in plan.tokens:
        encodings = {token.encode("utf-8")}
        with contextlib.suppress(UnicodeEncodeError):
            encodings.add(token.encode("latin-1"))
        for encoded in sorted(encodings):
            pattern = rb"(?<![A-Za-z0-9_])" + re.escape(encoded) + rb"(?![A-Za-z0-9_])"
            patterns.append((re.compile(pattern, re.IGNORECASE), REDACTED.encode("ascii")))
    return patterns


def _redact_bytes(data: bytes, patterns: list[tuple[re.Pattern[bytes], bytes]]) -> bytes:
    for pattern, replacement in patterns:
        data = pattern.sub(replacement, data)
    return data


# --- messages ----------------------------------------------------------------------------------------


def redact_message(raw: bytes, plan: RedactionPlan) -> RedactedMessage:
    """A redacted rendering of ``raw`` (see the module's rule); bytes outside what is redacted are
    kept as they were, except in parts that had to be decoded, redacted and encoded again."""
    original_sha256 = hashlib.sha256(raw).hexdigest()
    patterns = _byte_patterns(plan)
    match = _BODY_SPLIT.search(raw)
    head, body = (raw[: match.end()], raw[match.end() :]) if match else (raw, b"")
    linesep = b"\r\n" if b"\r\n" in head else b"\n"
    head = _redact_header_block(head, plan, patterns)
    marker = (
        b"X-Lapnet-Redacted: rule="
        + REDACTION_RULE.encode("ascii")
        + b"; original-sha256="
        + original_sha256.encode("ascii")
        + linesep
    )
    data = marker + head + _redact_bytes(body, patterns)
    data, withheld = _redact_encoded_parts(data, patterns, linesep)
    return RedactedMessage(
        data=data,
        original_sha256=original_sha256,
        original_size=len(raw),
        withheld_parts=withheld,
        residual=_residual(data, plan),
    )


def _redact_header_block(
    head: bytes, plan: RedactionPlan, patterns: list[tuple[re.Pattern[bytes], bytes]]
) -> bytes:
    starts = [found.start() for found in _HEADER_FIELD.finditer(head)]
    if not starts:
        return _redact_bytes(head, patterns)
    pieces = [_redact_bytes(head[: starts[0]], patterns)]
    for index, start in enumerate(starts):
        end = starts[index + 1] if index + 1 < len(starts) else len(head)
        field = head[start:end]
        name, _, value = field.partition(b":")
        if name.strip().lower().decode("ascii", "replace") in RECIPIENT_HEADERS:
            field = _rewrite_recipient_field(name, value, plan) or _redact_bytes(field, patterns)
        else:
            field = _redact_bytes(field, patterns)
        pieces.append(field)
    return b"".join(pieces)


def _rewrite_recipient_field(name: bytes, value: bytes, plan: RedactionPlan) -> bytes | None:
    """``To: recipient-1@redacted.invalid, recipient-2@...``: names and group syntax dropped."""
    stripped = value.rstrip(b"\r\n")
    ending = value[len(stripped) :]
    text = _header_text(stripped.decode("ascii", "surrogateescape"))
    pseudonyms = [
        pseudonym for address in _ADDRESS.findall(text) if (pseudonym := plan.pseudonym(address)) is not None
    ]
    if not pseudonyms:
        return None
    return name + b": " + ", ".join(dict.fromkeys(pseudonyms)).encode("ascii") + ending


def _redact_encoded_parts(
    data: bytes, patterns: list[tuple[re.Pattern[bytes], bytes]], linesep: bytes
) -> tuple[bytes, tuple[str, ...]]:
    """Parts in base64 or quoted-printable: decoded, redacted, encoded again; non-text parts that
    name a recipient are withheld. The message is serialised again only when something changed."""
    message = email.message_from_bytes(data, policy=email.policy.compat32)
    changed = False
    withheld: list[str] = []
    for part in message.walk():
        if part.is_multipart():
            continue
        encoding = str(part.get("Content-Transfer-Encoding", "")).strip().lower()
        if encoding not in ("base64", "quoted-printable"):
            continue
        try:
            decoded = part.get_payload(decode=True)
        except (ValueError, TypeError):
            continue
        if not isinstance(decoded, bytes):
            continue
        redacted = _redact_bytes(decoded, patterns)
        if redacted == decoded:
            continue
        changed = True
        if part.get_content_maintype() == "text":
            if encoding == "base64":
                part.set_payload(base64.encodebytes(redacted).decode("ascii"))
            else:
                part.set_payload(quopri.encodestring(redacted).decode("ascii"))
        else:
            summary = f"sha256:{hashlib.sha256(decoded).hexdigest()} ({part.get_content_type()}, {len(decoded)} bytes)"
            withheld.append(summary)
            _withhold(part, summary)
    if not changed:
        return data, ()
    out = BytesIO()
    policy = email.policy.compat32.clone(linesep=linesep.decode("ascii"))
    BytesGenerator(out, mangle_from_=False, maxheaderlen=0, policy=policy).flatten(message)
    return out.getvalue(), tuple(withheld)


def _withhold(part: Message, summary: str) -> None:
    for name in ("Content-Type", "Content-Transfer-Encoding", "Content-Disposition"):
        del part[name]
    part["Content-Type"] = 'text/plain; charset="us-ascii"'
    part["Content-Transfer-Encoding"] = "7bit"
    part.set_payload(f"[part withheld by redaction: it names a recipient. Original {summary}]\n")


def _residual(data: bytes, plan: RedactionPlan) -> tuple[str, ...]:
    lowered = data.lower()
    message = email.message_from_bytes(data, policy=email.policy.compat32)
    decoded = [lowered]
    for part in message.walk():
        if not part.is_multipart():
            payload = part.get_payload(decode=True)
            if isinstance(payload, bytes):
                decoded.append(payload.lower())
    return tuple(
        address for address, _ in plan.addresses if any(address.encode("utf-8") in chunk for chunk in decoded)
    )


def _header_text(value: object) -> str:
    text = str(value)
    try:
        return str(make_header(decode_header(text)))
    except (ValueError, LookupError, UnicodeError, TypeError):
        return text


# --- the pro forma -----------------------------------------------------------------------------------

_KEEP = frozenset({"id", "sha256", "evidence_sha256", "path", "legal_basis", "schema_version"})


def redact_proforma(proforma: ProForma, plan: RedactionPlan) -> ProForma:
    """Recipients become their pseudonyms (or ``[redacted]``), identified victims ``[redacted]``, and
    every free-text field loses the identifiers of the plan."""
    technical = dataclasses.replace(
        proforma.technical,
        recipients=tuple(plan.pseudonym(address) or REDACTED for address in proforma.technical.recipients),
    )
    scale = dataclasses.replace(proforma.scale, victims=tuple(REDACTED for _ in proforma.scale.victims))
    redacted = _redact_strings(dataclasses.replace(proforma, technical=technical, scale=scale), plan)
    assert isinstance(redacted, ProForma)
    return redacted


def _redact_strings(value: Any, plan: RedactionPlan, name: str = "") -> Any:
    if isinstance(value, str) and not isinstance(value, bytes):
        if name in _KEEP or type(value) is not str:  # enums (StrEnum) are choices, not text
            return value
        return redact_text(value, plan)
    if isinstance(value, tuple):
        return tuple(_redact_strings(item, plan, name) for item in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {
            item.name: _redact_strings(getattr(value, item.name), plan, item.name)
            for item in dataclasses.fields(value)
        }
        return dataclasses.replace(value, **changes)
    return value
