"""Phone numbers, validated with libphonenumber (``phonenumbers``), written as E.164.

``phonenumbers.PhoneNumberMatcher`` tries every digit run with several leniencies and costs
milliseconds per message; here a cheap compiled pattern picks candidates (seven to eighteen digits
with the usual separators) and only those reach ``phonenumbers.parse``. Without a region hint only
international forms (``+44 20 ...``, ``0044 20 ...``, ``(+44) ...``) are parsed, so the scan starts
only where the text says "+" or "00" (substring searches): a national number means nothing without
knowing the country it is dialled in. With ``default_region`` (the recipient
country of an SMS, say) national forms are parsed in that region too. Every number must pass
``is_valid_number``, which is what keeps order numbers, dates and amounts out.

Each parse costs tens of microseconds, so the collector gives phones a budget of parses per message;
hostile input with thousands of digit runs uses it up and the rest is skipped (recorded as a defect).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Final
from urllib.parse import parse_qs, urlsplit

import phonenumbers
from mypy_extensions import mypyc_attr
from phonenumbers import PhoneNumberFormat, PhoneNumberType

from lapnet.analysis.indicators.budget import Budget

_CANDIDATE: Final = re.compile(r"(?<![\w+/=.-])(?:\+|\(\+?)?\d(?:[ \t./()-]{0,3}+\d){6,17}+(?!\w)")
_NON_DIGITS: Final = re.compile(r"\D")
_REGION: Final = re.compile(r"[A-Z]{2}")
_NOT_BEFORE_NUMBER: Final = frozenset("+/=.-_")
PHONE_METADATA_VERSION: Final[str] = str(phonenumbers.__version__)
WHATSAPP_HOSTS: Final = frozenset({"wa.me", "www.wa.me", "api.whatsapp.com", "web.whatsapp.com"})

NUMBER_TYPES: Final[dict[int, str]] = {
    PhoneNumberType.FIXED_LINE: "fixed",
    PhoneNumberType.MOBILE: "mobile",
    PhoneNumberType.FIXED_LINE_OR_MOBILE: "fixed_or_mobile",
    PhoneNumberType.TOLL_FREE: "toll_free",
    PhoneNumberType.PREMIUM_RATE: "premium",
    PhoneNumberType.SHARED_COST: "shared_cost",
    PhoneNumberType.VOIP: "voip",
    PhoneNumberType.PERSONAL_NUMBER: "personal",
    PhoneNumberType.PAGER: "pager",
    PhoneNumberType.UAN: "uan",
    PhoneNumberType.VOICEMAIL: "voicemail",
}


@mypyc_attr(acyclic=True)
@dataclass(frozen=True, slots=True)
class PhoneInfo:
    e164: str
    country: str | None  # ISO 3166 region; None for non-geographic numbers (+800, +882...)
    number_type: str

    def __init__(self, e164: str, country: str | None, number_type: str) -> None:
        # written out so that mypyc compiles it: see the note in lapnet.analysis.types
        object.__setattr__(self, "e164", e164)
        object.__setattr__(self, "country", country)
        object.__setattr__(self, "number_type", number_type)

    def attributes(self) -> list[tuple[str, str]]:
        return [("e164", self.e164), ("number_type", self.number_type)]


def normalise_region(region: str | None) -> str | None:
    """An upper-case two-letter region libphonenumber knows, or None."""
    if not region:
        return None
    region = region.strip().upper()
    if region == "UK":
        region = "GB"
    if not _REGION.fullmatch(region) or region not in phonenumbers.SUPPORTED_REGIONS:
        return None
    return region


@lru_cache(maxsize=4096)
def parse_phone(number: str, default_region: str | None) -> PhoneInfo | None:
    """Parse one number (international, ``00``-prefixed, or national in ``default_region``).

    Cached: a parse costs hundreds of microseconds (libphonenumber in pure Python), and the same
    numbers come back (campaigns repeat them: 242 parses of 96 numbers in the SpamAssassin corpus).
    """
    text = number.strip()
    if text.startswith("00"):
        text = "+" + text[2:]
    international = text.startswith(("+", "(+"))
    if not international and default_region is None:
        return None
    try:
        parsed = phonenumbers.parse(text, None if international else default_region)
        if not phonenumbers.is_valid_number(parsed):
            return None
        e164 = phonenumbers.format_number(parsed, PhoneNumberFormat.E164)
        region = phonenumbers.region_code_for_number(parsed)
        number_type = NUMBER_TYPES.get(phonenumbers.number_type(parsed), "unknown")
    except Exception:  # NumberParseException, and anything the library does on hostile input
        return None
    country = region if region and _REGION.fullmatch(region) else None
    return PhoneInfo(e164, country, number_type)


def phone_candidates(text: str, default_region: str | None, budget: Budget | None = None) -> list[str]:
    """Digit runs in ``text`` worth a ``parse``: international forms, or any form with a region.

    Without a region only ``+`` and ``00`` forms can qualify, so the scan starts from those literals
    (a fast substring search) instead of trying the pattern at every digit.
    """
    candidates: list[str] = []
    matches = (
        _CANDIDATE.finditer(text) if default_region is not None else _international_matches(text, budget)
    )
    for match in matches:
        if budget is not None and not budget.take():
            break
        candidate = match.group()
        international = candidate.startswith(("+", "(+", "00"))
        if not international and default_region is None:
            continue
        digits = len(_NON_DIGITS.sub("", candidate))
        if digits > (17 if candidate.startswith("00") else 15):
            continue
        candidates.append(candidate)
    return candidates


def _international_matches(text: str, budget: Budget | None) -> list[re.Match[str]]:
    starts: set[int] = set()
    for literal in ("+", "00"):
        position = text.find(literal)
        while position != -1:
            if budget is not None and not budget.take():
                break
            start = position - 1 if literal == "+" and position and text[position - 1] == "(" else position
            before = text[start - 1] if start else " "
            if not (before.isalnum() or before in _NOT_BEFORE_NUMBER):  # the pattern's look-behind, cheaply
                starts.add(start)
            position = text.find(literal, position + len(literal))
    matches: list[re.Match[str]] = []
    end = -1
    for start in sorted(starts):
        if start < end:
            continue
        match = _CANDIDATE.match(text, start)
        if match is not None:
            matches.append(match)
            end = match.end()
    return matches


def parse_candidate(candidate: str, default_region: str | None) -> tuple[PhoneInfo | None, int]:
    """Parse a candidate; when invalid, retry once without its last space-separated group.

    A run such as ``+44 20 7946 0958 2`` (a number followed by a stray digit) is common in text.
    Returns the number and how many parses it cost.
    """
    info = parse_phone(candidate, default_region)
    if info is not None:
        return info, 1
    head, space, _ = candidate.rpartition(" ")
    if space and len(_NON_DIGITS.sub("", head)) >= 7:
        return parse_phone(head, default_region), 2
    return None, 1


def whatsapp_number(url: str) -> str | None:
    """The number a WhatsApp click-to-chat link opens (``wa.me/447700900123``), as ``+digits``."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    host = (parts.hostname or "").lower()
    digits = ""
    if host in ("wa.me", "www.wa.me"):
        digits = parts.path.strip("/").split("/", 1)[0]
    elif host in WHATSAPP_HOSTS or parts.scheme == "whatsapp":
        values = parse_qs(parts.query).get("phone", [])
        digits = values[0] if values else ""
    digits = digits.lstrip("+")
    if not digits.isascii() or not digits.isdigit() or not 7 <= len(digits) <= 15:
        return None
    return "+" + digits
