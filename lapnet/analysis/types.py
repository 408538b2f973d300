"""The typed results of the analysis core.

Everything here is a frozen, slotted dataclass or a ``StrEnum``: results can be shared between threads
and processes, hashed, compared in tests and turned into JSON by :mod:`lapnet.analysis.serialize`
without any per-type code. The JSON schema is documented in ``docs/analysis-result.md``; keep the two
in step.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Kind(StrEnum):
    """What a piece of evidence is, as detected (or forced with ``--kind``)."""

    EMAIL = "email"
    ARF = "arf"
    XARF = "xarf"
    SMS = "sms"


class Category(StrEnum):
    PHISHING = "phishing"
    ADVANCE_FEE_FRAUD = "advance_fee_fraud"
    LOTTERY_OR_PRIZE = "lottery_or_prize"
    MALWARE = "malware"
    PHARMA = "pharma"
    FINANCIAL_OR_STOCK = "financial_or_stock"
    EXTORTION = "extortion"
    DATING_OR_ADULT = "dating_or_adult"
    COMMERCIAL_UNSOLICITED = "commercial_unsolicited"
    NOT_SPAM = "not_spam"
    UNKNOWN = "unknown"


class HopVerdict(StrEnum):
    """Where a Received hop stands in the trust path, read from the receiver down."""

    TRUSTED = "trusted"  # added by a relay inside the configured trusted networks
    INTERNAL = "internal"  # inferred internal: private/loopback client, authenticated submission
    ORIGIN = "origin"  # the first untrusted relay: its client IP is the origin
    UNVERIFIABLE = "unverifiable"  # below the origin: written by untrusted hosts, may be forged
    UNPARSED = "unparsed"  # the header could not be read


class OriginMethod(StrEnum):
    RECEIVED_WALK = "received_walk"
    WEBMAIL_HEADER = "webmail_header"  # X-Originating-IP and kin
    ARF_SOURCE_IP = "arf_source_ip"
    XARF_SOURCE = "xarf_source"
    NONE = "none"


class IndicatorType(StrEnum):
    URL = "url"
    DOMAIN = "domain"
    EMAIL = "email"
    IP = "ip"
    PHONE = "phone"
    CRYPTO_WALLET = "crypto_wallet"
    IBAN = "iban"


@dataclass(frozen=True, slots=True)
class Defect:
    """Something wrong with the input, recorded instead of raised.

    ``code`` is stable and machine-readable (``received.unparsable``, ``mime.bad_base64``,
    ``xarf.schema``); ``message`` is for people; ``where`` names the header, part or field.
    """

    code: str
    message: str
    where: str = ""


@dataclass(frozen=True, slots=True)
class Source:
    """Where the bytes came from: a path and, inside mbox/TSV/CSV/JSON files, the record's index."""

    path: str
    index: int | None = None


@dataclass(frozen=True, slots=True)
class Hop:
    """One Received header, parsed and judged.

    ``index`` 0 is the topmost header (added last, by the final receiver). ``ip`` is the client IP the
    receiving host recorded; ``rdns`` the reverse name it recorded; ``helo`` what the client said.
    """

    index: int
    raw: str
    dialect: str  # postfix, sendmail, exim, qmail, exchange, gmail, yahoo, ... or "unknown"
    from_host: str | None = None
    helo: str | None = None
    rdns: str | None = None
    ip: str | None = None
    by_host: str | None = None
    id: str | None = None
    for_address: str | None = None
    protocol: str | None = None  # SMTP, ESMTP, ESMTPS, ESMTPSA, LMTP, HTTP, ...
    tls: str | None = None
    authenticated: bool = False
    timestamp: str | None = None  # ISO 8601 with offset, as written by the receiving host
    verdict: HopVerdict = HopVerdict.UNPARSED
    reason: str = ""
    flags: tuple[str, ...] = ()  # bogon, reserved, private, helo_mismatch, time_order, chain_break, ...


@dataclass(frozen=True, slots=True)
class Origin:
    """The explainable answer to "where did this come from?".

    ``trust_anchors`` lists the networks and rules the walk relied on, so that another agency can re-run
    it with the same anchors and get the same answer. ``anchored`` is False when no trusted relay was
    found: then ``ip`` is only reported when ``confidence`` allows it, and ``reason`` says why.
    """

    ip: str | None
    country: str | None
    method: OriginMethod
    confidence: float
    anchored: bool
    reason: str
    hops: tuple[Hop, ...] = ()
    trust_anchors: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Indicator:
    """A technical identifier found in the evidence, normalised, with every place it was found.

    ``found_in`` entries look like ``header:Reply-To``, ``body:1.2:text/html:href``,
    ``attachment:invoice.pdf``. ``country`` is set where the indicator itself names one (phone number,
    IBAN, ccTLD). ``attributes`` carries kind-specific facts as sorted (name, value) pairs, for example
    ``("registrable_domain", "example.co.uk")``, ``("shortener", "true")``, ``("chain", "bitcoin")``,
    ``("e164", "+447700900123")``, ``("defanged", "true")``.
    """

    value: str
    found_in: tuple[str, ...]
    country: str | None = None
    attributes: tuple[tuple[str, str], ...] = ()

    def attribute(self, name: str) -> str | None:
        for key, value in self.attributes:
            if key == name:
                return value
        return None


@dataclass(frozen=True, slots=True)
class Attachment:
    filename: str | None
    declared_type: str
    sniffed_type: str | None
    size: int
    sha256: str
    found_in: str  # MIME part path, e.g. "body:2"


@dataclass(frozen=True, slots=True)
class Indicators:
    url: tuple[Indicator, ...] = ()
    domain: tuple[Indicator, ...] = ()
    email: tuple[Indicator, ...] = ()
    ip: tuple[Indicator, ...] = ()
    phone: tuple[Indicator, ...] = ()
    crypto_wallet: tuple[Indicator, ...] = ()
    iban: tuple[Indicator, ...] = ()
    attachment: tuple[Attachment, ...] = ()


@dataclass(frozen=True, slots=True)
class Jurisdiction:
    """A country the evidence points to, and why (``origin_ip``, ``cctld``, ``phone``, ``iban``,
    ``reporter``, ``xarf_source``...). ``indicator`` is the value that points there."""

    country: str
    reason: str
    indicator: str
    weight: float


@dataclass(frozen=True, slots=True)
class Evidence:
    """Why a category was chosen: the rule or feature, the text it matched, and its weight."""

    rule: str
    snippet: str
    weight: float


@dataclass(frozen=True, slots=True)
class Report:
    """The machine-readable part of an ARF (RFC 5965/6591) or X-ARF (v3/v4) abuse report.

    ``fields`` keeps every field of the report as (name, value) pairs in document order, so nothing
    the reporter said is lost even where lapnet has no typed slot for it. ``valid`` and ``errors``
    record schema or RFC validation.
    """

    format: str  # "arf" or "xarf"
    version: str | None = None
    valid: bool = True
    errors: tuple[str, ...] = ()
    feedback_type: str | None = None  # ARF Feedback-Type, or X-ARF category/type ("messaging/spam")
    user_agent: str | None = None
    source_ip: str | None = None
    arrival_date: str | None = None
    reported_domains: tuple[str, ...] = ()
    reported_uris: tuple[str, ...] = ()
    original_mail_from: str | None = None
    original_rcpt_to: tuple[str, ...] = ()
    incidents: int | None = None
    reporting_mta: str | None = None
    authentication_results: tuple[str, ...] = ()
    auth_failure: str | None = None  # RFC 6591 Auth-Failure
    reporter_org: str | None = None
    reporter_contact: str | None = None
    reporter_country: str | None = None
    protocol: str | None = None  # X-ARF messaging protocol: smtp, sms, whatsapp, ...
    fields: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Wrapper:
    """The message a piece of spam was forwarded in: who forwarded it, when.

    The result's own ``sha256`` is always that of the submitted bytes (the wrapper, as stored);
    ``attached_sha256`` is that of the forwarded message as extracted from it.
    """

    attached_sha256: str
    from_: str | None
    to: str | None
    date: str | None
    subject: str | None
    message_id: str | None
    part: str  # where the spam sat inside the wrapper, e.g. "body:2" (message/rfc822)


@dataclass(frozen=True, slots=True)
class DataVersions:
    """Which offline data produced the result, so that a re-run can be compared."""

    ip_country: str = ""
    public_suffix_list: str = ""
    phone_metadata: str = ""
    category_model: str = ""


@dataclass(frozen=True, slots=True)
class Result:
    source: Source
    sha256: str
    size: int
    kind: Kind
    subject: str | None = None
    from_: str | None = None
    to: tuple[str, ...] = ()
    reply_to: tuple[str, ...] = ()
    return_path: str | None = None
    message_id: str | None = None
    date: str | None = None
    origin: Origin | None = None
    indicators: Indicators = field(default_factory=Indicators)
    jurisdictions: tuple[Jurisdiction, ...] = ()
    category: Category = Category.UNKNOWN
    category_score: float = 0.0
    category_evidence: tuple[Evidence, ...] = ()
    language: str | None = None
    text_excerpt: str = ""
    defects: tuple[Defect, ...] = ()
    report: Report | None = None
    wrapper: Wrapper | None = None
    data_versions: DataVersions = field(default_factory=DataVersions)
