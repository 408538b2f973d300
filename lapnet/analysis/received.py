"""Reading one ``Received`` header into a :class:`~lapnet.analysis.types.Hop`.

Every MTA writes the same skeleton (RFC 5321 section 4.4) and decorates it its own way::

    from <name> (<tcp-info>) by <host> (<comment>) with <protocol> id <id> for <addr>; <date>

so a header is read in two steps. One tokenising pass, common to all dialects, cuts the text before
the last ``;`` into clauses (``from``, ``by``, ``via``, ``with``, ``id``, ``for``), each with its words
and its parenthesised comments; the date after the ``;`` is read on its own. Then the dialect is
recognised from the marks MTAs leave (``(Postfix)``, ``(8.12.8/8.12.8)``, ``(Exim 4.96)``,
``(qmail 123 invoked ...)``, ``with Microsoft SMTP Server``, ``by mx.google.com``...), and it says
which name in the ``from`` clause is the HELO and which the reverse-DNS name:

* Postfix, Sendmail, Gmail and most others: ``from helo (rdns [ip])``, ``from helo (unknown [ip])``,
  ``from helo (user@rdns [ip] (may be forged))``: the name after ``from`` is the HELO.
* Exim: ``from rdns ([ip] helo=x)``, ``from [ip] (helo=x)``: the name after ``from`` is the rDNS.
* qmail and Yahoo's SMTP: ``from rdns (HELO x) (ip)``, ``from unknown (HELO x) (ip)``: the rDNS too.
* Exchange: ``from helo (ip)``, ``from helo ([ip])``: the HELO; Exchange records no rDNS.
* Webmail: ``from [ip] by web1.mail.yahoo.com via HTTP``, ``from ip by ... with HTTP``: no HELO.

:func:`parse_received` never raises: what it cannot read stays ``None``, and a header with no clause
(``from``, ``by``, ``with``...) nor any address gets the dialect :data:`UNPARSABLE`. Judging hops
(verdict, reason, flags) is the job of :mod:`lapnet.analysis.origin`, which reads headers with
:func:`read_received` so that each hop's :class:`Hop` is built only once.

The parser runs on every message, so it is written for speed (figures and how to reproduce them in
``docs/origin.md``): ``str.split`` and ``str.find`` rather than a regular expression per token, cheap
``in`` tests before any regular expression, one match for the common date form, and IPv4 and IPv6
literals read by hand rather than by :mod:`ipaddress` (same answers). What a relay writes the same way
in every header (its own ``by`` side; the ``from`` clause of the relay that hands it mail; the day and
zone of a date) is worked out once and cached, so that a reporter's own hops cost a look-up.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Sequence
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from functools import lru_cache
from typing import NamedTuple

from lapnet.analysis.types import Hop

__all__ = [
    "UNPARSABLE",
    "ReceivedFields",
    "ip_value",
    "normalise_ip",
    "parse_received",
    "parse_received_date",
    "read_received",
    "registrable_part",
]

UNPARSABLE = "unparsable"
"""The dialect of a header in which no clause (``from``, ``by``, ``with``...) nor any address was found."""


class ReceivedFields(NamedTuple):
    """What one Received header says, before it is judged. See :class:`Hop` for the fields."""

    dialect: str
    from_host: str | None
    helo: str | None
    rdns: str | None
    ip: str | None
    by_host: str | None
    id: str | None
    for_address: str | None
    protocol: str | None
    tls: str | None
    authenticated: bool
    timestamp: str | None
    epoch: int | None  # the timestamp as seconds since 1970, for comparing hops
    local: bool  # no client IP because the hand-over happened inside one host (see _is_local)
    may_be_forged: bool  # Sendmail's "(may be forged)": the rDNS name does not resolve back


# --- tokenising ---------------------------------------------------------------------------------------

_KEYWORDS = frozenset({"from", "by", "via", "with", "id", "for"})


def _spellings(word: str) -> list[str]:
    """Every way of writing ``word`` in upper and lower case: "by", "bY", "By", "BY"."""
    if not word:
        return [""]
    return [first + rest for first in (word[0], word[0].upper()) for rest in _spellings(word[1:])]


# Every spelling of the keywords, so that no word needs lower-casing: the keywords are ASCII, and no
# other character lower-cases to one of their letters, so this is exactly what ``str.lower`` would find.
_KEYWORD_SPELLINGS = {spelling: keyword for keyword in _KEYWORDS for spelling in _spellings(keyword)}


# The header's body cut into clauses: the words and comments before the first keyword (in one list),
# then the words of each keyword and its comments.
_Clauses = tuple[list[str], dict[str, list[str]], dict[str, list[str]]]


def _split_clauses(body: str) -> _Clauses:
    """Cut ``body`` into clauses. Comments nest; an unclosed comment runs to the end.

    Words are found with ``str.split`` between comments, and comments with ``str.find``, so that the
    work done in Python is one step a word or a parenthesis, not one a character: a word costs one
    dictionary test (every spelling of the keywords is in it), a comment without parentheses inside
    two searches.
    """
    lead: list[str] = []
    seen: dict[str, list[str]] = {}
    comments_of: dict[str, list[str]] = {}
    words = comments = lead
    length = len(body)
    position = 0
    while position < length:
        start = body.find("(", position)
        segment = body[position:] if start < 0 else body[position:start]
        stray = ")" in segment
        for piece in segment.split():
            if piece in _KEYWORD_SPELLINGS:
                keyword = _KEYWORD_SPELLINGS[piece]
                if keyword not in seen:
                    words = seen[keyword] = []
                    comments = comments_of[keyword] = []
                    continue
            if stray and ")" in piece:
                if piece.strip(")"):
                    words.append(piece.strip(")"))  # a stray ")"
            else:
                words.append(piece)
        if start < 0:
            break
        end = body.find(")", start + 1)
        if end >= 0 and body.find("(", start + 1, end) < 0:  # the usual comment, with no parenthesis inside
            cursor = end + 1
        else:
            depth = 1
            cursor = end = start + 1
            while depth:
                close = body.find(")", cursor)
                if close < 0:  # unclosed: the comment runs to the end
                    end = cursor = length
                    break
                nested = body.find("(", cursor, close)
                if nested >= 0:
                    depth += 1
                    cursor = nested + 1
                else:
                    depth -= 1
                    end = close
                    cursor = close + 1
        comment = body[start + 1 : end]
        folded = "\n" in comment or "\t" in comment or "  " in comment
        comments.append(" ".join(comment.split()) if folded else comment)
        position = cursor
    return lead, seen, comments_of


# --- addresses ----------------------------------------------------------------------------------------

# A bare IPv4 or IPv6 address, perhaps after "user@": (1.2.3.4), (2603:10b6:a03:2c7::7), (::1)
_BARE = re.compile(
    r"(?<![\w.:-])((?:\d{1,3}\.){3}\d{1,3}|(?:[0-9A-Fa-f]{0,4}:){2,7}(?:[0-9A-Fa-f]{1,4}|(?:\d{1,3}\.){3}\d{1,3})?)(?![\w.:-])"
)
_HELO = re.compile(r"\b(?:helo|ehlo)(?:\s*=\s*|\s+)(\[[^\]]*\]|[^\s()\[\]]+)", re.IGNORECASE)


# A dotted quad in canonical form: four numbers from 0 to 255, ASCII digits, no leading zero.
_OCTET = r"(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])"
_CANONICAL_IPV4 = re.compile(rf"{_OCTET}(?:\.{_OCTET}){{3}}")


def _ipv4(text: str) -> str | None:
    """``text`` when it is a dotted-quad IPv4 address in canonical form, else None (fast path)."""
    return text if _CANONICAL_IPV4.fullmatch(text) is not None else None


def normalise_ip(text: str) -> str | None:
    """The canonical form of an IP address literal, or None when ``text`` is not one.

    Brackets, an ``IPv6:`` prefix, a zone index and a ``:port`` after brackets are dropped;
    IPv4-mapped IPv6 addresses (``::ffff:1.2.3.4``) become IPv4.
    """
    if ":" not in text:
        candidate = text.strip()
        if candidate[:1] == "[":
            return _normalise_ip(candidate)
        return _ipv4(candidate)  # host names end here, without touching the cache
    return _normalise_ip(text)


@lru_cache(maxsize=4096)
def _normalise_ip(text: str) -> str | None:
    candidate = text.strip()
    if candidate.startswith("["):
        candidate = candidate[1:].partition("]")[0]
    if ":" not in candidate:
        return _ipv4(candidate)
    if candidate[:5].lower() == "ipv6:":
        candidate = candidate[5:]
    candidate = candidate.partition("%")[0]
    if not 2 <= len(candidate) <= 45:
        return None
    value = _ipv6_value(candidate)
    if value is None:  # not hexadecimal groups alone: an IPv4 tail, or not an address
        try:
            value = int(ipaddress.IPv6Address(candidate))
        except ValueError:
            return None
    if value >> 32 == 0xFFFF:  # IPv4-mapped
        return f"{value >> 24 & 255}.{value >> 16 & 255}.{value >> 8 & 255}.{value & 255}"
    return _ipv6_text(value)


# IPv6 addresses written as hexadecimal groups, read and written here rather than by ipaddress, which
# takes several times as long: the same answers (tests/analysis/test_received.py compares them).
_HEXTETS = re.compile(r"[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{1,4})*")
_SHIFTS = (112, 96, 80, 64, 48, 32, 16, 0)


def _ipv6_value(text: str) -> int | None:
    """The value of an IPv6 address written as hexadecimal groups, with at most one ``::``; None for
    any other text (which ipaddress may still read: an IPv4 tail such as ``::ffff:1.2.3.4``)."""
    head, double, tail = text.partition("::")
    if double:
        if (head and _HEXTETS.fullmatch(head) is None) or (tail and _HEXTETS.fullmatch(tail) is None):
            return None
        high = head.split(":") if head else []
        low = tail.split(":") if tail else []
        if len(high) + len(low) > 7:
            return None
        groups = [*high, *["0"] * (8 - len(high) - len(low)), *low]
    else:
        if _HEXTETS.fullmatch(text) is None:
            return None
        groups = text.split(":")
        if len(groups) != 8:
            return None
    return int("".join([group.zfill(4) for group in groups]), 16)


def _ipv6_text(value: int) -> str:
    """An IPv6 address as ``str(ipaddress.IPv6Address(value))`` writes it (RFC 5952): lower case, no
    leading zeros, the first longest run of two or more zero groups as ``::``."""
    hextets = [f"{value >> shift & 0xFFFF:x}" for shift in _SHIFTS]
    best_start = best_length = 0
    start = length = 0
    for index, hextet in enumerate(hextets):
        if hextet == "0":
            if length == 0:
                start = index
            length += 1
            if length > best_length:
                best_start, best_length = start, length
        else:
            length = 0
    if best_length > 1:
        end = best_start + best_length
        if end == 8:
            hextets.append("")
        hextets[best_start:end] = [""]
        if best_start == 0:
            hextets.insert(0, "")
    return ":".join(hextets)


def ip_value(ip: str) -> tuple[int, int] | None:
    """The version and integer value of an IP address as :func:`normalise_ip` writes it; else None."""
    if ":" not in ip:
        if _CANONICAL_IPV4.fullmatch(ip) is None:
            return None
        first, second, third, fourth = ip.split(".")
        return 4, int(first) << 24 | int(second) << 16 | int(third) << 8 | int(fourth)
    value = _ipv6_value(ip)
    return None if value is None else (6, value)


def _host_name(text: str) -> str | None:
    """A host name as recorded: any ``user@`` and final dot dropped; "unknown" and empty are None."""
    name = text.rpartition("@")[2].rstrip(".,;")
    if not name or name.startswith("[") or name.lower() in {"unknown", "unverified"}:
        return None
    return name


_SECOND_LEVEL = frozenset(
    {
        "co",
        "com",
        "net",
        "org",
        "ac",
        "gov",
        "edu",
        "ne",
        "or",
        "go",
        "gob",
        "mil",
        "nic",
        "ltd",
        "plc",
        "sch",
    }
)


@lru_cache(maxsize=8192)
def registrable_part(name: str) -> str:
    """The part of a host name its owner registered, by a fixed rule so anyone can check it.

    The last two labels, or the last three when the second-to-last is a usual second level under a
    two-letter country code (``example.co.uk``, ``example.com.au``). IP literals and one-label names
    are returned lower-cased as they are. Deliberately not the Public Suffix List: the answer must not
    change when the list does, so that another agency re-running a walk gets the same flags.
    """
    labels = name.lower().strip("[].").split(".")
    if len(labels) < 2 or labels[-1].isdigit():
        return ".".join(labels)
    if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


# --- dates --------------------------------------------------------------------------------------------

_MONTHS = {
    name: number
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1
    )
}
_MONTH_TEXT = {
    spelling: number for name, number in _MONTHS.items() for spelling in (name, name.title(), name.upper())
}
_TWO_DIGITS = tuple(f"{number:02d}" for number in range(60))
_DAYS_IN_MONTH = (0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
# Zone names found in Received dates. RFC 5322 defines only UT/GMT/Z and the North American ones; the
# others are unambiguous abbreviations seen in the corpora. An unknown name reads as UTC, like -0000.
_ZONES = {
    "UT": 0, "UTC": 0, "GMT": 0, "Z": 0, "WET": 0,
    "EST": -300, "EDT": -240, "CST": -360, "CDT": -300, "MST": -420, "MDT": -360, "PST": -480, "PDT": -420,
    "CET": 60, "MET": 60, "BST": 60, "WEST": 60, "CEST": 120, "MEST": 120, "EET": 120, "EEST": 180,
    "MSK": 180, "HKT": 480, "SGT": 480, "JST": 540, "KST": 540, "AEST": 600, "AEDT": 660,
    "NZST": 720, "NZDT": 780,
}  # fmt: skip
# The usual form, matched at once: a numeric zone, a day below 29 and a plausible year are checked after.
_COMMON_DATE = re.compile(
    r"\s*(?:[A-Za-z]{3},?\s+)?([1-9]|[0-2]\d|3[01])\s+([A-Za-z]{3})\s+(\d{4})\s+"
    r"([01]\d|2[0-3]):([0-5]\d):([0-5]\d)\s+([+-])(\d\d)([0-5]\d)(?![\d:.])"
)
_ZONE_PATTERN = r"\s*(?:([+-])(\d{2}):?(\d{2})\b|([A-Za-z]{1,5})\b)?"
# "Tue, 3 Oct 2002 13:26:08 -0700 (PDT)", "22 Aug 2002 17:51:43 -0000", "... 18:58:43.123 +01:00"
_RFC_DATE = re.compile(
    r"(\d{1,2})\s+([A-Za-z]{3})[a-z]*\.?,?\s+(\d{2,4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?"
    + _ZONE_PATTERN
)
# "Sep, 14 2002 17:11:57 +0400", "May, 22 2002 8:58:07 PM -0800", "Wed Aug 28 10:45:49 2002 +0100"
_MONTH_FIRST_DATE = re.compile(
    r"([A-Za-z]{3})[a-z]*,?\s+(\d{1,2}),?\s+(?:(\d{4})\s+)?(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?"
    r"(?:\s+(\d{4}))?" + _ZONE_PATTERN
)
# "22/08/2002 15:28:10" (qmail-scanner), "2002-08-22T15:28:10Z", "2025-07-21 12:13:56.497 +0000 UTC"
_NUMERIC_DATE = re.compile(
    r"(\d{1,4})[/.-](\d{1,2})[/.-](\d{1,4})[T\s]+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?" + _ZONE_PATTERN
)
# A date at the very end of a header that has no ';' before it.
_TRAILING_DATE = re.compile(
    r"(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun),?\s+)?(?:\d{1,2}\s+[A-Za-z]{3}\s+\d{2,4}|\d{4}-\d{2}-\d{2})\s+\d{1,2}:\d{2}\S*(?:\s+\S+){0,4}$"
)


def _days_from_civil(year: int, month: int, day: int) -> int:
    """Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm)."""
    year -= month <= 2
    era = year // 400
    year_of_era = year - era * 400
    day_of_year = (153 * (month + (-3 if month > 2 else 9)) + 2) // 5 + day - 1
    day_of_era = year_of_era * 365 + year_of_era // 4 - year_of_era // 100 + day_of_year
    return era * 146097 + day_of_era - 719468


def _stamp(
    date: tuple[int, int, int], clock: tuple[int, int, int], offset: int | None
) -> tuple[str, int] | None:
    """The ISO 8601 text and the epoch seconds of a date, or None when it is not a real one."""
    year, month, day = date
    hour, minute, second = clock
    if offset is None or not -1440 < offset < 1440:
        return None
    if not 1970 <= year <= 2999 or not 1 <= month <= 12 or hour > 23 or minute > 59:
        return None
    if not 1 <= day <= _DAYS_IN_MONTH[month] or (
        month == 2 and day == 29 and (year % 4 or (year % 100 == 0 and year % 400))
    ):
        return None
    second = min(second, 59)  # a leap second, or junk: keep the minute
    sign = "-" if offset < 0 else "+"
    hours, minutes = divmod(abs(offset), 60)
    text = f"{year:04d}-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}:{second:02d}{sign}{hours:02d}:{minutes:02d}"
    epoch = _days_from_civil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second - offset * 60
    return text, epoch


def _offset(sign: str | None, hours: str | None, minutes: str | None, name: str | None) -> int | None:
    if sign and hours and minutes:
        total = int(hours) * 60 + int(minutes)
        if total >= 24 * 60:
            return None
        return -total if sign == "-" else total
    return _ZONES.get(name.upper(), 0) if name else 0


def _year(text: str) -> int:
    year = int(text)
    if len(text) == 2:  # RFC 5322 section 4.3
        return year + (2000 if year < 50 else 1900)
    if len(text) == 3:
        return year + 1900
    return year


@lru_cache(maxsize=2048)
def _day_and_zone(date: tuple[str, str, str, str, str, str]) -> tuple[str, str, int] | None:
    """ "2002-08-22T", "+01:00" and the epoch of that day's midnight in that zone, for ("22", "Aug", "2002",
    "+", "01", "00"); None when there is no such day or zone. "-0000" reads as "+00:00", UTC.

    Cached: the hops of one message, and the messages one relay receives on one day, share them.
    """
    day, month_name, year, sign, zone_hours, zone_minutes = date
    month = _MONTH_TEXT.get(month_name)
    day_number, year_number = int(day), int(year)
    if month is None or not 1970 <= year_number <= 2999 or day_number > _DAYS_IN_MONTH[month]:
        return None
    if (
        month == 2
        and day_number == 29
        and (year_number % 4 or (year_number % 100 == 0 and year_number % 400))
    ):
        return None
    if zone_hours > "23":
        return None
    offset = int(zone_hours) * 60 + int(zone_minutes)
    if sign == "-":
        offset = -offset
    zone = "+00:00" if offset == 0 else f"{sign}{zone_hours}:{zone_minutes}"
    midnight = _days_from_civil(year_number, month, day_number) * 86400 - offset * 60
    return f"{year}-{_TWO_DIGITS[month]}-{_TWO_DIGITS[day_number]}T", zone, midnight


def _read_date(text: str) -> tuple[str, int] | None:
    # The usual form, "[Wed,] 18 Sep 2002 18:58:43 +0100 [(IST)]": one match, no validation to redo.
    # Anything the match or the checks refuse is left to the careful readers below, and everything
    # accepted here is read exactly as they would read it.
    match = _COMMON_DATE.match(text)
    if match is not None:
        date = match.group(1, 2, 3, 7, 8, 9)
        day = date[0]
        # Days after the 28th used to be left to the careful readers below, which take a zone only before
        # a word boundary ("+0100x" has none): read them as those did. (Earlier days keep the quick
        # reading, "+0100x" as +01:00, so that no stored result changes.)
        end = match.end()
        if len(day) == 1 or day <= "28" or end == len(text) or not (text[end].isalnum() or text[end] == "_"):
            parts = _day_and_zone(date)
            if parts is not None:
                prefix, zone, midnight = parts
                hour, minute, second = match.group(4, 5, 6)
                epoch = midnight + int(hour) * 3600 + int(minute) * 60 + int(second)
                return f"{prefix}{hour}:{minute}:{second}{zone}", epoch
    match = _RFC_DATE.search(text)
    if match:
        day, month_name, year, hour, minute, second, sign, oh, om, name = match.groups()
        month = _MONTHS.get(month_name.lower())
        if month is not None:
            clock = (int(hour), int(minute), int(second or 0))
            return _stamp((_year(year), month, int(day)), clock, _offset(sign, oh, om, name))
    match = _MONTH_FIRST_DATE.search(text)
    if match:
        month_name, day, year, hour, minute, second, meridiem, late_year, sign, oh, om, name = match.groups()
        month = _MONTHS.get(month_name.lower())
        hour_number = int(hour)
        if meridiem:
            hour_number = hour_number % 12 + (12 if meridiem.lower() == "pm" else 0)
        year = year or late_year
        if month is not None and year:
            clock = (hour_number, int(minute), int(second or 0))
            return _stamp((int(year), month, int(day)), clock, _offset(sign, oh, om, name))
    match = _NUMERIC_DATE.search(text)
    if match:
        first, middle, last, hour, minute, second, sign, oh, om, name = match.groups()
        if len(first) == 4:  # ISO: year-month-day
            date = (int(first), int(middle), int(last))
        else:  # day/month/year, as written outside North America
            date = (_year(last), int(middle), int(first))
        return _stamp(date, (int(hour), int(minute), int(second or 0)), _offset(sign, oh, om, name))
    try:
        parsed: datetime | None = parsedate_to_datetime(text.strip())
    except (TypeError, ValueError, IndexError, OverflowError, AttributeError):
        parsed = None
    if parsed is None or not 1970 <= parsed.year <= 2999:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.isoformat(), int(parsed.timestamp())


def parse_received_date(text: str) -> str | None:
    """The date of a Received header as ISO 8601 with its offset, or None when it cannot be read.

    Tried in turn: the usual RFC 5322 form (read by hand: fast, and deaf to the comments and junk that
    follow), the same form found anywhere in the text, the month-first and numeric forms some MTAs and
    ratware write, then :func:`email.utils.parsedate_to_datetime`. A date without a zone reads as UTC;
    years before 1970 or after 2999 and impossible days are not dates.
    """
    stamp = _read_date(text)
    return stamp[0] if stamp is not None else None


# --- dialects -----------------------------------------------------------------------------------------

# Marks left in the "by" and "with" clauses and in lead comments, lower-cased, tried in this order (the
# most frequent first: a header carries the marks of one MTA only).
_DIALECT_MARKS = (
    ("postfix", "postfix"),
    ("microsoft smtp", "exchange"),
    ("microsoft esmtp", "exchange"),
    ("smtpsvc", "exchange"),
    ("microsoft exchange", "exchange"),
    ("internet mail service", "exchange"),  # Exchange 5.5
    ("frontend transport", "exchange"),
    ("mailbox transport", "exchange"),
    ("exim", "exim"),
    ("qmail", "qmail"),
    ("fetchmail", "fetchmail"),
    ("sendmail", "sendmail"),
    ("/submit", "sendmail"),
    ("amavisd", "amavisd"),
    ("iplanet", "iplanet"),
    ("sun java", "iplanet"),
    ("oracle communications", "iplanet"),
    ("intermail", "intermail"),
    ("smtpd32", "imail"),
    ("powermta", "powermta"),
    ("cyrus", "cyrus"),
    ("domino", "domino"),
    ("lotus", "domino"),
    ("mdaemon", "mdaemon"),
    ("communigate", "communigate"),
    ("mercury", "mercury"),
)
# Sendmail's "(8.12.8/8.12.8)": its version, then the configuration's.
_SENDMAIL_VERSION = re.compile(r"\b\d+\.\d+\.\d+[\w.+-]*/[\w.-]+")
# Protocol names (RFC 3848, RFC 6531 and what MTAs write), recognised in any case; other words after
# "with" count as a protocol only when written in capitals ("with NNFMP").
_PROTOCOLS = frozenset(
    {
        "SMTP", "ESMTP", "ESMTPS", "ESMTPA", "ESMTPSA", "SMTPS", "SMTPSA", "ASMTP", "BSMTP",
        "LMTP", "LMTPS", "LMTPA", "LMTPSA", "UTF8SMTP", "UTF8SMTPS", "UTF8SMTPA", "UTF8SMTPSA",
        "UTF8LMTP", "UTF8LMTPS", "UTF8LMTPA", "UTF8LMTPSA", "HTTP", "HTTPS", "HTTPREST",
        "IMAP", "POP3", "POP", "QMQP", "MAPI", "LOCAL", "UUCP", "SPOOL", "TCP",
    }
)  # fmt: skip
_CAPITALS = re.compile(r"[A-Z][A-Z0-9]{1,11}")
# "TLSv1.2", "TLS1_2", "TLS1.3", "TLSv1/SSLv3", "SSLv3", matched where "TLS" or "SSL" starts a word.
_TLS_VERSION = re.compile(r"(?:TLS|SSL)v?\d(?:[._]\d)?(?:/SSLv\d)?\b")
_AUTHENTICATED = re.compile(
    r"\(authenticated\b|authenticated (?:sender|user|as)\b|\bAUTH:\s|\bwith (?:login|plain|cram-md5)\b|\bauth=(?!none)\w",
    re.IGNORECASE,
)
# Authenticated submission protocols registered by RFC 3848 (with the UTF8 ones of RFC 6531).
_AUTH_PROTOCOLS = frozenset(
    {"ESMTPA", "ESMTPSA", "LMTPA", "LMTPSA", "UTF8SMTPA", "UTF8SMTPSA", "UTF8LMTPA", "UTF8LMTPSA"}
)
_MAY_BE_FORGED = re.compile(r"\(may\s+be\s+forged\)", re.IGNORECASE)
_LOCALHOST = frozenset({"localhost", "localhost.localdomain", "localhost6", "127.0.0.1", "::1"})
_LOCAL_PROTOCOLS = frozenset({"MAPI", "LOCAL", "SPOOL", "UUCP", "IMAP", "POP3", "POP"})


@lru_cache(maxsize=2048)
def _marked_dialect(signature: str) -> str | None:
    """The MTA whose marks a lower-cased signature (``by`` and ``with`` comments and words) carries.

    Cached: every header a relay writes carries the same signature.
    """
    if "/" in signature and _SENDMAIL_VERSION.search(signature) is not None and "postfix" not in signature:
        return "sendmail"
    for needle, name in _DIALECT_MARKS:
        if needle in signature:
            return name
    return None


def _dialect(by: _ByClause, by_host: str | None, protocol: str | None) -> str:
    _, by_comments, with_words, with_comments, _, lead, has_from = by
    if lead[:6].lower() == "qmail " or " invoked " in lead:
        return "qmail"  # (qmail 1234 invoked from network), and kin: (cpmta 123 invoked from network)
    signature = " ".join((*by_comments, *with_words, *with_comments, lead)).lower()
    marked = _marked_dialect(signature)
    if marked is not None:
        return marked
    if protocol == "MAPI":
        return "exchange"
    if any(comment[:3] == "qp " for comment in by_comments):
        return "qmail"  # qmail's "by host (qp 1234)"
    host = (by_host or "").lower()
    if host.endswith((".google.com", ".googlemail.com")):
        return "gmail"
    if ".yahoo." in host:
        return "yahoo"
    if host.endswith((".outlook.com", ".office365.com", ".exchangelabs.com")):
        return "exchange"
    if ".hotmail." in host or host.endswith(".msn.com"):
        return "hotmail"
    if not has_from and protocol in {"SMTP", "ESMTP"} and normalise_ip(host) is not None:
        return "gmail"  # Gmail's inner hops: "by 10.x.x.x with SMTP id ...", "by 2002:a05:... with SMTP id"
    return "unknown"


def _tls_version(body: str) -> str | None:
    for mark in ("TLS", "SSL"):
        start = body.find(mark)
        while start >= 0:
            if start == 0 or not body[start - 1].isalnum():
                match = _TLS_VERSION.match(body, start)
                if match is not None:
                    return match.group(0)
            start = body.find(mark, start + 3)
    return None


# What a header says of its receiving side, which a relay mostly writes the same way in every header: the
# first word after "by", the comments of "by", the words and comments of "with", the first word after
# "via", the words and comments before the first keyword (joined), and whether there is a "from" clause.
_ByClause = tuple[str | None, tuple[str, ...], tuple[str, ...], tuple[str, ...], str | None, str, bool]


@lru_cache(maxsize=4096)
def _receiving_side(by: _ByClause) -> tuple[str | None, str | None, bool, str]:
    """The receiving host, the protocol named after ``with`` (or ``via HTTP``), whether it is Microsoft's
    SMTP, and the dialect (before the ``from`` clause has its say).

    Cached: a relay describes itself the same way in every header it writes.
    """
    by_word, _, with_words, _, via_word, _, _ = by
    by_host = by_word.strip(";,").rstrip(".") or None if by_word is not None else None
    protocol: str | None = None
    microsoft = False
    if with_words:
        first = with_words[0].rstrip(";,")
        second = with_words[1].upper() if len(with_words) > 1 else ""
        if first.lower() == "microsoft" and second.startswith(("SMTP", "ESMTP")):
            microsoft = True  # "with Microsoft SMTP Server", "with Microsoft SMTPSVC", "with Microsoft ESMTP"
            protocol = "ESMTP"
        elif first.upper() in _PROTOCOLS or _CAPITALS.fullmatch(first):
            protocol = first.upper()
    if protocol is None and via_word is not None and via_word.upper().startswith("HTTP"):
        protocol = via_word.upper().rstrip(";,")  # Yahoo: "via HTTP"
    return by_host, protocol, microsoft, _dialect(by, by_host, protocol)


# --- the client: IP, HELO, rDNS -----------------------------------------------------------------------


def _bracketed(text: str) -> tuple[str, str | None] | None:
    """The first address literal in brackets in ``text``, and the host name written just before it.

    ``rdns [ip]``, ``user@rdns [ip]``, ``unknown [ip]``, ``[ip]``, ``@[ip]``, ``name [IPv6:::1]``,
    ``[fe80::1%8]``, ``[ip]:25``.
    """
    start = text.find("[")
    while start >= 0:
        end = text.find("]", start)
        if end < 0:
            return None
        inner = text[start + 1 : end]
        # "[1.2.3.4]" is read here at once; anything with a colon goes through normalise_ip
        address = normalise_ip(text[start : end + 1]) if ":" in inner else _ipv4(inner)
        if address is not None:
            before = text[:start].split()
            return address, _host_name(before[-1]) if before else None
        start = text.find("[", end)
    return None


def _client(
    from_words: tuple[str, ...], from_comments: tuple[str, ...]
) -> tuple[str | None, str | None, str | None, bool]:
    """The client IP, the rDNS name beside it, an explicit HELO, and whether the IP stood bare.

    An IP standing bare in a comment, ``(1.2.3.4)``, is how qmail and Exchange write it.
    """
    ip: str | None = None
    rdns: str | None = None
    helo: str | None = None
    bare = False
    for comment in from_comments:
        text = comment
        if "elo" in text or "ELO" in text:
            found = _HELO.search(text)
            if found is not None:
                if helo is None:
                    helo = found.group(1)
                text = text[: found.start()] + text[found.end() :]
        if ip is not None:
            continue
        if "[" in text:
            found_ip = _bracketed(text)
            if found_ip is not None:
                ip, rdns = found_ip
        if ip is None and ("." in text or ":" in text):
            for match in _BARE.finditer(text):
                address = normalise_ip(match.group(1))
                if address is not None:
                    ip = address
                    bare = True
                    break
    if ip is None:
        for word in from_words:
            if "." in word or ":" in word:
                ip = normalise_ip(word.rpartition("@")[2])
                if ip is not None:
                    break
    return ip, rdns, helo, bare


def _is_http(protocol: str | None) -> bool:
    """Whether the protocol is web submission (webmail, HTTP APIs): no HELO is spoken."""
    return protocol is not None and protocol.startswith("HTTP")


def _is_local(
    from_host: str | None, by_host: str | None, protocol: str | None, from_comments: Sequence[str], lead: str
) -> bool:
    """Whether a header without a client IP records a hand-over inside one host.

    ``(qmail 1 invoked by uid 0)``, ``by host (Postfix, from userid 48)``, ``(from user@localhost)``,
    ``by 10.1.2.3 with SMTP id`` (no ``from`` at all), ``from localhost``, ``from host (user@localhost)``,
    ``from mail pickup service``, ``from SpoolDir``, ``from host by host`` (the same name), ``with mapi``,
    ``with local``, and mail fetched by IMAP or POP3.
    """
    if from_host is None:
        return True
    host = from_host.lower().strip("[]")
    if (
        host in _LOCALHOST
        or host.startswith("mail pickup")
        or "spool" in host
        or ("@" in host and "[" not in host)
    ):
        return True
    if protocol is not None and protocol in _LOCAL_PROTOCOLS:
        return True
    if any("localhost" in comment for comment in from_comments) or "localhost" in lead:
        return True
    if by_host is None:
        return False
    by = by_host.lower()
    if "." in by and "." in host:
        return by == host
    return by.split(".", 1)[0] == host.split(".", 1)[0]  # "from hippolyta by hippolyta.crd.ge.com"


# --- the parser ---------------------------------------------------------------------------------------


def _split_date(text: str) -> tuple[str, str]:
    """The body and the date: the date follows the last ';' that is not inside a comment.

    Without such a ';', a date at the very end of the text is taken (SendGrid, some Go MTAs).
    """
    index = text.rfind(";")
    if index >= 0:
        opens, closes = text.count("(", 0, index), text.count(")", 0, index)
        while opens > closes:  # inside a comment: try the ';' before, counting only the text between
            previous = text.rfind(";", 0, index)
            if previous < 0:
                break
            opens -= text.count("(", previous, index)
            closes -= text.count(")", previous, index)
            index = previous
        else:
            return text[:index], text[index + 1 :]
    if ":" in text:
        match = _TRAILING_DATE.search(text, max(0, len(text) - 160))
        if match is not None:
            return text[: match.start()], match.group(0)
    return text, ""


@lru_cache(maxsize=4096)
def _from_clause(
    from_words: tuple[str, ...], from_comments: tuple[str, ...], dialect: str, http: bool
) -> tuple[str | None, str | None, str | None, str | None, str]:
    """The ``from`` host, client IP, rDNS and HELO of a ``from`` clause, and the dialect as it tells it.

    Cached: a relay writes the same ``from`` clause for every message another relay hands it, so the
    reporter's own hops cost one look-up.
    """
    from_host: str | None = None
    if from_words:
        from_host = from_words[0].rstrip(";,") or None
        if len(from_words) > 1 and all(map(str.isalpha, from_words)):
            from_host = " ".join(from_words)  # "from mail pickup service by ..."
    ip, rdns, helo, bare = _client(from_words, from_comments)
    unknown = from_host is not None and from_host.lower() == "unknown"
    if dialect == "exim" or (bare and (helo is not None or unknown or dialect in {"qmail", "yahoo"})):
        # Exim: "from rdns ([ip] helo=x)"; qmail: "from rdns (HELO x) (ip)". With no HELO written,
        # the client said the name it resolves to.
        name = None
        if from_host is not None and " " not in from_host and normalise_ip(from_host) is None:
            name = _host_name(from_host)
        if rdns is None:
            rdns = name
        if helo is None:
            helo = name
    elif helo is None and from_host is not None and " " not in from_host and not http:
        helo = from_host  # Postfix, Sendmail, Gmail, Exchange and most others: "from helo (rdns [ip])"
    if helo is not None:
        helo = helo.rstrip(".") or None
    if bare and dialect == "unknown" and helo is not None and any("HELO " in c for c in from_comments):
        dialect = "qmail"  # "from unknown (HELO x) (1.2.3.4) by host with SMTP"
    return from_host, ip, rdns, helo, dialect


def read_received(raw: str) -> ReceivedFields:
    """Read one Received header value, folded or not, without judging it. Never raises."""
    body, date_text = _split_date(raw)
    clauses = _split_clauses(body)
    lead_words, words, comments = clauses
    by_words = words.get("by")
    with_words = words.get("with")
    via_words = words.get("via")
    lead = " ".join(lead_words) if lead_words else ""
    by_host, protocol, microsoft, dialect = _receiving_side(
        (
            by_words[0] if by_words else None,
            tuple(comments["by"]) if by_words is not None else (),
            tuple(with_words) if with_words else (),
            tuple(comments["with"]) if with_words is not None else (),
            via_words[0] if via_words else None,
            lead,
            "from" in words,
        )
    )
    # The TLS version or mark, if any: the one thing of the receiving side that varies.
    tls = _tls_version(body) if "TLS" in body or "SSL" in body else None
    if microsoft and tls is not None:
        protocol = "ESMTPS"
    if tls is None and protocol is not None and "SMTPS" in protocol:
        tls = "TLS"  # ESMTPS, ESMTPSA, SMTPS: encrypted, version not recorded
    stamp = _read_date(date_text) if date_text else None

    from_words = words.get("from")
    from_comments = comments.get("from")
    if from_words or from_comments:
        from_host, ip, rdns, helo, dialect = _from_clause(
            tuple(from_words) if from_words else (),
            tuple(from_comments) if from_comments else (),
            dialect,
            protocol is not None and protocol.startswith("HTTP"),
        )
    else:
        from_host = ip = rdns = helo = None

    for_address: str | None = None
    for_words = words.get("for")
    if for_words:
        for_address = for_words[0].strip("<>;,") or None
        if for_address is not None and "@" not in for_address:
            for_address = None
    id_words = words.get("id")
    message_id = id_words[0].strip("<>;,") or None if id_words else None

    authenticated = protocol in _AUTH_PROTOCOLS or (
        ("uth" in body or "UTH" in body or "login" in body) and _AUTHENTICATED.search(body) is not None
    )
    if not words and ip is None and dialect != "qmail":
        dialect = UNPARSABLE  # not one clause: "(EGP: mail-1_2_3_4); date", garbage
    local = (
        ip is None
        and dialect != UNPARSABLE
        and _is_local(from_host, by_host, protocol, from_comments or (), lead)
    )
    timestamp, epoch = stamp if stamp is not None else (None, None)
    # tuple.__new__ rather than ReceivedFields(...): the same tuple, without the Python-level __new__.
    return tuple.__new__(
        ReceivedFields,
        (
            dialect,
            from_host,
            helo,
            rdns,
            ip,
            by_host,
            message_id,
            for_address,
            protocol,
            tls,
            authenticated,
            timestamp,
            epoch,
            local,
            "forged" in body and _MAY_BE_FORGED.search(body) is not None,
        ),
    )


def parse_received(raw: str, index: int) -> Hop:
    """Read one Received header value (folded or not) into a :class:`Hop`.

    ``index`` is the header's position, 0 for the topmost. The hop's verdict is ``UNPARSED`` and its
    reason empty: :func:`lapnet.analysis.origin.walk_origin` judges it. Never raises.
    """
    fields = read_received(raw)
    return Hop(
        index=index,
        raw=raw,
        dialect=fields.dialect,
        from_host=fields.from_host,
        helo=fields.helo,
        rdns=fields.rdns,
        ip=fields.ip,
        by_host=fields.by_host,
        id=fields.id,
        for_address=fields.for_address,
        protocol=fields.protocol,
        tls=fields.tls,
        authenticated=fields.authenticated,
        timestamp=fields.timestamp,
    )
