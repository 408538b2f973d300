"""The date of a Received header (after its last ``;``), read fast for the common form."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from functools import lru_cache
from typing import Final

# --- dates --------------------------------------------------------------------------------------------

_MONTHS: Final = {
    name: number
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1
    )
}
_MONTH_TEXT: Final = {
    spelling: number for name, number in _MONTHS.items() for spelling in (name, name.title(), name.upper())
}
_TWO_DIGITS: Final = tuple(f"{number:02d}" for number in range(60))
_DAYS_IN_MONTH: Final = (0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
# Zone names found in Received dates. RFC 5322 defines only UT/GMT/Z and the North American ones; the
# others are unambiguous abbreviations seen in the corpora. An unknown name reads as UTC, like -0000.
_ZONES: Final = {
    "UT": 0, "UTC": 0, "GMT": 0, "Z": 0, "WET": 0,
    "EST": -300, "EDT": -240, "CST": -360, "CDT": -300, "MST": -420, "MDT": -360, "PST": -480, "PDT": -420,
    "CET": 60, "MET": 60, "BST": 60, "WEST": 60, "CEST": 120, "MEST": 120, "EET": 120, "EEST": 180,
    "MSK": 180, "HKT": 480, "SGT": 480, "JST": 540, "KST": 540, "AEST": 600, "AEDT": 660,
    "NZST": 720, "NZDT": 780,
}  # fmt: skip
# The usual form, matched at once: a numeric zone, a day below 29 and a plausible year are checked after.
_COMMON_DATE: Final = re.compile(
    r"\s*(?:[A-Za-z]{3},?\s+)?([1-9]|[0-2]\d|3[01])\s+([A-Za-z]{3})\s+(\d{4})\s+"
    r"([01]\d|2[0-3]):([0-5]\d):([0-5]\d)\s+([+-])(\d\d)([0-5]\d)(?![\d:.])"
)
_ZONE_PATTERN: Final = r"\s*(?:([+-])(\d{2}):?(\d{2})\b|([A-Za-z]{1,5})\b)?"
# "Tue, 3 Oct 2002 13:26:08 -0700 (PDT)", "22 Aug 2002 17:51:43 -0000", "... 18:58:43.123 +01:00"
_RFC_DATE: Final = re.compile(
    r"(\d{1,2})\s+([A-Za-z]{3})[a-z]*\.?,?\s+(\d{2,4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?"
    + _ZONE_PATTERN
)
# "Sep, 14 2002 17:11:57 +0400", "May, 22 2002 8:58:07 PM -0800", "Wed Aug 28 10:45:49 2002 +0100"
_MONTH_FIRST_DATE: Final = re.compile(
    r"([A-Za-z]{3})[a-z]*,?\s+(\d{1,2}),?\s+(?:(\d{4})\s+)?(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?"
    r"(?:\s+(\d{4}))?" + _ZONE_PATTERN
)
# "22/08/2002 15:28:10" (qmail-scanner), "2002-08-22T15:28:10Z", "2025-07-21 12:13:56.497 +0000 UTC"
_NUMERIC_DATE: Final = re.compile(
    r"(\d{1,4})[/.-](\d{1,2})[/.-](\d{1,4})[T\s]+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?" + _ZONE_PATTERN
)
# A date at the very end of a header that has no ';' before it.
_TRAILING_DATE: Final = re.compile(
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


# Character codes, as ``ord`` gives them, for the quick reader below (compiled, ``ord(text[i])`` reads
# the character without making a string of it). Final, so that the compiled code holds the numbers
# rather than looking the names up in the module's dictionary.
_SPACE: Final = 32
_TAB: Final = 9
_NEWLINE: Final = 10
_RETURN: Final = 13
_ZERO: Final = 48
_COLON: Final = 58
_PLUS: Final = 43
_MINUS: Final = 45
_COMMA: Final = 44
_OPEN: Final = 40


def _is_space(code: int) -> bool:
    """ASCII whitespace: a part of what ``\\s`` matches (anything else goes the careful way)."""
    return code in (_SPACE, _TAB, _NEWLINE, _RETURN)


def _is_letter(code: int) -> bool:
    return 65 <= code <= 90 or 97 <= code <= 122


def _after_spaces(text: str, at: int, length: int) -> int:
    while at < length and _is_space(ord(text[at])):
        at += 1
    return at


def _two_digits(text: str, at: int, most_tens: int) -> int:
    """The number written by the two ASCII digits at ``at``, the first at most ``most_tens``; else -1."""
    tens, units = ord(text[at]) - _ZERO, ord(text[at + 1]) - _ZERO
    if 0 <= tens <= most_tens and 0 <= units <= 9:
        return tens * 10 + units
    return -1


def _quick_date(text: str) -> tuple[str, int] | None:
    """The usual form, "[Wed,] 18 Sep 2002 18:58:43 +0100 [(IST)]", read a character at a time.

    Exactly what :data:`_COMMON_DATE` and :func:`_day_and_zone` accept and give, for a part of what
    they read: ASCII digits and letters, spaces, tabs and line breaks only, and after the zone the end,
    a space or a "(". Anything else is None, and :func:`_read_date` reads it as before. Compiled, this
    costs a fraction of that match and its groups, cached day and ``int`` calls. The length is checked
    before each field against the shortest rest ("1 Jan 2002 00:00:00 +0000"), so no read is out of range.
    """
    length = len(text)
    at = _after_spaces(text, 0, length)
    if at + 25 > length:
        return None
    code = ord(text[at])
    if _is_letter(code):  # the day of the week: three letters, perhaps a comma, then a space
        if not (_is_letter(ord(text[at + 1])) and _is_letter(ord(text[at + 2]))):
            return None
        at += 3
        if ord(text[at]) == _COMMA:
            at += 1
        if not _is_space(ord(text[at])):
            return None
        at = _after_spaces(text, at, length)
        if at + 25 > length:
            return None
        code = ord(text[at])
    # The day, as [1-9]|[0-2]\d|3[01] reads it.
    day = code - _ZERO
    if not 0 <= day <= 9:
        return None
    units = ord(text[at + 1]) - _ZERO
    if 0 <= units <= 9:
        if day > 3 or (day == 3 and units > 1):
            return None
        day = day * 10 + units
        at += 2
    elif day == 0:
        return None
    else:
        at += 1
    if not _is_space(ord(text[at])):
        return None
    at = _after_spaces(text, at, length)
    if at + 23 > length:  # "Jan 2002 00:00:00 +0000"
        return None
    month = _MONTH_TEXT.get(text[at : at + 3])
    at += 3
    if month is None or not _is_space(ord(text[at])):
        return None
    at = _after_spaces(text, at, length)
    if at + 19 > length:  # "2002 00:00:00 +0000"
        return None
    high, low = _two_digits(text, at, 9), _two_digits(text, at + 2, 9)
    if high < 0 or low < 0 or not _is_space(ord(text[at + 4])):
        return None
    year = high * 100 + low
    at = _after_spaces(text, at + 4, length)
    if at + 14 > length:  # "00:00:00 +0000"
        return None
    hour, minute, second = (
        _two_digits(text, at, 2),
        _two_digits(text, at + 3, 5),
        _two_digits(text, at + 6, 5),
    )
    if (
        hour < 0
        or hour > 23
        or minute < 0
        or second < 0
        or ord(text[at + 2]) != _COLON
        or ord(text[at + 5]) != _COLON
        or not _is_space(ord(text[at + 8]))
    ):
        return None
    at = _after_spaces(text, at + 8, length)
    if at + 5 > length:  # "+0000"
        return None
    sign = ord(text[at])
    zone_hours, zone_minutes = _two_digits(text, at + 1, 9), _two_digits(text, at + 3, 5)
    if sign not in (_PLUS, _MINUS) or zone_hours < 0 or zone_minutes < 0:
        return None
    if at + 5 < length:  # what follows the zone
        code = ord(text[at + 5])
        if not (_is_space(code) or code == _OPEN):
            return None
    # As _day_and_zone: a real day of a year from 1970 to 2999, a zone below 24 hours.
    if not 1970 <= year <= 2999 or day > _DAYS_IN_MONTH[month] or zone_hours > 23:
        return None
    if month == 2 and day == 29 and (year % 4 or (year % 100 == 0 and year % 400)):
        return None
    offset = zone_hours * 60 + zone_minutes
    if offset == 0:
        zone = "+00:00"  # "-0000" too
    elif sign == _MINUS:
        zone = f"-{_TWO_DIGITS[zone_hours]}:{_TWO_DIGITS[zone_minutes]}"
        offset = -offset
    else:
        zone = f"+{_TWO_DIGITS[zone_hours]}:{_TWO_DIGITS[zone_minutes]}"
    epoch = _days_from_civil(year, month, day) * 86400 - offset * 60 + hour * 3600 + minute * 60 + second
    iso = (
        f"{year}-{_TWO_DIGITS[month]}-{_TWO_DIGITS[day]}T{_TWO_DIGITS[hour]}:{_TWO_DIGITS[minute]}:"
        f"{_TWO_DIGITS[second]}{zone}"
    )
    return iso, epoch


def _read_date(text: str) -> tuple[str, int] | None:
    quick = _quick_date(text)
    if quick is not None:
        return quick
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
