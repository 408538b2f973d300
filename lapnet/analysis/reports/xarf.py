"""X-ARF abuse reports: v4 JSON validated against the published schemas, and the older formats.

* **v4** (``xarf_version`` 4.x): validated offline against the X-ARF v4 JSON schemas that ship inside the
  ``xarf`` package (``xarf/schemas``: master, core and one schema per type, spec v4.2.0). The schema
  files are loaded once into a :class:`referencing.Registry`, so every ``$ref`` resolves without the
  network, and the compiled validator is cached for the life of the process. Each violation becomes
  one error naming the JSON path and the problem (``$.reporter.contact: 'abuse@' is not a 'email'``).
  Formats are checked by lapnet's own functions (date-time, email, hostname, uri), so the result does
  not depend on which optional jsonschema extras happen to be installed.
* **v3 JSON** (PascalCase ``ReporterInfo``/``Report``) and **0.1/0.2 YAML** (x-arf.org, inside an email
  marked ``X-XARF: PLAIN``): read and checked by :mod:`~lapnet.analysis.reports.xarf_legacy`. The v3
  family is reported as version ``"3"`` (its declared schema version stays in ``fields``); a 0.x
  report keeps its declared version (``"0.2"``).

Evidence items are decoded from base64 and returned as bytes so that the caller can analyse an
embedded email; an evidence hash (``sha256:...``) is checked against the decoded bytes. Invalid input
(bad JSON, wrong encoding, not an object, not X-ARF) gives a report with ``valid=False`` and a clear
error; nothing here raises on hostile input.
"""

from __future__ import annotations

import base64
import binascii
import functools
import hashlib
import importlib.util
import ipaddress
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from email.message import Message
from email.utils import collapse_rfc2231_value, parsedate_to_datetime
from pathlib import Path
from typing import Any

import jsonschema
import referencing
import referencing.jsonschema
from jsonschema.exceptions import ValidationError

from lapnet.analysis.reports import xarf_legacy as legacy
from lapnet.analysis.types import Defect, Report

__all__ = ["XarfParsed", "find_xarf_in_email", "looks_like_xarf", "parse_xarf"]


@dataclass(frozen=True, slots=True)
class XarfParsed:
    report: Report  # format="xarf"
    evidence: tuple[tuple[str, bytes], ...]  # decoded evidence items: (content_type, payload)
    sms_text: str | None  # for messaging with protocol sms: the message text, if the report carries it
    sender: str | None  # smtp_from, or the sender number / id of an SMS report
    defects: tuple[Defect, ...]


MASTER_SCHEMA_ID = "https://xarf.org/schemas/v4/xarf-v4-master.json"
MAX_ERRORS = 50
MAX_FIELDS = 5000
_SNIFF_BYTES = 1024
_UNAVAILABLE = "X-ARF v4 schemas"
_ABBREVIATE_OVER = 256  # evidence payloads longer than this are abbreviated in Report.fields
_PAYLOAD_KEYS = frozenset({"payload", "Payload", "Data"})

_JSON_MARK = re.compile(
    rb'"(?:xarf_version|ReporterInfo|Report-Type|Schema-URL|Reported-From)"\s*:|"Report"\s*:\s*\{'
)
_YAML_KEYS = re.compile(
    rb"^(?:Reported-From|Category|Report-Type|Schema-URL|Source-Type|Report-ID)[ \t]*:",
    re.MULTILINE | re.IGNORECASE,
)
_YAML_START = re.compile(rb"^(?:---[ \t]*\r?\n|[A-Za-z][A-Za-z0-9_-]*[ \t]*:)")
_SMS_TEXT_KEYS = ("message_text", "sms_text", "text", "message", "body", "content")
_SMS_SENDER_KEYS = ("sender_number", "sender_id", "sender_phone", "from_number", "originator", "source_phone")
_XARF_TYPES = frozenset(
    {
        "application/json",
        "text/json",
        "application/x-xarf+json",
        "application/yaml",
        "text/yaml",
        "text/x-yaml",
    }
)
_XARF_SUFFIXES = (".json", ".yaml", ".yml")


# --- detection ---------------------------------------------------------------------------------------


def looks_like_xarf(data: bytes) -> bool:
    """A cheap look at the first KB: a JSON object with ``xarf_version`` (v4), or the PascalCase keys of
    v3, or an X-ARF 0.x YAML block (``Reported-From:``, ``Report-Type:``, ``Schema-URL:``...)."""
    head = data[:_SNIFF_BYTES].removeprefix(b"\xef\xbb\xbf").lstrip()
    if head.startswith(b"{"):
        return _JSON_MARK.search(head) is not None
    return _YAML_START.match(head) is not None and len(set(_YAML_KEYS.findall(head))) >= 2


def find_xarf_in_email(message: Message, decoded: Mapping[Message, bytes] | None = None) -> bytes | None:
    """The X-ARF report carried in an email, as bytes, or None.

    Real carriers: a JSON attachment (v3/v4), or the x-arf.org 0.x layout, a ``multipart/mixed`` mail
    marked ``X-XARF: PLAIN`` whose second part (``report.txt``) is the YAML report. Declared report
    parts (JSON/YAML types, ``.json``/``.yaml`` names, ``report.txt``) are tried first, then any text
    part; the embedded original (``message/rfc822``) is never searched. ``decoded`` may hold what
    ``get_payload(decode=True)`` already gave for some parts (``ParsedMessage.decoded``): those are
    not decoded again.
    """
    parts = _leaf_parts(message, decoded or {})
    preferred = [part for part, content_type in parts if _declared_report_part(part, content_type)]
    for part in preferred + [
        part
        for part, content_type in parts
        if content_type.startswith("text/") and not any(part is chosen for chosen in preferred)
    ]:
        raw = decoded.get(part) if decoded is not None else None
        if raw is None:
            raw = _payload_bytes(part)
        if raw and looks_like_xarf(raw):
            return raw
    return None


# --- parsing -----------------------------------------------------------------------------------------


def parse_xarf(data: bytes) -> XarfParsed:
    """Read and validate an X-ARF report (v4, v3 JSON or 0.x YAML)."""
    defects: list[Defect] = []
    if data.startswith(b"\xef\xbb\xbf"):
        defects.append(Defect("xarf.bom", "the report starts with a UTF-8 byte-order mark"))
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        problem = f"not UTF-8: byte 0x{data[error.start]:02x} at offset {error.start} (X-ARF reports are UTF-8 JSON)"
        return _invalid([problem], defects, "xarf.encoding")
    stripped = text.lstrip()
    if not stripped.startswith(("{", "[")) and looks_like_xarf(stripped.encode("utf-8", "replace")):
        pairs, stray = legacy.parse_yaml_block(stripped)
        defects.extend(
            Defect("xarf.bad_line", f"not a 'Name: value' line: {line[:120]!r}", "yaml") for line in stray[:5]
        )
        return _parse_v0(pairs, defects)
    try:
        document = json.loads(text, object_pairs_hook=_object_hook(defects), parse_constant=_reject_constant)
    except json.JSONDecodeError as error:
        return _invalid(
            [f"invalid JSON: {error.msg} at line {error.lineno} column {error.colno}"], defects, "xarf.json"
        )
    except (ValueError, RecursionError) as error:
        return _invalid([f"invalid JSON: {_short(error)}"], defects, "xarf.json")
    if not isinstance(document, dict):
        kind = {list: "an array", str: "a string", bool: "a boolean"}.get(type(document), "a number or null")
        return _invalid([f"$: the report is {kind}, not a JSON object"], defects, "xarf.not_object")
    if "xarf_version" in document:
        return _parse_v4(document, defects)
    if "ReporterInfo" in document or "Report" in document:
        return _parse_v3(document, defects)
    if "Report-Type" in document:  # an X-ARF 0.x report written as JSON
        return _parse_v0([(str(key), _leaf_text(key, value)) for key, value in document.items()], defects)
    if "Version" in document:
        return _parse_v3(document, defects)
    return _invalid(
        ["$: not an X-ARF report: no 'xarf_version' (v4) and no 'Version'/'ReporterInfo'/'Report' (v3)"],
        defects,
        "xarf.not_xarf",
        fields=_flatten(document, defects),
    )


def _parse_v4(document: dict[str, Any], defects: list[Defect]) -> XarfParsed:
    errors = validate_v4(document)
    if errors and errors[0].startswith(_UNAVAILABLE):
        defects.append(Defect("xarf.schema_unavailable", errors[0]))
    else:
        defects.extend(Defect("xarf.schema", error, error.split(":", 1)[0]) for error in errors)
    category, type_ = document.get("category"), document.get("type")
    reporter = _object(document.get("reporter"))
    source = _string(document.get("source_identifier"))
    uris = [
        *_strings(document.get("url")),
        *_strings(document.get("urls")),
        *_strings(document.get("source_url")),
    ]
    indicators = document.get("spam_indicators")
    if isinstance(indicators, dict):
        uris.extend(_strings(indicators.get("suspicious_links")))
    domains = [*_strings(document.get("domain")), *_strings(document.get("domains"))]
    source_ip = _ip(source)
    if source is not None and source_ip is None and legacy.is_hostname(source):
        domains.append(source.lower().rstrip("."))
    protocol = _string(document.get("protocol")) if category == "messaging" else None
    evidence = _v4_evidence(document.get("evidence"), defects)
    version = _string(document.get("xarf_version"))
    report = Report(
        format="xarf",
        version=version,
        valid=not errors,
        errors=tuple(errors),
        feedback_type=f"{category}/{type_}" if isinstance(category, str) and isinstance(type_, str) else None,
        source_ip=source_ip,
        arrival_date=_iso(_string(document.get("timestamp"))),
        reported_domains=tuple(dict.fromkeys(domains)),
        reported_uris=tuple(dict.fromkeys(uris)),
        original_mail_from=_string(document.get("smtp_from")),
        original_rcpt_to=tuple(_strings(document.get("smtp_to"))),
        reporter_org=_string(reporter.get("org")),
        reporter_contact=_string(reporter.get("contact")),
        reporter_country=_string(reporter.get("country")) or _string(document.get("reporter_country")),
        protocol=protocol,
        fields=_flatten(document, defects),
    )
    sms_text = _sms_text(document, evidence) if protocol == "sms" else None
    sender = _string(document.get("smtp_from"))
    if sender is None and protocol is not None and protocol != "smtp":
        sender = next((value for key in _SMS_SENDER_KEYS if (value := _string(document.get(key)))), None)
        sender = sender or (source if source_ip is None else None)
    return XarfParsed(report, evidence, sms_text, sender, tuple(defects))


def _parse_v3(document: dict[str, Any], defects: list[Defect]) -> XarfParsed:
    errors = legacy.check_legacy_json(document)
    defects.extend(Defect("xarf.schema", error, error.split(":", 1)[0]) for error in errors)
    body = _object(document.get("Report"))
    info = _object(document.get("ReporterInfo"))
    source = _object(body.get("Source"))
    extra = _object(body.get("AdditionalInfo"))
    report_class, report_type = _string(body.get("ReportClass")), _string(body.get("ReportType"))
    feedback_type = legacy.LEGACY_TYPE_MAP.get(legacy.legacy_type_key(report_type))
    if feedback_type is None and report_type is not None:
        feedback_type = f"{(report_class or '').lower()}/{report_type.lower()}"
    uris = [_string(body.get(key)) for key in ("SourceUrl", "Url")] + [
        _string(source.get("URL")),
        _string(extra.get("URL")),
    ]
    mail_from = _string(body.get("SmtpMailFromAddress")) or _string(extra.get("SMTPFrom"))
    report = Report(
        format="xarf",
        version="3",
        valid=not errors,
        errors=tuple(errors),
        feedback_type=feedback_type,
        source_ip=_ip(_string(body.get("SourceIp")) or _string(source.get("IP"))),
        arrival_date=_iso(_string(body.get("Date"))),
        reported_domains=tuple(domain for domain in [_string(body.get("RpzDomain"))] if domain),
        reported_uris=tuple(dict.fromkeys(uri for uri in uris if uri)),
        original_mail_from=mail_from,
        original_rcpt_to=tuple(_strings(body.get("SmtpRcptToAddress"))),
        reporter_org=_string(info.get("ReporterOrg")),
        reporter_contact=_string(info.get("ReporterContactEmail")) or _string(info.get("ReporterOrgEmail")),
        protocol=(_string(body.get("Protocol")) or _string(extra.get("Protocol")))
        if feedback_type == "messaging/spam"
        else None,
        fields=_flatten(document, defects),
    )
    return XarfParsed(report, _v3_evidence(body, defects), None, mail_from, tuple(defects))


def _parse_v0(pairs: list[tuple[str, str]], defects: list[Defect]) -> XarfParsed:
    values: dict[str, str] = {}
    for name, value in pairs:
        values.setdefault(name.lower(), value)
    errors = [
        f"$: '{name}' is a required property" for name in legacy.YAML_REQUIRED if name.lower() not in values
    ]
    source, source_type = values.get("source"), values.get("source-type", "").lower()
    source_ip = _ip(source) if source_type in ("ip-address", "ipv4", "ipv6", "ip") else None
    if source_type in ("ip-address", "ipv4", "ipv6", "ip") and source is not None and source_ip is None:
        errors.append(f"$.Source: {source[:80]!r} is not an IP address although Source-Type is {source_type}")
    date = values.get("date")
    arrival = _iso(date)
    if date is not None and arrival is None:
        errors.append(f"$.Date: {date[:80]!r} is not a date")
    defects.extend(Defect("xarf.schema", error, error.split(":", 1)[0]) for error in errors)
    uris = [source] if source and source_type in ("uri", "url") else []
    uris += [value for key, value in pairs if key.lower() == "download-link" and value]
    category, report_type = values.get("category"), values.get("report-type")
    report = Report(
        format="xarf",
        version=values.get("version") or None,
        valid=not errors,
        errors=tuple(errors),
        feedback_type=f"{category}/{report_type}".lower() if category and report_type else None,
        user_agent=values.get("user-agent") or None,
        source_ip=source_ip,
        arrival_date=arrival,
        reported_domains=(source.lower(),) if source and source_type == "domain" else (),
        reported_uris=tuple(dict.fromkeys(uris)),
        reporter_contact=values.get("reported-from") or None,
        fields=tuple(pairs),
    )
    return XarfParsed(report, (), None, None, tuple(defects))


# --- v4 schema validation ----------------------------------------------------------------------------


def validate_v4(document: Mapping[str, Any]) -> list[str]:
    """Every violation of the X-ARF v4 schemas, as ``"$.path: message"`` strings (at most MAX_ERRORS)."""
    loaded = _v4_validator()
    if isinstance(loaded, str):
        return [loaded]
    validator, types_by_category = loaded
    errors: list[str] = []
    try:
        for error in validator.iter_errors(document):
            errors.extend(_describe(error, document, types_by_category))
    except RecursionError:
        errors.append("$: the report is nested too deeply to validate")
    unique = list(dict.fromkeys(errors))
    if len(unique) > MAX_ERRORS:
        unique = [*unique[:MAX_ERRORS], f"... and {len(unique) - MAX_ERRORS} more schema errors"]
    return unique


@functools.cache
def _v4_validator() -> tuple[jsonschema.protocols.Validator, dict[str, tuple[str, ...]]] | str:
    """The compiled v4 validator and the valid types per category, or why they cannot be had."""
    directory = _schemas_dir()
    if directory is None:
        return f"{_UNAVAILABLE} not found: the xarf package (xarf/schemas) is not installed"
    schemas: list[dict[str, Any]] = []
    try:
        for path in [
            directory / "xarf-core.json",
            directory / "xarf-v4-master.json",
            *sorted((directory / "types").glob("*.json")),
        ]:
            schemas.append(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError) as error:
        return f"{_UNAVAILABLE} unreadable in {directory}: {error}"
    registry: referencing.Registry[Any] = referencing.Registry().with_resources(
        (schema["$id"], referencing.jsonschema.DRAFT202012.create_resource(schema))
        for schema in schemas
        if isinstance(schema.get("$id"), str)
    )
    master = next((schema for schema in schemas if schema.get("$id") == MASTER_SCHEMA_ID), None)
    if master is None:
        return f"{_UNAVAILABLE} incomplete: {MASTER_SCHEMA_ID} missing from {directory}"
    validator = jsonschema.Draft202012Validator(master, registry=registry, format_checker=_format_checker())
    return validator, _types_by_category(master)


def _schemas_dir() -> Path | None:
    """xarf/schemas, found without importing the xarf package (and its pydantic models)."""
    spec = importlib.util.find_spec("xarf")
    for location in (spec.submodule_search_locations or []) if spec is not None else []:
        candidate = Path(location) / "schemas"
        if (candidate / "xarf-v4-master.json").is_file():
            return candidate
    return None


def _format_checker() -> jsonschema.FormatChecker:
    checker = jsonschema.FormatChecker()
    for name, test in (
        ("date-time", legacy.is_date_time),
        ("email", legacy.is_email),
        ("hostname", legacy.is_hostname),
        ("uri", legacy.is_uri),
    ):
        checker.checks(name)(functools.partial(_string_format, test))
    return checker


def _string_format(test: Any, instance: object) -> bool:
    return not isinstance(instance, str) or bool(test(instance))


def _types_by_category(master: Mapping[str, Any]) -> dict[str, tuple[str, ...]]:
    found: dict[str, tuple[str, ...]] = {}
    for branch in master.get("allOf", []):
        for option in branch.get("anyOf", []) if isinstance(branch, dict) else []:
            properties = option.get("properties", {})
            category = properties.get("category", {}).get("const")
            types = properties.get("type", {}).get("enum", [])
            if isinstance(category, str):
                found[category] = tuple(types)
    return found


def _describe(
    error: ValidationError, document: Mapping[str, Any], types: dict[str, tuple[str, ...]]
) -> list[str]:
    path = error.json_path
    if (
        error.validator == "anyOf"
        and path == "$"
        and isinstance(error.schema, dict)
        and "anyOf" in error.schema
    ):
        category, type_ = document.get("category"), document.get("type")
        if isinstance(category, str) and category in types:
            return [
                f"$.type: {_show(type_)} is not a type of category {category!r} (one of {', '.join(types[category])})"
            ]
        return []  # an unknown category is reported by the core schema's enum
    if error.validator in ("anyOf", "oneOf") and error.context:
        best = jsonschema.exceptions.best_match(error.context)
        if best is not None:
            return [f"{best.json_path}: {_shorten(best.message)}"]
    return [f"{path}: {_shorten(error.message)}"]


# --- evidence ----------------------------------------------------------------------------------------


def _v4_evidence(items: object, defects: list[Defect]) -> tuple[tuple[str, bytes], ...]:
    if not isinstance(items, list):
        return ()
    decoded: list[tuple[str, bytes]] = []
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            continue
        where = f"$.evidence[{index}]"
        payload = _b64(item.get("payload"), where, defects)
        if payload is None:
            continue
        content_type = _string(item.get("content_type")) or "application/octet-stream"
        digest = _string(item.get("hash"))
        if digest is not None and ":" in digest:
            algorithm, expected = digest.split(":", 1)
            if algorithm.lower() in ("md5", "sha1", "sha256", "sha512"):
                actual = hashlib.new(algorithm.lower(), payload).hexdigest()
                if actual != expected.lower():
                    defects.append(
                        Defect(
                            "xarf.evidence_hash_mismatch",
                            f"{algorithm} of the payload is {actual}, not {expected}",
                            where,
                        )
                    )
        decoded.append((content_type.lower(), payload))
    return tuple(decoded)


def _v3_evidence(body: Mapping[str, Any], defects: list[Defect]) -> tuple[tuple[str, bytes], ...]:
    decoded: list[tuple[str, bytes]] = []
    for key, data_key in (("Samples", "Payload"), ("Attachment", "Data")):
        items = body.get(key)
        for index, item in enumerate(items if isinstance(items, list) else []):
            if not isinstance(item, dict) or not isinstance(item.get(data_key), str):
                continue
            where = f"$.Report.{key}[{index}]"
            if key == "Samples" and item.get("Base64Encoded") is not True:
                payload: bytes | None = item[data_key].encode("utf-8", "surrogatepass")
            else:
                payload = _b64(item[data_key], where, defects)
            if payload is not None:
                decoded.append(
                    ((_string(item.get("ContentType")) or "application/octet-stream").lower(), payload)
                )
    return tuple(decoded)


def _b64(value: object, where: str, defects: list[Defect]) -> bytes | None:
    if not isinstance(value, str):
        return None
    compact = "".join(value.split())
    try:
        return base64.b64decode(compact, validate=True)
    except (binascii.Error, ValueError):
        pass
    try:
        payload = base64.b64decode(compact + "=" * (-len(compact) % 4), validate=False)
    except (binascii.Error, ValueError):
        defects.append(Defect("xarf.bad_base64", "evidence payload is not base64: skipped", where))
        return None
    defects.append(
        Defect("xarf.bad_base64", "evidence payload is not clean base64: decoded leniently", where)
    )
    return payload


def _sms_text(document: Mapping[str, Any], evidence: tuple[tuple[str, bytes], ...]) -> str | None:
    for key in _SMS_TEXT_KEYS:
        if (text := _string(document.get(key))) is not None:
            return text
    for content_type, payload in evidence:
        if content_type.startswith("text/plain"):
            return payload.decode("utf-8", "replace").strip() or None
    return None


# --- helpers -----------------------------------------------------------------------------------------


def _invalid(
    errors: list[str], defects: list[Defect], code: str, *, fields: tuple[tuple[str, str], ...] = ()
) -> XarfParsed:
    defects.extend(Defect(code, error) for error in errors)
    report = Report(format="xarf", valid=False, errors=tuple(errors), fields=fields)
    return XarfParsed(report, (), None, None, tuple(defects))


def _object_hook(defects: list[Defect]) -> Any:
    def hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key, value in pairs:
            if key in result:
                defects.append(
                    Defect("xarf.duplicate_key", f"key {key!r} appears twice: the last value is kept")
                )
            result[key] = value
        return result

    return hook


def _reject_constant(name: str) -> float:
    raise ValueError(f"{name} is not a JSON number")


def _flatten(document: object, defects: list[Defect]) -> tuple[tuple[str, str], ...]:
    """(dotted path, value as text) for every leaf, in document order; iterative, so hostile nesting
    cannot overflow the stack. Long evidence payloads are abbreviated: their bytes are in ``evidence``."""
    fields: list[tuple[str, str]] = []
    stack: list[tuple[str, object]] = [("", document)]
    while stack:
        path, node = stack.pop()
        if len(fields) >= MAX_FIELDS:
            defects.append(
                Defect("xarf.truncated", f"more than {MAX_FIELDS} fields: the rest are not listed")
            )
            break
        if isinstance(node, dict) and node:
            stack.extend(
                reversed([(f"{path}.{key}" if path else str(key), value) for key, value in node.items()])
            )
        elif isinstance(node, list) and node:
            stack.extend(reversed([(f"{path}[{index}]", value) for index, value in enumerate(node)]))
        else:
            fields.append((path, _leaf_text(path, node)))
    return tuple(fields)


def _leaf_text(path: str, value: object) -> str:
    if isinstance(value, str):
        key = path.rsplit(".", 1)[-1]
        if key in _PAYLOAD_KEYS and len(value) > _ABBREVIATE_OVER:
            return f"<{len(value)} characters of evidence payload: decoded in evidence>"
        return value
    return json.dumps(value, ensure_ascii=False)


def _object(value: object) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _string(value: object) -> str | None:
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def _strings(value: object) -> list[str]:
    if isinstance(value, list):
        return [text for item in value if (text := _string(item)) is not None]
    text = _string(value)
    return [text] if text is not None else []


def _ip(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return str(ipaddress.ip_address(value.strip().strip("[]")))
    except ValueError:
        return None


def _iso(value: str | None) -> str | None:
    """ISO 8601 from an RFC 3339 or RFC 5322 date; None when it is neither."""
    if value is None:
        return None
    text = value.strip()
    try:
        return datetime.fromisoformat(text.replace("z", "Z")).isoformat()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(text).isoformat()
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


def _leaf_parts(message: Message, decoded: Mapping[Message, bytes]) -> list[tuple[Message, str]]:
    """The non-multipart parts under ``message`` with their content types, without entering message/*
    containers. A part in ``decoded`` is a leaf (its payload is no list of parts): ``get_payload()``,
    which decodes a body holding 8-bit bytes by its charset, is not asked to say so."""
    found: list[tuple[Message, str]] = []
    stack = [message]
    while stack and len(found) < 1000:
        part = stack.pop()
        content_type = part.get_content_type()
        maintype = content_type.split("/")[0]  # what get_content_maintype() gives
        if part in decoded:
            if maintype != "message":
                found.append((part, content_type))
            continue
        payload = part.get_payload()
        if maintype == "multipart" and isinstance(payload, list):
            stack.extend(reversed([child for child in payload if isinstance(child, Message)]))
        elif maintype != "message":
            found.append((part, content_type))
    return found


def _declared_report_part(part: Message, content_type: str) -> bool:
    if content_type in _XARF_TYPES:
        return True
    # a file name is a "filename" or "name" parameter: without those letters, no need to parse parameters
    if not any("name" in str(part.get(header, "")).lower() for header in _NAMING_HEADERS):
        return False
    name = part.get_param("name")
    filename = (part.get_filename() or (str(collapse_rfc2231_value(name)) if name else "")).lower()
    return filename.endswith(_XARF_SUFFIXES) or filename == "report.txt"


_NAMING_HEADERS = ("Content-Type", "Content-Disposition")


def _payload_bytes(part: Message) -> bytes:
    try:
        raw = part.get_payload(decode=True)
    except (ValueError, LookupError, UnicodeError, TypeError):
        raw = None
    if isinstance(raw, bytes):
        return raw
    payload = part.get_payload()
    return payload.encode("utf-8", "surrogateescape") if isinstance(payload, str) else b""


def _show(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def _shorten(message: str) -> str:
    return message if len(message) <= 300 else message[:297] + "..."


def _short(error: BaseException) -> str:
    return str(error)[:200] or type(error).__name__
