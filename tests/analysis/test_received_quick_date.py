"""The quick reader of Received dates (``_quick_date``) gives exactly what the regex reading gives.

``_quick_date`` reads the usual form a character at a time instead of matching ``_COMMON_DATE``; it may
refuse a date (None: the careful readers take it), but whatever it accepts must be read as the match
and ``_day_and_zone`` read it before.
"""

from __future__ import annotations

import random

import pytest

from lapnet.analysis.received.dates import _COMMON_DATE, _day_and_zone, _quick_date, _read_date


def _by_the_match(text: str) -> tuple[str, int] | None:
    """The reading of the usual form as ``_read_date`` did it before the quick reader."""
    match = _COMMON_DATE.match(text)
    if match is None:
        return None
    date = match.group(1, 2, 3, 7, 8, 9)
    day, end = date[0], match.end()
    if not (
        len(day) == 1 or day <= "28" or end == len(text) or not (text[end].isalnum() or text[end] == "_")
    ):
        return None
    parts = _day_and_zone(date)
    if parts is None:
        return None
    prefix, zone, midnight = parts
    hour, minute, second = match.group(4, 5, 6)
    return f"{prefix}{hour}:{minute}:{second}{zone}", midnight + int(hour) * 3600 + int(minute) * 60 + int(
        second
    )


USUAL = [
    " Mon, 22 Jul 2002 11:01:05 +0100 (IST)",
    "Tue, 3 Oct 2002 13:26:08 -0700",
    "    Wed, 28 Aug 2002    11:17:27 +0100",
    " Mon,  9 Sep 2002 15:12:41 -0400 (EDT)",
    "\tThu, 29 Feb 2024 23:59:59 -0000",
    "22 Aug 2002 17:51:43 -0000",
    "Sun 06 Oct 2002 22:53:01 +1345(X)",
    "Fri, 31 Dec 2999 00:00:00 +2359",
    "Thu, 01 Jan 1970 00:00:00 +0000",
    "Mon, 22 JUL 2002 11:01:05 +0100",
    "Mon, 22 jul 2002 11:01:05 +0100\r\n",
]

REFUSED_OR_EQUAL = [
    "Mon, 22 Jul 02 11:01:05 +0100",  # two-digit year
    "Mon, 22 Jul 2002 11:01:05 GMT",  # zone name
    "Mon, 22 Jul 2002 11:01:05 +01:00",
    "Mon, 22 Jul 2002 11:01 +0100",
    "Mon, 30 Jul 2002 11:01:05 +0100x",  # after the 28th, a zone before a letter is left to the others
    "Mon, 12 Jul 2002 11:01:05 +0100x",
    "Mon, 29 Feb 2002 11:01:05 +0100",  # no such day
    "Mon, 31 Apr 2002 11:01:05 +0100",
    "Mon, 00 Apr 2002 11:01:05 +0100",
    "Mon, 0 Apr 2002 11:01:05 +0100",
    "Mon, 32 Apr 2002 11:01:05 +0100",
    "Mon, 22 Jul 1969 11:01:05 +0100",
    "Mon, 22 Jul 2002 24:01:05 +0100",
    "Mon, 22 Jul 2002 11:60:05 +0100",
    "Mon, 22 Jul 2002 11:01:05 +2400",
    "Mon, 22 Jul 2002 11:01:05 +0160",
    "Mon, 22 Jul 2002 11:01:05 +01001",
    "Mon, 22 Jul 2002 11:01:05 +0100.5",
    "Mon, 22 jUl 2002 11:01:05 +0100",
    "Mon, 2\u0662 Jul 2002 11:01:05 +0100",  # an Arabic-Indic digit: \\d matches it
    "Mon,\xa022 Jul 2002 11:01:05 +0100",  # a no-break space: \\s matches it
    "Mond, 22 Jul 2002 11:01:05 +0100",
    "Mon,22 Jul 2002 11:01:05 +0100",
    "Jul, 17 2002 6:46:05 PM -0100",
    "22/08/2002 09:59:40",
    "",
    "   ",
    "1 Jan 2002 00:00:00 +000",
    "1                                   ",
]


@pytest.mark.parametrize("text", USUAL)
def test_the_usual_form_is_read_quickly_as_the_match_reads_it(text: str) -> None:
    quick = _quick_date(text)
    assert quick is not None
    assert quick == _by_the_match(text)
    assert _read_date(text) == quick


@pytest.mark.parametrize("text", REFUSED_OR_EQUAL)
def test_anything_else_is_refused_or_read_the_same(text: str) -> None:
    quick = _quick_date(text)
    if quick is not None:
        assert quick == _by_the_match(text)


def test_mutated_dates_are_refused_or_read_the_same() -> None:
    """Every one-character change of the usual forms (seeded): never a different reading, never an error."""
    rng = random.Random(20261128)
    alphabet = " \t\n\r0123456789:+-.,()_aZxJ\xa0\u0663"
    accepted = 0
    for text in USUAL:
        for _ in range(2000):
            chars = list(text)
            where = rng.randrange(len(chars))
            change = rng.randrange(3)
            if change == 0:
                chars[where] = rng.choice(alphabet)
            elif change == 1:
                del chars[where]
            else:
                chars.insert(where, rng.choice(alphabet))
            mutated = "".join(chars)
            quick = _quick_date(mutated)
            if quick is not None:
                accepted += 1
                assert quick == _by_the_match(mutated), mutated
        for end in range(len(text) + 1):
            quick = _quick_date(text[:end])
            assert quick is None or quick == _by_the_match(text[:end])
    assert accepted > 1000  # the quick reader is really used


def test_generated_dates_are_read_as_the_match_reads_them() -> None:
    rng = random.Random(7)
    weekdays = ["", " ", "Mon, ", "Tue ", "  Wed,\t", "xx "]
    months = ["Jan", "feb", "FEB", "Feb", "fEb", "Xyz", "Dec"]
    tails = ["", " ", "(", "x", "0", ":", ".", " (PDT)"]
    accepted = 0
    for _ in range(20000):
        text = (
            f"{rng.choice(weekdays)}{rng.randrange(0, 40)} {rng.choice(months)} {rng.randrange(1960, 3010)} "
            f"{rng.randrange(0, 26):02d}:{rng.randrange(0, 62):02d}:{rng.randrange(0, 62):02d} "
            f"{rng.choice('+-')}{rng.randrange(0, 2600):04d}{rng.choice(tails)}"
        )
        quick = _quick_date(text)
        if quick is not None:
            accepted += 1
            assert quick == _by_the_match(text), text
    assert accepted > 1000
