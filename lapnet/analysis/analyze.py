"""The orchestrator: one item of evidence in, one or more :class:`Result` out.

What the evidence is decides the path:

- an ARF report (RFC 5965/6591): the report's fields, and the enclosed original analysed as email;
- an X-ARF report (JSON, or carried in an email): validated, its fields, and any evidence it carries;
- a forwarded spam (``message/rfc822`` or ``text/rfc822-headers`` inside a plain email): each
  attached message analysed, the wrapper kept as context (one result per attached message);
- an SMS record: its text and sender;
- anything else: an email.

Every result carries the SHA-256 of the exact bytes submitted. Nothing here raises on hostile input:
the parsers record defects, and as a last line of defence an unexpected error in lapnet's own code
becomes an ``analysis.internal_error`` defect on a result that still carries the hash and the source.

Many items are analysed stage by stage (:func:`analyze_items`): each item's analysis is a generator
that yields between its stages (MIME, sender headers, bodies, header walk, classifier, language...),
and the batch advances every item by one stage before the next, so that each stage's working set
(the feed parser's code, the rule regexes and model weights, CLD2's tables, the public-suffix list)
stays in the processor's caches from one message to the next instead of being evicted by the other
stages in between. An item's results do not depend on the batch it is in: every stage reads only its
own item and caches of pure functions.
"""

from __future__ import annotations

import datetime
import email.utils
import hashlib
import re
from collections.abc import Generator, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Final

from lapnet.analysis.classify import MODEL_VERSION, classify, message_text
from lapnet.analysis.classify.text import MAX_HTML_CHARS, attachment_names, mark_blocks, read_visible_text
from lapnet.analysis.enrich import IpCountry, RirIpCountry, detect_language
from lapnet.analysis.indicators import PHONE_METADATA_VERSION, PUBLIC_SUFFIX_LIST_VERSION, IndicatorCollector
from lapnet.analysis.indicators.html import TreeReader, extract_html
from lapnet.analysis.jurisdictions import rank_jurisdictions
from lapnet.analysis.message import ParsedMessage, decode_words, parse_message
from lapnet.analysis.origin import TrustConfig, walk_origin
from lapnet.analysis.reports.arf import is_arf, parse_arf
from lapnet.analysis.reports.sms import SmsRecord, iter_sms_records
from lapnet.analysis.reports.xarf import XarfParsed, find_xarf_in_email, looks_like_xarf, parse_xarf
from lapnet.analysis.sources import Item
from lapnet.analysis.types import (
    Category,
    DataVersions,
    Defect,
    Kind,
    Origin,
    OriginMethod,
    Report,
    Result,
    Source,
    Wrapper,
)

EXCERPT_LENGTH: Final = 500
# headers whose addresses point at the sender side; recipients (To, Cc) are victims, not indicators
SENDER_HEADERS: Final = (
    "From",
    "Sender",
    "Reply-To",
    "Return-Path",
    "Errors-To",
    "Disposition-Notification-To",
    "Mail-Followup-To",
)
# one HTML parse per part: the indicator extraction reads links and text, then the classifier its text
_VISIBLE_TEXT: Final = TreeReader(mark_blocks, read_visible_text)

# An item's analysis, stage by stage: each ``next`` runs one stage; the return value is its results.
_Steps = Generator[None, None, list[Result]]


@dataclass(frozen=True, slots=True)
class AnalysisConfig:
    """What the analysis may be told: the reporter's trusted networks, its country, the data sets."""

    trust: TrustConfig = field(default_factory=TrustConfig)
    reporter_country: str | None = None
    ip_country: IpCountry | None = None  # None: the RIR data shipped with iptocc
    unwrap_forwarded: bool = True


@cache
def _default_ip_country() -> IpCountry:
    return RirIpCountry()


@cache
def _data_versions(ip_country_version: str) -> DataVersions:
    return DataVersions(
        ip_country=ip_country_version,
        public_suffix_list=f"publicsuffixlist {PUBLIC_SUFFIX_LIST_VERSION}",
        phone_metadata=f"phonenumbers {PHONE_METADATA_VERSION}",
        category_model=MODEL_VERSION,
    )


def analyze_bytes(
    data: bytes,
    *,
    source: Source | None = None,
    kind: Kind | None = None,
    config: AnalysisConfig | None = None,
) -> list[Result]:
    """Analyse one message's bytes (not a container: see :mod:`lapnet.analysis.sources`)."""
    return analyze_item(Item(source or Source("-"), data, kind), config or AnalysisConfig())


def analyze_item(item: Item, config: AnalysisConfig) -> list[Result]:
    """One item's results: :func:`analyze_items` of that item alone."""
    return analyze_items((item,), config)[0]


def analyze_items(items: Sequence[Item], config: AnalysisConfig) -> list[list[Result]]:
    """Each item's results, in order: what :func:`analyze_item` gives for each, computed stage by
    stage over the batch (see the module's docstring). The items are held in memory together: a
    caller bounds the batch (the runner takes ``BATCH_ITEMS`` items or ``BATCH_BYTES`` bytes)."""
    results: list[list[Result]] = [[] for _ in items]
    running: list[tuple[int, Item, str, _Steps]] = []
    for index, item in enumerate(items):
        if item.read_error is not None:
            defect = Defect(
                "input.unreadable", f"the file could not be read: {item.read_error}", item.source.path
            )
            kind = item.kind or Kind.EMAIL
            results[index] = [Result(source=item.source, sha256="", size=0, kind=kind, defects=(defect,))]
        else:
            sha256 = hashlib.sha256(item.data).hexdigest()
            running.append((index, item, sha256, _steps(item, sha256, config)))
    while running:  # one stage of every item still running, then the next stage
        still: list[tuple[int, Item, str, _Steps]] = []
        for entry in running:
            index, item, sha256, steps = entry
            try:
                next(steps)
            except StopIteration as finished:
                results[index] = finished.value
            except Exception as error:  # a bug of ours must not lose the evidence: report it on the result
                kind = item.kind or Kind.EMAIL
                defect = Defect("analysis.internal_error", f"lapnet could not finish the analysis: {error!r}")
                size = len(item.data)
                results[index] = [
                    Result(source=item.source, sha256=sha256, size=size, kind=kind, defects=(defect,))
                ]
            else:
                still.append(entry)
        running = still
    return results


def _steps(item: Item, sha256: str, config: AnalysisConfig) -> _Steps:
    """The item's analysis as a generator (nothing runs before the first ``next``, so that an error
    in setting it up is caught like any other)."""
    return (yield from _Analysis(item, sha256, config).run())


class _Analysis:
    """The analysis of one item: holds the per-item context so the steps stay small."""

    def __init__(self, item: Item, sha256: str, config: AnalysisConfig) -> None:
        self.item = item
        self.sha256 = sha256
        self.config = config
        self.ip_country = config.ip_country or _default_ip_country()
        self.versions = _data_versions(self.ip_country.data_version)

    def run(self) -> _Steps:
        """The analysis, a stage at a time (``yield`` ends a stage: see :func:`analyze_items`)."""
        kind = self.item.kind
        if kind is Kind.SMS:
            if self.item.sms is not None:
                return [(yield from self._sms(self.item.sms, self.item.source))]
            # raw SMS bytes (an upload, an API body): split into records here
            path = self.item.source.path
            results: list[Result] = []
            for record in iter_sms_records(self.item.data):
                results.append((yield from self._sms(record, Source(path, record.index))))
            return results or [(yield from self._sms(None))]
        if kind is Kind.XARF:
            return [(yield from self._xarf(parse_xarf(self.item.data), ()))]
        parsed = parse_message(self.item.data)
        yield
        if kind in (None, Kind.ARF) and _may_be_arf(parsed.content_type) and is_arf(parsed.tree):
            return [(yield from self._arf(parsed))]
        if kind is None:
            carried = find_xarf_in_email(parsed.tree, parsed.decoded) if _may_carry_xarf(parsed) else None
            if carried is not None:
                return [(yield from self._xarf(parse_xarf(carried), parsed.defects))]
        if kind is Kind.ARF:  # forced, but not an ARF report: say so and analyse it as email
            defect = Defect("arf.not_a_report", "--kind arf was given but the message is not an ARF report")
            return [(yield from self._email(parsed, Kind.ARF, extra_defects=(defect,)))]
        forwarded = [part for part in parsed.embedded if _is_forwarded(parsed, part.content_type)]
        if self.config.unwrap_forwarded and forwarded:
            unwrapped: list[Result] = []
            for part in forwarded:
                unwrapped.append((yield from self._forwarded(parsed, part.raw, part.path)))
            return unwrapped
        return [(yield from self._email(parsed, Kind.EMAIL))]

    # --- the paths -------------------------------------------------------------------------------

    def _email(
        self,
        parsed: ParsedMessage,
        kind: Kind,
        *,
        report: Report | None = None,
        wrapper: Wrapper | None = None,
        extra_defects: Sequence[Defect] = (),
        extra_indicators: _ReportIndicators | None = None,
        reporter_country: str | None = None,
    ) -> Generator[None, None, Result]:
        """An email's result, in stages: the sender headers' addresses, the text bodies, the HTML bodies
        and attachments, the header walk, the classifier's text, the classifier, language and date."""
        collector = IndicatorCollector()
        for name in SENDER_HEADERS:
            for value in parsed.all_headers(name):
                collector.add_header_address(name, decode_words(value))
        yield
        for part in parsed.text_parts:
            collector.add_text(part.text, f"body:{part.path}:{part.content_type}")
        yield
        html_texts: list[str | None] = []  # each HTML part's visible text, from the indicators' parse
        for part in parsed.html_parts:
            reader = _VISIBLE_TEXT if len(part.text) <= MAX_HTML_CHARS else None
            content = extract_html(part.text, reader)
            collector.add_html_content(content, f"body:{part.path}:text/html")
            html_texts.append(content.reading)
        for attachment in parsed.attachments:
            collector.add_attachment(
                attachment.filename, attachment.content_type, attachment.payload, f"body:{attachment.path}"
            )
        if extra_indicators is not None:
            extra_indicators.add_to(collector)
        yield
        received = parsed.all_headers("Received")
        origin, origin_defects = walk_origin(
            received,
            trust=self.config.trust,
            ip_country=self.ip_country,
            fallback_headers=parsed.headers,
            arf_source_ip=report.source_ip if report is not None else None,
        )
        yield
        if origin.ip:
            collector.add_ip(origin.ip, f"origin:{origin.method.value}")
        indicators = collector.result()
        subject = parsed.decoded_header("Subject")
        text = message_text(parsed, html_texts)  # the readable body the category model was trained on
        yield
        classification = classify(
            subject=subject or "",
            text=text,
            indicators=indicators,
            kind=Kind.EMAIL,
            attachment_names=attachment_names(parsed),
        )
        yield
        language = detect_language(((subject or "") + "\n" + text).strip())
        date, date_defects = _date(parsed.header("Date"))
        yield
        defects = (*extra_defects, *parsed.defects, *origin_defects, *date_defects, *collector.defects)
        return Result(
            source=self.item.source,
            sha256=self.sha256,
            size=len(self.item.data),
            kind=kind,
            subject=subject,
            from_=parsed.decoded_header("From"),
            to=tuple(decode_words(value) for value in parsed.all_headers("To")),
            reply_to=tuple(decode_words(value) for value in parsed.all_headers("Reply-To")),
            return_path=parsed.header("Return-Path"),
            message_id=parsed.header("Message-ID"),
            date=date,
            origin=origin,
            indicators=indicators,
            jurisdictions=rank_jurisdictions(
                origin=origin,
                indicators=indicators,
                reporter_country=reporter_country or self.config.reporter_country,
            ),
            category=classification.category,
            category_score=classification.score,
            category_evidence=classification.evidence,
            language=language,
            text_excerpt=_tidy_excerpt(text),
            defects=_unique(defects),
            report=report,
            wrapper=wrapper,
            data_versions=self.versions,
        )

    def _arf(self, parsed: ParsedMessage) -> Generator[None, None, Result]:
        parts = parse_arf(parsed.tree)
        report = parts.report
        extra = _ReportIndicators.from_report(report)
        if parts.original is not None:
            original = parse_message(parts.original)
            result = yield from self._email(
                original,
                Kind.ARF,
                report=report,
                extra_defects=(*parsed.defects, *parts.defects),
                extra_indicators=extra,
            )
        else:
            result = yield from self._email(
                parsed, Kind.ARF, report=report, extra_defects=parts.defects, extra_indicators=extra
            )
        if result.origin is not None and report.source_ip and not result.origin.ip:
            result = replace(
                result, origin=self._source_ip_origin(report.source_ip, OriginMethod.ARF_SOURCE_IP)
            )
        return result

    def _xarf(self, parsed: XarfParsed, outer_defects: Sequence[Defect]) -> Generator[None, None, Result]:
        report = parsed.report
        extra = _ReportIndicators.from_report(report, sender=parsed.sender)
        for content_type, payload in parsed.evidence:
            if content_type.lower() in {"message/rfc822", "message/global", "text/rfc822-headers"}:
                result = yield from self._email(
                    parse_message(payload),
                    Kind.XARF,
                    report=report,
                    extra_defects=(*outer_defects, *parsed.defects),
                    extra_indicators=extra,
                    reporter_country=report.reporter_country,
                )
                if not (result.origin and result.origin.ip) and report.source_ip:
                    result = replace(
                        result, origin=self._source_ip_origin(report.source_ip, OriginMethod.XARF_SOURCE)
                    )
                return result
        collector = IndicatorCollector()
        extra.add_to(collector)
        text = parsed.sms_text or ""
        if text:
            collector.add_text(text, "report:sms_text")
        origin = (
            self._source_ip_origin(report.source_ip, OriginMethod.XARF_SOURCE) if report.source_ip else None
        )
        indicators = collector.result()
        yield
        classification = classify(subject="", text=text, indicators=indicators, kind=Kind.XARF)
        category = classification.category
        if not text and report.feedback_type:  # the report names what it is about: keep that, scored low
            category = _category_from_xarf(report.feedback_type)
        return Result(
            source=self.item.source,
            sha256=self.sha256,
            size=len(self.item.data),
            kind=Kind.XARF,
            from_=parsed.sender,
            date=report.arrival_date,
            origin=origin,
            indicators=indicators,
            jurisdictions=rank_jurisdictions(
                origin=origin, indicators=indicators, reporter_country=report.reporter_country
            ),
            category=category,
            category_score=classification.score,
            category_evidence=classification.evidence,
            language=detect_language(text) if text else None,
            text_excerpt=_excerpt(text),
            defects=_unique((*outer_defects, *parsed.defects, *collector.defects)),
            report=report,
            data_versions=self.versions,
        )

    def _forwarded(self, outer: ParsedMessage, raw: bytes, part: str) -> Generator[None, None, Result]:
        wrapper = Wrapper(
            attached_sha256=hashlib.sha256(raw).hexdigest(),
            from_=outer.decoded_header("From"),
            to=outer.decoded_header("To"),
            date=outer.header("Date"),
            subject=outer.decoded_header("Subject"),
            message_id=outer.header("Message-ID"),
            part=f"body:{part}",
        )
        attached = parse_message(raw)
        yield
        return (yield from self._email(attached, Kind.EMAIL, wrapper=wrapper, extra_defects=outer.defects))

    def _sms(self, record: SmsRecord | None, source: Source | None = None) -> Generator[None, None, Result]:
        if record is None:
            defect = Defect("sms.no_records", "the input was given as SMS but holds no SMS record")
            return Result(
                source=self.item.source,
                sha256=self.sha256,
                size=len(self.item.data),
                kind=Kind.SMS,
                defects=(defect,),
                data_versions=self.versions,
            )
        collector = IndicatorCollector(default_region=record.recipient_country)
        if record.sender:
            collector.add_phone(record.sender, "sms:sender")
        collector.add_text(record.text, "sms:text")
        indicators = collector.result()
        yield
        classification = classify(subject="", text=record.text, indicators=indicators, kind=Kind.SMS)
        yield
        return Result(
            source=source or self.item.source,
            sha256=self.sha256,
            size=len(self.item.data),
            kind=Kind.SMS,
            from_=record.sender,
            date=record.received_at,
            indicators=indicators,
            jurisdictions=rank_jurisdictions(
                origin=None,
                indicators=indicators,
                reporter_country=record.recipient_country or self.config.reporter_country,
                reporter_reason="recipient",
            ),
            category=classification.category,
            category_score=classification.score,
            category_evidence=classification.evidence,
            language=detect_language(record.text),
            text_excerpt=_excerpt(record.text),
            defects=_unique((*record.defects, *collector.defects)),
            data_versions=self.versions,
        )

    def _source_ip_origin(self, ip: str, method: OriginMethod) -> Origin:
        label = "ARF Source-IP" if method is OriginMethod.ARF_SOURCE_IP else "X-ARF source"
        return Origin(
            ip=ip,
            country=self.ip_country(ip),
            method=method,
            confidence=0.7,
            anchored=True,
            reason=f"taken from the report's {label}: the reporter observed this client connect",
            trust_anchors=(f"reporter:{method.value}",),
        )


@dataclass(frozen=True, slots=True)
class _ReportIndicators:
    """Identifiers an abuse report states outright (Source-IP, Reported-Domain, Reported-URI, sender)."""

    ips: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    urls: tuple[str, ...] = ()
    senders: tuple[str, ...] = ()

    def __init__(
        self,
        ips: tuple[str, ...] = (),
        domains: tuple[str, ...] = (),
        urls: tuple[str, ...] = (),
        senders: tuple[str, ...] = (),
    ) -> None:
        # written out so that mypyc compiles it: see the note in lapnet.analysis.types
        object.__setattr__(self, "ips", ips)
        object.__setattr__(self, "domains", domains)
        object.__setattr__(self, "urls", urls)
        object.__setattr__(self, "senders", senders)

    @classmethod
    def from_report(cls, report: Report, sender: str | None = None) -> _ReportIndicators:
        senders = tuple(s for s in (report.original_mail_from, sender) if s)
        return cls(
            ips=(report.source_ip,) if report.source_ip else (),
            domains=report.reported_domains,
            urls=report.reported_uris,
            senders=senders,
        )

    def add_to(self, collector: IndicatorCollector) -> None:
        for ip in self.ips:
            collector.add_ip(ip, "report:source_ip")
        for domain in self.domains:
            collector.add_domain(domain, "report:reported_domain")
        for url in self.urls:
            collector.add_url(url, "report:reported_uri")
        for sender in self.senders:
            if "@" in sender:
                collector.add_header_address("Original-Mail-From", sender)
            else:
                collector.add_phone(sender, "report:sender")


_XARF_CATEGORIES: Final = {
    "messaging/spam": Category.UNKNOWN,
    "content/phishing": Category.PHISHING,
    "content/malware": Category.MALWARE,
    "content/fraud": Category.ADVANCE_FEE_FRAUD,
}


def _category_from_xarf(feedback_type: str) -> Category:
    return _XARF_CATEGORIES.get(feedback_type.lower(), Category.UNKNOWN)


def _may_be_arf(content_type: str) -> bool:
    """False where :func:`is_arf` is surely False: a message of one part that is no feedback report.

    ``content_type`` is the message's own (``ParsedMessage.content_type``): it has the ASCII main type
    that the stdlib's ``get_content_type``, which ``is_arf`` asks (interpreted), would find, without
    asking it again for the nine messages in ten that are a single part."""
    return content_type.startswith("multipart/") or content_type == "message/feedback-report"


def _may_carry_xarf(parsed: ParsedMessage) -> bool:
    """False where :func:`find_xarf_in_email` surely finds nothing: a message of one part whose body
    (as the MIME walk decoded it) does not look like an X-ARF report, the only body the sniff would
    read. Spares the sniff's walk of the stdlib tree (interpreted) for the usual single part."""
    if parsed.tree.is_multipart():
        return True
    body = parsed.decoded.get(parsed.tree)
    return body is None or looks_like_xarf(body)


def _is_forwarded(parsed: ParsedMessage, content_type: str) -> bool:
    """A message attached to a plain email is forwarded evidence; one returned in a bounce is not."""
    if content_type not in {"message/rfc822", "message/global", "text/rfc822-headers"}:
        return False
    return not any(part.content_type == "message/delivery-status" for part in parsed.report_parts)


# The usual Date, "[Thu, ]22 Aug 2002 18:26:25 +0700[ anything]": its five fields, as the stdlib's
# parser (email.utils) splits them. Anything else is left to that parser.
_COMMON_DATE: Final = re.compile(
    r"[ \t]*(?:[A-Za-z]+,[ \t]+)?([0-9]{1,2})[ \t]+([A-Za-z]{3})[ \t]+([0-9]{4})[ \t]+"
    r"([0-9]{2}):([0-9]{2}):([0-9]{2})[ \t]+([+-])([0-9]{2})([0-9]{2})(?:[ \t]|\Z)"
)
_MONTH_NAMES: Final = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTHS: Final = {name: number for number, name in enumerate(_MONTH_NAMES, 1)}


def _parse_date(value: str) -> datetime.datetime:
    """:func:`email.utils.parsedate_to_datetime`, with the usual form read by one regex: the same
    fields, the same ``datetime`` (naive for ``-0000``), the same ``ValueError`` for impossible ones."""
    match = _COMMON_DATE.match(value)
    month = _MONTHS.get(match.group(2).lower()) if match is not None else None
    if match is None or month is None:
        return email.utils.parsedate_to_datetime(value)
    day, _, year, hour, minute, second, sign, zone_hours, zone_minutes = match.groups()
    year_number = int(year)
    if year_number < 100:  # "0099": the stdlib reads it as a two-digit year
        year_number += 1900 if year_number > 68 else 2000
    clock = (int(hour), int(minute), int(second))
    offset = int(zone_hours) * 3600 + int(zone_minutes) * 60
    if offset == 0 and sign == "-":  # -0000: UTC, the source's zone unknown
        return datetime.datetime(year_number, month, int(day), *clock)
    zone = datetime.timezone(datetime.timedelta(seconds=-offset if sign == "-" else offset))
    return datetime.datetime(year_number, month, int(day), *clock, tzinfo=zone)


def _date(value: str | None) -> tuple[str | None, tuple[Defect, ...]]:
    if value is None:
        return None, ()
    try:
        parsed = _parse_date(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        parsed = None
    if parsed is None:
        return None, (Defect("header.bad_date", f"unparsable Date header {value[:80]!r}", "header:Date"),)
    return parsed.isoformat(), ()


def _excerpt(text: str) -> str:
    """The first ``EXCERPT_LENGTH`` characters of the text's first ``4 * EXCERPT_LENGTH``, white space
    runs made one space (str.split and the regex class of white space agree on what it is).

    Its words are split from a shorter head first: when the words that head surely holds whole (all
    but its last, which may go on beyond it) already make the excerpt, the rest is never split.
    """
    head = text[: EXCERPT_LENGTH * 2]
    if len(head) < len(text):
        words = head.split()
        whole = " ".join(words[:-1])
        if len(whole) >= EXCERPT_LENGTH:
            return whole[:EXCERPT_LENGTH]
    return " ".join(text[: EXCERPT_LENGTH * 4].split())[:EXCERPT_LENGTH]


def _tidy_excerpt(text: str) -> str:
    """:func:`_excerpt` of tidy text (:func:`lapnet.analysis.classify.text.message_text`'s: no white space
    at either end, none but single spaces and single line breaks, never two together), whose white
    space runs are each one character already: its head, line breaks made spaces."""
    return text[:EXCERPT_LENGTH].replace("\n", " ")


def _unique(defects: Sequence[Defect]) -> tuple[Defect, ...]:
    return tuple(dict.fromkeys(defects))
