"""ARF feedback reports (RFC 5965), with the RFC 6591 authentication-failure extension.

An ARF report is a ``multipart/report; report-type=feedback-report`` message of three parts: a
human-readable text, the machine-readable ``message/feedback-report`` part (a block of
``Name: value`` fields) and the reported message, whole (``message/rfc822``) or its header only
(``text/rfc822-headers``).

Real feedback loops bend the rules, so the reading is lenient and every deviation is recorded:

* a ``message/feedback-report`` part inside a mislabelled multipart (``multipart/mixed``) is found;
* the machine-readable part may reach us as a stdlib container (a list of header-block messages, since
  the stdlib treats every ``message/*`` type as one) or as text, transfer-encoded or not;
* the original may be a ``message/rfc822`` container, base64 or quoted-printable text, or headers.

What RFC 5965 and 6591 require (Feedback-Type, User-Agent and Version: 1; a valid Source-IP; a number
in Incidents; Auth-Failure in an auth-failure report; the enclosed original) decides
:attr:`Report.valid`, with one precise entry in :attr:`Report.errors` and one :class:`Defect` per
problem. Nothing here raises on hostile input.
"""

from __future__ import annotations

import base64
import binascii
import ipaddress
import quopri
import re
from collections import deque
from dataclasses import dataclass, replace
from email import policy as email_policy
from email.generator import BytesGenerator
from email.message import Message
from email.utils import collapse_rfc2231_value, parsedate_to_datetime
from io import BytesIO

from lapnet.analysis.types import Defect, Report

__all__ = ["ArfParts", "is_arf", "parse_arf"]


@dataclass(frozen=True, slots=True)
class ArfParts:
    report: Report  # format="arf"
    original: bytes | None  # the enclosed original message, or its header only, as bytes
    original_is_headers_only: bool
    human_text: str  # the first, human-readable part
    defects: tuple[Defect, ...]


FEEDBACK_TYPES = frozenset({"abuse", "fraud", "virus", "other", "not-spam", "auth-failure"})
AUTH_FAILURES = frozenset({"adsp", "bodyhash", "revoked", "signature", "spf", "dmarc"})
DELIVERY_RESULTS = frozenset({"delivered", "spam", "policy", "reject", "other"})
REQUIRED = ("Feedback-Type", "User-Agent", "Version")
# Fields RFC 5965, 6591 and 6692 allow once; the others (Reported-Domain, Reported-URI,
# Original-Rcpt-To, Authentication-Results, Removal-Recipient, SPF-DNS...) may repeat.
ONCE = frozenset(
    {
        "feedback-type",
        "user-agent",
        "version",
        "original-envelope-id",
        "original-mail-from",
        "arrival-date",
        "received-date",
        "reporting-mta",
        "source-ip",
        "source-port",
        "incidents",
        "auth-failure",
        "delivery-result",
        "dkim-domain",
        "dkim-identity",
        "dkim-selector",
        "dkim-canonicalized-header",
        "dkim-canonicalized-body",
        "identity-alignment",
    }
)

_FEEDBACK_PART = "message/feedback-report"
_ORIGINAL_TYPES = ("message/rfc822", "text/rfc822-headers")
_FIELD_LINE = re.compile(r"^([!-9;-~]+)[ \t]*:[ \t]*(.*)$")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_FOLD = re.compile(r"(?:\r\n|\r|\n)[ \t]+")
_HEADER_START = re.compile(rb"^[!-9;-~]+[ \t]*:")
_MAX_PARTS = 1000  # parts visited while looking for the report: bounds work on hostile nesting
_MAX_LINE_DEFECTS = 5


def is_arf(message: Message) -> bool:
    """True for ``multipart/report; report-type=feedback-report`` and, leniently, for any multipart
    holding a ``message/feedback-report`` part (as some feedback loops send)."""
    content_type = message.get_content_type()
    if content_type == "multipart/report" and _report_type(message) == "feedback-report":
        return True
    if content_type != _FEEDBACK_PART and not content_type.startswith("multipart/"):
        return False  # a single part that is no report holds none (the common case: no search)
    return _locate(message)[1] is not None


def parse_arf(message: Message) -> ArfParts:
    """Read an ARF report; a message that is not one gives an invalid report with defects."""
    defects: list[Defect] = []
    errors: list[str] = []
    container, feedback = _locate(message)
    if feedback is None:
        _problem(
            errors, defects, "arf.missing_part", "no message/feedback-report part: not an ARF report", "body"
        )
    elif not (
        message.get_content_type() == "multipart/report" and _report_type(message) == "feedback-report"
    ):
        defects.append(
            Defect(
                "arf.mislabelled",
                f"the feedback report sits in a {message.get_content_type()} message, "
                "not multipart/report; report-type=feedback-report",
                "header:Content-Type",
            )
        )
    children = _children(container) if container is not None else []
    report = (
        _report(_feedback_fields(feedback, defects), errors, defects)
        if feedback is not None
        else Report("arf")
    )
    original, headers_only = _original(children, feedback, defects)
    if original is None and feedback is not None:
        _problem(
            errors, defects, "arf.no_original", "the report encloses no original message or headers", "body"
        )
    report = replace(report, valid=not errors, errors=tuple(errors))
    return ArfParts(
        report=report,
        original=original,
        original_is_headers_only=headers_only,
        human_text=_human_text(children, feedback, message),
        defects=tuple(defects),
    )


# --- where the parts are -----------------------------------------------------------------------------


def _report_type(message: Message) -> str:
    value = message.get_param("report-type")
    if value is None or (isinstance(value, str) and not value):
        return ""
    return str(collapse_rfc2231_value(value)).strip().lower()


def _children(part: Message) -> list[Message]:
    if part.get_content_maintype() != "multipart":
        return []
    payload = part.get_payload()
    return [child for child in payload if isinstance(child, Message)] if isinstance(payload, list) else []


def _locate(message: Message) -> tuple[Message | None, Message | None]:
    """The multipart holding the feedback report and that part, found breadth first; the reported
    original (message/rfc822) is not entered, so a report quoted inside it is not taken for ours."""
    if message.get_content_type() == _FEEDBACK_PART:
        return None, message
    queue: deque[Message] = deque([message])
    visited = 0
    while queue and visited < _MAX_PARTS:
        part = queue.popleft()
        visited += 1
        children = _children(part)
        for child in children:
            if child.get_content_type() == _FEEDBACK_PART:
                return part, child
        queue.extend(child for child in children if child.get_content_maintype() == "multipart")
    return (message if _children(message) else None), None


# --- the machine-readable part -----------------------------------------------------------------------


def _feedback_fields(part: Message, defects: list[Defect]) -> list[tuple[str, str]]:
    """The fields of the message/feedback-report part in document order, values unfolded."""
    payload = part.get_payload()
    encoding = _transfer_encoding(part)
    if isinstance(payload, list) and encoding not in ("base64", "quoted-printable"):
        fields: list[tuple[str, str]] = []
        for block in payload:
            if not isinstance(block, Message):
                continue
            for name, value in block.raw_items():
                fields.append((_text(str(name)).strip(), _unfold(_text(str(value)))))
            body = block.get_payload()
            if isinstance(body, str) and body.strip():
                fields.extend(_parse_field_block(_text(body), defects))
        return fields
    if isinstance(payload, list):  # transfer-encoded: the stdlib parsed the encoded text as a message
        blocks = [block for block in payload if isinstance(block, Message)]
        raw = _decode_transfer(b"".join(_serialise(block, defects) for block in blocks), encoding, defects)
    else:
        raw = _payload_bytes(part)
    return _parse_field_block(_bytes_text(raw), defects)


def _parse_field_block(text: str, defects: list[Defect]) -> list[tuple[str, str]]:
    fields: list[tuple[str, str]] = []
    bad_lines = 0
    for line in _LINE_BREAK.split(text):
        if not line.strip():
            continue
        if line[0] in " \t" and fields:
            name, value = fields[-1]
            fields[-1] = (name, f"{value} {line.strip()}".strip())
            continue
        match = _FIELD_LINE.match(line)
        if match is None:
            bad_lines += 1
            if bad_lines <= _MAX_LINE_DEFECTS:
                defects.append(
                    Defect("arf.bad_line", f"not a report field: {line[:120]!r}", "feedback-report")
                )
            continue
        fields.append((match.group(1), match.group(2).strip()))
    return fields


def _report(fields: list[tuple[str, str]], errors: list[str], defects: list[Defect]) -> Report:
    first: dict[str, str] = {}
    many: dict[str, list[str]] = {}
    for name, value in fields:
        key = name.lower()
        if key in ONCE and key in first:
            _problem(
                errors, defects, "arf.duplicate_field", f"{name} appears more than once", f"field:{name}"
            )
            continue
        first.setdefault(key, value)
        many.setdefault(key, []).append(value)

    for name in REQUIRED:
        if name.lower() not in first:
            _problem(
                errors, defects, "arf.missing_field", f"required field {name} is missing", f"field:{name}"
            )

    feedback_type = first.get("feedback-type", "").strip().lower() or None
    if feedback_type is not None and feedback_type not in FEEDBACK_TYPES:
        defects.append(
            Defect(
                "arf.unknown_feedback_type",
                f"Feedback-Type {feedback_type!r} is not registered",
                "field:Feedback-Type",
            )
        )
    version = first.get("version")
    if version is not None and version.strip() != "1":
        _problem(
            errors,
            defects,
            "arf.bad_value",
            f"Version: {version!r} is not 1 (RFC 5965 defines version 1 only)",
            "field:Version",
        )
    if feedback_type == "auth-failure" and "auth-failure" not in first:
        _problem(
            errors,
            defects,
            "arf.missing_field",
            "required field Auth-Failure is missing from an auth-failure report (RFC 6591)",
            "field:Auth-Failure",
        )
    auth_failure = first.get("auth-failure", "").strip().lower() or None
    if auth_failure is not None and auth_failure not in AUTH_FAILURES:
        defects.append(
            Defect("arf.bad_value", f"Auth-Failure {auth_failure!r} is not registered", "field:Auth-Failure")
        )
    delivery = first.get("delivery-result", "").strip().lower()
    if delivery and delivery not in DELIVERY_RESULTS:
        defects.append(
            Defect(
                "arf.bad_value", f"Delivery-Result {delivery!r} is not registered", "field:Delivery-Result"
            )
        )

    _check_port(first.get("source-port"), errors, defects)
    return Report(
        format="arf",
        version=version.strip() if version is not None else None,
        feedback_type=feedback_type,
        user_agent=first.get("user-agent") or None,
        source_ip=_source_ip(first.get("source-ip"), errors, defects),
        arrival_date=_arrival_date(first, errors, defects),
        reported_domains=tuple(
            _unbracket(value) for value in many.get("reported-domain", []) if value.strip()
        ),
        reported_uris=tuple(_unbracket(value) for value in many.get("reported-uri", []) if value.strip()),
        original_mail_from=_unbracket(first.get("original-mail-from", "")) or None,
        original_rcpt_to=tuple(
            _unbracket(value) for value in many.get("original-rcpt-to", []) if value.strip()
        ),
        incidents=_incidents(first.get("incidents"), errors, defects),
        reporting_mta=first.get("reporting-mta") or None,
        authentication_results=tuple(value for value in many.get("authentication-results", []) if value),
        auth_failure=auth_failure,
        fields=tuple(fields),
    )


def _source_ip(value: str | None, errors: list[str], defects: list[Defect]) -> str | None:
    if value is None:
        return None
    text = value.strip().strip("[]")
    if text.lower().startswith("ipv6:"):
        text = text[5:]
    try:
        return str(ipaddress.ip_address(text))
    except ValueError:
        _problem(
            errors,
            defects,
            "arf.bad_value",
            f"Source-IP: {value[:80]!r} is not an IP address",
            "field:Source-IP",
        )
        return None


def _arrival_date(first: dict[str, str], errors: list[str], defects: list[Defect]) -> str | None:
    name = "Arrival-Date" if "arrival-date" in first else "Received-Date"
    value = first.get(name.lower())
    if value is None:
        return None
    try:
        return parsedate_to_datetime(value.strip()).isoformat()
    except (TypeError, ValueError, IndexError, OverflowError):
        _problem(
            errors,
            defects,
            "arf.bad_value",
            f"{name}: {value[:80]!r} is not an RFC 5322 date",
            f"field:{name}",
        )
        return None


def _incidents(value: str | None, errors: list[str], defects: list[Defect]) -> int | None:
    if value is None:
        return None
    text = value.strip()
    if text.isascii() and text.isdigit() and len(text) <= 18:
        return int(text)
    _problem(
        errors, defects, "arf.bad_value", f"Incidents: {value[:80]!r} is not a number", "field:Incidents"
    )
    return None


def _check_port(value: str | None, errors: list[str], defects: list[Defect]) -> None:
    if value is None:
        return
    text = value.strip()
    if text.isascii() and text.isdigit() and len(text) <= 5 and int(text) <= 65535:
        return
    _problem(
        errors,
        defects,
        "arf.bad_value",
        f"Source-Port: {value[:80]!r} is not a port number",
        "field:Source-Port",
    )


# --- the original and the human-readable part --------------------------------------------------------


def _original(
    children: list[Message], feedback: Message | None, defects: list[Defect]
) -> tuple[bytes | None, bool]:
    declared = [child for child in children if child.get_content_type() in _ORIGINAL_TYPES]
    if declared:
        part = declared[0]
        headers_only = part.get_content_type() == "text/rfc822-headers"
        return _original_bytes(part, defects), headers_only
    # Lenient: the part after the feedback report, mislabelled (text/plain, octet-stream), when it
    # starts like a header block.
    after = children[children.index(feedback) + 1 :] if feedback is not None and feedback in children else []
    for part in after:
        if part.get_content_maintype() == "multipart":
            continue
        raw = _payload_bytes(part)
        if _HEADER_START.match(raw.lstrip()):
            defects.append(
                Defect(
                    "arf.original_mislabelled",
                    f"the original is labelled {part.get_content_type()}, not message/rfc822",
                    "body",
                )
            )
            return raw, b"\n\n" not in raw.replace(b"\r\n", b"\n").strip()
    return None, False


def _original_bytes(part: Message, defects: list[Defect]) -> bytes | None:
    payload = part.get_payload()
    encoding = _transfer_encoding(part)
    if isinstance(payload, list):
        raw = b"".join(_serialise(inner, defects) for inner in payload if isinstance(inner, Message))
        if encoding in ("base64", "quoted-printable"):
            # RFC 2046 forbids encoding message/rfc822, but senders do: the stdlib then parsed the
            # encoded text as a message, so serialise it back and decode it.
            defects.append(
                Defect("arf.encoded_original", f"message/rfc822 part sent as {encoding}", "body:original")
            )
            raw = _decode_transfer(raw, encoding, defects)
        return raw or None
    return _payload_bytes(part) or None


def _human_text(children: list[Message], feedback: Message | None, message: Message) -> str:
    for child in children:
        if child is feedback:
            break
        if child.get_content_maintype() == "text":
            return _part_text(child)
        if child.get_content_maintype() == "multipart":  # a text/plain + text/html alternative
            for inner in child.walk():
                if inner.get_content_type() == "text/plain":
                    return _part_text(inner)
    if not children and message.get_content_maintype() == "text":
        return _part_text(message)
    return ""


# --- bytes and text ----------------------------------------------------------------------------------


def _serialise(message: Message, defects: list[Defect]) -> bytes:
    buffer = BytesIO()
    try:
        BytesGenerator(buffer, mangle_from_=False, policy=email_policy.compat32).flatten(message)
    except (ValueError, LookupError, UnicodeError, TypeError, AttributeError) as error:
        defects.append(Defect("arf.unserialisable", f"cannot serialise a part: {error}"[:200], "body"))
        return b""
    return buffer.getvalue()


def _transfer_encoding(part: Message) -> str:
    return str(part.get("content-transfer-encoding", "")).strip().lower()


def _decode_transfer(raw: bytes, encoding: str, defects: list[Defect]) -> bytes:
    if encoding == "base64":
        try:
            return base64.b64decode(b"".join(raw.split()), validate=False)
        except (binascii.Error, ValueError):
            defects.append(Defect("arf.bad_base64", "base64 part cannot be decoded", "body"))
            return raw
    if encoding == "quoted-printable":
        return quopri.decodestring(raw)
    return raw


def _payload_bytes(part: Message) -> bytes:
    try:
        raw = part.get_payload(decode=True)
    except (ValueError, LookupError, UnicodeError, TypeError):
        raw = None
    if isinstance(raw, bytes):
        return raw
    payload = part.get_payload()
    return payload.encode("utf-8", "surrogateescape") if isinstance(payload, str) else b""


def _part_text(part: Message) -> str:
    raw = _payload_bytes(part)
    charset = part.get_content_charset() or "utf-8"
    try:
        return raw.decode(charset, "replace")
    except (LookupError, UnicodeError):
        return _bytes_text(raw)


def _bytes_text(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def _text(value: str) -> str:
    """A str the stdlib parsed from bytes may hold undecodable bytes as surrogates: read them again."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        try:
            return _bytes_text(value.encode("utf-8", "surrogateescape"))
        except UnicodeEncodeError:
            return value.encode("utf-8", "replace").decode("utf-8")
    return value


def _unfold(value: str) -> str:
    return _FOLD.sub(" ", value).strip()


def _unbracket(value: str) -> str:
    text = value.strip()
    if text.startswith("<") and text.endswith(">"):
        text = text[1:-1].strip()
    return text


def _problem(errors: list[str], defects: list[Defect], code: str, message: str, where: str) -> None:
    errors.append(message)
    defects.append(Defect(code, message, where))
