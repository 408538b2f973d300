"""The referral pro forma: one typed structure, its JSON form and its JSON Schema.

The pro forma is what one agency sends another when it refers a spam case across a border. Its
sections follow the network's paper form: header, requesting agency, legal framing, subject and
conduct, technical identifiers, evidence, scale and harm, measures requested, handling (TLP 2.0) and
the response block that the receiver fills in.

Everything is a frozen, keyword-only dataclass or a ``StrEnum``. :meth:`ProForma.to_dict` gives the
JSON form (dates as ISO 8601, enums as their values, tuples as lists; every key present);
:meth:`ProForma.from_dict` validates a JSON form against :func:`json_schema` and builds the typed
structure back, raising :class:`ProFormaError` with every problem found. The schema is generated
from the dataclasses themselves, so the two cannot drift apart (``legal_basis`` is further limited to
the ids of :data:`lapnet.exchange.legal_bases.LEGAL_BASES`). Keys with a default may be left out of
the JSON form; :meth:`ProForma.to_dict` always writes them all.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import json
import types
import typing
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import jsonschema

from lapnet.exchange.legal_bases import LEGAL_BASES

__all__ = [
    "SCHEMA_ID",
    "SCHEMA_VERSION",
    "Agency",
    "Decision",
    "DeclineReason",
    "Evidence",
    "EvidenceItem",
    "EvidenceSource",
    "Handling",
    "Header",
    "LegalFraming",
    "Measure",
    "Measures",
    "Medium",
    "OriginIp",
    "Outcome",
    "Person",
    "ProForma",
    "ProFormaError",
    "RequestType",
    "RequestingAgency",
    "Response",
    "ScaleAndHarm",
    "SubjectAndConduct",
    "Target",
    "TargetKind",
    "TechnicalIdentifiers",
    "Tlp",
    "Urgency",
    "json_schema",
]

SCHEMA_VERSION = "1"
SCHEMA_ID = "https://lapnet.invalid/schemas/referral-proforma-v1.json"


class ProFormaError(ValueError):
    """A pro forma JSON that does not match the schema; ``errors`` lists every problem."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("; ".join(errors))
        self.errors = tuple(errors)


# --- choices -----------------------------------------------------------------------------------------


class RequestType(StrEnum):
    FOR_INFORMATION_ONLY = "for_information_only"
    ALERT = "alert"
    REQUEST_FOR_INFORMATION = "request_for_information"
    REQUEST_FOR_ENFORCEMENT_ACTION = "request_for_enforcement_action"
    REQUEST_FOR_INVESTIGATIVE_ASSISTANCE = "request_for_investigative_assistance"


class Urgency(StrEnum):
    ROUTINE = "routine"
    URGENT = "urgent"
    IMMEDIATE = "immediate"


class Medium(StrEnum):
    EMAIL = "email"
    SMS = "sms"
    CALL = "call"
    MESSAGING_APP = "messaging_app"
    OTHER = "other"


class TargetKind(StrEnum):
    PERSON = "person"
    COMPANY = "company"
    ALIAS = "alias"
    IDENTIFIER = "identifier"


class EvidenceSource(StrEnum):
    SPAM_TRAP = "spam_trap"
    USER_COMPLAINT = "user_complaint"
    FILTER = "filter"
    HONEYPOT = "honeypot"
    OTHER = "other"


class Measure(StrEnum):
    OBTAIN_SUBSCRIBER_DATA = "obtain_subscriber_data"
    PRESERVE_LOGS = "preserve_logs"
    SERVE_NOTICE = "serve_notice"
    TAKE_ENFORCEMENT_ACTION = "take_enforcement_action"
    TAKE_DOWN = "take_down"


class Tlp(StrEnum):
    """Traffic Light Protocol 2.0 (FIRST), in order from the widest to the narrowest audience."""

    CLEAR = "TLP:CLEAR"
    GREEN = "TLP:GREEN"
    AMBER = "TLP:AMBER"
    AMBER_STRICT = "TLP:AMBER+STRICT"
    RED = "TLP:RED"

    @property
    def rank(self) -> int:
        """0 for CLEAR up to 4 for RED: a larger rank is a narrower audience."""
        return list(Tlp).index(self)


class Decision(StrEnum):
    ACCEPTED = "accepted"
    DECLINED = "declined"


class DeclineReason(StrEnum):
    NO_LEGAL_GATEWAY = "no_legal_gateway"
    OUTSIDE_REMIT = "outside_remit"
    INSUFFICIENT_EVIDENCE = "insufficient_evidence"
    ALREADY_UNDER_INVESTIGATION = "already_under_investigation"
    OTHER = "other"


class Outcome(StrEnum):
    WARNING = "warning"
    FINE = "fine"
    PROSECUTION = "prosecution"
    TAKEDOWN = "takedown"
    NO_ACTION = "no_action"


# --- sections ----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class Agency:
    name: str
    country: str  # ISO 3166-1 alpha-2
    contact: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Person:
    name: str
    role: str = ""
    email: str = ""
    phone: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Header:
    id: str
    date: dt.date
    request_type: RequestType
    urgency: Urgency = Urgency.ROUTINE
    reply_by: dt.date | None = None
    request_language: str = "en"  # ISO 639-1: the language the request (and its PDF) is written in
    reply_language: str = "en"
    requested_agency: Agency
    coordinator_copy: Agency | None = None  # the requested country's national coordinator, in copy


@dataclass(frozen=True, slots=True, kw_only=True)
class RequestingAgency:
    organisation: str
    country: str
    remit: str = ""
    contact: Person
    approved_by: Person


@dataclass(frozen=True, slots=True, kw_only=True)
class LegalFraming:
    laws_infringed: tuple[str, ...] = ()
    legal_basis: str = "network_mou"  # an id of lapnet.exchange.legal_bases.LEGAL_BASES
    legal_basis_details: str = ""
    purpose_limitation: str = ""
    reciprocity_offered: bool = False
    reciprocity_details: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Target:
    kind: TargetKind
    name: str
    identifiers: tuple[str, ...] = ()
    country: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class SubjectAndConduct:
    targets: tuple[Target, ...] = ()
    product_or_service: str = ""
    media: tuple[Medium, ...] = ()
    infringement_types: tuple[str, ...] = ()
    summary_of_facts: str = ""
    reason_for_request: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class OriginIp:
    """One origin IP from the header walk, with what makes it checkable by the receiver."""

    ip: str
    time: dt.datetime | None = None
    country: str | None = None
    method: str = ""  # received_walk, webmail_header, arf_source_ip, xarf_source
    confidence: float = 0.0
    anchored: bool = False
    reason: str = ""
    trust_anchors: tuple[str, ...] = ()
    evidence_sha256: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class TechnicalIdentifiers:
    origin_ips: tuple[OriginIp, ...] = ()
    senders: tuple[str, ...] = ()
    reply_to: tuple[str, ...] = ()
    recipients: tuple[str, ...] = ()  # victims: personal data, redacted unless the legal basis allows it
    message_ids: tuple[str, ...] = ()
    urls: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    phone_numbers: tuple[str, ...] = ()
    sender_ids: tuple[str, ...] = ()
    payment_identifiers: tuple[str, ...] = ()
    authentication_results: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class EvidenceItem:
    sha256: str  # of the original bytes, whether or not the package carries them redacted
    size: int
    kind: str = "email"
    description: str = ""
    path: str = ""  # the file inside the evidence package
    redacted: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class Evidence:
    report_ids: tuple[str, ...] = ()
    campaign_ids: tuple[str, ...] = ()
    sources: tuple[EvidenceSource, ...] = ()
    items: tuple[EvidenceItem, ...] = ()
    chain_of_custody: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class ScaleAndHarm:
    messages: int | None = None
    recipients: int | None = None
    victims_in_requested_country: int | None = None
    estimated_detriment: str = ""
    victims: tuple[str, ...] = ()  # identified victims: personal data, redacted unless allowed


@dataclass(frozen=True, slots=True, kw_only=True)
class Measures:
    measures: tuple[Measure, ...] = ()
    details: str = ""
    actions_already_taken: str = ""
    other_agencies_involved: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Handling:
    tlp: Tlp = Tlp.AMBER
    do_not_forward: bool = True
    commercially_sensitive: bool = False
    permitted_uses: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Response:
    """Filled in by the requested agency."""

    acknowledged: bool = False
    acknowledged_on: dt.date | None = None
    decision: Decision | None = None
    decline_reason: DeclineReason | None = None
    decline_details: str = ""
    outcome: Outcome | None = None
    outcome_details: str = ""
    responded_by: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class ProForma:
    schema_version: str = SCHEMA_VERSION
    header: Header
    requesting_agency: RequestingAgency
    legal_framing: LegalFraming = field(default_factory=LegalFraming)
    subject: SubjectAndConduct = field(default_factory=SubjectAndConduct)
    technical: TechnicalIdentifiers = field(default_factory=TechnicalIdentifiers)
    evidence: Evidence = field(default_factory=Evidence)
    scale: ScaleAndHarm = field(default_factory=ScaleAndHarm)
    measures: Measures = field(default_factory=Measures)
    handling: Handling = field(default_factory=Handling)
    response: Response = field(default_factory=Response)

    def to_dict(self) -> dict[str, Any]:
        value = _encode(self)
        assert isinstance(value, dict)
        return value

    def to_json(self, *, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent, sort_keys=False)

    @classmethod
    def from_dict(cls, document: object) -> ProForma:
        errors = validate(document)
        if errors:
            raise ProFormaError(errors)
        try:
            value = _decode(cls, document, "$")
        except _DecodeError as error:
            raise ProFormaError([str(error)]) from None
        assert isinstance(value, ProForma)
        return value

    @classmethod
    def from_json(cls, text: str | bytes) -> ProForma:
        try:
            document = json.loads(text)
        except (ValueError, RecursionError) as error:
            raise ProFormaError([f"$: not JSON: {error}"]) from None
        return cls.from_dict(document)


SECTIONS: tuple[str, ...] = tuple(item.name for item in dataclasses.fields(ProForma))[1:]


# --- JSON form ---------------------------------------------------------------------------------------


def _encode(value: object) -> object:
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {item.name: _encode(getattr(value, item.name)) for item in dataclasses.fields(value)}
    if isinstance(value, tuple | list):
        return [_encode(item) for item in value]
    return value


class _DecodeError(ValueError):
    pass


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _decode(annotation: Any, value: object, path: str) -> object:
    origin = typing.get_origin(annotation)
    if origin in (types.UnionType, typing.Union):
        options = [option for option in typing.get_args(annotation) if option is not type(None)]
        return None if value is None else _decode(options[0], value, path)
    if origin is tuple:
        item_type = typing.get_args(annotation)[0]
        assert isinstance(value, list)
        return tuple(_decode(item_type, item, f"{path}[{index}]") for index, item in enumerate(value))
    if isinstance(annotation, type) and dataclasses.is_dataclass(annotation):
        assert isinstance(value, dict)
        hints = _hints(annotation)
        arguments = {
            item.name: _decode(hints[item.name], value[item.name], f"{path}.{item.name}")
            for item in dataclasses.fields(annotation)
            if item.name in value
        }
        return annotation(**arguments)
    if annotation is dt.datetime or annotation is dt.date:
        assert isinstance(value, str)
        try:
            parsed = (
                dt.datetime.fromisoformat(value)
                if annotation is dt.datetime
                else dt.date.fromisoformat(value)
            )
        except ValueError:
            raise _DecodeError(f"{path}: {value!r} is not an ISO 8601 {annotation.__name__}") from None
        return parsed
    if isinstance(annotation, type) and issubclass(annotation, StrEnum):
        assert isinstance(value, str)
        return annotation(value)
    if annotation is float and isinstance(value, int):
        return float(value)
    return value


# --- JSON Schema -------------------------------------------------------------------------------------


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the pro forma's JSON form, generated from the dataclasses."""
    return _schema_document()


@functools.cache
def _schema_document() -> dict[str, Any]:
    definitions: dict[str, Any] = {}
    root = _schema_for(ProForma, definitions)
    document: dict[str, Any] = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "lapnet referral pro forma",
        **definitions[root["$ref"].rsplit("/", 1)[-1]],
        "$defs": {name: schema for name, schema in definitions.items() if name != "ProForma"},
    }
    document["properties"]["schema_version"] = {"const": SCHEMA_VERSION}
    definitions["LegalFraming"]["properties"]["legal_basis"] = {
        "type": "string",
        "enum": [basis.id for basis in LEGAL_BASES],
    }
    return document


def _schema_for(annotation: Any, definitions: dict[str, Any]) -> dict[str, Any]:
    origin = typing.get_origin(annotation)
    if origin in (types.UnionType, typing.Union):
        options = [option for option in typing.get_args(annotation) if option is not type(None)]
        return {"anyOf": [_schema_for(options[0], definitions), {"type": "null"}]}
    if origin is tuple:
        return {"type": "array", "items": _schema_for(typing.get_args(annotation)[0], definitions)}
    if isinstance(annotation, type) and dataclasses.is_dataclass(annotation):
        name = annotation.__name__
        if name not in definitions:
            definitions[name] = {}  # reserve the name first: recursion stops here
            hints = _hints(annotation)
            definitions[name] = {
                "type": "object",
                "properties": {
                    item.name: _schema_for(hints[item.name], definitions)
                    for item in dataclasses.fields(annotation)
                },
                "required": [
                    item.name
                    for item in dataclasses.fields(annotation)
                    if item.default is dataclasses.MISSING and item.default_factory is dataclasses.MISSING
                ],
                "additionalProperties": False,
            }
        return {"$ref": f"#/$defs/{name}"}
    if isinstance(annotation, type) and issubclass(annotation, StrEnum):
        return {"type": "string", "enum": [member.value for member in annotation]}
    simple: dict[object, dict[str, Any]] = {
        str: {"type": "string"},
        bool: {"type": "boolean"},
        int: {"type": "integer", "minimum": 0},
        float: {"type": "number"},
        dt.date: {"type": "string", "format": "date"},
        dt.datetime: {"type": "string", "format": "date-time"},
    }
    if annotation in simple:
        return dict(simple[annotation])
    raise TypeError(f"no JSON Schema for {annotation!r}")


@functools.cache
def _validator() -> jsonschema.protocols.Validator:
    return jsonschema.Draft202012Validator(_schema_document())


def validate(document: object) -> list[str]:
    """Every violation of the pro forma schema as ``"$.path: message"`` (empty when valid)."""
    errors = [
        f"{error.json_path}: {error.message}"
        for error in sorted(_validator().iter_errors(document), key=lambda error: error.json_path)
    ]
    if errors:
        return errors
    try:
        _decode(ProForma, document, "$")
    except _DecodeError as error:
        return [str(error)]
    return []
