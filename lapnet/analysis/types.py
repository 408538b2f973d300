"""The typed results of the analysis core.

Everything here is a frozen, slotted dataclass or a ``StrEnum``: results can be shared between threads
and processes, hashed, compared in tests and turned into JSON by :mod:`lapnet.analysis.serialize`
without any per-type code. The JSON schema is documented in ``docs/analysis-result.md``; keep the two
in step.

The classes built many times a message (hops, indicators, evidence, the result...) write their
``__init__`` out instead of letting the dataclass generate it: a generated ``__init__`` is interpreted
Python even when the module is compiled, and a frozen one sets each field through a call to
``object.__setattr__`` (about a tenth of a microsecond a field), while the written-out one is compiled
by mypyc into direct stores. It takes the fields in order, with their defaults, and sets each of them
as the generated one would: a test (tests/analysis/test_written_out_inits.py) holds every such
``__init__`` to its class's fields.

Every dataclass here is also ``@mypyc_attr(acyclic=True)``: compiled, its instances carry no
garbage-collector header and are never traced by the collector. A result holds dozens of them, and a
batch of results kept alive was traced again at every young-generation collection (about 20 µs a
message, see docs/benchmarks.md). That is sound only for objects that can never be part of a reference cycle:
frozen objects whose fields hold only strings, numbers, enums, tuples of those and other such objects.
tests/analysis/test_acyclic.py holds every class so marked, here and elsewhere in the analysis, to that.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from mypy_extensions import mypyc_attr


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


@mypyc_attr(acyclic=True)
@dataclass(frozen=True, slots=True)
class Defect:
    """Something wrong with the input, recorded instead of raised.

    ``code`` is stable and machine-readable (``received.unparsable``, ``mime.bad_base64``,
    ``xarf.schema``); ``message`` is for people; ``where`` names the header, part or field.
    """

    code: str
    message: str
    where: str = ""

    def __init__(self, code: str, message: str, where: str = "") -> None:
        # written out so that mypyc compiles it: see the note in lapnet.analysis.types
        object.__setattr__(self, "code", code)
        object.__setattr__(self, "message", message)
        object.__setattr__(self, "where", where)


@mypyc_attr(acyclic=True)
@dataclass(frozen=True, slots=True)
class Source:
    """Where the bytes came from: a path and, inside mbox/TSV/CSV/JSON files, the record's index."""

    path: str
    index: int | None = None

    def __init__(self, path: str, index: int | None = None) -> None:
        # written out so that mypyc compiles it: see the note in lapnet.analysis.types
        object.__setattr__(self, "path", path)
        object.__setattr__(self, "index", index)


@mypyc_attr(acyclic=True)
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

    def __init__(  # noqa: PLR0917 - the fields, positional as in the generated __init__
        self,
        index: int,
        raw: str,
        dialect: str,
        from_host: str | None = None,
        helo: str | None = None,
        rdns: str | None = None,
        ip: str | None = None,
        by_host: str | None = None,
        id: str | None = None,
        for_address: str | None = None,
        protocol: str | None = None,
        tls: str | None = None,
        authenticated: bool = False,
        timestamp: str | None = None,
        verdict: HopVerdict = HopVerdict.UNPARSED,
        reason: str = "",
        flags: tuple[str, ...] = (),
    ) -> None:
        # written out so that mypyc compiles it: see the note in lapnet.analysis.types
        object.__setattr__(self, "index", index)
        object.__setattr__(self, "raw", raw)
        object.__setattr__(self, "dialect", dialect)
        object.__setattr__(self, "from_host", from_host)
        object.__setattr__(self, "helo", helo)
        object.__setattr__(self, "rdns", rdns)
        object.__setattr__(self, "ip", ip)
        object.__setattr__(self, "by_host", by_host)
        object.__setattr__(self, "id", id)
        object.__setattr__(self, "for_address", for_address)
        object.__setattr__(self, "protocol", protocol)
        object.__setattr__(self, "tls", tls)
        object.__setattr__(self, "authenticated", authenticated)
        object.__setattr__(self, "timestamp", timestamp)
        object.__setattr__(self, "verdict", verdict)
        object.__setattr__(self, "reason", reason)
        object.__setattr__(self, "flags", flags)


@mypyc_attr(acyclic=True)
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

    def __init__(  # noqa: PLR0917 - the fields, positional as in the generated __init__
        self,
        ip: str | None,
        country: str | None,
        method: OriginMethod,
        confidence: float,
        anchored: bool,
        reason: str,
        hops: tuple[Hop, ...] = (),
        trust_anchors: tuple[str, ...] = (),
    ) -> None:
        # written out so that mypyc compiles it: see the note in lapnet.analysis.types
        object.__setattr__(self, "ip", ip)
        object.__setattr__(self, "country", country)
        object.__setattr__(self, "method", method)
        object.__setattr__(self, "confidence", confidence)
        object.__setattr__(self, "anchored", anchored)
        object.__setattr__(self, "reason", reason)
        object.__setattr__(self, "hops", hops)
        object.__setattr__(self, "trust_anchors", trust_anchors)


@mypyc_attr(acyclic=True)
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

    def __init__(
        self,
        value: str,
        found_in: tuple[str, ...],
        country: str | None = None,
        attributes: tuple[tuple[str, str], ...] = (),
    ) -> None:
        # written out so that mypyc compiles it: see the note in lapnet.analysis.types
        object.__setattr__(self, "value", value)
        object.__setattr__(self, "found_in", found_in)
        object.__setattr__(self, "country", country)
        object.__setattr__(self, "attributes", attributes)

    def attribute(self, name: str) -> str | None:
        for key, value in self.attributes:
            if key == name:
                return value
        return None


@mypyc_attr(acyclic=True)
@dataclass(frozen=True, slots=True)
class Attachment:
    filename: str | None
    declared_type: str
    sniffed_type: str | None
    size: int
    sha256: str
    found_in: str  # MIME part path, e.g. "body:2"

    def __init__(  # noqa: PLR0917 - the fields, positional as in the generated __init__
        self,
        filename: str | None,
        declared_type: str,
        sniffed_type: str | None,
        size: int,
        sha256: str,
        found_in: str,
    ) -> None:
        # written out so that mypyc compiles it: see the note in lapnet.analysis.types
        object.__setattr__(self, "filename", filename)
        object.__setattr__(self, "declared_type", declared_type)
        object.__setattr__(self, "sniffed_type", sniffed_type)
        object.__setattr__(self, "size", size)
        object.__setattr__(self, "sha256", sha256)
        object.__setattr__(self, "found_in", found_in)


@mypyc_attr(acyclic=True)
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

    def __init__(  # noqa: PLR0917 - the fields, positional as in the generated __init__
        self,
        url: tuple[Indicator, ...] = (),
        domain: tuple[Indicator, ...] = (),
        email: tuple[Indicator, ...] = (),
        ip: tuple[Indicator, ...] = (),
        phone: tuple[Indicator, ...] = (),
        crypto_wallet: tuple[Indicator, ...] = (),
        iban: tuple[Indicator, ...] = (),
        attachment: tuple[Attachment, ...] = (),
    ) -> None:
        # written out so that mypyc compiles it: see the note in lapnet.analysis.types
        object.__setattr__(self, "url", url)
        object.__setattr__(self, "domain", domain)
        object.__setattr__(self, "email", email)
        object.__setattr__(self, "ip", ip)
        object.__setattr__(self, "phone", phone)
        object.__setattr__(self, "crypto_wallet", crypto_wallet)
        object.__setattr__(self, "iban", iban)
        object.__setattr__(self, "attachment", attachment)


@mypyc_attr(acyclic=True)
@dataclass(frozen=True, slots=True)
class Jurisdiction:
    """A country the evidence points to, and why (``origin_ip``, ``cctld``, ``phone``, ``iban``,
    ``reporter``, ``xarf_source``...). ``indicator`` is the value that points there."""

    country: str
    reason: str
    indicator: str
    weight: float

    def __init__(self, country: str, reason: str, indicator: str, weight: float) -> None:
        # written out so that mypyc compiles it: see the note in lapnet.analysis.types
        object.__setattr__(self, "country", country)
        object.__setattr__(self, "reason", reason)
        object.__setattr__(self, "indicator", indicator)
        object.__setattr__(self, "weight", weight)


@mypyc_attr(acyclic=True)
@dataclass(frozen=True, slots=True)
class Evidence:
    """Why a category was chosen: the rule or feature, the text it matched, and its weight."""

    rule: str
    snippet: str
    weight: float

    def __init__(self, rule: str, snippet: str, weight: float) -> None:
        # written out so that mypyc compiles it: see the note in lapnet.analysis.types
        object.__setattr__(self, "rule", rule)
        object.__setattr__(self, "snippet", snippet)
        object.__setattr__(self, "weight", weight)


@mypyc_attr(acyclic=True)
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

    def __init__(  # noqa: PLR0917 - the fields, positional as in the generated __init__
        self,
        format: str,
        version: str | None = None,
        valid: bool = True,
        errors: tuple[str, ...] = (),
        feedback_type: str | None = None,
        user_agent: str | None = None,
        source_ip: str | None = None,
        arrival_date: str | None = None,
        reported_domains: tuple[str, ...] = (),
        reported_uris: tuple[str, ...] = (),
        original_mail_from: str | None = None,
        original_rcpt_to: tuple[str, ...] = (),
        incidents: int | None = None,
        reporting_mta: str | None = None,
        authentication_results: tuple[str, ...] = (),
        auth_failure: str | None = None,
        reporter_org: str | None = None,
        reporter_contact: str | None = None,
        reporter_country: str | None = None,
        protocol: str | None = None,
        fields: tuple[tuple[str, str], ...] = (),
    ) -> None:
        # written out so that mypyc compiles it: see the note in lapnet.analysis.types
        object.__setattr__(self, "format", format)
        object.__setattr__(self, "version", version)
        object.__setattr__(self, "valid", valid)
        object.__setattr__(self, "errors", errors)
        object.__setattr__(self, "feedback_type", feedback_type)
        object.__setattr__(self, "user_agent", user_agent)
        object.__setattr__(self, "source_ip", source_ip)
        object.__setattr__(self, "arrival_date", arrival_date)
        object.__setattr__(self, "reported_domains", reported_domains)
        object.__setattr__(self, "reported_uris", reported_uris)
        object.__setattr__(self, "original_mail_from", original_mail_from)
        object.__setattr__(self, "original_rcpt_to", original_rcpt_to)
        object.__setattr__(self, "incidents", incidents)
        object.__setattr__(self, "reporting_mta", reporting_mta)
        object.__setattr__(self, "authentication_results", authentication_results)
        object.__setattr__(self, "auth_failure", auth_failure)
        object.__setattr__(self, "reporter_org", reporter_org)
        object.__setattr__(self, "reporter_contact", reporter_contact)
        object.__setattr__(self, "reporter_country", reporter_country)
        object.__setattr__(self, "protocol", protocol)
        object.__setattr__(self, "fields", fields)


@mypyc_attr(acyclic=True)
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

    def __init__(  # noqa: PLR0917 - the fields, positional as in the generated __init__
        self,
        attached_sha256: str,
        from_: str | None,
        to: str | None,
        date: str | None,
        subject: str | None,
        message_id: str | None,
        part: str,
    ) -> None:
        # written out so that mypyc compiles it: see the note in lapnet.analysis.types
        object.__setattr__(self, "attached_sha256", attached_sha256)
        object.__setattr__(self, "from_", from_)
        object.__setattr__(self, "to", to)
        object.__setattr__(self, "date", date)
        object.__setattr__(self, "subject", subject)
        object.__setattr__(self, "message_id", message_id)
        object.__setattr__(self, "part", part)


@mypyc_attr(acyclic=True)
@dataclass(frozen=True, slots=True)
class DataVersions:
    """Which offline data produced the result, so that a re-run can be compared."""

    ip_country: str = ""
    public_suffix_list: str = ""
    phone_metadata: str = ""
    category_model: str = ""

    def __init__(
        self,
        ip_country: str = "",
        public_suffix_list: str = "",
        phone_metadata: str = "",
        category_model: str = "",
    ) -> None:
        # written out so that mypyc compiles it: see the note in lapnet.analysis.types
        object.__setattr__(self, "ip_country", ip_country)
        object.__setattr__(self, "public_suffix_list", public_suffix_list)
        object.__setattr__(self, "phone_metadata", phone_metadata)
        object.__setattr__(self, "category_model", category_model)


@mypyc_attr(acyclic=True)
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

    def __init__(  # noqa: PLR0917 - the fields, positional as in the generated __init__
        self,
        source: Source,
        sha256: str,
        size: int,
        kind: Kind,
        subject: str | None = None,
        from_: str | None = None,
        to: tuple[str, ...] = (),
        reply_to: tuple[str, ...] = (),
        return_path: str | None = None,
        message_id: str | None = None,
        date: str | None = None,
        origin: Origin | None = None,
        indicators: Indicators = Indicators(),
        jurisdictions: tuple[Jurisdiction, ...] = (),
        category: Category = Category.UNKNOWN,
        category_score: float = 0.0,
        category_evidence: tuple[Evidence, ...] = (),
        language: str | None = None,
        text_excerpt: str = "",
        defects: tuple[Defect, ...] = (),
        report: Report | None = None,
        wrapper: Wrapper | None = None,
        data_versions: DataVersions = DataVersions(),
    ) -> None:
        # written out so that mypyc compiles it: see the note in lapnet.analysis.types
        object.__setattr__(self, "source", source)
        object.__setattr__(self, "sha256", sha256)
        object.__setattr__(self, "size", size)
        object.__setattr__(self, "kind", kind)
        object.__setattr__(self, "subject", subject)
        object.__setattr__(self, "from_", from_)
        object.__setattr__(self, "to", to)
        object.__setattr__(self, "reply_to", reply_to)
        object.__setattr__(self, "return_path", return_path)
        object.__setattr__(self, "message_id", message_id)
        object.__setattr__(self, "date", date)
        object.__setattr__(self, "origin", origin)
        object.__setattr__(self, "indicators", indicators)
        object.__setattr__(self, "jurisdictions", jurisdictions)
        object.__setattr__(self, "category", category)
        object.__setattr__(self, "category_score", category_score)
        object.__setattr__(self, "category_evidence", category_evidence)
        object.__setattr__(self, "language", language)
        object.__setattr__(self, "text_excerpt", text_excerpt)
        object.__setattr__(self, "defects", defects)
        object.__setattr__(self, "report", report)
        object.__setattr__(self, "wrapper", wrapper)
        object.__setattr__(self, "data_versions", data_versions)
