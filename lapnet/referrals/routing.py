"""Routing: from a set of reports (or a campaign's), who should receive the referral, and what the
pro forma can say already.

1. **Jurisdictions.** Each analysed report carries ranked ``jurisdictions`` (origin IP, spamvertised
   ccTLD, phone, IBAN, sender domain, reporter; see docs/analysis-result.md); the reporting members'
   countries count as victims' countries. Weights add up over the reports; the countries are ranked
   by that total, each with its reasons and the indicators that point there.
2. **Competence.** For each country, the active member agencies (enforcement or government) whose
   remits fit the reports' categories (:data:`COMPETENT_REMITS`), with their primary point of contact.
3. **Fallback.** Where no competent member exists, the routing says so and proposes the country's
   national coordinator and its private-sector (industry) members instead.

:func:`prefill` fills every pro forma field it can from the reports: technical identifiers (origin IPs
with time, header-walk result and trust anchors; senders, reply-to, message ids, URLs, domains,
phones and sender ids, payment identifiers, authentication results), the evidence notes, scale and
the subject. Pure functions over rows already fetched through ``access``: nothing here decides who
may see what.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from lapnet.analysis.types import Category
from lapnet.evidence.models import Evidence
from lapnet.members.models import (
    COORDINATING_TYPES,
    NationalCoordinator,
    Organisation,
    OrganisationType,
    PointOfContact,
    Remit,
)

# which regulators and units are competent for what: phishing and malware are crimes (criminal or
# cyber units); unsolicited commercial messages are for the privacy, consumer or telecoms regulator;
# fraud is for consumer protection and the police.
COMPETENT_REMITS: Mapping[str, tuple[Remit, ...]] = {
    Category.PHISHING: (Remit.CRIMINAL,),
    Category.MALWARE: (Remit.CRIMINAL,),
    Category.EXTORTION: (Remit.CRIMINAL,),
    Category.COMMERCIAL_UNSOLICITED: (Remit.PRIVACY, Remit.CONSUMER, Remit.TELECOM),
    Category.ADVANCE_FEE_FRAUD: (Remit.CONSUMER, Remit.CRIMINAL),
    Category.LOTTERY_OR_PRIZE: (Remit.CONSUMER, Remit.CRIMINAL),
    Category.FINANCIAL_OR_STOCK: (Remit.CONSUMER, Remit.CRIMINAL),
    Category.PHARMA: (Remit.CONSUMER, Remit.CRIMINAL),
    Category.DATING_OR_ADULT: (Remit.CONSUMER, Remit.PRIVACY),
}
# a category the classifier could not name: any agency with a remit over spam may look at it
ANY_REMIT: tuple[Remit, ...] = (Remit.CONSUMER, Remit.PRIVACY, Remit.TELECOM, Remit.CRIMINAL)

REPORTER_WEIGHT = 0.3  # a reporting member's country: victims are there
MAX_COUNTRIES = 8
MAX_VALUES = 200  # per list of identifiers in the pro forma


class CandidateKind(StrEnum):
    COMPETENT = "competent"  # an agency whose remit fits
    COORDINATOR = "coordinator"  # the national coordinator, when no agency fits
    PRIVATE_SECTOR = "private_sector"  # an industry member of that country, when no agency fits


@dataclass(frozen=True)
class Candidate:
    organisation: Organisation
    kind: CandidateKind
    contact: PointOfContact | None  # the primary point of contact, if the organisation named one
    remits: tuple[str, ...] = ()  # the organisation's remits that fit


@dataclass(frozen=True)
class Jurisdiction:
    country: str
    weight: float
    reasons: tuple[str, ...]  # origin_ip, cctld, phone, iban, sender_cctld, recipient, reporter
    indicators: tuple[str, ...]


@dataclass(frozen=True)
class Route:
    jurisdiction: Jurisdiction
    candidates: tuple[Candidate, ...]
    fallback: tuple[Candidate, ...] = ()

    @property
    def has_competent_member(self) -> bool:
        return bool(self.candidates)

    @property
    def proposed(self) -> Candidate | None:
        """The first proposal: the best competent agency, else the first fallback."""
        return (self.candidates or self.fallback or (None,))[0]


@dataclass(frozen=True)
class Routing:
    categories: tuple[str, ...]
    remits: tuple[str, ...]
    routes: tuple[Route, ...] = field(default_factory=tuple)


def _results(evidence: Evidence) -> list[dict[str, Any]]:
    return [result for result in evidence.results or [] if isinstance(result, dict)]


def categories_of(reports: Sequence[Evidence]) -> list[str]:
    """The reports' categories, most common first (``not_spam`` and empty ones left out)."""
    counts: Counter[str] = Counter()
    for evidence in reports:
        for result in _results(evidence) or [{"category": evidence.category}]:
            category = str(result.get("category") or "")
            if category and category != Category.NOT_SPAM:
                counts[category] += 1
    return [category for category, _ in counts.most_common()]


def competent_remits(categories: Iterable[str]) -> tuple[Remit, ...]:
    remits: list[Remit] = []
    for category in categories:
        for remit in COMPETENT_REMITS.get(category, ANY_REMIT):
            if remit not in remits:
                remits.append(remit)
    return tuple(remits) or ANY_REMIT


def rank_jurisdictions(reports: Sequence[Evidence]) -> list[Jurisdiction]:
    weights: dict[str, float] = defaultdict(float)
    reasons: dict[str, dict[str, None]] = defaultdict(dict)
    indicators: dict[str, dict[str, None]] = defaultdict(dict)
    for evidence in reports:
        for result in _results(evidence):
            for entry in result.get("jurisdictions") or []:
                country = str(entry.get("country") or "").upper()
                if len(country) != 2:
                    continue
                reason = str(entry.get("reason") or "")
                if reason == "reporter":
                    continue  # counted below, once per report, from the member's own country
                weights[country] += float(entry.get("weight") or 0)
                reasons[country][reason] = None
                if entry.get("indicator"):
                    indicators[country][str(entry["indicator"])] = None
        reporter = evidence.organisation.country
        weights[reporter] += REPORTER_WEIGHT
        reasons[reporter]["reporter"] = None
    ranked = sorted(weights, key=lambda country: (-weights[country], country))
    return [
        Jurisdiction(
            country,
            round(weights[country], 3),
            tuple(reasons[country]),
            tuple(list(indicators[country])[:10]),
        )
        for country in ranked
    ]


def _primary_contact(organisation: Organisation) -> PointOfContact | None:
    contacts = list(organisation.contacts.all())
    return next((contact for contact in contacts if contact.is_primary), contacts[0] if contacts else None)


def route(reports: Sequence[Evidence], *, requesting: Organisation | None = None) -> Routing:
    """Ranked jurisdictions with their competent members (or fallbacks) for these reports."""
    categories = categories_of(reports)
    remits = competent_remits(categories)
    jurisdictions = rank_jurisdictions(reports)[:MAX_COUNTRIES]
    countries = [jurisdiction.country for jurisdiction in jurisdictions]
    members = (
        Organisation.objects.filter(country__in=countries, is_active=True)
        .exclude(pk=requesting.pk if requesting else None)
        .prefetch_related("contacts")
        .order_by("name")
    )
    by_country: dict[str, list[Organisation]] = defaultdict(list)
    for organisation in members:
        by_country[organisation.country].append(organisation)
    coordinators = {
        row.country: row.organisation
        for row in NationalCoordinator.objects.filter(country__in=countries).select_related("organisation")
    }
    routes = []
    for jurisdiction in jurisdictions:
        candidates = []
        for organisation in by_country[jurisdiction.country]:
            if organisation.type not in COORDINATING_TYPES:
                continue
            fitting = tuple(remit.value for remit in remits if remit in organisation.remits)
            if fitting:
                candidates.append(
                    Candidate(organisation, CandidateKind.COMPETENT, _primary_contact(organisation), fitting)
                )
        # the agency whose remit fits best first: more fitting remits, then the one listed first
        candidates.sort(key=lambda candidate: min(remits.index(Remit(r)) for r in candidate.remits))
        fallback: list[Candidate] = []
        if not candidates:
            coordinator = coordinators.get(jurisdiction.country)
            if coordinator is not None and coordinator != requesting:
                fallback.append(
                    Candidate(coordinator, CandidateKind.COORDINATOR, _primary_contact(coordinator))
                )
            fallback += [
                Candidate(organisation, CandidateKind.PRIVATE_SECTOR, _primary_contact(organisation))
                for organisation in by_country[jurisdiction.country]
                if organisation.type == OrganisationType.INDUSTRY
            ]
        routes.append(Route(jurisdiction, tuple(candidates), tuple(fallback)))
    return Routing(tuple(categories), tuple(remit.value for remit in remits), tuple(routes))


# --- the pre-filled pro forma --------------------------------------------------------------------------

MEDIUM_OF_KIND = {"email": "email", "arf": "email", "xarf": "email", "sms": "sms"}


def _add(values: dict[str, None], *items: object) -> None:
    for item in items:
        if item and len(values) < MAX_VALUES:
            values[str(item)] = None


def _datetime(text: object) -> str | None:
    if not isinstance(text, str) or not text:
        return None
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).isoformat()
    except ValueError:
        return None


def _origin_ip(result: Mapping[str, Any], sha256: str) -> dict[str, Any] | None:
    origin = result.get("origin") or {}
    if not isinstance(origin, dict) or not origin.get("ip"):
        return None
    hop = next(
        (hop for hop in origin.get("hops") or [] if hop.get("verdict") == "origin" and hop.get("ip")), None
    )
    return {
        "ip": str(origin["ip"]),
        "time": _datetime(hop.get("timestamp") if hop else None) or _datetime(result.get("date")),
        "country": origin.get("country") or None,
        "method": str(origin.get("method") or ""),
        "confidence": float(origin.get("confidence") or 0.0),
        "anchored": bool(origin.get("anchored")),
        "reason": str(origin.get("reason") or ""),
        "trust_anchors": [str(anchor) for anchor in origin.get("trust_anchors") or []],
        "evidence_sha256": sha256,
    }


def prefill(reports: Sequence[Evidence], *, requested_country: str = "") -> dict[str, Any]:
    """The editable pro forma sections (``proforma.EDITABLE``) filled from the reports."""
    origin_ips: list[dict[str, Any]] = []
    seen_origins: set[tuple[str, str]] = set()
    lists: dict[str, dict[str, None]] = defaultdict(dict)
    media: dict[str, None] = {}
    recipients: set[str] = set()
    dates: list[datetime] = []
    subjects: dict[str, None] = {}
    messages = 0
    for evidence in reports:
        for result in _results(evidence):
            messages += 1
            sha256 = str(result.get("sha256") or evidence.blob_id)
            origin = _origin_ip(result, sha256)
            if origin is not None and (origin["ip"], sha256) not in seen_origins:
                seen_origins.add((origin["ip"], sha256))
                origin_ips.append(origin)
            kind = str(result.get("kind") or evidence.kind or "email")
            _add(media, MEDIUM_OF_KIND.get(kind, "other"))
            if kind == "sms":
                _add(lists["sender_ids"], result.get("from"))
            else:
                _add(lists["senders"], result.get("from"), result.get("return_path"))
            _add(lists["reply_to"], *(result.get("reply_to") or []))
            _add(lists["message_ids"], result.get("message_id"))
            indicators = result.get("indicators") or {}
            _add(lists["urls"], *(entry.get("value") for entry in indicators.get("url") or []))
            _add(lists["domains"], *(entry.get("value") for entry in indicators.get("domain") or []))
            _add(lists["phone_numbers"], *(entry.get("value") for entry in indicators.get("phone") or []))
            for kind_name in ("crypto_wallet", "iban"):
                _add(
                    lists["payment_identifiers"],
                    *(entry.get("value") for entry in indicators.get(kind_name) or []),
                )
            for entry in indicators.get("email") or []:
                role = (entry.get("attributes") or {}).get("role") if isinstance(entry, dict) else None
                if role in {"reply_to"}:
                    _add(lists["reply_to"], entry.get("value"))
                elif role in {"from", "sender", "return_path"}:
                    _add(lists["senders"], entry.get("value"))
            report = result.get("report") or {}
            if isinstance(report, dict):
                _add(lists["authentication_results"], *(report.get("authentication_results") or []))
                _add(lists["urls"], *(report.get("reported_uris") or []))
                _add(lists["domains"], *(report.get("reported_domains") or []))
            recipients.update(str(address).lower() for address in result.get("to") or [])
            when = _datetime(result.get("date"))
            if when:
                dates.append(datetime.fromisoformat(when))
            _add(subjects, result.get("subject"))
    categories = categories_of(reports)
    first, last = (min(dates), max(dates)) if dates else (None, None)
    summary = _summary(
        len(reports),
        messages=messages,
        categories=categories,
        first=first,
        last=last,
        subjects=list(subjects)[:5],
    )
    technical: dict[str, Any] = {"origin_ips": origin_ips}
    for key in (
        "senders",
        "reply_to",
        "message_ids",
        "urls",
        "domains",
        "phone_numbers",
        "sender_ids",
        "payment_identifiers",
        "authentication_results",
    ):
        technical[key] = list(lists[key])
    hashes = ", ".join(sorted({evidence.blob_id for evidence in reports})[:20])
    return {
        "subject": {
            "media": list(media),
            "infringement_types": categories,
            "summary_of_facts": summary,
        },
        "technical": technical,
        "scale": {
            "messages": messages,
            "recipients": len(recipients) or None,
            # reports made in the requested country are victims there (the only count lapnet knows)
            "victims_in_requested_country": sum(
                1 for evidence in reports if evidence.organisation.country == requested_country
            )
            or None,
        },
        "evidence": {
            "chain_of_custody": (
                f"{len(reports)} report(s) received by lapnet and stored byte for byte on receipt, "
                f"content-addressed by SHA-256 and read-only since: {hashes}"
                + (" ..." if len(reports) > 20 else "")
            ),
        },
        "legal_framing": {},
        "measures": {},
    }


def _summary(
    reports: int,
    *,
    messages: int,
    categories: list[str],
    first: datetime | None,
    last: datetime | None,
    subjects: list[str],
) -> str:
    parts = [f"{reports} report(s), {messages} message(s)"]
    if categories:
        parts.append("categorised as " + ", ".join(category.replace("_", " ") for category in categories))
    if first and last:
        parts.append(f"sent between {first:%Y-%m-%d} and {last:%Y-%m-%d}")
    text = "; ".join(parts) + "."
    if subjects:
        text += " Subject lines: " + "; ".join(f"“{subject}”" for subject in subjects) + "."
    return text
