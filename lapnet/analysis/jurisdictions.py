"""Which countries a piece of evidence points to, ranked, each with its reason.

Reasons and their base weights (an investigator can read the order and argue with it):

- ``origin_ip``: the country of the origin IP from the header walk, scaled by the walk's confidence;
- ``reporter``: the country the abuse report says it was reported from (ARF/X-ARF, SMS recipient);
- ``iban``: the country of an IBAN the message asks victims to pay into (where the money goes);
- ``phone``: the country of a phone number the message asks victims to call or text;
- ``cctld``: the country-code top-level domain of a spamvertised domain (a link in the body);
- ``sender_cctld``: the ccTLD of the sender's or reply-to domain (forgeable, so weighed lower).

A country's rank is the sum of the best weight of each reason pointing to it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Final

from mypy_extensions import mypyc_attr

from lapnet.analysis.types import Indicators, Jurisdiction, Origin

WEIGHTS: Final = {
    "origin_ip": 1.0,
    "reporter": 0.8,
    "iban": 0.7,
    "phone": 0.6,
    "cctld": 0.5,
    "sender_cctld": 0.3,
}
MAX_JURISDICTIONS: Final = 20


@mypyc_attr(acyclic=True)
@dataclass(frozen=True, slots=True)
class _Candidate:
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


def rank_jurisdictions(
    *,
    origin: Origin | None,
    indicators: Indicators,
    reporter_country: str | None = None,
    reporter_reason: str = "reporter",
) -> tuple[Jurisdiction, ...]:
    candidates: list[_Candidate] = []
    if origin is not None and origin.ip and origin.country:
        weight = WEIGHTS["origin_ip"] * max(origin.confidence, 0.1)
        candidates.append(_Candidate(origin.country, "origin_ip", origin.ip, weight))
    if reporter_country:
        candidates.append(
            _Candidate(reporter_country.upper(), reporter_reason, reporter_country, WEIGHTS["reporter"])
        )
    for iban in indicators.iban:
        if iban.country:
            candidates.append(_Candidate(iban.country, "iban", iban.value, WEIGHTS["iban"]))
    for phone in indicators.phone:
        if phone.country:
            candidates.append(_Candidate(phone.country, "phone", phone.value, WEIGHTS["phone"]))
    for domain in indicators.domain:
        if not domain.country or domain.attribute("generic_cctld") == "true":
            continue
        in_body = any(place.startswith(("body:", "report:", "sms:text")) for place in domain.found_in)
        reason = "cctld" if in_body else "sender_cctld"
        candidates.append(_Candidate(domain.country, reason, domain.value, WEIGHTS[reason]))
    return _rank(candidates)


def _rank(candidates: list[_Candidate]) -> tuple[Jurisdiction, ...]:
    best: dict[tuple[str, str], _Candidate] = {}
    for candidate in candidates:
        key = (candidate.country, candidate.reason)
        current = best.get(key)
        if current is None or (candidate.weight, candidate.indicator) > (current.weight, current.indicator):
            best[key] = candidate
    totals: dict[str, float] = defaultdict(float)
    for candidate in best.values():
        totals[candidate.country] += candidate.weight
    ordered = sorted(
        best.values(),
        key=lambda c: (-totals[c.country], c.country, -c.weight, c.reason),
    )
    return tuple(
        Jurisdiction(c.country, c.reason, c.indicator, round(c.weight, 3))
        for c in ordered[:MAX_JURISDICTIONS]
    )
