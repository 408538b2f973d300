"""Checks for the X-ARF formats older than v4, used by :mod:`lapnet.analysis.reports.xarf`.

Two older families are met in the wild:

* **v3 JSON** (what the xarf-spec repository calls "v3"; the Abusix ``xarf`` JSON schemas, whose
  ``Version`` is ``"1"``, ``"2"``, ``"3"``, ``"alpha"``, ``"development"`` or the xarf-spec's ``"3.0.0"``):
  PascalCase keys, ``ReporterInfo`` + ``Disclosure`` + ``Report`` (``ReportClass``, ``ReportType``,
  ``Date``, ``SourceIp``, ``Samples``...).
* **0.1/0.2 YAML** (x-arf.org, carried in an email marked ``X-XARF: PLAIN``): a flat block of
  ``Name: value`` lines (``Reported-From``, ``Category``, ``Report-Type``, ``Source``, ``Schema-URL``...).

Neither family's schemas ship in an installed package, so the checks below are written from those
schemas' rules rather than loaded from them: the structure (required parts, the reporter block and its
allowed keys), then every known field by name (IPs, ports, dates, e-mail addresses, host names, URIs,
booleans, counts, enumerations), then the per-type rules the samples exercise (OpenService needs a
ServiceName; a PotentiallyCompromisedAccount names an Account and no source; CVSS vector and version
agree; schema versions 1 and 2 require a URL for content malware). Each problem is one message naming
its JSON path, in the same form as the v4 schema errors.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable, Iterator, Mapping
from datetime import datetime

__all__ = [
    "LEGACY_TYPES",
    "LEGACY_TYPE_MAP",
    "YAML_REQUIRED",
    "check_legacy_json",
    "is_date_time",
    "is_email",
    "is_hostname",
    "is_uri",
    "legacy_type_key",
    "parse_yaml_block",
]

# The report types of the v3 family, normalised by legacy_type_key.
LEGACY_TYPES = frozenset(
    {
        "spam",
        "loginattack",
        "portscan",
        "dos",
        "ddos",
        "phishing",
        "malware",
        "botnet",
        "copyright",
        "trademark",
        "childabuse",
        "childsexualabusematerial",
        "openservice",
        "exploit",
        "potentiallycompromisedaccount",
        "harassment",
        "webcrawler",
    }
)
# Their v4 "category/type" where v4 has an equivalent; the others are reported as "<class>/<type>".
LEGACY_TYPE_MAP: Mapping[str, str] = {
    "spam": "messaging/spam",
    "loginattack": "connection/login_attack",
    "portscan": "connection/port_scan",
    "dos": "connection/ddos",
    "ddos": "connection/ddos",
    "phishing": "content/phishing",
    "malware": "content/malware",
    "botnet": "infrastructure/botnet",
    "copyright": "copyright/copyright",
    "trademark": "content/brand_infringement",
    "childabuse": "content/csam",
    "childsexualabusematerial": "content/csam",
    "openservice": "vulnerability/open_service",
    "webcrawler": "connection/scraping",
}
# Types whose report is about an IP (SourceIp required); about an account (Account required, no
# source); the others name an IP or a URL.
_IP_TYPES = frozenset({"spam", "loginattack", "portscan", "dos", "ddos", "botnet", "openservice", "exploit"})
_ACCOUNT_TYPES = frozenset({"potentiallycompromisedaccount"})

YAML_REQUIRED = (
    "Reported-From",
    "Category",
    "Report-Type",
    "Report-ID",
    "Date",
    "Source",
    "Source-Type",
    "User-Agent",
    "Version",
    "Schema-URL",
    "Attachment",
)

_REPORTER_KEYS = (
    "Type",
    "Org",
    "OrgDomain",
    "OrgEmail",
    "OrgAddress",
    "ContactEmail",
    "ContactName",
    "ContactPhone",
)
_EMAIL = re.compile(
    r"^[^@\s\"(),:;<>\[\\\]]+@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z0-9-]{2,63}$"
)
_HOST_LABEL = re.compile(r"^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$")
_URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:[^\s<>\"{}|\\^`]*$")
_DATE_TIME = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?(?:[Zz]|([+-])(\d{2}):(\d{2}))$"
)
_CVE = re.compile(r"^CVE-\d{4}-\d{4,}$")
_CVSS_PREFIX = re.compile(r"^CVSS:(\d+(?:\.\d+)?)/")
_YAML_LINE = re.compile(r"^([A-Za-z0-9][A-Za-z0-9_.\-]*)[ \t]*:(?:[ \t]+(.*))?$")


# --- formats (shared with the v4 format checker) -----------------------------------------------------


def is_email(value: str) -> bool:
    return len(value) <= 320 and _EMAIL.match(value) is not None


def is_hostname(value: str) -> bool:
    name = value[:-1] if value.endswith(".") else value
    return 0 < len(name) <= 253 and all(_HOST_LABEL.match(label) for label in name.split("."))


def is_uri(value: str) -> bool:
    return _URI.match(value) is not None


def is_date_time(value: str) -> bool:
    """RFC 3339 date-time, as JSON Schema's ``date-time`` format requires (a leap second allowed)."""
    match = _DATE_TIME.match(value)
    if match is None:
        return False
    year, month, day, hour, minute, second = (int(part) for part in match.groups()[:6])
    try:
        datetime(year, month, day, hour, minute, min(second, 59))  # a syntax check: the zone is irrelevant
    except ValueError:
        return False
    offset_hours = match.group(9)
    offset_minutes = match.group(10)
    return second <= 60 and (
        offset_hours is None or (int(offset_hours) < 24 and int(offset_minutes or 0) < 60)
    )


# --- v3 JSON ------------------------------------------------------------------------------------------


def legacy_type_key(value: object) -> str:
    return re.sub(r"[\s_\-]", "", value).lower() if isinstance(value, str) else ""


_Check = Callable[[object], str | None]


def _string(minimum: int = 0) -> _Check:
    def check(value: object) -> str | None:
        if not isinstance(value, str):
            return f"{_show(value)} is not of type 'string'"
        if len(value) < minimum:
            return f"{_show(value)} is shorter than {minimum} characters"
        return None

    return check


def _formatted(name: str, test: Callable[[str], bool]) -> _Check:
    def check(value: object) -> str | None:
        if not isinstance(value, str):
            return f"{_show(value)} is not of type 'string'"
        return None if test(value) else f"{_show(value)} is not a '{name}'"

    return check


def _integer(minimum: int, maximum: int | None = None) -> _Check:
    def check(value: object) -> str | None:
        if isinstance(value, bool) or not isinstance(value, int):
            return f"{_show(value)} is not of type 'integer'"
        if value < minimum:
            return f"{value} is less than the minimum of {minimum}"
        if maximum is not None and value > maximum:
            return f"{value} is greater than the maximum of {maximum}"
        return None

    return check


def _ports(value: object) -> str | None:
    if isinstance(value, list):
        return next((problem for item in value if (problem := _PORT(item))), None)
    return _PORT(value)


def _boolean(value: object) -> str | None:
    return None if isinstance(value, bool) else f"{_show(value)} is not of type 'boolean'"


def _enum(*allowed: str) -> _Check:
    def check(value: object) -> str | None:
        return None if value in allowed else f"{_show(value)} is not one of {list(allowed)}"

    return check


def _ip(value: object) -> str | None:
    if not isinstance(value, str):
        return f"{_show(value)} is not of type 'string'"
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return f"{_show(value)} is not a 'ipv4' or 'ipv6' address"
    return None


def _account_identifier(value: object) -> str | None:
    if not isinstance(value, str):
        return f"{_show(value)} is not of type 'string'"
    return f"{_show(value)} is an e-mail address: use AccountEmail" if is_email(value) else None


def _custom(value: object) -> str | None:
    if not isinstance(value, dict):
        return f"{_show(value)} is not of type 'object'"
    for key, item in value.items():
        if isinstance(item, bool) or not isinstance(item, (str, int)):
            return f"Custom.{key}: {_show(item)} is not a string or an integer"
    return None


def _hash(value: object) -> str | None:
    if isinstance(value, str):  # the alpha schema's form: the hash value alone
        return None
    if not isinstance(value, dict):
        return f"{_show(value)} is not of type 'object' or 'string'"
    missing = [key for key in ("HashValue", "HashAlgorithm") if key not in value]
    return f"{_show(missing[0])} is a required property" if missing else None


_PORT = _integer(0, 65535)
_FIELD_CHECKS: Mapping[str, _Check] = {
    "SourceIp": _ip,
    "DestinationIp": _ip,
    "AttackerIp": _ip,
    "SourcePort": _PORT,
    "DestinationPort": _ports,
    "AttackerPort": _ports,
    "ASN": _integer(1, 4199999999),
    "ByteCount": _integer(0),
    "PacketCount": _integer(0),
    "FileSize": _integer(0),
    "AttackCount": _integer(0),
    "Date": _formatted("date-time", is_date_time),
    "FirstSeen": _formatted("date-time", is_date_time),
    "Ongoing": _boolean,
    "Disclosure": _boolean,
    "Base64Encoded": _boolean,
    "SmtpMailFromAddress": _formatted("email", is_email),
    "SmtpRcptToAddress": _formatted("email", is_email),
    "ReporterOrgEmail": _formatted("email", is_email),
    "ReporterContactEmail": _formatted("email", is_email),
    "ComplainantOrgEmail": _formatted("email", is_email),
    "ComplainantContactEmail": _formatted("email", is_email),
    "ReporterOrgDomain": _formatted("hostname", is_hostname),
    "ComplainantOrgDomain": _formatted("hostname", is_hostname),
    "RpzDomain": _formatted("hostname", is_hostname),
    "SourceUrl": _formatted("uri", is_uri),
    "Url": _formatted("uri", is_uri),
    "CourtOrder": _formatted("uri", is_uri),
    "ReporterOrg": _string(3),
    "ReporterContactName": _string(3),
    "ReporterContactPhone": _string(3),
    "ComplainantOrg": _string(3),
    "ComplainantContactName": _string(3),
    "ComplainantContactPhone": _string(3),
    "ReportSubType": _string(),
    "ReporterCaseID": _string(),
    "ReporterNotes": _string(),
    "ReporterSeverity": _enum("low", "medium", "high"),
    "InfringedMaterial": _string(),
    "MaterialType": _string(),
    "TrademarkedMaterial": _string(),
    "FileName": _string(),
    "ServiceName": _string(),
    "ServiceVersion": _string(),
    "BotnetName": _string(),
    "MalwareName": _string(),
    "ContentType": _string(),
    "Description": _string(),
    "Payload": _string(),
    "AccountIdentifier": _account_identifier,
    "AccountEmail": _string(),
    "TransportProtocol": _enum("tcp", "udp", "sctp", "icmp"),
    "CVE": _formatted("CVE id", lambda value: _CVE.match(value) is not None),
    "Custom": _custom,
    "FileHash": _hash,
    "PasswordHash": _hash,
}


def check_legacy_json(document: Mapping[str, object]) -> list[str]:
    """Every problem found in a v3 JSON report, each as ``"$.path: message"``."""
    errors: list[str] = []
    version = document.get("Version")
    if "Version" in document and not isinstance(version, str):
        errors.append(f"$.Version: {_show(version)} is not of type 'string'")
    if "Disclosure" not in document:
        errors.append("$: 'Disclosure' is a required property")
    errors.extend(_party(document, "ReporterInfo", "Reporter", required=True))
    errors.extend(_party(document, "OnBehalfOf", "Complainant", required=False))
    errors.extend(_internal_processing(document.get("InternalProcessing")))
    report = document.get("Report")
    if "Report" not in document:
        errors.append("$: 'Report' is a required property")
    elif not isinstance(report, dict):
        errors.append(f"$.Report: {_show(report)} is not of type 'object'")
    else:
        errors.extend(_report(report, version if isinstance(version, str) else ""))
    for path, key, value in _walk(document, "$"):
        check = _FIELD_CHECKS.get(key)
        if check is not None and (problem := check(value)) is not None:
            errors.append(f"{path}: {problem}")
    return list(dict.fromkeys(errors))


def _party(document: Mapping[str, object], key: str, prefix: str, *, required: bool) -> list[str]:
    if key not in document:
        return [f"$: '{key}' is a required property"] if required else []
    block = document[key]
    if not isinstance(block, dict):
        return [f"$.{key}: {_show(block)} is not of type 'object'"]
    allowed = {prefix + name for name in _REPORTER_KEYS} | (
        {"ComplainantType"} if prefix == "Complainant" else set()
    )
    errors = [
        f"$.{key}: additional property {name!r} is not allowed" for name in block if name not in allowed
    ]
    kind = block.get(f"{prefix}Type", block.get("ComplainantType") if prefix == "Complainant" else None)
    if kind not in (None, "Org", "Person"):
        errors.append(f"$.{key}.{prefix}Type: {_show(kind)} is not one of ['Org', 'Person']")
    if kind != "Person":
        for name in (f"{prefix}Org", f"{prefix}OrgDomain", f"{prefix}OrgEmail"):
            if name not in block:
                errors.append(f"$.{key}: '{name}' is a required property")
    return errors


def _internal_processing(block: object) -> list[str]:
    if block is None:
        return []
    if not isinstance(block, dict):
        return [f"$.InternalProcessing: {_show(block)} is not of type 'object'"]
    errors: list[str] = []
    for section, data_key in (
        ("SubscriberInformation", "SubscriberData"),
        ("ContractInformation", "ResolverData"),
    ):
        part = block.get(section)
        if part is None:
            continue
        path = f"$.InternalProcessing.{section}"
        if not isinstance(part, dict):
            errors.append(f"{path}: {_show(part)} is not of type 'object'")
            continue
        if "ID" in part and not isinstance(part["ID"], str):
            errors.append(f"{path}.ID: {_show(part['ID'])} is not of type 'string'")
        data = part.get(data_key)
        if isinstance(data, dict):
            errors.extend(
                f"{path}.{data_key}.{name}: {_show(value)} is not of type 'string'"
                for name, value in data.items()
                if not isinstance(value, str)
            )
    tags = block.get("EventTags")
    if tags is not None:
        if not isinstance(tags, list):
            errors.append(f"$.InternalProcessing.EventTags: {_show(tags)} is not of type 'array'")
        else:
            errors.extend(
                f"$.InternalProcessing.EventTags[{index}]: {_show(tag)} is not of type 'string'"
                for index, tag in enumerate(tags)
                if not isinstance(tag, str)
            )
    return errors


def _report(report: Mapping[str, object], version: str) -> list[str]:
    errors: list[str] = []
    for key in ("ReportClass", "ReportType"):
        value = report.get(key)
        if key not in report:
            errors.append(f"$.Report: '{key}' is a required property")
        elif not isinstance(value, str):
            errors.append(f"$.Report.{key}: {_show(value)} is not of type 'string'")
        elif not value:
            errors.append(f"$.Report.{key}: '' should be non-empty")
    report_type = legacy_type_key(report.get("ReportType"))
    if report_type and report_type not in LEGACY_TYPES:
        errors.append(
            f"$.Report.ReportType: {_show(report.get('ReportType'))} is not a known X-ARF report type"
        )
    if "Date" not in report:
        errors.append("$.Report: 'Date' is a required property")
    source = report.get("Source")
    if not isinstance(source, dict):
        source = {}
    has_ip = "SourceIp" in report or "IP" in source
    has_url = any(key in report for key in ("SourceUrl", "Url")) or "URL" in source
    if report_type in _ACCOUNT_TYPES:
        account = report.get("Account")
        if "Account" not in report:
            errors.append("$.Report: 'Account' is a required property")
        elif not isinstance(account, dict):
            errors.append(f"$.Report.Account: {_show(account)} is not of type 'object'")
        elif not account:
            errors.append("$.Report.Account: {} should be non-empty")
        for key in ("SourceIp", "SourceUrl"):
            if key in report:
                errors.append(
                    f"$.Report.{key}: not allowed in a {report.get('ReportType')} report (use AttackerIp)"
                )
    elif report_type in _IP_TYPES:
        if not has_ip:
            errors.append("$.Report: 'SourceIp' is a required property")
    elif report_type and not (has_ip or has_url):
        errors.append("$.Report: 'SourceIp' or 'SourceUrl' is required")
    if report_type == "openservice" and "ServiceName" not in report:
        errors.append("$.Report: 'ServiceName' is a required property")
    if (
        report_type == "malware"
        and version in ("1", "2")
        and report.get("ReportClass") == "Content"
        and not has_url
    ):
        errors.append(
            f"$.Report: 'SourceUrl' is a required property (content malware, schema version {version})"
        )
    errors.extend(_cvss(report.get("CVSS")))
    errors.extend(_samples(report))
    return errors


def _cvss(cvss: object) -> list[str]:
    if cvss is None:
        return []
    if not isinstance(cvss, dict):
        return [f"$.Report.CVSS: {_show(cvss)} is not of type 'object'"]
    version = cvss.get("Version")
    vector = cvss.get("Vector")
    if not isinstance(version, str) or not isinstance(vector, str):
        return [
            f"$.Report.CVSS: Version and Vector must be strings, found {_show(version)} and {_show(vector)}"
        ]
    if version not in ("2", "2.0", "3.0", "3.1", "4.0"):
        return [f"$.Report.CVSS.Version: {_show(version)} is not one of ['2', '2.0', '3.0', '3.1', '4.0']"]
    prefix = _CVSS_PREFIX.match(vector)
    vector_version = prefix.group(1) if prefix else "2"
    if vector_version.split(".")[0] != version.split(".")[0] or (prefix and vector_version != version):
        return [
            f"$.Report.CVSS.Vector: {_show(vector)} is a CVSS {vector_version} vector, not CVSS {version}"
        ]
    return []


def _samples(report: Mapping[str, object]) -> list[str]:
    if "Samples" not in report:
        return []
    samples = report["Samples"]
    if not isinstance(samples, list):
        return [f"$.Report.Samples: {_show(samples)} is not of type 'array'"]
    if not samples:
        return ["$.Report.Samples: [] should be non-empty"]
    errors: list[str] = []
    for index, sample in enumerate(samples):
        path = f"$.Report.Samples[{index}]"
        if not isinstance(sample, dict):
            errors.append(f"{path}: {_show(sample)} is not of type 'object'")
            continue
        if "FileName" not in sample:
            errors.extend(
                f"{path}: '{key}' is a required property"
                for key in ("ContentType", "Payload")
                if key not in sample
            )
    return errors


def _walk(node: object, path: str) -> Iterator[tuple[str, str, object]]:
    """(path, key, value) for every object member, iteratively (hostile nesting cannot overflow)."""
    stack: list[tuple[object, str]] = [(node, path)]
    while stack:
        current, where = stack.pop()
        if isinstance(current, dict):
            children: list[tuple[object, str]] = []
            for key, value in current.items():
                child = f"{where}.{key}"
                yield child, str(key), value
                children.append((value, child))
            stack.extend(reversed(children))
        elif isinstance(current, list):
            stack.extend(reversed([(value, f"{where}[{index}]") for index, value in enumerate(current)]))


def _show(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


# --- 0.1/0.2 YAML -------------------------------------------------------------------------------------


def parse_yaml_block(text: str) -> tuple[list[tuple[str, str]], list[str]]:
    """The ``Name: value`` pairs of an X-ARF 0.x report block, and the lines that are not pairs.

    X-ARF 0.x reports are flat YAML maps: quoted values are unquoted, an indented line continues the
    value above it (a YAML folded scalar), ``---``/``...`` and comments are skipped.
    """
    pairs: list[tuple[str, str]] = []
    stray: list[str] = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or stripped in ("---", "...") or stripped.startswith("#"):
            continue
        if line[:1] in (" ", "\t") and pairs:
            name, value = pairs[-1]
            pairs[-1] = (name, f"{value} {stripped}".strip())
            continue
        match = _YAML_LINE.match(stripped)
        if match is None:
            stray.append(stripped)
            continue
        value = (match.group(2) or "").strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        pairs.append((match.group(1), value))
    return pairs, stray
